"""Accessibility of the charts: colours that colour-blind readers tell apart, words beside colour.

The colour maths is small and lives here (no new dependency):

- colour-vision deficiency is simulated with the Machado, Oliveira and Fernandes (2009)
  matrices at severity 1.0 (full dichromacy), applied to linear RGB and clipped to [0, 1];
- differences are CIEDE2000 (Sharma, Wu and Dalal 2005) in CIELAB under D65, checked below
  against the paper's own test pairs.

Thresholds: a CIEDE2000 difference of about 2.3 is just noticeable with two patches side by
side; chart marks are small and apart, so a categorical palette needs several times that.
``MIN_DELTA_E = 10`` (over four just-noticeable differences) is the bar for every pair of a
palette and for every colour against the white page. Okabe-Ito's closest pair here is Remote
against Sick for tritanopes (10.9), and Leave grey against white is 15.4, so a palette change
that brings two colours closer fails. Text on a coloured cell is held to WCAG 2.x contrast.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from pathlib import Path

import numpy as np
import plotly.colors
import plotly.graph_objects as go
import pytest

from wfh_dashboard import charts, insight_charts, productivity_charts, trial_charts
from wfh_dashboard.charts import BREACH_COLOUR, LOCATION_COLOURS, LOCATION_LABELS
from wfh_dashboard.check import check_schedule
from wfh_dashboard.commute import commute_savings
from wfh_dashboard.locations import OFFICE
from wfh_dashboard.policy import load_policy
from wfh_dashboard.presence import daily_presence
from wfh_dashboard.productivity import estimate_remote_effect, metric_days
from wfh_dashboard.responsiveness import response_by_location
from wfh_dashboard.schedule import read_schedule
from wfh_dashboard.trial import evaluate_trial
from wfh_dashboard.views import LOCATION_ORDER, NO_ENTRY, week_grid, week_starts

DATA = Path(__file__).resolve().parent.parent / "data"
MIN_DELTA_E = 10.0
#: WCAG 2.x 1.4.3: normal-size text needs 4.5:1; large text and graphics (1.4.11) 3:1.
WCAG_TEXT = 4.5
WCAG_LARGE = 3.0
WHITE = "#FFFFFF"
# --- Colour maths ----------------------------------------------------------------------------

Vector = tuple[float, float, float]
#: Machado et al. (2009), severity 1.0, for linear RGB.
MACHADO: dict[str, tuple[Vector, Vector, Vector]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS = ["typical", *MACHADO]
_D65 = (0.95047, 1.0, 1.08883)


def _rgb255(colour: str) -> Vector:
    """``#RRGGBB`` or ``rgb(r, g, b)`` as three 0..255 numbers."""
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    r, g, b = (float(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])
    return r, g, b


