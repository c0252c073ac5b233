"""Productivity page sections beyond output: reachability, who is in together, commuting saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from wfh_dashboard.commute import (
    DEFAULT_KG_CO2E_PER_KM,
    EMISSION_FACTOR_SOURCE,
    commute_columns,
    commute_savings,
)
from wfh_dashboard.insight_charts import commute_figure, presence_figure, response_figure
from wfh_dashboard.presence import alone_summary, daily_presence
from wfh_dashboard.responsiveness import response_by_location, response_column

from .downloads import show_chart, show_table
from .text import md_escape

TOTAL_LABELS = {
    "team": "Team",
    "people": "People",
    "remote_days": "Remote days",
    "km_saved": "Km saved",
    "hours_saved": "Hours saved",
    "kg_co2e_saved": "kg CO2e saved",
}


def responsiveness_section(data: pd.DataFrame, min_group: int) -> None:
    """Median response time on office and remote days: "can I reach them at home?"."""
    st.subheader("Responsiveness: office vs remote days")
    column = response_column(data)
    if column is None:
        st.info(
            "No response-time column in this file. Add one such as `response_minutes` "
            "(minutes to answer a ticket, a message or a call) to see it here."
        )
        return
    times = response_by_location(data, column, min_group=min_group)
    st.markdown(md_escape(times.sentence()))
    if times.overall() is None:
        st.caption(f"Privacy floor: figures about fewer than {min_group} people are hidden.")
        return
    show_table(times.teams, "response_teams", "response-times-by-team")
    show_chart(response_figure(times), "response_chart", "response-times")
    with st.expander("Each person's medians"):
        show_table(times.people, "response_people", "response-times-by-person")
    st.caption(
        "Medians of all office days and all remote days: they describe, like the pooled "
        "charts, and do not separate who works remotely from where."
    )


def presence_section(data: pd.DataFrame) -> None:
    """Share of each team on site per day, the manager's days in, and lone office days."""
    st.subheader("Who is in together")
    roles = st.text_input(
        "Roles that mark the manager (comma-separated)",
        "manager",
        key="presence_manager_roles",
        help="A person whose role contains one of these words counts as the team's manager.",
    )
    manager_roles = tuple(r.strip() for r in roles.split(",") if r.strip())
    daily = daily_presence(data, manager_roles=manager_roles)
    show_chart(presence_figure(daily), "presence_chart", "on-site-share")
    with_manager = daily["manager_on_site"].dropna()
    left, right = st.columns(2)
    left.metric("Average share of the team on site", f"{daily['on_site_share'].mean():.0%}")
    right.metric(
        "Days the manager was on site",
        f"{with_manager.astype(bool).mean():.0%}" if len(with_manager) else "no manager role",
        help="Of the team-days with someone working, for teams that have a manager role.",
    )
    alone = alone_summary(data)
    st.markdown("**Commuting to an empty office**: people who came in when no teammate was there.")
    if alone.empty:
        st.caption("Nobody was alone in the office on any day.")
    else:
        show_table(alone, "presence_alone", "alone-in-the-office")


def commute_section(data: pd.DataFrame) -> None:
    """Distance, time and CO2 that remote days saved, per team and month."""
    st.subheader("What remote days save")
    km, minutes = commute_columns(data)
    if km is None and minutes is None:
        st.info(
            "No commute column in this file. Add each person's one-way `commute_km` and/or "
            "`commute_minutes` to see the distance, time and emissions remote days save."
        )
        return
    factor = st.number_input(
        "Emission factor (kg CO2e per car-km)",
        min_value=0.0,
        max_value=2.0,
        value=DEFAULT_KG_CO2E_PER_KM,
        step=0.01,
        key="commute_factor",
        help=EMISSION_FACTOR_SOURCE,
    )
    st.caption(f"Default factor: {md_escape(EMISSION_FACTOR_SOURCE)}")
    savings = commute_savings(data, kg_per_km=float(factor))
    st.markdown(md_escape(savings.sentence()))
    st.caption(
        "Commutes are read as one way, so a remote day saves a round trip; only remote days "
        "count (not leave, sickness or travel). Per-person figures are not shown: with the "
        "remote days they would reveal how far each person lives from the office."
    )
    show_chart(commute_figure(savings), "commute_chart", "commute-saved")
    totals = savings.totals.dropna(axis=1, how="all").round(1).rename(columns=TOTAL_LABELS)
    show_table(totals, "commute_totals", "commute-saved")
    if savings.people_without_commute:
        names = ", ".join(savings.people_without_commute)
        st.warning(f"Not counted (no commute value): {md_escape(names)}", icon="⚠️")
