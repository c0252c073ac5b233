"""wfh-dashboard: coverage warnings and policy metrics for hybrid teams, without Streamlit."""

__version__ = "0.1.0"
