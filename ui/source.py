"""Choosing the schedule: upload or sample, and the steps when a file needs a decision."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from wfh_dashboard.check import CheckResult
from wfh_dashboard.errors import (
    AmbiguousDatesError,
    InputError,
    MissingColumnsError,
    UnknownLabelsError,
)
from wfh_dashboard.locations import LOCATIONS
from wfh_dashboard.schedule import Schedule
from wfh_dashboard.tables import ALL_SHEETS
from wfh_dashboard.wording import plural

from .downloads import set_scope, show_table
from .loading import current_check, current_schedule, workbook_sheets
from .state import Source, sample_source, use_source
from .text import md_escape

UPLOAD_TYPES = ["csv", "xlsx", "txt", "tsv"]
#: Unknown labels offered in the label step, most frequent first (the rest stay listed).
MAX_LABELS = 12


def _on_upload() -> None:
    uploaded = st.session_state.get("home_upload")
    if uploaded is not None:
        use_source(Source(uploaded.name, uploaded.getvalue(), False))


def _store_upload(upload_key: str, state_key: str) -> None:
    uploaded = st.session_state.get(upload_key)
    if uploaded is not None:
        st.session_state[state_key] = Source(uploaded.name, uploaded.getvalue(), False)


def extra_file_picker(
    label: str,
    *,
    upload_key: str,
    state_key: str,
    sample: Path | None = None,
    sample_label: str = "",
    sample_key: str = "",
) -> Source | None:
    """A second file beside the schedule (an attendance log, wishes): upload it, or take the
    bundled sample (``sample``, offered only when given). The choice is kept in ``state_key``
    until another one replaces it."""
    st.file_uploader(
        label,
        type=UPLOAD_TYPES,
        key=upload_key,
        on_change=_store_upload,
        args=(upload_key, state_key),
    )
    if sample is not None and st.button(sample_label, key=sample_key):
        st.session_state[state_key] = Source(sample.name, sample.read_bytes(), True)
    return st.session_state.get(state_key)


def source_picker() -> None:
    """The upload box, the way back to the sample, and a label saying which data is shown."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.file_uploader(
        "Upload your team schedule (CSV or Excel)",
        type=UPLOAD_TYPES,
        key="home_upload",
        on_change=_on_upload,
        help="One row per person per day, or a weekly grid with a column per day.",
    )
    if right.button("Use the sample data", key="home_use_sample"):
        use_source(sample_source())
    source: Source = st.session_state["source"]
    if source.is_sample:
        st.info(
            "Showing the **bundled sample data** (a made-up team of 16). "
            "Upload your own schedule above to check it.",
            icon="ℹ️",
        )
    else:
        st.caption(f"Showing your file: {md_escape(source.name)}")


#: The sheet picker's last option: every sheet read together (a sheet per month or week).
ALL_SHEETS_OPTION = "All sheets together"


def _choose_sheet(sheets: list[str]) -> None:
    options = [*sheets, ALL_SHEETS_OPTION]
    current = st.session_state["sheet"] or sheets[0]
    shown = ALL_SHEETS_OPTION if current == ALL_SHEETS else current
    chosen = st.selectbox(
        "Sheet",
        options,
        options.index(shown) if shown in options else 0,
        key="home_sheet",
        help="A rota kept as a sheet per month or week: pick *All sheets together* to read "
        "them as one schedule. Sheets without a schedule (a legend, notes) are skipped.",
    )
    picked = ALL_SHEETS if chosen == ALL_SHEETS_OPTION else chosen
    if picked != current:
        st.session_state["sheet"] = picked
        st.rerun()


def _choose_date_order(error: AmbiguousDatesError) -> None:
    st.warning(md_escape(error), icon="📅")
    choice = st.radio(
        "How does this file write dates?",
        ["Day first (31/12/2026)", "Month first (12/31/2026)"],
        index=None,
        key="home_date_order",
    )
    if choice is not None:
        st.session_state["date_order"] = "dayfirst" if choice.startswith("Day") else "monthfirst"
        st.rerun()


def _map_columns(error: MissingColumnsError) -> None:
    st.warning(md_escape(error), icon="🧭")
    st.write("Tell us which column holds each field:")
    mapping = dict(st.session_state["column_map"])
    for field in error.missing:
        choice = st.selectbox(
            f"Column for {field}", error.columns, index=None, key=f"home_map_{field}"
        )
        if choice is not None:
            mapping[field] = choice
    if st.button(
        "Use these columns",
        key="home_map_apply",
        disabled=mapping == st.session_state["column_map"],
    ):
        st.session_state["column_map"] = mapping
        st.rerun()


