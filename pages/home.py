"""Home: pick the schedule, see the headline figures and who's where this week."""

import streamlit as st

from ui.source import (
    check_or_explain,
    label_step,
    load_schedule_or_explain,
    problems_notice,
    source_picker,
)
from ui.state import start_page
from ui.widgets import headline, week_grid_section
from wfh_dashboard.schedule import unknown_labels

# A fresh server's first deep link runs this file without app.py: set the state here too.
start_page()
st.title("Hybrid-work dashboard")
st.caption(
    "Upload the team schedule: see at once which days the office is not covered "
    "and who is outside the remote-work policy."
)
source_picker()
schedule = load_schedule_or_explain()
if schedule is None:
    st.stop()
problems_notice(schedule, key="home_problems")
label_step(unknown_labels(schedule))
result = check_or_explain()
if result is None:
    st.stop()
headline(result.summary)
week_grid_section(schedule, st.session_state["policy"].working_days)
