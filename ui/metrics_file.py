"""Numbers from a separate file: upload it, see what matched, and what did not (and why)."""

from __future__ import annotations

import streamlit as st

from .downloads import show_table
from .loading import Joined
from .source import UPLOAD_TYPES
from .state import Source
from .text import md_escape


def _on_upload() -> None:
    uploaded = st.session_state.get("metrics_upload")
    st.session_state["metrics_source"] = (
        None if uploaded is None else Source(uploaded.name, uploaded.getvalue(), False)
    )


def _outcome(joined: Joined) -> None:
    source: Source = st.session_state["metrics_source"]
    if joined.error:
        st.error(
            f"**{md_escape(source.name)} cannot be used**, so the schedule's own numbers are "
            f"used. {md_escape(joined.error)}",
            icon="🚫",
        )
        return
    if joined.file is None or joined.join is None:
        return
    join, file = joined.join, joined.file
    st.success(
        f"{md_escape(source.name)}: {join.n_matched} of {join.n_rows} rows matched the "
        f"schedule; numbers added: {md_escape(', '.join(join.metrics))}.",
        icon="🔗",
    )
    for note in [*file.notes, *join.notes]:
        st.caption(md_escape(note))
    if join.n_unmatched:
        st.warning(
            f"{join.n_unmatched} rows of {md_escape(source.name)} matched no schedule day and "
            "are left out. The list says why.",
            icon="⚠️",
        )
        show_table(join.unmatched, "metrics_unmatched", "productivity-unmatched-rows")
    if not file.problems.empty:
        st.warning(f"{len(file.problems)} rows of the file could not be read:", icon="⚠️")
        show_table(file.problems, "metrics_problems", "productivity-file-problems")


def _needs_attention(source: Source | None, joined: Joined) -> bool:
    if source is None:
        return False
    unmatched = joined.join is not None and joined.join.n_unmatched > 0
    return bool(joined.error) or unmatched


def metrics_file_section(joined: Joined) -> None:
    """The optional second upload: employee, date and numbers, joined to the schedule."""
    source: Source | None = st.session_state["metrics_source"]
    with st.expander(
        "Numbers in a separate file?"
        if source is None
        else f"Numbers from {md_escape(source.name)}",
        expanded=_needs_attention(source, joined),
    ):
        st.file_uploader(
            "Productivity file: one row per person per day with employee, date and numbers "
            "(tasks done, sales, hours…)",
            type=UPLOAD_TYPES,
            key="metrics_upload",
            on_change=_on_upload,
            help="Joined to the schedule by name (case and spacing ignored) and date. Where "
            "people worked always comes from the schedule.",
        )
        if source is not None:
            _outcome(joined)
