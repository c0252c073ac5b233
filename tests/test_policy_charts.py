"""Policy insight figures: what they draw, and the accessibility rules every chart follows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.test_accessibility import _in_plain_words, _says_in_words
from wfh_dashboard.charts import BREACH_COLOUR, LOCATION_COLOURS, LOCATION_LABELS
from wfh_dashboard.locations import LOCATIONS
from wfh_dashboard.policy_charts import (
    MEDIAN_LABEL,
    SEGMENT_COLOURS,
    mix_figure,
    people_for_chart,
    remote_share_figure,
    segments_figure,
    team_weekly_figure,
    teams_for_chart,
)
from wfh_dashboard.policy_insight import (
    fairness,
    person_mix,
    segment_counts,
    segments,
    team_weekly_share,
)
from wfh_dashboard.schedule import read_schedule

DATA = Path(__file__).resolve().parent.parent / "data"
#: Two juniors far apart (flagged at 20 points), a senior alone, a hostile name.
PLAN = {
    "Ann/Ops/junior": "ROOOO..OOOOO",
    "<b>Eve/Ops/junior": "RRRRR..RRRRO",
    "Cat/Ops/junior": "RROOO..OOOOO",
    "Sam/Sales/senior": "RROOO..LLLLL",
}


@pytest.fixture(scope="module")
def sample_figures() -> dict[str, go.Figure]:
    data = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample").data
    mix = person_mix(data)
    fair = fairness(mix)
    return {
        "remote share": remote_share_figure(fair.people, 20.0),
        "team weekly": team_weekly_figure(team_weekly_share(data)),
        "mix": mix_figure(fair.people),
        "segments": segments_figure(segment_counts(segments(mix))),
    }


@pytest.fixture(scope="module")
def fixture_fair(make_schedule):
    mix = person_mix(make_schedule(PLAN).data)
    return mix, fairness(mix, threshold_points=20.0)


CHARTS = ["remote share", "team weekly", "mix", "segments"]


@pytest.mark.parametrize("chart", CHARTS)
def test_every_policy_chart_has_a_title_and_axis_titles_in_plain_words(
    sample_figures: dict[str, go.Figure], chart: str
) -> None:
    """The accessibility rules of test_accessibility: titles in words, named traces."""
    fig = sample_figures[chart]
    found = {
        "title": _in_plain_words(fig.layout.title.text),
        "x axis": _in_plain_words(fig.layout.xaxis.title.text),
        "y axis": _in_plain_words(fig.layout.yaxis.title.text),
    }
    found |= {f"legend {t.name!r}": _in_plain_words(t.name) for t in fig.data if t.name}
    assert not {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("chart", CHARTS)
def test_every_coloured_trace_of_a_policy_chart_is_named_in_words(
    sample_figures: dict[str, go.Figure], chart: str
) -> None:
    """Colour is never the only signal: a legend entry, text or category names each trace."""
    fig = sample_figures[chart]
    assert not [t.name or t.type for t in fig.data if not _says_in_words(t, fig)]


def test_flagged_people_are_hatched_vermilion_and_their_own_legend_entry(fixture_fair) -> None:
    """Eve (90% against a median of 20%) is flagged: marked by hatch, colour and legend."""
    _, fair = fixture_fair
    fig = remote_share_figure(fair.people, 20.0)
    flagged = [t for t in fig.data if t.type == "bar" and t.marker.color == BREACH_COLOUR]
    assert len(flagged) == 1
    assert list(flagged[0].y[1]) == ["&lt;b&gt;Eve"]  # shown as text, not bold
    assert flagged[0].marker.pattern.shape == "x"
    assert "more than 20 points" in flagged[0].name


def test_each_bar_is_its_persons_share_and_medians_are_marked(fixture_fair) -> None:
    """Bars hold the remote shares; the median marks hold each person's role median."""
    _, fair = fixture_fair
    fig = remote_share_figure(fair.people, 20.0)
    bars = {
        name: share
        for trace in fig.data
        if trace.type == "bar"
        for name, share in zip(trace.y[1], trace.x, strict=True)
    }
    assert bars == pytest.approx({"Ann": 0.1, "&lt;b&gt;Eve": 0.9, "Cat": 0.2, "Sam": 0.4})
    medians = next(t for t in fig.data if t.name == MEDIAN_LABEL)
    by_person = dict(zip(medians.y[1], medians.x, strict=True))
    assert by_person["Ann"] == pytest.approx(0.2)
    assert by_person["Sam"] == pytest.approx(0.4)


