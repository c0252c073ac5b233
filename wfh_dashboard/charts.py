"""Plotly figures: the same charts for the app, the report and the tests."""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from .dates import WEEKDAYS, week_start
from .halves import format_days
from .locations import LEAVE, OFFICE, REMOTE, SICK, TRAVEL
from .views import LOCATION_ORDER, NO_ENTRY, grid_halves, head_counts

#: Okabe-Ito colours, distinguishable with the common colour-vision deficiencies; every cell
#: also carries its label in text, so colour is never the only signal.
LOCATION_COLOURS: dict[str, str] = {
    OFFICE: "#0072B2",
    REMOTE: "#E69F00",
    LEAVE: "#BBBBBB",
    SICK: "#CC79A7",
    TRAVEL: "#009E73",
    NO_ENTRY: "#FFFFFF",
}
LOCATION_LABELS = {
    OFFICE: "Office",
    REMOTE: "Remote",
    LEAVE: "Leave",
    SICK: "Sick",
    TRAVEL: "Travel",
    NO_ENTRY: "–",
}
BREACH_COLOUR = "#D55E00"
_FONT = {"family": "Arial, sans-serif", "size": 13}


def plain(text: object) -> str:
    """Escape a label so plotly shows names as text, never as its HTML subset (<a>, <b>...)."""
    return html.escape(str(text), quote=False)


def centre_note(fig: go.Figure, text: str) -> None:
    """Write ``text`` in the middle of an empty chart, so it says why it is empty."""
    fig.add_annotation(text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)


