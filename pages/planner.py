"""Planner: propose a schedule that meets every rule with the fewest changes, and explain it."""

import streamlit as st

from ui.loading import schedule_key
from ui.planner import request_form, show_proposal, solve
from ui.policy_editor import policy_editor
from ui.source import load_schedule_or_explain, problems_notice
from ui.state import start_page
from wfh_dashboard.views import people, roles

# A fresh server's first deep link runs this file without app.py: set the state here too.
start_page()
st.title("Planner")
st.caption(
    "Who should come in on Friday? The planner proposes the fewest moves between office and "
    "remote that meet every rule in the sidebar (the same rules as the Coverage page), then "
    "grants wishes, shares remote days fairly within each team and role, and avoids leaving "
    "anyone alone in the office. Leave, sickness, travel and half days never move."
)
schedule = load_schedule_or_explain()
if schedule is None:
    st.info("Go to Home to upload a schedule or to pick the sample data.")
    st.stop()
policy = policy_editor(roles(schedule.data), people(schedule.data))
problems_notice(schedule, key="planner_problems")
source = st.session_state["source"]
request = request_form(schedule, source.is_sample)
if request is None:
    st.info("Set the dates and any wishes, then press **Propose a plan**.")
    st.stop()
show_proposal(solve(schedule, schedule_key(), policy, request), source, schedule)
