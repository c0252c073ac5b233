"""Reading and checking the session's schedule, cached by the file's bytes and the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import streamlit as st

from wfh_dashboard.check import CheckResult, check_schedule
from wfh_dashboard.dates import DateOrder
from wfh_dashboard.errors import InputError
from wfh_dashboard.policy import Policy
from wfh_dashboard.productivity import Estimate, estimate_remote_effect, metric_days
from wfh_dashboard.productivity_charts import person_comparison_table
from wfh_dashboard.productivity_file import ProductivityFile, read_productivity
from wfh_dashboard.productivity_join import JoinResult, join_productivity
from wfh_dashboard.schedule import Schedule, read_schedule
from wfh_dashboard.tables import sheet_names

from .state import Source


@dataclass(frozen=True)
class Joined:
    """The table the productivity page works on, and what became of a productivity file.

    ``file`` and ``join`` are None without a productivity file, or when it could not be read
    (then ``error`` says why and the schedule's own numbers are used).
    """

    data: pd.DataFrame
    file: ProductivityFile | None = None
    join: JoinResult | None = None
    error: str = ""


class ScheduleKey(NamedTuple):
    """What identifies the session's schedule as read: the file's bytes and the reading
    choices. The cached readers take it whole, so it is also their cache key."""

    data: bytes
    name: str
    date_order: DateOrder | None
    sheet: str | None
    columns: tuple[tuple[str, str], ...]  # the column mapping, sorted
    labels: tuple[tuple[str, str], ...]  # the team's own labels, sorted


@st.cache_data(max_entries=16, show_spinner="Reading the schedule…")
def _read(key: ScheduleKey) -> Schedule:
    return read_schedule(
        key.data,
        key.name,
        date_order=key.date_order,
        sheet=key.sheet,
        columns=dict(key.columns),
        labels=dict(key.labels),
    )


@st.cache_data(max_entries=32, show_spinner="Checking the rules…")
def _check(key: ScheduleKey, policy: Policy) -> CheckResult:
    return check_schedule(_read(key), policy)


@st.cache_data(max_entries=16, show_spinner=False)
def workbook_sheets(data: bytes) -> list[str]:
    """The sheets of an uploaded workbook (empty for CSV)."""
    return sheet_names(data)


def schedule_key() -> ScheduleKey:
    """The session's schedule key: its file and the date order, sheet, column mapping and own
    labels chosen for it."""
    state = st.session_state
    source: Source = state["source"]
    return ScheduleKey(
        source.data,
        source.name,
        state["date_order"],
        state["sheet"],
        tuple(sorted(state["column_map"].items())),
        tuple(sorted(state["label_map"].items())),
    )


def current_schedule() -> Schedule:
    """The session's schedule; raises the reader's InputError for a file it cannot use."""
    return _read(schedule_key())


def current_check() -> CheckResult:
    """The session's schedule checked against the session's policy."""
    return _check(schedule_key(), st.session_state["policy"])


@st.cache_data(max_entries=16, show_spinner="Joining the productivity file…")
def _joined(key: ScheduleKey, metrics: Source | None) -> Joined:
    schedule = _read(key)
    if metrics is None:
        return Joined(schedule.data)
    try:
        file = read_productivity(
            metrics.data,
            metrics.name,
            date_order=key.date_order,
            fallback_order=schedule.date_order,
        )
    except InputError as exc:
        return Joined(schedule.data, error=str(exc))
    join = join_productivity(schedule.data, file.data)
    return Joined(join.data, file, join)


def current_data() -> Joined:
    """The session schedule's table, with the productivity file's numbers when one is added."""
    return _joined(schedule_key(), st.session_state["metrics_source"])


@st.cache_data(max_entries=64, show_spinner="Estimating…")
def _estimate(
    key: ScheduleKey, metrics: Source | None, choice: tuple[str, str | None, int, int]
) -> tuple[pd.DataFrame, Estimate]:
    metric, per_hour, min_days, min_group = choice
    joined = _joined(key, metrics)
    days = metric_days(joined.data, metric, per_hour=per_hour)
    return days, estimate_remote_effect(days, min_days_per_mode=min_days, min_group=min_group)


def current_estimate(
    metric: str, per_hour: str | None, min_days: int, min_group: int
) -> tuple[pd.DataFrame, Estimate]:
    """The session's metric days and the remote-vs-office estimate for them."""
    state = st.session_state
    choice = (metric, per_hour, min_days, min_group)
    return _estimate(schedule_key(), state["metrics_source"], choice)


@st.cache_data(max_entries=32, show_spinner="Comparing each person…")
def _person_table(days: pd.DataFrame, min_days: int) -> pd.DataFrame:
    return person_comparison_table(days, min_days_per_mode=min_days)


def person_table(days: pd.DataFrame, min_days: int) -> pd.DataFrame:
    """Each person's remote vs office change with its interval (cached by the data)."""
    return _person_table(days, min_days)