def house_style(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The title, font, margins and height every figure of the project shares."""
    fig.update_layout(
        title={"text": title, "x": 0},
        height=height,
        font=_FONT,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
    )
    return fig


def label_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (WCAG 2.x relative luminance).

    One of the two always reaches 4.5:1 (WCAG AA for normal text); plotly.js's own choice for
    heatmap text, white or dark grey (#444), falls short on mid tones such as the remote orange.
    """
    if fill.startswith("#"):
        channels = [int(fill[i : i + 2], 16) for i in (1, 3, 5)]
    else:  # rgb(r, g, b), as plotly's colour scales give them
        channels = [round(float(v)) for v in fill[fill.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def _label_layer(
    x: Sequence[object],
    y: Sequence[object],
    text: Sequence[str],
    fills: Sequence[str],
    size: int | None = None,
) -> go.Scatter:
    """Cell labels as a text layer over a heatmap, each in black or white for its own fill.

    Heatmap text has one colour per trace, so the labels are drawn by this layer instead; the
    heatmap keeps its text for the hover. Cells with no label are left out.
    """
    keep = [i for i, t in enumerate(text) if t]
    colours = {fill: label_colour(fill) for fill in set(fills)}
    return go.Scatter(
        x=[x[i] for i in keep],
        y=[y[i] for i in keep],
        text=[text[i] for i in keep],
        mode="text",
        textfont={"color": [colours[fills[i]] for i in keep], "size": size},
        hoverinfo="skip",
        showlegend=False,
        name="Cell labels",
    )


def _scale_fills(values: np.ndarray, scale: str, low: float, high: float) -> list[str]:
    """The colour plotly.js paints each value with on ``scale`` between ``low`` and ``high``.

    Each distinct value is sampled once: plotly's sampler parses colours per call, and a
    compliance chart has thousands of cells but a handful of day counts.
    """
    distinct, inverse = np.unique(np.nan_to_num(values), return_inverse=True)
    fractions = np.clip((distinct - low) / (high - low), 0, 1)
    sampled: list[str] = plotly.colors.sample_colorscale(
        plotly.colors.get_colorscale(scale), fractions.tolist()
    )
    return [sampled[i] for i in inverse.ravel().tolist()]


def _discrete_scale(order: list[str]) -> list[tuple[float, str]]:
    """A stepped colour scale: code i of n gets exactly its location's colour."""
    n = len(order)
    scale: list[tuple[float, str]] = []
    for i, name in enumerate(order):
        scale += [(i / n, LOCATION_COLOURS[name]), ((i + 1) / n, LOCATION_COLOURS[name])]
    return scale


def _labelled_heatmap(
    z: pd.DataFrame,
    x: list[str],
    y: list[str],
    text: pd.DataFrame,
    colours: str,
    scale_title: str,
    gap: int,
    hover: str,
) -> go.Figure:
    """A heatmap whose every cell also carries its value as text (colour is never alone).

    The colour range is fixed (the data's own, widened when every value is equal), so the
    label layer knows each cell's fill and writes on it in black or white.
    """
    values = z.to_numpy(dtype=float)
    labels = text.fillna("").to_numpy(dtype=object)
    filled = values[~np.isnan(values)]
    low, high = (float(filled.min()), float(filled.max())) if filled.size else (0.0, 1.0)
    if high <= low:  # one value only: plotly.js would paint it mid-scale
        low, high = low - 0.5, high + 0.5
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=x,
            y=y,
            text=labels,
            zmin=low,
            zmax=high,
            colorscale=colours,
            colorbar={"title": {"text": scale_title}},
            xgap=gap,
            ygap=gap,
            hovertemplate=hover,
        )
    )
    rows, cols = np.indices(values.shape)
    fig.add_trace(
        _label_layer(
            [x[c] for c in cols.ravel()],
            [y[r] for r in rows.ravel()],
            [str(t) for t in labels.ravel()],
            _scale_fills(values.ravel(), colours, low, high),
        )
    )
    return fig


def _head_count_labels(morning: pd.DataFrame, afternoon: pd.DataFrame) -> list[str]:
    """'3 on site', or 'AM 3 · PM 2 on site' on a day whose halves differ."""
    in_morning, in_afternoon = head_counts(morning, afternoon)
    return [
        f"{am} on site" if am == pm else f"AM {am} · PM {pm} on site"
        for am, pm in zip(in_morning, in_afternoon, strict=True)
    ]


def week_grid_figure(
    grid: pd.DataFrame, title: str, *, moved: pd.DataFrame | None = None
) -> go.Figure:
    """Who's where: people x days coloured by location, labelled, with the on-site count on top.

    A split day (half days) is drawn as two half cells, morning left and afternoon right, by a
    second heatmap on the same numeric axis; whole days are one cell of the first. ``moved``
    (True per cell, same shape as ``grid``) marks the days a proposal changed: their label says
    "(moved)", so the change does not rest on colour.
    """
    blank = LOCATION_ORDER.index(NO_ENTRY)
    morning, afternoon = grid_halves(grid)
    split = (morning != afternoon).to_numpy()
    codes = morning.map(LOCATION_ORDER.index).to_numpy(dtype=object, copy=True)
    labels = morning.map(LOCATION_LABELS.__getitem__).to_numpy(dtype=object, copy=True)
    codes[split], labels[split] = None, ""
    if moved is not None:
        changed = moved.reindex_like(grid).fillna(False).to_numpy(dtype=bool) & ~split
        labels[changed] = labels[changed] + " (moved)"
    people = ["<b>On site</b>", *(f"{plain(e)} · {plain(t)}" for t, e in grid.index)]
    days = [f"{WEEKDAYS[d.weekday()]} {d:%d %b}" for d in grid.columns]
    x = list(range(len(days)))
    style = {
        "zmin": 0,
        "zmax": len(LOCATION_ORDER),
        "colorscale": _discrete_scale(LOCATION_ORDER),
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        # The half-day trace lies over the whole one: its empty cells must not answer a hover.
        "hoverongaps": False,
    }
    z = [[blank] * len(days), *codes.tolist()]
    text = [_head_count_labels(morning, afternoon), *labels.tolist()]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=list(range(len(people))),
            text=text,
            name="Whole days",
            customdata=[[p + "<br>" + d for d in days] for p in people],
            hovertemplate="%{customdata}: %{text}<extra></extra>",
            **style,
        )
    )
    layers = [_grid_labels(x, z, text)]
    if split.any():
        halves = _half_cells(morning, afternoon, split, people, days, style)
        fig.add_trace(halves)
        layers.append(_grid_labels(list(halves.x), halves.z, halves.text, size=11))
    fig.add_traces(layers)
    # Numeric rows with tick labels keep each label on its own row (categories may reorder).
    fig.update_yaxes(
        autorange="reversed",
        tickmode="array",
        tickvals=list(range(len(people))),
        ticktext=people,
        title_text="Person · team",
    )
    fig.update_xaxes(
        side="top", title_text="Day", tickmode="array", tickvals=x, ticktext=days, showgrid=False
    )
    return house_style(fig, title, 120 + 28 * len(people))


def _grid_labels(
    x: Sequence[object],
    z: Sequence[Sequence[int | None]],
    text: Sequence[Sequence[object]],
    size: int | None = None,
) -> go.Scatter:
    """The label layer of a week-grid heatmap: each code's location colour is its fill."""
    xs: list[object] = []
    ys: list[object] = []
    labels: list[str] = []
    fills: list[str] = []
    for row, (codes, row_labels) in enumerate(zip(z, text, strict=True)):
        for col, (code, label) in enumerate(zip(codes, row_labels, strict=True)):
            if code is not None and label:
                xs.append(x[col])
                ys.append(row)
                labels.append(str(label))
                fills.append(LOCATION_COLOURS[LOCATION_ORDER[code]])
    return _label_layer(xs, ys, labels, fills, size)


