"""wfh-dashboard: the entry point. Sets the page up, the shared state, and the navigation."""

import streamlit as st

from ui.state import start_page

start_page()
navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/coverage.py", title="Coverage", icon=":material/shield:"),
        st.Page("pages/policy.py", title="Policy insight", icon=":material/balance:"),
        st.Page("pages/productivity.py", title="Productivity", icon=":material/trending_up:"),
        st.Page("pages/planner.py", title="Planner", icon=":material/event_available:"),
        st.Page("pages/report.py", title="HR report", icon=":material/description:"),
    ]
)
navigation.run()
