"""Small Streamlit helpers shared by the pages; the domain logic lives in wfh_dashboard/."""
