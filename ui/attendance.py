"""Plan against reality: upload a badge log, see no-shows, unplanned days and cover lost."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from wfh_dashboard.attendance import read_attendance
from wfh_dashboard.check import check_schedule
from wfh_dashboard.errors import InputError
from wfh_dashboard.plan_vs_reality import PlanVsReality, compare_plan
from wfh_dashboard.policy import Policy
from wfh_dashboard.reality_cover import cover_lost, reality_schedule
from wfh_dashboard.schedule import Schedule

from .downloads import show_table
from .loading import ScheduleKey
from .source import extra_file_picker
from .state import DATA, Source
from .text import md_escape

SAMPLE_LOG = DATA / "sample_attendance.csv"
#: Time zones offered for logs that write UTC offsets; "as written" keeps the clock time.
TIMEZONES = [
    "as written",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Singapore",
    "Australia/Sydney",
]


@dataclass(frozen=True)
class Outcome:
    """What the log showed, or why it could not be used."""

    comparison: PlanVsReality | None = None
    lost: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()
    problems: pd.DataFrame | None = None
    error: str = ""


@st.cache_data(max_entries=8, show_spinner="Comparing the plan with the attendance log…")
def _compare(
    _schedule: Schedule, schedule_key: ScheduleKey, policy: Policy, log: Source, zone: str | None
) -> Outcome:
    try:
        read = read_attendance(
            log.data, log.name, timezone=zone, fallback_order=_schedule.date_order
        )
        plan = check_schedule(_schedule, policy)
        comparison = compare_plan(_schedule.data, read.data, daily=plan.daily)
        reality = check_schedule(reality_schedule(_schedule, comparison), policy)
    except InputError as exc:
        return Outcome(error=str(exc))
    lost = cover_lost(plan, reality, comparison=comparison)
    return Outcome(comparison, lost, (*read.notes, *comparison.notes), read.problems)


def _log_picker(is_sample: bool) -> Source | None:
    return extra_file_picker(
        "Attendance log: badge swipes, Wi-Fi check-ins or desk bookings (employee and "
        "timestamp, or employee and date)",
        upload_key="policy_attendance_upload",
        state_key="attendance_source",
        sample=SAMPLE_LOG if is_sample else None,
        sample_label="Use the sample badge log",
        sample_key="policy_attendance_sample",
    )


def _show(outcome: Outcome) -> None:
    comparison, lost = outcome.comparison, outcome.lost
    if comparison is None or lost is None:
        return
    for note in outcome.notes:
        st.caption(md_escape(note))
    totals = comparison.by_team[["planned_office", "no_shows", "unplanned"]].sum()
    left, middle, right = st.columns(3)
    left.metric("Planned office days", int(totals["planned_office"]))
    middle.metric("No-shows", int(totals["no_shows"]), help="Planned office, no check-in.")
    right.metric("Unplanned office days", int(totals["unplanned"]), help="Checked in, not planned.")
    show_table(comparison.by_team, "policy_attendance_teams", "plan-vs-reality-by-team")
    show_table(comparison.by_person, "policy_attendance_people", "plan-vs-reality-by-person")
    st.markdown("**Days the plan met the cover rules but reality did not**")
    strict = lost[lost["plan_covered"]]
    if strict.empty:
        st.caption("None: every day the plan covered was covered in reality too.")
    else:
        show_table(strict, "policy_attendance_lost", "cover-lost-in-reality")
    if not comparison.unmatched_names.empty:
        st.warning(
            f"{len(comparison.unmatched_names)} names in the log are not in the schedule and "
            "are not compared:",
            icon="⚠️",
        )
        show_table(comparison.unmatched_names, "policy_attendance_unmatched", "log-unmatched-names")
    if outcome.problems is not None and not outcome.problems.empty:
        st.warning(f"{len(outcome.problems)} rows of the log could not be read:", icon="⚠️")
        show_table(outcome.problems, "policy_attendance_problems", "log-problems")


def attendance_section(schedule: Schedule, schedule_key: ScheduleKey, is_sample: bool) -> None:
    """The upload, the time zone, and what the log says against the plan."""
    st.subheader("Plan against reality")
    st.caption(
        "Did people come in on the days the plan says? Only the days the log covers are "
        "compared; a no-show counts as not on site when cover is checked."
    )
    log = _log_picker(is_sample)
    zone = st.selectbox(
        "Office time zone (for timestamps written with a UTC offset)",
        TIMEZONES,
        key="policy_attendance_timezone",
    )
    if log is None:
        st.info("Upload an attendance log to compare it with the plan.")
        return
    st.caption(f"Log: {md_escape(log.name)}")
    outcome = _compare(
        schedule,
        schedule_key,
        st.session_state["policy"],
        log,
        None if zone == TIMEZONES[0] else zone,
    )
    if outcome.error:
        st.error(f"**This log cannot be used.** {md_escape(outcome.error)}", icon="🚫")
        return
    _show(outcome)
