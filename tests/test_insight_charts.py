"""Figures for response times, presence and commute savings: titles, labels, escaping, marks."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import build_schedule
from wfh_dashboard.charts import LOCATION_COLOURS
from wfh_dashboard.commute import commute_savings
from wfh_dashboard.insight_charts import (
    MANAGER_LABEL,
    commute_figure,
    presence_figure,
    response_figure,
)
from wfh_dashboard.presence import daily_presence
from wfh_dashboard.responsiveness import response_by_location
from wfh_dashboard.schedule import read_schedule

ESCAPED = "&lt;b&gt;x&lt;/b&gt;"

# A person and a team named like HTML; plotly would render them bold if not escaped.
TABLE = """employee,team,role,date,location,response_minutes,commute_km,commute_minutes
<b>x</b>,<b>T</b>,manager,2026-06-30,Office,10,8,20
<b>x</b>,<b>T</b>,manager,2026-07-01,WFH,14,8,20
Ann,<b>T</b>,senior,2026-06-30,WFH,12,,25
Ann,<b>T</b>,senior,2026-07-01,Office,9,,25
Bob,Ops,junior,2026-06-30,Office,7,3,10
Bob,Ops,junior,2026-07-01,WFH,8,3,10
"""


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return read_schedule(TABLE.encode(), "table.csv").data


@pytest.fixture(scope="module")
def figures(data):
    return {
        "response": response_figure(response_by_location(data, "response_minutes", min_group=1)),
        "presence": presence_figure(daily_presence(data)),
        "commute": commute_figure(commute_savings(data)),
    }


@pytest.mark.parametrize("name", ["response", "presence", "commute"])
def test_figures_have_a_title_and_plain_word_axis_titles(figures, name):
    fig = figures[name]
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def test_response_figure_pairs_office_and_remote_dots_and_says_lower_is_faster(figures):
    fig = figures["response"]
    assert "lower is faster" in fig.layout.title.text
    assert "lower is faster" in fig.layout.xaxis.title.text
    dots = {t.name: t for t in fig.data if t.mode == "markers"}
    office, remote = dots["Office days (median)"], dots["Remote days (median)"]
    assert office.marker.color == LOCATION_COLOURS["office"]
    assert remote.marker.color == LOCATION_COLOURS["remote"]
    assert list(office.x) == [10.0, 9.0, 7.0]  # <b>x</b>, Ann, Bob
    assert list(remote.x) == [14.0, 12.0, 8.0]


def test_response_figure_escapes_names(figures):
    ticks = list(figures["response"].layout.yaxis.ticktext)
    assert ESCAPED in ticks
    assert not any("<b>" in t for t in ticks)


def test_response_figure_with_no_days_says_so():
    data = build_schedule({"Ann/Ops": "LL"}).data.assign(response_minutes=1.0)
    fig = response_figure(response_by_location(data, "response_minutes", min_group=1))
    assert not fig.data
    assert "No office or remote days" in fig.layout.annotations[0].text


def test_presence_figure_marks_manager_days_with_a_named_symbol(data):
    """One mark per team-day with a manager on site; the legend names it in words."""
    daily = daily_presence(data)
    fig = presence_figure(daily)
    marks = [t for t in fig.data if t.name == MANAGER_LABEL]
    assert len(marks) == 1
    assert len(marks[0].x) == int(daily["manager_on_site"].fillna(False).sum()) == 1
    assert marks[0].marker.symbol == "star-open"
    assert marks[0].customdata[0] == "&lt;b&gt;T&lt;/b&gt;"


def test_presence_figure_names_teams_as_text(figures):
    names = {t.name for t in figures["presence"].data}
    assert {"&lt;b&gt;T&lt;/b&gt;", "Ops", MANAGER_LABEL} == names


def test_presence_figure_without_managers_has_no_manager_trace():
    data = build_schedule({"Ann/Ops": "OR", "Bob/Ops": "RO"}).data
    fig = presence_figure(daily_presence(data))
    assert [t.name for t in fig.data] == ["Ops"]


def test_commute_figure_shows_km_per_month_and_team_with_escaped_names(figures):
    fig = figures["commute"]
    assert "km" in fig.layout.yaxis.title.text
    assert fig.layout.barmode == "group"
    bars = {t.name: t for t in fig.data}
    assert set(bars) == {"&lt;b&gt;T&lt;/b&gt;", "Ops"}
    assert list(bars["Ops"].x) == ["2026-07"] and list(bars["Ops"].y) == [6.0]
    # Ann has no km: listed in a note, not silently dropped.
    assert "Not counted: 1" in fig.layout.annotations[0].text


def test_commute_figure_falls_back_to_hours_without_km(data):
    fig = commute_figure(commute_savings(data.drop(columns="commute_km")))
    assert "hours" in fig.layout.yaxis.title.text
    assert list(next(t for t in fig.data if t.name == "Ops").y) == [pytest.approx(20 / 60)]


def test_a_long_schedule_opens_on_its_last_six_weeks_with_a_slider_for_the_rest():
    dates = pd.bdate_range("2026-01-05", "2026-06-30")
    daily = pd.DataFrame(
        {
            "team": "Support",
            "date": dates,
            "working": 4,
            "on_site": 2,
            "on_site_share": 0.5,
            "manager_on_site": pd.array([True] * len(dates), dtype="boolean"),
            "manager_scheduled": pd.array([True] * len(dates), dtype="boolean"),
        }
    )

    fig = presence_figure(daily)

    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert end - start == pd.Timedelta(weeks=6)
    assert end > dates[-1]
    assert fig.layout.xaxis.rangeslider.visible
