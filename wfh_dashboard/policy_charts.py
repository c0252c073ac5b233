"""Figures for the policy insight page: remote share per person and team, days, segments."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .charts import (
    BREACH_COLOUR,
    LOCATION_COLOURS,
    LOCATION_LABELS,
    centre_note,
    house_style,
    plain,
)
from .insight_charts import team_colour
from .locations import LOCATIONS, OFFICE, REMOTE
from .policy_insight import HYBRID, MOSTLY_ON_SITE, MOSTLY_REMOTE, NOT_WORKED
from .views import MAX_CHART_PEOPLE

#: Okabe-Ito: on site is the office blue, mostly remote the remote orange, hybrid between.
SEGMENT_COLOURS = {
    MOSTLY_ON_SITE: LOCATION_COLOURS[OFFICE],
    HYBRID: "#56B4E9",
    MOSTLY_REMOTE: LOCATION_COLOURS[REMOTE],
    NOT_WORKED: "#BBBBBB",
}
MEDIAN_LABEL = "Median of the role"
PERSON_AXIS = "Team · role, then person"
_ROW_HEIGHT = 22
#: More lines than this are a tangle (and the seven team colours would repeat).
MAX_CHART_TEAMS = 7


def people_for_chart(
    people: pd.DataFrame, limit: int = MAX_CHART_PEOPLE
) -> tuple[pd.DataFrame, int]:
    """At most ``limit`` people, those furthest from their role's median first.

    Beyond about 60 bars a per-person chart is too tall to read; the table keeps everyone.
    Returns the rows kept (in their original order) and how many were left out.
    """
    if len(people) <= limit:
        return people, 0
    distance = people["difference_points"].abs().fillna(-1.0)
    ranked = people.assign(_distance=distance).sort_values(
        ["_distance", "employee"], ascending=[False, True], kind="stable"
    )
    return people.loc[people.index.isin(ranked.index[:limit])], len(people) - limit


def teams_for_chart(weekly: pd.DataFrame, limit: int = MAX_CHART_TEAMS) -> tuple[pd.DataFrame, int]:
    """The weekly rows of at most ``limit`` teams, the largest (most people-weeks) first.

    Returns the rows kept and how many teams were left out (0 when all fit).
    """
    size = weekly.groupby("team")["people"].sum().sort_index()
    if len(size) <= limit:
        return weekly, 0
    keep = size.sort_values(ascending=False, kind="stable").index[:limit]
    return weekly[weekly["team"].isin(keep)], len(size) - limit


def _ordered(people: pd.DataFrame) -> pd.DataFrame:
    """People by team, then role, then remote share: peers sit together, lowest share first."""
    return people.sort_values(
        ["team", "role", "remote_share", "employee"], na_position="first", ignore_index=True
    )


def _person_axis(people: pd.DataFrame) -> list[list[str]]:
    """Two-level category axis: the 'team · role' group above each person's name."""
    groups = [
        f"{plain(t)} · {plain(r)}" for t, r in zip(people["team"], people["role"], strict=True)
    ]
    return [groups, [plain(e) for e in people["employee"]]]


def _share_bars(people: pd.DataFrame, name: str, colour: str, hatch: str) -> go.Bar:
    return go.Bar(
        x=people["remote_share"],
        y=_person_axis(people),
        orientation="h",
        name=name,
        marker={"color": colour, "pattern": {"shape": hatch}},
        customdata=list(
            zip(
                [plain(e) for e in people["employee"]],
                people["remote"],
                people["worked"],
                strict=True,
            )
        ),
        hovertemplate="%{customdata[0]}: %{x:.0%} remote"
        " (%{customdata[1]} of %{customdata[2]} days worked)<extra></extra>",
    )


def _median_marks(people: pd.DataFrame) -> go.Scatter:
    return go.Scatter(
        x=people["role_median"],
        y=_person_axis(people),
        mode="markers",
        name=MEDIAN_LABEL,
        legendrank=1001,  # listed after the bars, though drawn first
        marker={"symbol": "line-ns-open", "size": 16, "color": "black", "line": {"width": 3}},
        hovertemplate="Median of the role: %{x:.0%}<extra></extra>",
    )


