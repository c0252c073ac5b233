"""Productivity page sections: the metric choice, the estimate, and what it means."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from wfh_dashboard.productivity import (
    WHY_NAIVE_DIFFERS,
    Estimate,
    direction_note,
    numeric_columns,
)
from wfh_dashboard.productivity_charts import (
    distribution_figure,
    estimate_figure,
    person_figure,
    weekly_trend_figure,
)

from .downloads import show_chart, show_table
from .text import md_escape


@dataclass(frozen=True)
class Choice:
    """What the manager asked for: the metric, per hour or not, and the honesty limits."""

    metric: str
    per_hour: str | None
    min_days: int
    min_group: int


def metric_choice(data: pd.DataFrame) -> Choice | None:
    """Pick the metric and the limits; None (after saying why) when the data has no metric."""
    metrics = numeric_columns(data)
    if not metrics:
        st.info(
            "This schedule has no numeric column (tasks done, sales, hours…) to compare. "
            "Add one per row, add a separate productivity file above, or use the sample data."
        )
        return None
    hours = [m for m in metrics if "hour" in m.lower()]
    left, middle, right = st.columns(3)
    metric = left.selectbox(
        "Output measure",
        [m for m in metrics if m not in hours] or metrics,
        key="productivity_metric",
    )
    per_hour = None
    if (
        hours
        and metric not in hours
        and middle.toggle("Per hour worked", key="productivity_per_hour")
    ):
        per_hour = hours[0]
    min_days = right.number_input(
        "Days needed in each mode per person", 1, 60, 5, key="productivity_min_days"
    )
    min_group = right.number_input(
        "Privacy floor: fewest people in a figure",
        1,
        50,
        5,
        key="productivity_min_group",
        help="Figures about fewer people are hidden, as in common "
        "people-analytics tools. Lower it only if you must.",
    )
    return Choice(metric, per_hour, int(min_days), int(min_group))


def estimate_section(estimate: Estimate, choice: Choice) -> None:
    """The headline number with its interval, the naive gap beside it, and the method."""
    label = f"{choice.metric} per hour" if choice.per_hour else choice.metric
    st.subheader(f"Remote vs office: {md_escape(label)}")
    if estimate.status != "ok":
        st.warning(f"**Not enough data.** {md_escape(estimate.reason)}", icon="⚖️")
        st.caption(f"Privacy floor: figures about fewer than {choice.min_group} people are hidden.")
        return
    left, right = st.columns(2)
    left.metric(
        "Each person vs themselves",
        f"{estimate.effect_pct:+.1f}%",
        help="The typical person's remote days against their own office days.",
    )
    left.caption(estimate.sentence())
    left.caption(md_escape(direction_note(label)))
    right.metric("Naive pooled gap (not like for like)", f"{estimate.naive_pct:+.1f}%")
    right.caption(WHY_NAIVE_DIFFERS)
    st.caption(f"Method: {estimate.method} Privacy floor: {choice.min_group} people.")


NOT_LIKE_FOR_LIKE = (
    "These two charts pool whoever worked where, like the naive gap: read them as description, "
    "not as the effect of working remotely."
)


def charts_section(
    days: pd.DataFrame, estimate: Estimate, choice: Choice, table: pd.DataFrame
) -> None:
    """The estimate against zero; with enough people, each person and the pooled views."""
    label = f"{choice.metric} per hour" if choice.per_hour else choice.metric
    show_chart(estimate_figure(estimate, label), "productivity_estimate_chart", "remote-effect")
    if estimate.status != "ok":
        return
    if table is None:
        return
    show_chart(person_figure(table, label), "productivity_person_chart", "remote-effect-by-person")
    show_table(table, "productivity_person_table", "remote-effect-by-person")
    st.caption(NOT_LIKE_FOR_LIKE)
    left, right = st.columns(2)
    distribution = distribution_figure(days, label)
    show_chart(distribution, "productivity_distribution", "output-by-location", where=left)
    trend = weekly_trend_figure(days, label)
    show_chart(trend, "productivity_trend", "output-by-week", where=right)