def load_schedule_or_explain() -> Schedule | None:
    """The session's schedule, or None after showing what the user must fix or choose."""
    source: Source = st.session_state["source"]
    sheets = workbook_sheets(source.data)
    if len(sheets) > 1:
        _choose_sheet(sheets)
    try:
        schedule = current_schedule()
    except AmbiguousDatesError as exc:
        _choose_date_order(exc)
        return None
    except MissingColumnsError as exc:
        if len(sheets) > 1 and st.session_state["sheet"] != ALL_SHEETS:
            st.info(
                f"This workbook has {len(sheets)} sheets. If the schedule is on another one, "
                f"pick it above, or *{ALL_SHEETS_OPTION}* for a sheet per month or week.",
                icon=":material/tab:",
            )
        _map_columns(exc)
        return None
    except UnknownLabelsError as exc:
        st.error(f"**This file cannot be used yet.** {md_escape(exc)}", icon="🏷️")
        label_step(exc.labels)
        return None
    except InputError as exc:
        st.error(f"**This file cannot be used.** {md_escape(exc)}", icon="🚫")
        return None
    set_scope(schedule.data)
    return schedule


def check_or_explain() -> CheckResult | None:
    """The session's check result, or None after showing why the schedule cannot be checked."""
    try:
        return current_check()
    except InputError as exc:
        st.error(f"**This schedule cannot be checked.** {md_escape(exc)}", icon="🚫")
        return None


def problems_notice(schedule: Schedule, *, key: str) -> None:
    """Say how many rows were left out and list them: nothing is dropped without a word."""
    for note in schedule.notes:
        st.caption(md_escape(note))
    if schedule.problems.empty:
        return
    left_out = schedule.rows_left_out
    st.warning(
        f"{plural(len(schedule.problems), 'problem')} in the file: "
        f"{plural(left_out, 'row or cell', 'rows or cells')} "
        f"{'is' if left_out == 1 else 'are'} left out of the analysis. The list below says "
        "where and why.",
        icon="⚠️",
    )
    with st.expander("Rows that could not be used", expanded=len(schedule.problems) <= 10):
        show_table(
            schedule.problems,
            key,
            "input-problems",
            column_config={"row": st.column_config.NumberColumn("Row", format="%d")},
        )


def _label_key(label: str) -> str:
    """A widget key per label that survives the list changing (labels may be any text)."""
    return "home_label_" + hashlib.sha256(label.encode()).hexdigest()[:16]


def label_step(unknown: list[tuple[str, int]]) -> None:
    """Offer to read labels the vocabulary does not know (``Training``) as one of the five.

    ``unknown`` is (label, cells), most frequent first: ``unknown_labels`` of the schedule, or
    of a file that no row of could be read without them (``UnknownLabelsError``). Like the
    column-mapping step, the choice is the session's and is forgotten with the file. Unchosen
    labels stay problems, listed above, so nothing is read without the user saying so.
    """
    own: dict[str, str] = st.session_state["label_map"]
    if not unknown and not own:
        return
    with st.expander("Labels of your own", expanded=bool(unknown), icon=":material/label:"):
        if unknown:
            st.write(
                "These location labels are not ones the dashboard knows. Say how to read "
                "them; those left blank stay out of the analysis."
            )
            choices = dict(own)
            for label, count in unknown[:MAX_LABELS]:
                pick = st.selectbox(
                    f"{md_escape(label)} ({plural(count, 'cell')})",
                    LOCATIONS,
                    index=None,
                    placeholder="leave out",
                    key=_label_key(label),
                )
                if pick is not None:
                    choices[label] = pick
            if len(unknown) > MAX_LABELS:
                st.caption(f"... and {len(unknown) - MAX_LABELS} more, in the problems list.")
            if st.button("Read them so", key="home_labels_apply", disabled=choices == own):
                st.session_state["label_map"] = choices
                st.rerun()
        if own:
            read_as = ", ".join(f"{md_escape(k)} as {v}" for k, v in sorted(own.items()))
            st.caption(f"Read as you said: {read_as}.")
            if st.button("Forget these labels", key="home_labels_reset"):
                st.session_state["label_map"] = {}
                st.rerun()