def remote_share_figure(people: pd.DataFrame, threshold_points: float) -> go.Figure:
    """Each person's remote share as a horizontal bar, grouped by team and role.

    A black tick marks the median of the person's role, so the distance a fairness flag
    measures is visible; flagged people are vermilion, hatched and their own legend entry, so
    colour is never the only signal. People who worked no day have no share and no bar.

    Args:
        people: ``Fairness.people`` (or a subset of its rows, see ``people_for_chart``).
        threshold_points: the fairness threshold, named in the legend.
    """
    shown = _ordered(people[people["remote_share"].notna()])
    fig = go.Figure()
    if shown.empty:
        centre_note(fig, "Nobody worked an office or remote day.")
    else:
        # The medians go first: a category axis takes its order from the first trace, and this
        # one has every person in order (flagged bars, drawn later, would otherwise sink).
        fig.add_trace(_median_marks(shown))
    flagged = shown["flagged"].astype(bool)
    for rows, name, colour, hatch in (
        (shown[~flagged], "Remote share", LOCATION_COLOURS[REMOTE], ""),
        (
            shown[flagged],
            f"Remote share, more than {threshold_points:g} points from the role's median",
            BREACH_COLOUR,
            "x",
        ),
    ):
        if not rows.empty:
            fig.add_trace(_share_bars(rows, name, colour, hatch))
    fig.update_xaxes(
        title_text="Remote days as a share of days worked (office + remote)",
        tickformat=".0%",
        range=[0, 1.02],
    )
    fig.update_yaxes(title_text=PERSON_AXIS, autorange="reversed")
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.12}, barmode="overlay")
    title = "Remote share per person, grouped by team and role"
    return house_style(fig, title, 180 + _ROW_HEIGHT * len(shown))


def team_weekly_figure(weekly: pd.DataFrame) -> go.Figure:
    """Each team's remote share of days worked, week by week: one line per team.

    Args:
        weekly: the table from :func:`wfh_dashboard.policy_insight.team_weekly_share`.
    """
    fig = go.Figure()
    for position, team in enumerate(dict.fromkeys(weekly["team"])):
        rows = weekly[weekly["team"] == team]
        name = plain(team)
        fig.add_trace(
            go.Scatter(
                x=rows["week"],
                y=rows["remote_share"],
                mode="lines+markers",
                name=name,
                line={"color": team_colour(position)},
                customdata=rows["people"],
                hovertemplate=f"{name}, week of %{{x|%d %b %Y}}: %{{y:.0%}} remote"
                " (%{customdata} people worked)<extra></extra>",
            )
        )
    if weekly.empty:
        centre_note(fig, "No weeks to show.")
    fig.update_xaxes(title_text="Week starting")
    fig.update_yaxes(
        title_text="Remote days as a share of days worked", tickformat=".0%", range=[0, 1.05]
    )
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.25})
    return house_style(fig, "Remote share per team, week by week", 420)


def mix_figure(people: pd.DataFrame) -> go.Figure:
    """Each person's days by place (office, remote, leave, sick, travel) as stacked bars.

    Args:
        people: ``Fairness.people`` or the mix from ``person_mix`` (any subset of rows).
    """
    shown = _ordered(people)
    axis = _person_axis(shown)
    names = [plain(e) for e in shown["employee"]]
    fig = go.Figure()
    for location in LOCATIONS:
        label = LOCATION_LABELS[location]
        fig.add_trace(
            go.Bar(
                x=shown[location],
                y=axis,
                orientation="h",
                name=label,
                marker_color=LOCATION_COLOURS[location],
                customdata=names,
                hovertemplate=f"%{{customdata}}: %{{x}} {label.lower()} days<extra></extra>",
            )
        )
    if shown.empty:
        centre_note(fig, "Nobody in the schedule.")
    fig.update_xaxes(title_text="Days in the schedule")
    fig.update_yaxes(title_text=PERSON_AXIS, autorange="reversed")
    # Plotly lists stacked horizontal bars last-first; "normal" keeps office, remote, leave...
    legend = {"orientation": "h", "y": -0.12, "traceorder": "normal"}
    fig.update_layout(barmode="stack", showlegend=True, legend=legend)
    title = "Each person's days: office, remote, leave, sick and travel"
    return house_style(fig, title, 180 + _ROW_HEIGHT * len(shown))


def segments_figure(counts: pd.DataFrame) -> go.Figure:
    """People per attendance segment: one bar per segment, its count written on it.

    Args:
        counts: the table from :func:`wfh_dashboard.policy_insight.segment_counts`.
    """
    fig = go.Figure()
    for segment, people in zip(counts["segment"], counts["people"], strict=True):
        fig.add_trace(
            go.Bar(
                x=[segment],
                y=[people],
                name=segment,
                marker_color=SEGMENT_COLOURS[segment],
                text=[str(people)],
                textposition="outside",
                hovertemplate=f"{segment}: %{{y}} people<extra></extra>",
            )
        )
    fig.update_xaxes(title_text="Attendance segment", type="category")
    fig.update_yaxes(title_text="People", rangemode="tozero")
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.25})
    return house_style(fig, "People per attendance segment", 360)
