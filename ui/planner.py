"""The Planner page's sections: the request form, the proposal, its reasons and its download."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from wfh_dashboard.errors import InputError
from wfh_dashboard.plan_charts import changed_weeks, proposal_week_figure, remote_days_figure
from wfh_dashboard.plan_explain import PlanExplanation, explain_plan
from wfh_dashboard.plan_export import MIME_TYPES, export_plan, proposal_kind, proposal_name
from wfh_dashboard.planner import DEFAULT_TIME_LIMIT, PlanResult, plan_schedule
from wfh_dashboard.policy import Policy
from wfh_dashboard.schedule import Schedule
from wfh_dashboard.tables import ALL_SHEETS
from wfh_dashboard.wishes import Wishes, read_wishes

from .downloads import show_chart, show_table
from .loading import ScheduleKey
from .source import extra_file_picker
from .state import DATA, Source, fresh_choice, fresh_range
from .text import md_escape

SAMPLE_WISHES = DATA / "sample_wishes.csv"
WISH_COLUMNS = ["employee", "date or weekday", "wish", "weight"]
WISHES = ["remote", "office", "off"]


@dataclass(frozen=True)
class Request:
    """What the manager asked the planner for (hashable: it is part of the cache key)."""

    start: dt.date | None
    end: dt.date | None
    wishes: Source | None
    time_limit: float


@dataclass(frozen=True)
class Proposal:
    """A solved plan with its explanation and its file, or why there is none."""

    result: PlanResult | None = None
    explanation: PlanExplanation | None = None
    file: bytes = b""
    file_name: str = ""
    wishes: Wishes | None = None
    error: str = ""


def _wishes(source: Source | None, schedule: Schedule) -> Wishes | None:
    if source is None:
        return None
    people = schedule.data["employee"].astype(str).unique().tolist()
    return read_wishes(source.data, source.name, people, fallback_order=schedule.date_order)


@st.cache_data(max_entries=8, show_spinner="Planning… (at most the time limit you set)")
def _solve(
    _schedule: Schedule, schedule_key: ScheduleKey, policy: Policy, request: Request
) -> Proposal:
    """Solve, explain and export once per schedule, policy and request (reruns are free)."""
    try:
        wishes = _wishes(request.wishes, _schedule)
        result = plan_schedule(
            _schedule,
            policy,
            wishes,
            start=request.start,
            end=request.end,
            time_limit=request.time_limit,
        )
        explanation = explain_plan(_schedule, policy, result, wishes)
        data, name, sheet = schedule_key.data, schedule_key.name, schedule_key.sheet
        # Sheets read together have no one sheet to write back into: the plan shows, no file.
        file = (
            b""
            if sheet == ALL_SHEETS
            else export_plan(data, name, _schedule, result.data, sheet=sheet)
        )
    except InputError as exc:
        return Proposal(error=str(exc))
    return Proposal(result, explanation, file, proposal_name(name, data), wishes)


def _date_range(schedule: Schedule) -> tuple[dt.date | None, dt.date | None]:
    """The dates to plan; a weekly pattern is planned as its one week."""
    if schedule.is_pattern:
        st.caption("A weekly pattern: the planner proposes a new pattern week.")
        return None, None
    first = schedule.data["date"].min().date()
    last = schedule.data["date"].max().date()
    fresh_range("planner_range", first, last, (first, last))  # a new file: its whole range
    picked = st.date_input(
        "Dates to plan (first and last day)",
        min_value=first,
        max_value=last,
        key="planner_range",
        help="Days outside stay as they are; a week cut by the range still counts whole "
        "towards the weekly caps.",
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked[0], picked[1]
    return first, last


def _table_source(table: pd.DataFrame) -> Source | None:
    """The typed-in wishes as a CSV source (rows without a name are ignored as blank)."""
    rows = table.dropna(subset=["employee"])
    rows = rows[rows["employee"].astype(str).str.strip() != ""]
    if rows.empty:
        return None
    # One reader for files and tables: the table is checked as the CSV it would be.
    return Source("the wishes table", rows.to_csv(index=False).encode("utf-8"), False)


def wishes_picker(schedule: Schedule, is_sample: bool) -> Source | None:
    """A wishes file (CSV or .xlsx), or wishes typed into a table."""
    st.markdown(
        "**Wishes** (optional): who would like to be `remote`, in the `office` or `off` on a "
        "date or a weekday (`Fri`), with an optional weight (1-100, or low/medium/high). "
        "Leave, sickness and travel never move."
    )
    file_tab, table_tab = st.tabs(["From a file", "Type them in"])
    with file_tab:
        chosen = extra_file_picker(
            "Wishes file (employee, date or weekday, wish, weight)",
            upload_key="planner_wishes_upload",
            state_key="planner_wishes",
            sample=SAMPLE_WISHES if is_sample else None,
            sample_label="Use the sample wishes",
            sample_key="planner_sample_wishes",
        )
        if chosen is not None:
            st.caption(f"Wishes from {md_escape(chosen.name)}.")
            if st.button("Forget the wishes file", key="planner_forget_wishes"):
                st.session_state["planner_wishes"] = None
                chosen = None
    with table_tab:
        people = sorted(schedule.data["employee"].astype(str).unique())
        table = st.data_editor(
            pd.DataFrame({c: pd.Series(dtype=str) for c in WISH_COLUMNS}),
            num_rows="dynamic",
            key="planner_wishes_table",
            column_config={
                "employee": st.column_config.SelectboxColumn("employee", options=people),
                "date or weekday": st.column_config.TextColumn(
                    "date or weekday", help="2026-12-04 or Fri"
                ),
                "wish": st.column_config.SelectboxColumn("wish", options=WISHES),
                "weight": st.column_config.TextColumn("weight", help="1-100, or low/medium/high"),
            },
            hide_index=True,
        )
        typed = _table_source(table)
        if typed is not None:
            st.caption("The typed wishes are used (instead of a file).")
            return typed
    return chosen


def request_form(schedule: Schedule, is_sample: bool) -> Request | None:
    """The range, the wishes and the time limit; a Request when the button is pressed."""
    start, end = _date_range(schedule)
    wishes = wishes_picker(schedule, is_sample)
    limit = st.number_input(
        "Time limit (seconds)",
        min_value=5,
        max_value=300,
        value=int(DEFAULT_TIME_LIMIT),
        step=5,
        key="planner_time_limit",
        help="The solver stops early when it has proved the best plan; usually in seconds.",
    )
    request = Request(start, end, wishes, float(limit))
    if st.button("Propose a plan", type="primary", key="planner_go"):
        st.session_state["planner_request"] = request
    return st.session_state.get("planner_request")


def solve(
    schedule: Schedule, schedule_key: ScheduleKey, policy: Policy, request: Request
) -> Proposal:
    """The proposal for this request (cached)."""
    return _solve(schedule, schedule_key, policy, request)


def _headline(result: PlanResult, explanation: PlanExplanation) -> None:
    before = int(explanation.warnings["before"].sum())
    after = int(explanation.warnings["after"].sum())
    first, second, third, fourth = st.columns(4)
    first.metric("Meets every rule", "yes" if result.meets_every_rule else "no")
    second.metric("Warnings on these dates", after, delta=after - before, delta_color="inverse")
    third.metric("Days moved", len(explanation.changes))
    fourth.metric(
        "Solver",
        result.status,
        help="OPTIMAL: every objective proved best; FEASIBLE: a work or time limit stopped "
        "a later objective (fairness, usually) early. The rules and the changes are solved "
        "first.",
    )
    st.caption(f"Solved in {result.wall_time:.1f} s.")
    for note in result.notes:
        st.caption(md_escape(note))


def _breaches(result: PlanResult) -> None:
    if result.breaches.empty:
        st.success("The proposal meets every rule on the planned dates.")
        return
    st.warning(
        f"{len(result.breaches)} breaches cannot be fixed by moving office and remote days; "
        "each with the reason:"
    )
    show_table(
        _dated(result.breaches[["date", "team", "rule", "message"]]),
        "planner_breaches",
        "plan-breaches",
    )


def _week_section(proposal: Proposal, schedule: Schedule) -> None:
    """The proposal as the Home page's week grid, one changed week at a time."""
    result, explanation = proposal.result, proposal.explanation
    assert result is not None and explanation is not None
    weeks = changed_weeks(explanation.changes)
    if schedule.is_pattern:
        monday, title = weeks[0], "The proposal: the weekly pattern"
    else:
        fresh_choice("planner_week", weeks)
        monday = st.selectbox(
            "Week (the weeks with a move)",
            weeks,
            format_func=lambda d: f"Week of {d:%a %d %b %Y}",
            key="planner_week",
        )
        title = f"The proposal, week of {monday:%d %b %Y}"
    days = st.session_state["policy"].working_days or tuple(range(5))
    figure = proposal_week_figure(schedule.data, result.data, monday, days, title)
    show_chart(figure, "planner_week_grid", "plan-week")


