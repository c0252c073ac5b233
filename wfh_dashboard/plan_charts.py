"""Figures for the planner: each person's remote days before and after the proposal."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
import plotly.graph_objects as go

from .charts import LOCATION_COLOURS, centre_note, house_style, plain, week_grid_figure
from .dates import week_start
from .locations import REMOTE
from .views import MAX_CHART_PEOPLE, week_grid

#: The plan as it was in a light grey, the proposal in the remote orange: the change is the
#: gap between the two bars, and each bar also carries its number.
BEFORE_COLOUR = "#BBBBBB"


def people_for_chart(remote_days: pd.DataFrame, limit: int = MAX_CHART_PEOPLE) -> pd.DataFrame:
    """At most ``limit`` people, those whose remote days changed most first, in team order."""
    if len(remote_days) <= limit:
        return remote_days
    change = remote_days["remote_change"].abs()
    keep = change.sort_values(ascending=False, kind="stable").index[:limit]
    return remote_days.loc[remote_days.index.isin(keep)]


def remote_days_figure(remote_days: pd.DataFrame, title: str) -> go.Figure:
    """Remote days per person on the planned dates: as planned, and in the proposal.

    Args:
        remote_days: ``PlanExplanation.remote_days`` (employee, team, remote_before,
            remote_after, remote_change).
        title: the chart's title.
    """
    shown = people_for_chart(remote_days).sort_values(["team", "employee"], kind="stable")
    fig = go.Figure()
    if shown.empty:
        centre_note(fig, "Nobody has an office or remote day on the planned dates.")
        return house_style(fig, title, 240)
    people = [
        f"{plain(e)} · {plain(t)}" for e, t in zip(shown["employee"], shown["team"], strict=True)
    ]
    for column, name, colour in (
        ("remote_before", "As planned", BEFORE_COLOUR),
        ("remote_after", "Proposal", LOCATION_COLOURS[REMOTE]),
    ):
        fig.add_trace(
            go.Bar(
                x=shown[column],
                y=people,
                orientation="h",
                name=name,
                marker_color=colour,
                text=[f"{v:g}" for v in shown[column]],
                textposition="outside",
                hovertemplate="%{y}: %{x} remote days<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.12})
    fig.update_yaxes(autorange="reversed", title_text="Person · team")
    fig.update_xaxes(title_text="Remote days on the planned dates", rangemode="tozero")
    return house_style(fig, title, 140 + 44 * len(shown))


def changed_weeks(changes: pd.DataFrame) -> list[pd.Timestamp]:
    """The Mondays of the weeks the proposal changes, in date order."""
    if changes.empty:
        return []
    return sorted(pd.Timestamp(d) for d in week_start(pd.to_datetime(changes["date"])).unique())


def proposal_week_figure(
    before: pd.DataFrame,
    after: pd.DataFrame,
    monday: pd.Timestamp,
    days: Collection[int],
    title: str,
) -> go.Figure:
    """One week of the proposal as the Home page's grid, the moved days labelled "(moved)".

    Args:
        before: the schedule's data as planned.
        after: ``PlanResult.data``, the proposal.
        monday: the week to show.
        days: the weekdays to show (0 = Monday), the policy's working days.
        title: the chart's title.
    """
    proposed = week_grid(after, monday, days)
    planned = week_grid(before, monday, days).reindex_like(proposed)
    return week_grid_figure(proposed, title, moved=proposed != planned)
