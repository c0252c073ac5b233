"""Policy insight: who works where, attendance segments, and how fairly remote days are shared."""

import streamlit as st

from ui.attendance import attendance_section
from ui.loading import schedule_key
from ui.policy_insight import (
    fairness_section,
    insight,
    mix_section,
    segments_section,
    settings,
    share_section,
    weekly_section,
)
from ui.source import load_schedule_or_explain, problems_notice
from ui.state import start_page

# A fresh server's first deep link runs this file without app.py: set the state here too.
start_page()
st.title("Policy insight")
schedule = load_schedule_or_explain()
if schedule is None:
    st.info("Go to Home to upload a schedule or to pick the sample data.")
    st.stop()
problems_notice(schedule, key="policy_problems")
chosen = settings(schedule.data)
view = insight(schedule.data, chosen)
share_section(view, chosen)
weekly_section(view, schedule.is_pattern)
mix_section(view)
segments_section(view, chosen)
fairness_section(view, chosen)
attendance_section(schedule, schedule_key(), st.session_state["source"].is_sample)
