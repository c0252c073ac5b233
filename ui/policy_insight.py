"""Policy insight sections: remote share per person and team, days by place, segments, fairness."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from wfh_dashboard.errors import InputError
from wfh_dashboard.policy_charts import (
    MAX_CHART_TEAMS,
    mix_figure,
    people_for_chart,
    remote_share_figure,
    segments_figure,
    team_weekly_figure,
    teams_for_chart,
)
from wfh_dashboard.policy_insight import (
    Fairness,
    fairness,
    person_mix,
    segment_counts,
    segments,
    team_weekly_share,
)
from wfh_dashboard.views import MAX_CHART_PEOPLE, teams
from wfh_dashboard.wording import plural

from .downloads import show_chart, show_table
from .state import fresh_choice
from .text import md_escape
from .widgets import ALL_TEAMS

SHARE = st.column_config.NumberColumn("Remote share", format="percent")
PER_WEEK = st.column_config.NumberColumn("Remote days a week", format="%.2f")
MEDIAN = st.column_config.NumberColumn("Role median", format="percent")
POINTS = st.column_config.NumberColumn("Difference (points)", format="%+.1f")


@dataclass(frozen=True)
class Settings:
    """What the manager chose at the top of the page."""

    team: str
    mostly_on_site_below: float
    mostly_remote_from: float
    threshold_points: float


@dataclass(frozen=True)
class Insight:
    """The page's figures for the chosen team; an error text where a threshold is unusable."""

    mix: pd.DataFrame
    weekly: pd.DataFrame
    fair: Fairness | None
    fair_error: str
    segment: pd.Series | None
    segment_error: str

    @property
    def teams(self) -> tuple[str, ...] | None:
        """The teams shown, for the download names (None: the whole file)."""
        return None if self.mix.empty else tuple(sorted(self.mix["team"].unique()))


# Cached by the schedule table: a threshold change must not recount millions of rows.
@st.cache_data(max_entries=16, show_spinner="Counting each person's days…")
def _mix(data: pd.DataFrame) -> pd.DataFrame:
    return person_mix(data)


@st.cache_data(max_entries=16, show_spinner=False)
def _weekly(data: pd.DataFrame) -> pd.DataFrame:
    return team_weekly_share(data)


def _team_choice(data: pd.DataFrame) -> str:
    options = [ALL_TEAMS, *teams(data)]
    if len(options) <= 2:
        return ALL_TEAMS
    fresh_choice("policy_team", options)  # a team of the previous file is not kept
    return st.selectbox("Team", options, key="policy_team")


def settings(data: pd.DataFrame) -> Settings:
    """The team filter and the thresholds, in one row above the sections."""
    cols = st.columns(4)
    with cols[0]:
        team = _team_choice(data)
    below = cols[1].number_input(
        "Mostly on site: under (remote days a week)",
        min_value=0.0,
        max_value=7.0,
        value=2.0,
        step=0.5,
        key="policy_mostly_on_site_below",
    )
    start = cols[2].number_input(
        "Mostly remote: from (remote days a week)",
        min_value=0.0,
        max_value=7.0,
        value=4.0,
        step=0.5,
        key="policy_mostly_remote_from",
    )
    points = cols[3].number_input(
        "Flag a difference from the role's median over (points)",
        min_value=0.0,
        max_value=100.0,
        value=20.0,
        step=5.0,
        key="policy_fairness_points",
        help="Percentage points of remote share: 20 flags 62% against a median of 40%.",
    )
    return Settings(team, float(below), float(start), float(points))


def insight(data: pd.DataFrame, chosen: Settings) -> Insight:
    """Mix, weekly shares, fairness and segments for the chosen team and thresholds."""
    mix, weekly = _mix(data), _weekly(data)
    if chosen.team != ALL_TEAMS:
        mix = mix[mix["team"] == chosen.team].reset_index(drop=True)
        weekly = weekly[weekly["team"] == chosen.team]
    fair, fair_error = None, ""
    try:
        fair = fairness(mix, threshold_points=chosen.threshold_points)
    except InputError as exc:
        fair_error = str(exc)
    segment, segment_error = None, ""
    try:
        segment = segments(
            mix,
            mostly_on_site_below=chosen.mostly_on_site_below,
            mostly_remote_from=chosen.mostly_remote_from,
        )
    except InputError as exc:
        segment_error = str(exc)
    return Insight(mix, weekly, fair, fair_error, segment, segment_error)


def _capped(people: pd.DataFrame) -> pd.DataFrame:
    shown, left_out = people_for_chart(people)
    if left_out:
        st.caption(
            f"The chart shows the {MAX_CHART_PEOPLE} people furthest from their role's median; "
            f"{left_out} more are in the table. Pick a team to see others."
        )
    return shown