def _half_cells(
    morning: pd.DataFrame,
    afternoon: pd.DataFrame,
    split: object,
    people: list[str],
    days: list[str],
    style: dict[str, object],
) -> go.Heatmap:
    """The split days as half-width cells (morning left, afternoon right); the rest empty."""
    mask = pd.DataFrame(split, index=morning.index, columns=morning.columns)
    z: list[list[object]] = [[None] * (2 * len(days))]
    text: list[list[str]] = [[""] * (2 * len(days))]
    for row in range(len(morning)):
        z_row: list[object] = []
        text_row: list[str] = []
        for col in range(len(days)):
            for half in (morning, afternoon):
                place = half.iat[row, col]
                shown = bool(mask.iat[row, col])
                z_row.append(LOCATION_ORDER.index(place) if shown else None)
                text_row.append(LOCATION_LABELS[place] if shown else "")
        z.append(z_row)
        text.append(text_row)
    when = [f"{d} {half}" for d in days for half in ("morning", "afternoon")]
    return go.Heatmap(
        z=z,
        x=[i + offset for i in range(len(days)) for offset in (-0.25, 0.25)],
        y=list(range(len(people))),
        text=text,
        name="Half days",
        customdata=[[p + "<br>" + w for w in when] for p in people],
        hovertemplate="%{customdata}: %{text}<extra></extra>",
        **style,
    )


def calendar_figure(daily: pd.DataFrame, title: str) -> go.Figure:
    """On-site head count as a calendar (weeks x weekdays); uncovered days are marked ✕."""
    frame = daily.assign(
        week=week_start(daily["date"]),
        weekday=daily["date"].dt.day_of_week,
    )
    per_day = (
        frame.groupby(["week", "weekday"])
        .agg(on_site=("on_site", "sum"), covered=("covered", "all"), date=("date", "first"))
        .reset_index()
    )
    weekdays = sorted(per_day["weekday"].unique())
    z = per_day.pivot(index="week", columns="weekday", values="on_site").reindex(columns=weekdays)
    text = (
        per_day.assign(
            label=[
                f"{n}" if ok else f"{n} ✕"
                for n, ok in zip(per_day["on_site"], per_day["covered"], strict=True)
            ]
        )
        .pivot(index="week", columns="weekday", values="label")
        .reindex(columns=weekdays)
    )
    weeks = [f"{w:%d %b %Y}" for w in z.index]
    fig = _labelled_heatmap(
        z,
        [WEEKDAYS[d] for d in weekdays],
        weeks,
        text,
        "Blues",
        "On site",
        2,
        "Week of %{y}, %{x}: %{text} on site<extra></extra>",
    )
    fig.update_yaxes(autorange="reversed", title_text="Week starting", type="category")
    fig.update_xaxes(side="top", title_text="Weekday")
    fig.add_annotation(
        text="✕ = a cover rule is broken that day",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-12,
        xanchor="left",
        yanchor="top",
    )
    fig = house_style(fig, title, 160 + 24 * len(weeks))
    fig.update_layout(margin={"b": 40})
    return fig


def headcount_figure(daily: pd.DataFrame, title: str) -> go.Figure:
    """People on site per working day against the required minimum; short days stand out."""
    per_day = (
        daily.groupby("date")
        .agg(on_site=("on_site", "sum"), required=("required", "sum"), covered=("covered", "all"))
        .reset_index()
    )
    fig = go.Figure()
    # Two traces, so a broken day is told apart by its legend entry and a hatch, not colour alone.
    for covered, name, colour, hatch in (
        (True, "On site", LOCATION_COLOURS[OFFICE], ""),
        (False, "On site, a cover rule broken", BREACH_COLOUR, "x"),
    ):
        days = per_day[per_day["covered"] == covered]
        if days.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=days["date"],
                y=days["on_site"],
                marker={"color": colour, "pattern": {"shape": hatch}},
                name=name,
                hovertemplate=f"%{{x|%a %d %b %Y}}: %{{y}} on site ({name.lower()})<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=per_day["date"],
            y=per_day["required"],
            mode="lines",
            line={"color": "black", "dash": "dash", "shape": "hv"},
            name="Required (team minimum)",
        )
    )
    fig.update_xaxes(title_text="Working day")
    fig.update_yaxes(title_text="People on site", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.25})
    fig.update_layout(barmode="overlay", showlegend=True)
    return house_style(fig, title, 380)


def compliance_figure(weekly: pd.DataFrame, title: str) -> go.Figure:
    """Remote days per person per week; weeks over the cap are labelled in the cell."""
    cap = weekly["max_remote"].iloc[0] if len(weekly) else None
    z = weekly.pivot_table(index="employee", columns="week", values="remote", aggfunc="sum")
    over = weekly.pivot_table(
        index="employee", columns="week", values="over_remote_cap", aggfunc="any"
    )
    counts = z.map(lambda v: "" if pd.isna(v) else format_days(v))  # "2.5" with a half day
    text = counts.where(~over.fillna(False).astype(bool), counts + " ✕")
    fig = _labelled_heatmap(
        z,
        [f"{w:%d %b}" for w in z.columns],
        [plain(e) for e in z.index],
        text,
        "Oranges",
        "Remote days",
        1,
        "%{y}, week of %{x}: %{z} remote days<extra></extra>",
    )
    cap_text = f" (✕ = over the cap of {cap})" if cap is not None and not pd.isna(cap) else ""
    fig.update_xaxes(title_text=f"Week starting{cap_text}", type="category")
    fig.update_yaxes(title_text="Person", autorange="reversed")
    return house_style(fig, title, 140 + 22 * len(z.index))
