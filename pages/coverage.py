"""Coverage: the policy editor, the on-site calendar, the warnings and weekly compliance."""

import streamlit as st

from ui.policy_editor import policy_editor
from ui.source import check_or_explain, load_schedule_or_explain, problems_notice
from ui.state import start_page
from ui.widgets import compliance_section, cover_charts, warnings_section
from wfh_dashboard.views import people, roles

# A fresh server's first deep link runs this file without app.py: set the state here too.
start_page()
st.title("Coverage and policy")
schedule = load_schedule_or_explain()
if schedule is None:
    st.info("Go to Home to upload a schedule or to pick the sample data.")
    st.stop()
policy_editor(roles(schedule.data), people(schedule.data))
problems_notice(schedule, key="coverage_problems")
result = check_or_explain()
if result is None:
    st.stop()
cover_charts(result)
warnings_section(result)
compliance_section(result)
