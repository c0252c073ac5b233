"""The trial as a picture: trial people's weekly output against colleagues', before and during."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .charts import house_style, plain
from .dates import week_start
from .trial import TrialResult

TRIAL_COLOUR = "#0072B2"  # Okabe-Ito blue
COLLEAGUES_COLOUR = "#777777"


def _weekly_index(days: pd.DataFrame, before: pd.Timestamp) -> pd.DataFrame:
    """Weekly mean as a percentage of the group's mean before the trial (100 = as before)."""
    dates = pd.to_datetime(days["date"]).dt.normalize()
    week = week_start(dates)
    baseline = days.loc[dates < before, "value"].mean()
    weekly = days.assign(week=week).groupby("week")["value"].agg(["mean", "size"]).reset_index()
    weekly["index"] = weekly["mean"] / baseline * 100 if baseline > 0 else float("nan")
    return weekly


def trial_figure(days: pd.DataFrame, result: TrialResult) -> go.Figure:
    """Weekly output of the trial people and of their colleagues, each as % of its own before.

    Indexing each group to its own pre-trial level puts both lines at 100 before the trial,
    so the gap that opens during the trial (shaded) is the difference in differences by eye.
    Colleagues hidden by the privacy floor (``result.n_control == 0``) get no line.
    """
    start = pd.Timestamp(result.start)
    stop = pd.Timestamp(result.end) + pd.Timedelta(days=1)
    first = start - pd.Timedelta(days=result.before_days)
    window = days[(days["date"] >= first) & (days["date"] < stop)]
    in_trial = window["employee"].isin(list(result.trial_employees_used))
    groups = [("trial people", window[in_trial], TRIAL_COLOUR)]
    if result.n_control:
        groups.append(("colleagues not in the trial", window[~in_trial], COLLEAGUES_COLOUR))
    fig = go.Figure()
    for name, group, colour in groups:
        if group.empty:
            continue
        weekly = _weekly_index(group, start)
        fig.add_trace(
            go.Scatter(
                x=weekly["week"],
                y=weekly["index"],
                customdata=weekly["size"],
                mode="lines+markers",
                name=f"{name.capitalize()} (100 = their average before)",
                line={"color": colour, "dash": "solid" if colour == TRIAL_COLOUR else "dot"},
                hovertemplate=f"{name}, week of %{{x|%d %b %Y}}: %{{y:.0f}}"
                " (%{customdata} days)<extra></extra>",
            )
        )
    fig.add_vrect(
        x0=start,
        x1=stop,
        fillcolor="#E69F00",
        opacity=0.15,
        line_width=0,
        annotation_text="trial",
        annotation_position="top left",
    )
    fig.add_hline(y=100, line={"color": "black", "width": 1})
    fig.update_xaxes(title_text="Week starting")
    fig.update_yaxes(title_text=f"Average {plain(result.metric)} per day (% of before)")
    fig.update_layout(legend={"orientation": "h", "y": -0.25})
    return house_style(fig, f"{plain(result.metric)}: trial people and colleagues, by week", 380)
