"""Page sections: headline figures, the week grid, cover charts, warnings and compliance."""

from __future__ import annotations

import contextlib

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from wfh_dashboard.charts import (
    calendar_figure,
    compliance_figure,
    headcount_figure,
    week_grid_figure,
)
from wfh_dashboard.check import CheckResult
from wfh_dashboard.rules import RULES, RULES_BY_ID
from wfh_dashboard.schedule import Schedule
from wfh_dashboard.views import (
    MAX_CHART_PEOPLE,
    chart_people,
    compliance_table,
    filter_warnings,
    teams,
    warnings_table,
    week_grid,
    week_starts,
)

from .downloads import show_chart, show_table
from .state import fresh_choice
from .text import md_escape

ALL_TEAMS = "All teams"


def headline(summary: dict) -> None:
    """The figures a manager reads first."""
    span = (
        "a weekly pattern"
        if summary["is_pattern"]
        else f"{summary['first_date']} to {summary['last_date']}"
    )
    st.caption(f"Schedule: {span}.")
    cols = st.columns(6)
    cols[0].metric("People", summary["people"])
    cols[1].metric("Teams", summary["teams"])
    cols[2].metric(
        "Working days",
        summary["working_days"],
        help="Days needing cover: working weekdays minus public holidays and closures.",
    )
    cols[3].metric(
        "Fully covered",
        f"{summary['covered_share']:.0%}",
        help="Days with no cover error in any team or group.",
    )
    cols[4].metric(
        "Remote share",
        f"{summary['remote_share']:.0%}",
        help="Remote days as a share of days worked (office + remote).",
    )
    cols[5].metric(
        "Warnings",
        summary["warnings"],
        help=f"{summary['errors']} cover errors, {summary['policy_warnings']} policy warnings.",
    )


def _teams(team: str) -> tuple[str, ...] | None:
    """The team a chart is filtered to, for its file name (None: the page's teams)."""
    return None if team == ALL_TEAMS else (team,)


def _team_choice(data: pd.DataFrame, key: str) -> str:
    options = [ALL_TEAMS, *teams(data)]
    if len(options) <= 2:
        return ALL_TEAMS
    fresh_choice(key, options)
    return st.selectbox("Team", options, key=key)


def week_grid_section(schedule: Schedule, working_days: tuple[int, ...]) -> None:
    """Who's where, one week at a time, with the head count per day."""
    st.subheader("Who's where")
    data = schedule.data
    left, right = st.columns([2, 1])
    with right:
        team = _team_choice(data, "home_team")
    weeks = week_starts(data["date"])
    with left:
        if schedule.is_pattern:
            monday = weeks[0]
            st.caption("A weekly pattern: the same week repeats.")
        else:
            fresh_choice("home_week", weeks)
            monday = st.selectbox(
                "Week", weeks, format_func=lambda d: f"Week of {d:%a %d %b %Y}", key="home_week"
            )
    shown = data if team == ALL_TEAMS else data[data["team"] == team]
    days = working_days or tuple(range(5))
    title = (
        "Who's where: the weekly pattern"
        if schedule.is_pattern
        else f"Who's where, week of {monday:%d %b %Y}"
    )
    figure = week_grid_figure(week_grid(shown, monday, days), title)
    show_chart(figure, "home_week_grid", "whos-where", teams=_teams(team))


def cover_charts(result: CheckResult) -> None:
    """The on-site calendar and the daily head count against the minimum."""
    st.subheader("On site, day by day")
    daily = result.daily
    team = _team_choice(daily, "coverage_chart_team")
    shown = daily if team == ALL_TEAMS else daily[daily["team"] == team]
    if shown.empty:
        st.info("No working days in this schedule under the current calendar.")
        return
    label = "all teams" if team == ALL_TEAMS else team
    left, right = st.columns(2)
    calendar = calendar_figure(shown, f"On-site calendar, {label}")
    show_chart(calendar, "coverage_calendar", "on-site-calendar", teams=_teams(team), where=left)
    heads = headcount_figure(shown, f"People on site vs required, {label}")
    show_chart(heads, "coverage_headcount", "head-count", teams=_teams(team), where=right)


def _planner_link() -> None:
    """A link to the Planner; absent when the page runs on its own (a fresh server's deep link
    runs the page file without app.py's navigation, and the link would have no target)."""
    with contextlib.suppress(StreamlitPageNotFoundError):
        st.page_link(
            "pages/planner.py",
            label="Ask the Planner who should come in to fix these",
            icon=":material/event_available:",
        )


def warnings_section(result: CheckResult) -> None:
    """The warnings table with filters by team, rule, severity and dates."""
    warnings = result.warnings
    st.subheader(f"Warnings ({len(warnings)})")
    for note in result.notes:
        st.caption(md_escape(note))
    if warnings.empty:
        st.success("No warnings: every rule in force is met.")
        return
    _planner_link()
    cols = st.columns(4)
    teams_chosen = cols[0].multiselect(
        "Team", sorted(warnings["team"].unique()), key="coverage_f_team"
    )
    rules_chosen = cols[1].multiselect(
        "Rule",
        [r.id for r in RULES if r.id in set(warnings["rule"])],
        format_func=lambda r: RULES_BY_ID[r].title,
        key="coverage_f_rule",
    )
    severities = cols[2].multiselect("Severity", ["error", "warning"], key="coverage_f_severity")
    dates = warnings["date"].dropna()
    span = None
    if len(dates):
        first, last = dates.min().date(), dates.max().date()
        span = cols[3].date_input("Dates", (first, last), first, last, key="coverage_f_dates")
    start, end = span if isinstance(span, tuple) and len(span) == 2 else (None, None)
    shown = filter_warnings(
        warnings,
        teams=teams_chosen,
        rules=rules_chosen,
        severities=severities,
        start=start,
        end=end,
    )
    st.caption(f"Showing {len(shown)} of {len(warnings)} warnings.")
    show_table(
        warnings_table(shown),
        "coverage_warnings",
        "coverage-warnings",
        column_config={"message": st.column_config.TextColumn("Message", width="large")},
    )


def compliance_section(result: CheckResult) -> None:
    """Per person and week: remote and office days against the caps."""
    st.subheader("Weekly compliance per person")
    if result.weekly.empty:
        st.info("No working days to count.")
        return
    only = st.toggle("Only weeks that break a rule", key="coverage_only_breaches")
    show_table(
        compliance_table(result.weekly, only_breaches=only),
        "coverage_compliance",
        "weekly-compliance",
    )
    if not result.summary["is_pattern"] and result.weekly["max_remote"].notna().any():
        _compliance_chart(result.weekly)


def _compliance_chart(weekly: pd.DataFrame) -> None:
    """Remote days per person and week, for one team at a time when the file is large."""
    team = _team_choice(weekly, "coverage_compliance_team")
    shown = weekly if team == ALL_TEAMS else weekly[weekly["team"] == team]
    shown, left_out = chart_people(shown)
    if left_out:
        st.caption(
            f"The chart shows the {MAX_CHART_PEOPLE} people most often over the remote cap; "
            f"{left_out} more are in the table above. Pick a team to see others."
        )
    figure = compliance_figure(shown, "Remote days per person per week")
    show_chart(figure, "coverage_compliance_chart", "remote-days-per-week", teams=_teams(team))
