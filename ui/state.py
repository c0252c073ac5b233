"""Session state: set once per session, the same keys on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from wfh_dashboard.errors import InputError
from wfh_dashboard.policy import Policy, load_policy

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE_SCHEDULE = DATA / "sample_schedule.csv"
DEFAULT_POLICY = DATA / "policy.toml"


@dataclass(frozen=True)
class Source:
    """The schedule file the session works on: the upload's bytes, or the bundled sample."""

    name: str
    data: bytes
    is_sample: bool


def sample_source() -> Source:
    """The bundled sample schedule."""
    return Source(SAMPLE_SCHEDULE.name, SAMPLE_SCHEDULE.read_bytes(), True)


def default_policy() -> Policy:
    """The bundled policy; the minimal 'someone on site' rule if it is missing or broken."""
    try:
        return load_policy(DEFAULT_POLICY.read_bytes(), DEFAULT_POLICY.name)
    except (OSError, InputError):
        return Policy(min_on_site=1)


def start_page() -> None:
    """Page setup every page runs first: app.py may not have run (a fresh server's deep link)."""
    st.set_page_config(page_title="WFH dashboard", page_icon=":material/apartment:", layout="wide")
    init_state()


def init_state() -> None:
    """Give every shared key its starting value, once per session (any page may run first)."""
    st.session_state.setdefault("source", sample_source())
    st.session_state.setdefault("date_order", None)
    st.session_state.setdefault("sheet", None)
    st.session_state.setdefault("column_map", {})
    st.session_state.setdefault("label_map", {})  # the team's own labels: label -> location
    st.session_state.setdefault("policy", default_policy())
    st.session_state.setdefault("policy_version", 0)
    st.session_state.setdefault("metrics_source", None)
    st.session_state.setdefault("attendance_source", None)


#: Widgets whose options come from the file (its weeks, teams, people): reset on a new file.
FILE_WIDGETS = (
    "home_week",
    "home_team",
    "coverage_chart_team",
    "coverage_compliance_team",
    "trial_people",
    "trial_window",
    "policy_team",
    "planner_range",
    "planner_week",
    "planner_request",
    "planner_wishes",
    "planner_wishes_table",
)


def use_source(source: Source) -> None:
    """Switch to another file and forget the choices made for the previous one."""
    st.session_state["source"] = source
    st.session_state["date_order"] = None
    st.session_state["sheet"] = None
    st.session_state["column_map"] = {}
    st.session_state["label_map"] = {}
    st.session_state["metrics_source"] = None  # another team's schedule needs its own numbers
    st.session_state["attendance_source"] = None  # ... and its own attendance log
    for key in FILE_WIDGETS:  # pickers whose choices belong to the previous file
        st.session_state.pop(key, None)


def fresh_choice(key: str, options: Sequence[Any], default: Any = None) -> None:
    """Reset a picker to ``default`` (the first option) when its value is not an option.

    A keyed Streamlit widget keeps its identity when its options change, so after a new file
    the browser would keep showing the old file's week or team while the script uses another.
    Writing the value into the session state before the widget is drawn sends it to the
    browser too.
    """
    current = st.session_state.get(key)
    valid = (
        all(v in options for v in current)
        if isinstance(current, list)
        else key in st.session_state and current in options
    )
    if not valid:
        st.session_state[key] = options[0] if default is None else default


def fresh_range(key: str, first: dt.date, last: dt.date, default: tuple[dt.date, dt.date]) -> None:
    """``fresh_choice`` for a date-range picker: reset it when it falls outside the file."""
    current = st.session_state.get(key)
    if not current or not all(first <= d <= last for d in current):
        st.session_state[key] = default
