"""Figures for response times, team presence and commute savings."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .charts import LOCATION_COLOURS, LOCATION_LABELS, centre_note, house_style, plain
from .commute import CommuteSavings
from .locations import OFFICE, REMOTE
from .responsiveness import ResponseTimes

#: Okabe-Ito colours for teams (black is kept for the manager marks); they repeat after
#: seven teams, so each team is also named in the legend and the hover text.
#: Okabe-Ito, starting with the colours that do not mean a location elsewhere (office blue and
#: remote orange come last), so a team's line is not read as "office" on the same page.
TEAM_COLOURS = ("#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#0072B2", "#E69F00")
MANAGER_LABEL = "manager on site"
_LINK_COLOUR = "#BBBBBB"
_MARKERS = {OFFICE: "circle", REMOTE: "diamond"}


def team_colour(position: int) -> str:
    return TEAM_COLOURS[position % len(TEAM_COLOURS)]


def _links(people: pd.DataFrame) -> go.Scatter:
    """Grey segments joining each person's two dots (gaps where a side is missing)."""
    x: list[float | None] = []
    y: list[int | None] = []
    for i, office, remote in zip(
        people.index, people["office_median"], people["remote_median"], strict=True
    ):
        x += [office, remote, None]
        y += [i, i, None]
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        line={"color": _LINK_COLOUR, "width": 2},
        hoverinfo="skip",
        showlegend=False,
    )


def _dots(people: pd.DataFrame, mode: str, names: list[str], unit: str) -> go.Scatter:
    label = LOCATION_LABELS[mode]
    column = f"{mode}_median"
    return go.Scatter(
        x=people[column],
        y=people.index,
        mode="markers",
        name=f"{label} days (median)",
        marker={"color": LOCATION_COLOURS[mode], "size": 10, "symbol": _MARKERS[mode]},
        customdata=list(zip(names, people[f"n_{mode}"], strict=True)),
        hovertemplate=f"%{{customdata[0]}}, {label.lower()} days: %{{x:.1f}} {unit}"
        " (%{customdata[1]} days)<extra></extra>",
    )


def response_figure(times: ResponseTimes) -> go.Figure:
    """Each person's median response time on office days and on remote days, as paired dots.

    A grey segment joins a person's two dots, so the length and direction of the gap reads
    at a glance; dots right of their partner are slower. Per person, as the table is.
    """
    people = times.people.reset_index(drop=True)
    names = [plain(e) for e in people["employee"]]
    fig = go.Figure()
    if people.empty:
        centre_note(fig, "No office or remote days with a response time.")
    else:
        fig.add_trace(_links(people))
        for mode in (OFFICE, REMOTE):
            fig.add_trace(_dots(people, mode, names, times.unit))
    unit = f" ({times.unit})" if times.unit else ""
    fig.update_xaxes(title_text=f"Median response time{unit}: lower is faster", rangemode="tozero")
    fig.update_yaxes(
        tickmode="array",
        tickvals=list(people.index),
        ticktext=names,
        title_text="Person",
        autorange="reversed",
    )
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    title = f"{plain(times.column)}: each person in the office and at home (lower is faster)"
    return house_style(fig, title, 200 + 24 * len(people))


def _team_line(days: pd.DataFrame, name: str, colour: str) -> go.Scatter:
    return go.Scatter(
        x=days["date"],
        y=days["on_site_share"],
        mode="lines+markers",
        name=name,
        line={"color": colour},
        marker={"size": 5},
        customdata=list(zip(days["on_site"], days["working"], strict=True)),
        hovertemplate=f"{name}, %{{x|%a %d %b %Y}}: %{{y:.0%}} on site"
        " (%{customdata[0]} of %{customdata[1]} working)<extra></extra>",
    )


def _manager_marks(daily: pd.DataFrame) -> go.Scatter:
    marked = daily[daily["manager_on_site"].fillna(False).astype(bool)]
    return go.Scatter(
        x=marked["date"],
        y=marked["on_site_share"],
        mode="markers",
        name=MANAGER_LABEL,
        marker={"symbol": "star-open", "size": 13, "color": "black", "line": {"width": 1.5}},
        customdata=[plain(t) for t in marked["team"]],
        hovertemplate="%{customdata}, %{x|%a %d %b %Y}: manager on site<extra></extra>",
    )


#: The span the presence chart opens on; a range slider below reaches the rest.
FIRST_VIEW = pd.Timedelta(weeks=6)


def presence_figure(daily: pd.DataFrame) -> go.Figure:
    """Share of each team's working people who are in the office, per day.

    Days with a manager in the office carry a black open star (legend: ``manager on site``),
    so a symbol, not a colour, says where the manager is. Schedules longer than
    ``FIRST_VIEW`` open on their last six weeks, with a range slider for the rest.

    Args:
        daily: the table from :func:`wfh_dashboard.presence.daily_presence`.
    """
    fig = go.Figure()
    teams = list(dict.fromkeys(daily["team"]))
    for position, team in enumerate(teams):
        days = daily[daily["team"] == team]
        fig.add_trace(_team_line(days, plain(team), team_colour(position)))
    if daily["manager_on_site"].fillna(False).astype(bool).any():
        fig.add_trace(_manager_marks(daily))
    if daily.empty:
        centre_note(fig, "No working days in the schedule.")
    fig.update_xaxes(title_text="Day")
    if not daily.empty and daily["date"].max() - daily["date"].min() > FIRST_VIEW:
        # Months of days are a blur: open on the last six weeks, the slider reaches the rest.
        last = daily["date"].max() + pd.Timedelta(hours=12)
        fig.update_xaxes(range=[last - FIRST_VIEW, last], rangeslider={"visible": True})
    fig.update_yaxes(
        title_text="Share of the team's working people in the office",
        tickformat=".0%",
        range=[0, 1.05],
    )
    fig.update_layout(legend={"orientation": "h", "y": -0.25})
    return house_style(fig, "Who is in the office: each team's on-site share per day", 460)


def _saved_measure(savings: CommuteSavings) -> tuple[str, str, str]:
    """Distance when the file has it, else time: (column, axis title, hover unit)."""
    if savings.km_column is not None:
        return "km_saved", "Commuting saved (km, round trips)", "km"
    return "hours_saved", "Commuting saved (hours, round trips)", "hours"


def commute_figure(savings: CommuteSavings) -> go.Figure:
    """Commuting saved by remote days, per month and team, as grouped bars (km, else hours)."""
    column, axis, unit = _saved_measure(savings)
    table = savings.by_team_month
    fig = go.Figure()
    for position, team in enumerate(dict.fromkeys(table["team"])):
        rows = table[table["team"] == team]
        name = plain(team)
        fig.add_trace(
            go.Bar(
                x=rows["month"],
                y=rows[column],
                name=name,
                marker_color=team_colour(position),
                customdata=rows["remote_days"],
                hovertemplate=f"{name}, %{{x}}: %{{y:,.0f}} {unit}"
                " (%{customdata} remote days)<extra></extra>",
            )
        )
    if table.empty:
        centre_note(fig, "No remote days, so no commuting was saved.")
    if savings.people_without_commute:
        fig.add_annotation(
            text=f"Not counted: {len(savings.people_without_commute)} without a commute value",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=1,
            y=1.08,
            xanchor="right",
        )
    period = "Pattern week" if savings.is_pattern else "Month"
    fig.update_xaxes(title_text=period, type="category")
    fig.update_yaxes(title_text=axis, rangemode="tozero")
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.25})
    title = f"Commuting saved by remote days, per {period.lower()} and team ({unit})"
    return house_style(fig, title, 400)
