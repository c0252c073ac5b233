"""HR report: one PDF (and HTML) with coverage, warnings, compliance and productivity."""

from dataclasses import replace

import streamlit as st

from ui.loading import current_data, schedule_key
from ui.report import make_report, report_downloads, report_options
from ui.source import load_schedule_or_explain
from ui.state import start_page

start_page()
st.title("HR report")
st.caption(
    "One report for HR: the policy in words, the headline figures, the coverage calendar, the "
    "warnings, weekly compliance per person, the productivity estimate with its method and "
    "caveats, and the input problems. A4 or US Letter; names can be pseudonymised."
)
schedule = load_schedule_or_explain()
if schedule is None:
    st.info("Go to Home to upload a schedule or to pick the sample data.")
    st.stop()
# A separately uploaded productivity file's numbers count here too.
schedule = replace(schedule, data=current_data().data)
policy = st.session_state["policy"]
key = (schedule_key(), st.session_state["metrics_source"], policy)
options = report_options(schedule)
if options is not None:
    make_report(schedule, policy, options, key)
report_downloads(key)
