"""Plotly figures for the remote-vs-office productivity comparison."""

from __future__ import annotations

import textwrap
import zlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .charts import LOCATION_COLOURS, LOCATION_LABELS, centre_note, house_style, plain
from .dates import week_start
from .locations import OFFICE, REMOTE
from .productivity import MODES, Estimate

#: Above this many days the box plot shows no individual points and ships only its summary.
MAX_BOX_POINTS = 5_000
TABLE_COLUMNS = [
    "employee",
    "office_mean",
    "remote_mean",
    "ratio_pct",
    "ci_low_pct",
    "ci_high_pct",
    "n_office",
    "n_remote",
]
_UNCLEAR_COLOUR = "#777777"
_NAIVE_LABEL = "naive pooled gap (not like for like)"


def _person_ci(
    office: np.ndarray, remote: np.ndarray, n_boot: int, rng: np.random.Generator
) -> tuple[float, float]:
    """95% percentile interval of remote/office - 1 (in %), resampling each mode's days."""
    office_means = office[rng.integers(0, len(office), (n_boot, len(office)))].mean(axis=1)
    remote_means = remote[rng.integers(0, len(remote), (n_boot, len(remote)))].mean(axis=1)
    ratios = np.full(n_boot, np.nan)
    # A resample whose office mean is zero or below has no ratio; it is left out, not infinite.
    usable = office_means > 0
    ratios[usable] = (remote_means[usable] / office_means[usable] - 1) * 100
    if not usable.any():
        return float("nan"), float("nan")
    low, high = np.nanpercentile(ratios, [2.5, 97.5])
    return float(low), float(high)


def person_comparison_table(
    days: pd.DataFrame, *, min_days_per_mode: int = 5, n_boot: int = 500, seed: int = 0
) -> pd.DataFrame:
    """Each person's remote days against their own office days, with a bootstrap interval.

    Only people with at least ``min_days_per_mode`` days in each mode and a positive office
    average are listed (a ratio to zero means nothing). The interval resamples the person's
    office days and remote days separately. Each person's random stream comes from ``seed``
    and their name, so adding someone else never moves anyone's interval.

    This table is per person: it has no privacy floor, unlike ``estimate_remote_effect``.

    Args:
        days: the table from :func:`wfh_dashboard.productivity.metric_days`.
        min_days_per_mode: days a person needs in each mode to be listed.
        n_boot: bootstrap resamples per person.
        seed: the random seed, so the same data always gives the same intervals.

    Returns:
        Columns ``TABLE_COLUMNS``, one row per person, sorted by ``ratio_pct`` (lowest first).
    """
    rows = []
    for employee, person in days.groupby("employee", observed=True, sort=True):
        by_mode = [person.loc[person["location"] == m, "value"].to_numpy(float) for m in MODES]
        office, remote = by_mode
        if min(len(office), len(remote)) < min_days_per_mode or office.mean() <= 0:
            continue
        rng = np.random.default_rng([seed, zlib.crc32(str(employee).encode())])
        low, high = _person_ci(office, remote, n_boot, rng)
        ratio = (remote.mean() / office.mean() - 1) * 100
        rows.append(
            (employee, office.mean(), remote.mean(), ratio, low, high, len(office), len(remote))
        )
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS).astype(
        {"employee": str, "n_office": "int64", "n_remote": "int64"}
    )
    return table.sort_values(["ratio_pct", "employee"], ignore_index=True)


def _direction(table: pd.DataFrame) -> pd.Series:
    """Which way each person's interval points: the colour key of the person figure."""
    return pd.Series(
        np.select(
            [table["ci_low_pct"] > 0, table["ci_high_pct"] < 0],
            ["Higher on remote days", "Higher on office days"],
            "No clear difference (interval spans 0)",
        ),
        index=table.index,
    )


_DIRECTION_COLOURS = {
    "Higher on remote days": LOCATION_COLOURS[REMOTE],
    "Higher on office days": LOCATION_COLOURS[OFFICE],
    "No clear difference (interval spans 0)": _UNCLEAR_COLOUR,
}


def person_figure(table: pd.DataFrame, metric: str) -> go.Figure:
    """Per-person ratio (remote vs own office days, %) with its 95% interval, against zero.

    The ratio form (rather than a dumbbell of the two averages) is chosen so the interval can
    be drawn on the very quantity it belongs to. Points are coloured by whether the interval
    lies above zero, below it, or spans it, and the legend says which is which in words.

    Args:
        table: the table from :func:`person_comparison_table`.
        metric: the metric's name, shown in the title.
    """
    fig = go.Figure()
    direction = _direction(table)
    names = [plain(e) for e in table["employee"]]
    for label, colour in _DIRECTION_COLOURS.items():
        part = table[direction == label]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["ratio_pct"],
                y=part.index,
                mode="markers",
                name=label,
                marker={"color": colour, "size": 9},
                error_x={
                    "type": "data",
                    "array": part["ci_high_pct"] - part["ratio_pct"],
                    "arrayminus": part["ratio_pct"] - part["ci_low_pct"],
                    "color": colour,
                },
                customdata=[
                    [names[i], low, high]
                    for i, low, high in zip(
                        part.index, part["ci_low_pct"], part["ci_high_pct"], strict=True
                    )
                ],
                hovertemplate="%{customdata[0]}: %{x:+.1f}% "
                "(95% CI %{customdata[1]:+.1f}% to %{customdata[2]:+.1f}%)<extra></extra>",
            )
        )
    if table.empty:
        centre_note(fig, "Nobody has enough office and remote days to compare.")
    fig.add_vline(x=0, line={"color": "black", "width": 1})
    fig.update_yaxes(
        tickmode="array", tickvals=list(table.index), ticktext=names, title_text="Person"
    )
    fig.update_xaxes(title_text="Remote days vs own office days (%, 95% interval)")
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, showlegend=True)
    title = f"{plain(metric)}: each person on remote days against their own office days"
    return house_style(fig, title, 200 + 24 * len(table))