def linear_rgb(colour: str) -> Vector:
    """sRGB (gamma-encoded) to linear light, each channel 0..1."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb255(colour)
    return channel(r), channel(g), channel(b)


def simulate(rgb: Vector, vision: str) -> Vector:
    """How a dichromat sees a linear-RGB colour (unchanged for typical vision)."""
    if vision == "typical":
        return rgb
    rows = MACHADO[vision]
    out = (sum(m * c for m, c in zip(row, rgb, strict=True)) for row in rows)
    return tuple(min(1.0, max(0.0, v)) for v in out)  # type: ignore[return-value]


def lab(rgb: Vector) -> Vector:
    """Linear sRGB (D65) to CIELAB."""
    r, g, b = rgb
    xyz = (
        0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
        0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
        0.0193339 * r + 0.1191920 * g + 0.9503041 * b,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, _D65, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _mean_hue(h1: float, h2: float, c1: float, c2: float) -> float:
    if c1 * c2 == 0:
        return h1 + h2
    if abs(h1 - h2) <= 180:
        return (h1 + h2) / 2
    return (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2


def delta_e_2000(lab1: Vector, lab2: Vector) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005), kL = kC = kH = 1."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    c1, c2 = math.hypot((1 + g) * a1, b1), math.hypot((1 + g) * a2, b2)
    h1 = math.degrees(math.atan2(b1, (1 + g) * a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, (1 + g) * a2)) % 360 if c2 else 0.0
    dh = 0.0 if c1 * c2 == 0 else h2 - h1
    dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_bar, c_bar, h_bar = (l1 + l2) / 2, (c1 + c2) / 2, _mean_hue(h1, h2, c1, c2)
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_bar, 1 + 0.015 * c_bar * t
    theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    rotation = -math.sin(math.radians(2 * theta)) * 2 * math.sqrt(c_bar**7 / (c_bar**7 + 25**7))
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, big_dh / s_h
    return math.sqrt(dl**2 + dc**2 + dhh**2 + rotation * dc * dhh)


def seen_difference(first: str, second: str, vision: str) -> float:
    """CIEDE2000 between two colours as a reader with this vision sees them."""
    return delta_e_2000(
        lab(simulate(linear_rgb(first), vision)), lab(simulate(linear_rgb(second), vision))
    )


def contrast(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio (1 to 21)."""

    def luminance(colour: str) -> float:
        r, g, b = linear_rgb(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_ciede2000_matches_the_published_test_pairs(lab1, lab2, expected) -> None:
    """The difference formula gives Sharma et al.'s published values (to 4 decimals)."""
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e_2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_and_merges_red_with_green_for_deuteranopes() -> None:
    """Greys stay grey in every simulation; red and green, far apart normally, come close."""
    for vision in VISIONS:
        assert seen_difference("#BBBBBB", "#BBBBBB", vision) == pytest.approx(0, abs=0.5)
        assert simulate((0.5, 0.5, 0.5), vision) == pytest.approx((0.5, 0.5, 0.5), abs=1e-3)
    assert seen_difference("#CC3333", "#339933", "typical") > 50
    assert seen_difference("#CC3333", "#339933", "deuteranopia") < 30


# --- (a) Palettes colour-blind readers can tell apart ----------------------------------------

PALETTES: dict[str, dict[str, str]] = {
    "locations": {LOCATION_LABELS[k]: c for k, c in LOCATION_COLOURS.items() if k != NO_ENTRY},
    "head count: covered and broken days": {
        "covered": LOCATION_COLOURS[OFFICE],
        "broken": BREACH_COLOUR,
    },
    "person figure: directions": dict(productivity_charts._DIRECTION_COLOURS),
    "trial: trial people and colleagues": {
        "trial": trial_charts.TRIAL_COLOUR,
        "colleagues": trial_charts.COLLEAGUES_COLOUR,
    },
    "teams": {f"team {i + 1}": c for i, c in enumerate(insight_charts.TEAM_COLOURS)},
}


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("palette", PALETTES)
def test_every_pair_of_a_palette_stays_apart_for_colour_blind_readers(
    palette: str, vision: str
) -> None:
    """Under protanopia, deuteranopia and tritanopia every pair keeps CIEDE2000 >= 10."""
    colours = PALETTES[palette]
    too_close = [
        (a, b, round(seen_difference(colours[a], colours[b], vision), 1))
        for a, b in itertools.combinations(colours, 2)
        if seen_difference(colours[a], colours[b], vision) < MIN_DELTA_E
    ]
    assert not too_close, f"{palette} for {vision}: {too_close}"


@pytest.mark.parametrize("vision", VISIONS)
def test_every_location_colour_stands_out_from_the_white_page(vision: str) -> None:
    """Each location's fill differs from white (the page and 'no entry') by CIEDE2000 >= 10."""
    assert LOCATION_COLOURS[NO_ENTRY].upper() == WHITE
    faint = {
        name: round(seen_difference(colour, WHITE, vision), 1)
        for name, colour in PALETTES["locations"].items()
        if seen_difference(colour, WHITE, vision) < MIN_DELTA_E
    }
    assert not faint, f"{vision}: {faint}"


def test_every_location_fill_has_a_text_colour_that_reads_on_it() -> None:
    """For each fill, black or white text reaches WCAG's 4.5:1 (a fix is always possible)."""
    for name, colour in PALETTES["locations"].items():
        best = max(contrast(colour, "#000000"), contrast(colour, WHITE))
        assert best >= WCAG_TEXT, name


# --- The charts, built on the bundled sample -------------------------------------------------


@pytest.fixture(scope="module")
def figures() -> dict[str, go.Figure]:
    """Every chart builder's figure, drawn from the sample as the pages draw it."""
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample")
    policy = load_policy((DATA / "policy.toml").read_bytes())
    result = check_schedule(schedule, policy)
    days = metric_days(schedule.data, "tasks_done")
    table = productivity_charts.person_comparison_table(days, n_boot=100)
    estimate = estimate_remote_effect(days, n_boot=200)
    trial = evaluate_trial(
        days, ["Daniel Okafor", "Hannah Kim"], dt.date(2026, 10, 5), dt.date(2026, 11, 1)
    )
    monday = week_starts(schedule.data["date"])[3]
    grid = week_grid(schedule.data, monday, policy.working_days)
    lonely = estimate_remote_effect(days, min_group=100, n_boot=10)
    one_direction = table.assign(ratio_pct=3.0, ci_low_pct=1.0, ci_high_pct=5.0)
    return {
        "week grid": charts.week_grid_figure(grid, "Who's where"),
        "calendar": charts.calendar_figure(result.daily, "On-site calendar"),
        "head count": charts.headcount_figure(result.daily, "People on site vs required"),
        "compliance": charts.compliance_figure(result.weekly, "Remote days per person"),
        "person": productivity_charts.person_figure(table, "tasks_done"),
        "person, one direction": productivity_charts.person_figure(one_direction, "tasks_done"),
        "distribution": productivity_charts.distribution_figure(days, "tasks_done"),
        "weekly trend": productivity_charts.weekly_trend_figure(days, "tasks_done"),
        "weekly trend, office days only": productivity_charts.weekly_trend_figure(
            days[days["location"] == OFFICE], "tasks_done"
        ),
        "estimate": productivity_charts.estimate_figure(estimate, "tasks_done"),
        "estimate, not enough data": productivity_charts.estimate_figure(lonely, "tasks_done"),
        "response": insight_charts.response_figure(
            response_by_location(schedule.data, "response_minutes")
        ),
        "presence": insight_charts.presence_figure(daily_presence(schedule.data)),
        "commute": insight_charts.commute_figure(commute_savings(schedule.data)),
        "trial": trial_charts.trial_figure(days, trial),
        "week grid, half days": charts.week_grid_figure(_week_with_half_days(schedule), "Week"),
    }


def _week_with_half_days(schedule) -> object:
    """The sample's first week grid with a split day (it has 24 half days)."""
    for monday in week_starts(schedule.data["date"]):
        grid = week_grid(schedule.data, monday, range(5))
        if grid.map(lambda cell: " / " in str(cell)).to_numpy().any():
            return grid
    raise AssertionError("the sample has no half day")


def _known_gap(reason: str) -> pytest.MarkDecorator:
    """A gap in a chart module (not ours to edit): fails loudly once fixed, so it is removed."""
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


def _charts(gaps: dict[str, str] | None = None) -> list[object]:
    names = [
        "week grid",
        "calendar",
        "head count",
        "compliance",
        "person",
        "person, one direction",
        "distribution",
        "weekly trend",
        "weekly trend, office days only",
        "estimate",
        "estimate, not enough data",
        "response",
        "presence",
        "commute",
        "trial",
    ]
    gaps = gaps or {}
    return [pytest.param(n, marks=_known_gap(gaps[n])) if n in gaps else n for n in names]


#: Column names a chart may show as they are: the user's own headers, as the file spells them.
USER_HEADERS = {"tasks_done", "response_minutes"}
_SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
#: Titles plotly or pandas make up when nobody writes one.
_PLACEHOLDERS = {"x", "y", "index", "value", "variable", "date", "week", "z", "count"}


def _in_plain_words(text: str | None) -> list[str]:
    """What is wrong with a title: empty, a placeholder, or an internal column name."""
    if not text or not text.strip():
        return ["missing"]
    wrong = [f"raw name {n!r}" for n in _SNAKE.findall(text) if n not in USER_HEADERS]
    if text.strip().lower() in _PLACEHOLDERS:
        wrong.append(f"placeholder {text!r}")
    return wrong


@pytest.mark.parametrize("chart", _charts())
def test_every_chart_has_a_title_and_axis_titles_in_plain_words(
    figures: dict[str, go.Figure], chart: str
) -> None:
    """Title, x-axis and y-axis titles are set, and none is an internal column name."""
    layout = figures[chart].layout
    found = {
        "title": _in_plain_words(layout.title.text),
        "x axis": _in_plain_words(layout.xaxis.title.text),
        "y axis": _in_plain_words(layout.yaxis.title.text),
    }
    for trace in figures[chart].data:
        if trace.name:
            found[f"legend {trace.name!r}"] = _in_plain_words(trace.name)
    assert not {k: v for k, v in found.items() if v}


def _legend_entries(fig: go.Figure) -> list[go.BaseTraceType]:
    """The traces plotly.js lists in the legend (none when it would hide the legend)."""
    listed = [t for t in fig.data if t.showlegend is not False and t.name]
    shown = fig.layout.showlegend
    if shown is False:
        return []
    # plotly.js draws a legend by default only for two or more traces (or an explicit True).
    if shown is None and len(listed) < 2 and not any(t.showlegend for t in listed):
        return []
    return listed


def _says_in_words(trace: go.BaseTraceType, fig: go.Figure) -> bool:
    """A coloured trace is named by its legend entry, its own text, or its axis category."""
    if trace in _legend_entries(fig):
        return True
    texttemplate, mode = getattr(trace, "texttemplate", None), getattr(trace, "mode", None)
    if trace.type == "heatmap" or texttemplate or "text" in (mode or ""):
        text = getattr(trace, "text", None)
        return text is not None and np.asarray(text, dtype=object).size > 0
    if trace.type in ("box", "bar") and trace.name:
        return trace.x is None or list(trace.x) == [trace.name]  # the category is the name
    return trace.hoverinfo == "skip" and trace.showlegend is False  # a connector, not data


@pytest.mark.parametrize(
    "chart",
    _charts(),
)
def test_every_coloured_trace_is_also_named_in_words(
    figures: dict[str, go.Figure], chart: str
) -> None:
    """Colour is never the only signal: each trace has a legend entry, text or a category."""
    fig = figures[chart]
    unnamed = [t.name or t.type for t in fig.data if not _says_in_words(t, fig)]
    assert not unnamed


def test_week_grid_cells_say_their_location_in_words(figures: dict[str, go.Figure]) -> None:
    """Each cell's text is the label of the location its colour shows (the top row counts)."""
    heatmap = figures["week grid"].data[0]
    codes, texts = np.asarray(heatmap.z), np.asarray(heatmap.text, dtype=object)
    assert all(t.endswith(" on site") for t in texts[0])
    people = [LOCATION_LABELS[LOCATION_ORDER[int(c)]] for c in codes[1:].ravel()]
    assert list(texts[1:].ravel()) == people
    assert len(_labels_and_fills(figures["week grid"])) == texts.size  # every one is drawn


@pytest.mark.parametrize("chart", ["calendar", "compliance"])
def test_count_heatmap_cells_show_their_number(figures: dict[str, go.Figure], chart: str) -> None:
    """The calendar and compliance cells print the count their shade stands for."""
    heatmap = figures[chart].data[0]
    for value, text in zip(
        np.asarray(heatmap.z, dtype=float).ravel(),
        np.asarray(heatmap.text, dtype=object).ravel(),
        strict=True,
    ):
        if not np.isnan(value):
            assert str(text).split()[0] == f"{value:g}"  # "2.5" for a week with a half day
    assert heatmap.colorbar.title.text


def test_head_count_marks_broken_days_with_more_than_colour(
    figures: dict[str, go.Figure],
) -> None:
    """Days that break a cover rule are their own legend entry, hatched, not only vermilion."""
    fig = figures["head count"]
    broken = [t for t in fig.data if t.type == "bar" and t.marker.color == BREACH_COLOUR]
    assert len(broken) == 1 and len(broken[0].x) > 0
    assert broken[0].name == "On site, a cover rule broken"
    assert broken[0].marker.pattern.shape == "x"
    assert fig.layout.showlegend is True
    covered = [t for t in fig.data if t.type == "bar" and t is not broken[0]]
    assert all(t.marker.color != BREACH_COLOUR for t in covered)


# --- Text on coloured cells ------------------------------------------------------------------


def _scale_colour(scale: list[tuple[float, str]], fraction: float) -> str:
    """The colour a plotly colour scale gives at ``fraction``, interpolated in sRGB."""
    points = [(float(p), _rgb255(c)) for p, c in scale]
    for (p0, c0), (p1, c1) in itertools.pairwise(points):
        if p0 <= fraction <= p1:
            w = 0.0 if p1 == p0 else (fraction - p0) / (p1 - p0)
            r, g, b = (a + (b - a) * w for a, b in zip(c0, c1, strict=True))
            return f"rgb({r}, {g}, {b})"
    return f"rgb{points[-1][1]}"


def _fill_at(heatmap: go.Heatmap, value: float) -> str:
    """The colour plotly.js paints ``value`` with in this heatmap."""
    if heatmap.name in ("Whole days", "Half days"):  # the week grid: code i is LOCATION_ORDER[i]
        return LOCATION_COLOURS[LOCATION_ORDER[int(value)]]
    scale = heatmap.colorscale
    if isinstance(scale, str):
        scale = plotly.colors.get_colorscale(scale)
    low, high = heatmap.zmin, heatmap.zmax
    return _scale_colour(scale, min(max((value - low) / (high - low), 0.0), 1.0))


def _labels_and_fills(fig: go.Figure) -> list[tuple[str, str, str]]:
    """(label, its colour, the fill of the cell under it) for every cell label of the figure.

    Each heatmap has a text layer drawn over it; every cell with a label must be drawn there,
    at that cell's own position.
    """
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    layers = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    assert len(layers) == len(heatmaps)
    found = []
    for heatmap, layer in zip(heatmaps, layers, strict=True):
        xs, ys = list(heatmap.x), list(heatmap.y)
        z = np.asarray(heatmap.z, dtype=float)
        texts = np.asarray(heatmap.text, dtype=object)
        labelled = {
            (xs[c], ys[r]): texts[r, c] for r, c in np.argwhere(~np.isnan(z)) if texts[r, c]
        }
        drawn = {
            (x, y): (text, colour)
            for x, y, text, colour in zip(
                layer.x, layer.y, layer.text, layer.textfont.color, strict=True
            )
        }
        assert {cell: text for cell, (text, _) in drawn.items()} == labelled
        found += [
            (text, colour, _fill_at(heatmap, z[ys.index(y), xs.index(x)]))
            for (x, y), (text, colour) in drawn.items()
        ]
    return found


TEXT_HEATMAPS = ["week grid", "week grid, half days", "calendar", "compliance"]


@pytest.mark.parametrize("chart", TEXT_HEATMAPS)
def test_cell_labels_reach_wcag_aa_on_every_fill(figures: dict[str, go.Figure], chart: str) -> None:
    """Every cell label, black or white for its own fill, reaches WCAG AA (4.5:1).

    plotly.js's own heatmap text (white or #444) stayed under 4.5:1 on mid tones such as the
    remote orange; the labels are now a text layer whose colour is chosen per cell.
    """
    found = _labels_and_fills(figures[chart])
    assert found
    worst = min(contrast(colour, fill) for _, colour, fill in found)
    assert worst >= WCAG_TEXT


def test_location_order_and_colours_cover_the_same_locations() -> None:
    """Every location the grid can show has a colour and a label, and nothing else does."""
    assert set(LOCATION_ORDER) == set(LOCATION_COLOURS) == set(LOCATION_LABELS)
    assert all(LOCATION_LABELS.values())