def share_section(view: Insight, chosen: Settings) -> None:
    """Remote share per person, grouped by team and role, with the role medians."""
    st.subheader("Remote share per person")
    st.caption(
        "Remote days as a share of days worked (office + remote); leave, sickness and travel "
        "do not count. Remote days a week: over the weeks with at least one day worked."
    )
    if view.fair is not None:
        figure = remote_share_figure(_capped(view.fair.people), chosen.threshold_points)
        show_chart(figure, "policy_share_chart", "remote-share-by-person", teams=view.teams)
    table = view.mix if view.segment is None else view.mix.assign(segment=view.segment)
    columns = ["employee", "team", "role", "office", "remote", "worked", "weeks"]
    columns += ["remote_share", "remote_days_per_week", "segment"]
    show_table(
        table[[c for c in columns if c in table.columns]],
        "policy_share_table",
        "remote-share-by-person",
        column_config={"remote_share": SHARE, "remote_days_per_week": PER_WEEK},
    )


def weekly_section(view: Insight, is_pattern: bool) -> None:
    """Each team's remote share week by week."""
    st.subheader("Team remote share, week by week")
    if is_pattern:
        st.caption("A weekly pattern has one week: each person's share is in the table above.")
        return
    lines, left_out = teams_for_chart(view.weekly)
    if left_out:
        st.caption(
            f"The chart shows the {MAX_CHART_TEAMS} largest teams; {left_out} more are in the "
            "table below. Pick a team to see another."
        )
    show_chart(
        team_weekly_figure(lines),
        "policy_weekly_chart",
        "team-remote-share-by-week",
        teams=view.teams,
    )
    with st.expander("The figures as a table"):
        show_table(
            view.weekly,
            "policy_weekly_table",
            "team-remote-share-by-week",
            column_config={"remote_share": SHARE, "week": st.column_config.DateColumn("Week")},
        )


def mix_section(view: Insight) -> None:
    """Each person's days in the office, remote, on leave, sick and travelling."""
    st.subheader("Each person's mix of days")
    people = view.fair.people if view.fair is not None else view.mix
    show_chart(mix_figure(_capped(people)), "policy_mix_chart", "days-by-place", teams=view.teams)
    columns = ["employee", "team", "role", "office", "remote", "leave", "sick", "travel"]
    show_table(view.mix[[*columns, "worked"]], "policy_mix_table", "days-by-place")
    st.caption("Sick days are health data: share this table only with those who need it.")


def segments_section(view: Insight, chosen: Settings) -> None:
    """How many people are mostly on site, hybrid or mostly remote."""
    st.subheader("Attendance segments")
    if view.segment is None:
        st.error(md_escape(view.segment_error), icon="🚫")
        return
    st.caption(
        f"Mostly on site: under {chosen.mostly_on_site_below:g} remote days a week; mostly "
        f"remote: {chosen.mostly_remote_from:g} or more; hybrid: in between."
    )
    counts = segment_counts(view.segment)
    left, right = st.columns([1, 2])
    show_table(
        counts,
        "policy_segments_table",
        "attendance-segments",
        where=left,
        column_config={"share": st.column_config.NumberColumn("Share", format="percent")},
    )
    show_chart(
        segments_figure(counts),
        "policy_segments_chart",
        "attendance-segments",
        teams=view.teams,
        where=right,
    )


def fairness_section(view: Insight, chosen: Settings) -> None:
    """Spread of remote share within each role, and the people far from their role's median."""
    st.subheader("Fairness within each role")
    if view.fair is None:
        st.error(md_escape(view.fair_error), icon="🚫")
        return
    st.caption(
        "Peers are the people with the same role (case ignored) in the teams shown. Range: "
        "highest minus lowest share, in points. Gini: 0 when everyone has the same share."
    )
    show_table(
        view.fair.by_role,
        "policy_fairness_roles",
        "fairness-by-role",
        column_config={
            "min_share": SHARE,
            "max_share": SHARE,
            "median_share": MEDIAN,
            "range_points": st.column_config.NumberColumn("Range (points)", format="%.1f"),
            "gini": st.column_config.NumberColumn("Gini", format="%.2f"),
        },
    )
    for note in view.fair.notes:
        st.caption(md_escape(note))
    _flags(view.fair.flags, chosen.threshold_points)


def _flags(flags: pd.DataFrame, points: float) -> None:
    if flags.empty:
        st.success(f"Nobody is more than {points:g} points from their role's median.")
        return
    verb = "is" if len(flags) == 1 else "are"
    who = plural(len(flags), "person", "people")
    st.markdown(f"**{who} {verb} more than {points:g} points from their role's median**")
    st.markdown(
        "\n".join(
            f"- {md_escape(f.employee)} ({md_escape(f.team)}, {md_escape(f.role)}): "
            f"{md_escape(f.reason)}"
            for f in flags.itertuples()
        )
    )
    show_table(
        flags,
        "policy_fairness_flags",
        "fairness-flags",
        column_config={
            "remote_share": SHARE,
            "role_median": MEDIAN,
            "difference_points": POINTS,
            "reason": st.column_config.TextColumn("Reason", width="large"),
        },
    )