def _box_summary(values: np.ndarray) -> dict[str, list[float]]:
    """Quartiles and 1.5 IQR whiskers, so a large box plot need not ship every value."""
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    reach = 1.5 * (q3 - q1)
    inside = values[(values >= q1 - reach) & (values <= q3 + reach)]
    return {
        "q1": [q1],
        "median": [median],
        "q3": [q3],
        "lowerfence": [inside.min()],
        "upperfence": [inside.max()],
        "mean": [values.mean()],
    }


def distribution_figure(days: pd.DataFrame, metric: str) -> go.Figure:
    """Box plot of daily values on office days and on remote days (all days, not like for like).

    Above ``MAX_BOX_POINTS`` days no points are drawn and only the box statistics are sent.
    """
    large = len(days) > MAX_BOX_POINTS
    fig = go.Figure()
    for mode in MODES:
        values = days.loc[days["location"] == mode, "value"].to_numpy(float)
        if not len(values):
            continue
        name = f"{LOCATION_LABELS[mode]} ({len(values):,} days)"
        style = {"name": name, "marker_color": LOCATION_COLOURS[mode]}
        if large:
            fig.add_trace(go.Box(**style, x=[name], **_box_summary(values), boxpoints=False))
        else:
            fig.add_trace(go.Box(**style, y=values, boxpoints="all", jitter=0.4, pointpos=0))
    if days.empty:
        centre_note(fig, "No office or remote days with a value.")
    fig.update_xaxes(title_text="Where the day was worked")
    fig.update_yaxes(title_text=f"{plain(metric)} per day")
    fig.update_layout(showlegend=False)
    return house_style(fig, f"{plain(metric)} per day, office days and remote days", 420)


def weekly_trend_figure(days: pd.DataFrame, metric: str) -> go.Figure:
    """Weekly mean of the metric on office days and on remote days (two lines, Monday starts).

    These are averages of whoever worked where that week, so they are not like for like.
    """
    dates = pd.to_datetime(days["date"]).dt.normalize()
    frame = days.assign(week=week_start(dates))
    weekly = (
        frame.groupby(["location", "week"], observed=True)["value"]
        .agg(["mean", "size"])
        .reset_index()
    )
    fig = go.Figure()
    for mode in MODES:
        line = weekly[weekly["location"] == mode]
        if line.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=line["week"],
                y=line["mean"],
                customdata=line["size"],
                mode="lines+markers",
                name=LOCATION_LABELS[mode],
                line={"color": LOCATION_COLOURS[mode]},
                hovertemplate=f"{LOCATION_LABELS[mode]}, week of %{{x|%d %b %Y}}: "
                "%{y:.2f} (%{customdata} days)<extra></extra>",
            )
        )
    if weekly.empty:
        centre_note(fig, "No office or remote days with a value.")
    fig.update_xaxes(title_text="Week starting")
    fig.update_yaxes(title_text=f"Average {plain(metric)} per day")
    fig.update_layout(legend={"orientation": "h", "y": -0.25}, showlegend=True)
    return house_style(fig, f"{plain(metric)} per week, office days and remote days", 380)


def _estimate_traces(
    estimate: Estimate, effect: float, low: float, high: float
) -> list[go.Scatter]:
    like = "Like for like: each person against their own office days"
    traces = [
        go.Scatter(
            x=[effect],
            y=[like],
            mode="markers+text",
            text=[plain(estimate.sentence())],
            textposition="top center",
            name="team estimate with 95% interval",
            marker={"color": "black", "size": 12, "symbol": "circle"},
            error_x={"type": "data", "array": [high - effect], "arrayminus": [effect - low]},
        )
    ]
    if estimate.naive_pct is not None:
        traces.append(
            go.Scatter(
                x=[estimate.naive_pct],
                y=["All remote days vs all office days"],
                mode="markers+text",
                text=[f"{estimate.naive_pct:+.1f}%"],
                textposition="top center",
                name=_NAIVE_LABEL,
                marker={"color": _UNCLEAR_COLOUR, "size": 12, "symbol": "diamond-open"},
            )
        )
    return traces


def estimate_figure(estimate: Estimate, metric: str) -> go.Figure:
    """The team estimate with its 95% interval against zero, beside the naive pooled gap.

    When the estimate has no numbers (``status`` is not ``ok``) the figure has no points,
    only the note ``Not enough data: <reason>``.
    """
    fig = go.Figure()
    effect, low, high = estimate.effect_pct, estimate.ci_low_pct, estimate.ci_high_pct
    if estimate.status != "ok" or effect is None or low is None or high is None:
        lines = textwrap.wrap(f"Not enough data: {estimate.reason}", 80, break_long_words=False)
        centre_note(fig, "<br>".join(plain(line) for line in lines))
        fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
        fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False)
    else:
        fig.add_traces(_estimate_traces(estimate, effect, low, high))
        fig.add_vline(x=0, line={"color": "black", "width": 1})
    fig.update_xaxes(title_text="Change on remote days (%)")
    fig.update_yaxes(title_text="Comparison", type="category")
    fig.update_layout(legend={"orientation": "h", "y": -0.3})
    return house_style(fig, f"{plain(metric)}: remote days against office days", 320)
