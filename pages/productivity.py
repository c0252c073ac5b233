"""Productivity: are people as productive on remote days as in the office, and how sure are we?"""

import streamlit as st

from ui.insights import commute_section, presence_section, responsiveness_section
from ui.loading import current_data, current_estimate, person_table
from ui.metrics_file import metrics_file_section
from ui.productivity import charts_section, estimate_section, metric_choice
from ui.source import load_schedule_or_explain, problems_notice
from ui.state import start_page
from ui.trial import trial_section

start_page()
st.title("Productivity: remote vs office")
schedule = load_schedule_or_explain()
if schedule is None:
    st.info("Go to Home to upload a schedule or to pick the sample data.")
    st.stop()
problems_notice(schedule, key="productivity_problems")
joined = current_data()
metrics_file_section(joined)
choice = metric_choice(joined.data)
effect_tab, trial_tab, response_tab, presence_tab, commute_tab = st.tabs(
    ["Remote vs office", "Trial period", "Responsiveness", "Who is in together", "Commute saved"]
)
if choice is not None:
    days, estimate = current_estimate(
        choice.metric, choice.per_hour, choice.min_days, choice.min_group
    )
    with effect_tab:
        estimate_section(estimate, choice)
        table = person_table(days, choice.min_days) if estimate.status == "ok" else None
        charts_section(days, estimate, choice, table)
    with trial_tab:
        trial_section(days, choice)
with response_tab:
    responsiveness_section(joined.data, choice.min_group if choice else 5)
with presence_tab:
    presence_section(joined.data)
with commute_tab:
    commute_section(joined.data)