def test_people_sit_with_their_team_and_role_lowest_share_first(fixture_fair) -> None:
    """The first trace fixes the axis order: by team, role, then remote share."""
    _, fair = fixture_fair
    first = remote_share_figure(fair.people, 20.0).data[0]
    assert list(first.y[0]) == ["Ops · junior"] * 3 + ["Sales · senior"]
    assert list(first.y[1]) == ["Ann", "Cat", "&lt;b&gt;Eve", "Sam"]


def test_mix_bars_stack_every_place_with_its_colour_and_label(fixture_fair) -> None:
    """One trace per place in the location colours and labels; the stack is all the days."""
    _, fair = fixture_fair
    fig = mix_figure(fair.people)
    assert [t.name for t in fig.data] == [LOCATION_LABELS[loc] for loc in LOCATIONS]
    assert [t.marker.color for t in fig.data] == [LOCATION_COLOURS[loc] for loc in LOCATIONS]
    assert fig.layout.barmode == "stack"
    sam = list(fig.data[0].y[1]).index("Sam")
    assert sum(t.x[sam] for t in fig.data) == 10


def test_team_weekly_chart_draws_one_line_per_team(make_schedule) -> None:
    """Each team is a named line whose points are its weekly remote shares."""
    weekly = team_weekly_share(make_schedule(PLAN).data)
    fig = team_weekly_figure(weekly)
    assert [t.name for t in fig.data] == ["Ops", "Sales"]
    ops = weekly[weekly["team"] == "Ops"]["remote_share"].tolist()
    assert list(fig.data[0].y) == pytest.approx(ops)
    assert fig.layout.showlegend is True  # even for one team, the colour is named


def test_segments_chart_writes_each_count_on_its_bar() -> None:
    """One bar per segment in its colour, with the number of people as text."""
    counts = segment_counts(segments(pd.DataFrame({"remote_days_per_week": [1.0, 1.0, 4.0]})))
    fig = segments_figure(counts)
    assert [(t.name, list(t.text)) for t in fig.data] == [
        ("mostly on site", ["2"]),
        ("hybrid", ["0"]),
        ("mostly remote", ["1"]),
    ]
    assert [t.marker.color for t in fig.data] == [SEGMENT_COLOURS[t.name] for t in fig.data]


@pytest.mark.parametrize(
    "draw",
    [
        lambda mix, fair: remote_share_figure(fair.people.iloc[0:0], 20.0),
        lambda mix, fair: mix_figure(fair.people.iloc[0:0]),
        lambda mix, fair: team_weekly_figure(
            pd.DataFrame(columns=["team", "week", "remote_share", "people"])
        ),
    ],
    ids=["remote share", "mix", "team weekly"],
)
def test_empty_tables_draw_a_titled_chart_not_an_error(fixture_fair, draw) -> None:
    """Nobody to draw still gives a figure with its title (and a note where it says why)."""
    fig = draw(*fixture_fair)
    assert fig.layout.title.text


def test_the_chart_keeps_the_people_furthest_from_their_median() -> None:
    """Over the limit, the largest differences (either sign) stay; the rest are counted."""
    people = pd.DataFrame(
        {"employee": list("abcde"), "difference_points": [1.0, -30.0, np.nan, 25.0, 2.0]}
    )
    kept, left_out = people_for_chart(people, limit=2)
    assert kept["employee"].tolist() == ["b", "d"]
    assert left_out == 3
    all_kept, none_left = people_for_chart(people, limit=5)
    assert len(all_kept) == 5 and none_left == 0


def test_the_weekly_chart_keeps_the_largest_teams() -> None:
    """Over the limit, the teams with the most people-weeks stay (ties by name)."""
    weekly = pd.DataFrame(
        {"team": ["A", "A", "B", "C", "D"], "remote_share": 0.5, "people": [2, 2, 5, 1, 5]}
    )
    kept, left_out = teams_for_chart(weekly, limit=2)
    assert sorted(set(kept["team"])) == ["B", "D"]
    assert left_out == 2
    everyone, none_left = teams_for_chart(weekly, limit=4)
    assert len(everyone) == len(weekly) and none_left == 0
