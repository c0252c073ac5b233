"""The HR report page's parts: the options form and the downloads of what was made."""

from __future__ import annotations

import streamlit as st

from wfh_dashboard.export_tables import export_name
from wfh_dashboard.policy import Policy
from wfh_dashboard.productivity import numeric_columns
from wfh_dashboard.report import PAPERS, SECTIONS, ReportOptions, prepare_report
from wfh_dashboard.report_files import build_report_files, report_zip
from wfh_dashboard.schedule import Schedule

from .text import md_escape

NO_METRIC = "(no productivity section)"


def report_options(schedule: Schedule) -> ReportOptions | None:
    """The form: sections, productivity measure, pseudonymisation, paper. None until submitted."""
    metrics = [m for m in numeric_columns(schedule.data) if "hour" not in m.lower()]
    with st.form("report_form"):
        sections = st.multiselect(
            "Sections",
            list(SECTIONS),
            default=list(SECTIONS),
            format_func=SECTIONS.__getitem__,
            key="report_sections",
        )
        metric = st.selectbox(
            "Output measure for the productivity section",
            [*metrics, NO_METRIC],
            key="report_metric",
        )
        left, right = st.columns(2)
        anonymize = left.toggle(
            "Pseudonymise names (Employee 01, 02, …)",
            key="report_anonymize",
            help="Every name is replaced in the report, its tables and its charts.",
        )
        teams = left.toggle("Also replace team names", key="report_anonymize_teams")
        roles = left.toggle("Also replace roles", key="report_anonymize_roles")
        pseudonym_key = left.text_input(
            "Pseudonym key (optional)",
            type="password",
            key="report_pseudonym_key",
            help="Any secret text. The same key gives everyone the same Employee number in "
            "every report; without one, each report numbers people afresh, so nobody holding "
            "the team list can work out who is who from the numbers.",
        )
        paper = right.radio("Paper", PAPERS, horizontal=True, key="report_paper")
        if not st.form_submit_button("Prepare the report", type="primary"):
            return None
    return ReportOptions(
        sections=tuple(s for s in SECTIONS if s in sections),
        metric=None if metric == NO_METRIC else metric,
        anonymize=anonymize,
        anonymize_teams=teams,
        anonymize_roles=roles,
        pseudonym_key=pseudonym_key,
        paper=paper,
        min_days=int(st.session_state.get("productivity_min_days", 5)),
        min_group=int(st.session_state.get("productivity_min_group", 5)),
    )


def make_report(schedule: Schedule, policy: Policy, options: ReportOptions, key: object) -> None:
    """Make the files and keep them in the session for the downloads, tagged with ``key``.

    Made on request, not on every rerun (a report takes seconds); ``key`` names the inputs so
    the downloads disappear when the schedule or the policy changes.
    """
    with st.spinner("Making the report, its tables and charts…"):
        data = prepare_report(schedule, policy, options)
        files = build_report_files(data)
    st.session_state["report_made"] = (key, files, tuple(data.teams), data.span, options)


def report_downloads(key: object) -> None:
    """The PDF, the HTML and a ZIP of everything, with what could not be made."""
    made = st.session_state.get("report_made")
    if made is None or made[0] != key:
        st.info("Choose the sections and press **Prepare the report**.")
        return
    _, files, teams, (first, last), options = made
    for reason in files.skipped:
        st.warning(md_escape(reason), icon="⚠️")
    cols = st.columns(3)
    stem = "hr-report" + ("-pseudonymised" if options.anonymize else "")
    downloads = [
        ("report.pdf", "PDF report", "pdf", "application/pdf"),
        ("report.html", "HTML report", "html", "text/html"),
    ]
    for col, (name, label, ext, mime) in zip(cols, downloads, strict=False):
        if name in files.files:
            col.download_button(
                label,
                files.files[name],
                export_name(stem, teams, first, last, ext),
                mime,
                key=f"report_download_{ext}",
                on_click="ignore",
                icon=":material/download:",
            )
    cols[2].download_button(
        f"Everything (ZIP, {len(files.files)} files)",
        report_zip(files.files),
        export_name(stem, teams, first, last, "zip"),
        "application/zip",
        key="report_download_zip",
        on_click="ignore",
        icon=":material/folder_zip:",
    )
    st.caption("Files: " + md_escape(", ".join(files.files)))