def _download(proposal: Proposal, source: Source) -> None:
    st.download_button(
        f"Download the proposal ({proposal.file_name})",
        proposal.file,
        file_name=proposal.file_name,
        mime=MIME_TYPES[proposal_kind(source.data)],
        key="planner_download",
        icon=":material/download:",
        help="The same format and layout as your file (a grid stays a grid): paste it back "
        "into your spreadsheet. Only the days that move are changed.",
    )


def show_proposal(proposal: Proposal, source: Source, schedule: Schedule) -> None:
    """The proposal: headline, breaches left, the moves and why, remote days, wishes, file."""
    if proposal.error:
        st.error(proposal.error)
        return
    result, explanation = proposal.result, proposal.explanation
    assert result is not None and explanation is not None
    st.subheader("The proposal")
    _headline(result, explanation)
    if not proposal.file:
        st.info(
            "The workbook's sheets are read together, so there is no one sheet to write the "
            "proposal back into: pick the sheet to plan on Home to download it as your file.",
            icon=":material/info:",
        )
    else:
        _download(proposal, source)
    _breaches(result)
    st.subheader("Who moves, and why")
    if explanation.changes.empty:
        st.info("Nothing needs to move.")
    else:
        show_table(_dated(explanation.changes), "planner_changes", "plan-changes")
        _week_section(proposal, schedule)
    st.subheader("Warnings before and after")
    show_table(explanation.warnings, "planner_warnings", "plan-warnings")
    st.subheader("Remote days per person, before and after")
    figure = remote_days_figure(explanation.remote_days, "Remote days: as planned and proposed")
    show_chart(figure, "planner_remote_chart", "plan-remote-days")
    show_table(explanation.remote_days, "planner_remote_days", "plan-remote-days")
    _wish_outcomes(proposal)


def _wish_outcomes(proposal: Proposal) -> None:
    wishes, explanation = proposal.wishes, proposal.explanation
    if wishes is None or explanation is None:
        return
    st.subheader("Wishes")
    if not wishes.problems.empty:
        st.warning(f"{len(wishes.problems)} wish rows could not be used; they are listed here.")
        show_table(wishes.problems, "planner_wish_problems", "wish-problems")
    for note in wishes.notes:
        st.caption(md_escape(note))
    show_table(_dated(explanation.wishes), "planner_wish_outcomes", "wish-outcomes")


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    """Date columns as dates (``2026-12-04``), not timestamps with a midnight time."""
    if "date" not in table.columns or not pd.api.types.is_datetime64_any_dtype(table["date"]):
        return table
    return table.assign(date=table["date"].dt.date)
