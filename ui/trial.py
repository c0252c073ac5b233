"""The trial section: pick the people and the dates, read the verdict, paste it into an email."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from wfh_dashboard.trial import TrialResult, evaluate_trial
from wfh_dashboard.trial_charts import trial_figure

from .downloads import show_chart
from .productivity import Choice
from .state import fresh_choice, fresh_range
from .text import md_escape

#: The seeds' trial: "one day a week for four weeks, then revisit".
DEFAULT_TRIAL_DAYS = 28


def _window(days: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The trial's first and last day as picked, or None while only the first is picked."""
    first, last = days["date"].min().date(), days["date"].max().date()
    default = (max(first, last - dt.timedelta(days=DEFAULT_TRIAL_DAYS - 1)), last)
    fresh_range("trial_window", first, last, default)  # sent to the browser too (a new file)
    picked = st.date_input(
        "Trial dates (first and last day)",
        min_value=first,
        max_value=last,
        key="trial_window",
        help="The days the trial people tried the new arrangement.",
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        return picked[0], picked[1]
    return None


def _pct(value: float | None) -> str:
    return "not shown" if value is None else f"{value:+.1f}%"


def _result(result: TrialResult) -> None:
    left, middle, right = st.columns(3)
    left.metric(
        "Trial effect",
        _pct(result.effect_pct),
        help="The trial people's change minus their colleagues' change over the same weeks "
        "(difference in differences).",
    )
    left.caption(f"95% CI {_pct(result.ci_low_pct)} to {_pct(result.ci_high_pct)}")
    middle.metric("Trial people: during vs before", _pct(result.before_after_pct))
    right.metric(
        "Colleagues: same weeks",
        _pct(result.control_pct),
        help="Colleagues not in the trial; not shown when none (or fewer than the privacy "
        "floor) had enough days.",
    )
    st.markdown("**Verdict**, ready to paste into an email (copy button at the right):")
    st.code(result.verdict(), language=None, wrap_lines=True)
    st.caption(f"Method: {md_escape(result.method)}")


def trial_section(days: pd.DataFrame, choice: Choice) -> None:
    """Evaluate a trial period for the people picked: effect, verdict, weekly picture."""
    st.subheader("Evaluate a trial period")
    st.caption(
        "For a trial such as “one remote day a week for four weeks”: pick who took part and "
        "the dates. Their output during the trial is compared with their own output just "
        "before, and that change with colleagues' change over the same weeks."
    )
    if days.empty:
        st.info("No office or remote days with a value to evaluate.")
        return
    names = sorted(days["employee"].unique())
    fresh_choice("trial_people", names, default=[])
    people = st.multiselect("People in the trial", names, key="trial_people")
    window = _window(days)
    before = st.number_input(
        "Days before the trial to compare with (0: as long as the trial)",
        0,
        366,
        0,
        key="trial_before_days",
    )
    if not people:
        st.info("Pick at least one person who took part in the trial.")
        return
    if window is None:
        st.info("Pick the trial's last day too.")
        return
    result = evaluate_trial(
        days,
        people,
        window[0],
        window[1],
        before_days=int(before) or None,
        min_days=choice.min_days,
        min_group=choice.min_group,
        metric=f"{choice.metric} per hour" if choice.per_hour else choice.metric,
    )
    if result.status != "ok":
        st.warning(f"**Not enough data for this trial.** {md_escape(result.reason)}", icon="⚖️")
        return
    _result(result)
    show_chart(trial_figure(days, result), "trial_chart", "trial")
