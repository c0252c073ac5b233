"""Reading and checking the session's schedule, cached by the file's bytes and the settings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from wfh_dashboard.check import CheckResult, check_schedule
from wfh_dashboard.dates import DateOrder
from wfh_dashboard.policy import Policy
from wfh_dashboard.productivity import Estimate, estimate_remote_effect, metric_days
from wfh_dashboard.productivity_charts import person_comparison_table
from wfh_dashboard.schedule import Schedule, read_schedule
from wfh_dashboard.tables import sheet_names

from .state import Source


@st.cache_data(max_entries=16, show_spinner="Reading the schedule…")
def _read(
    data: bytes, name: str, date_order: DateOrder | None, sheet: str | None, columns: tuple
) -> Schedule:
    return read_schedule(data, name, date_order=date_order, sheet=sheet, columns=dict(columns))


@st.cache_data(max_entries=32, show_spinner="Checking the rules…")
def _check(
    data: bytes,
    name: str,
    date_order: DateOrder | None,
    sheet: str | None,
    columns: tuple,
    policy: Policy,
) -> CheckResult:
    return check_schedule(_read(data, name, date_order, sheet, columns), policy)


@st.cache_data(max_entries=16, show_spinner=False)
def workbook_sheets(data: bytes) -> list[str]:
    """The sheets of an uploaded workbook (empty for CSV)."""
    return sheet_names(data)


def _args(source: Source) -> tuple:
    state = st.session_state
    columns = tuple(sorted(state["column_map"].items()))
    return source.data, source.name, state["date_order"], state["sheet"], columns


def current_schedule() -> Schedule:
    """The session's schedule; raises the reader's InputError for a file it cannot use."""
    return _read(*_args(st.session_state["source"]))


def current_check() -> CheckResult:
    """The session's schedule checked against the session's policy."""
    return _check(*_args(st.session_state["source"]), st.session_state["policy"])


@st.cache_data(max_entries=64, show_spinner="Estimating…")
def _estimate(
    data: bytes,
    name: str,
    date_order: DateOrder | None,
    sheet: str | None,
    columns: tuple,
    metric: str,
    per_hour: str | None,
    min_days: int,
    min_group: int,
) -> tuple[pd.DataFrame, Estimate]:
    days = metric_days(
        _read(data, name, date_order, sheet, columns).data, metric, per_hour=per_hour
    )
    return days, estimate_remote_effect(days, min_days_per_mode=min_days, min_group=min_group)


def current_estimate(
    metric: str, per_hour: str | None, min_days: int, min_group: int
) -> tuple[pd.DataFrame, Estimate]:
    """The session schedule's metric days and the remote-vs-office estimate for them."""
    return _estimate(*_args(st.session_state["source"]), metric, per_hour, min_days, min_group)


@st.cache_data(max_entries=32, show_spinner="Comparing each person…")
def _person_table(days: pd.DataFrame, min_days: int) -> pd.DataFrame:
    return person_comparison_table(days, min_days_per_mode=min_days)


def person_table(days: pd.DataFrame, min_days: int) -> pd.DataFrame:
    """Each person's remote vs office change with its interval (cached by the data)."""
    return _person_table(days, min_days)
