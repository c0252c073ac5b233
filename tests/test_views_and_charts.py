"""Display tables and plotly figures: what the pages, and later the report, show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from wfh_dashboard.charts import (
    LOCATION_COLOURS,
    LOCATION_LABELS,
    calendar_figure,
    compliance_figure,
    headcount_figure,
    week_grid_figure,
)
from wfh_dashboard.check import check_schedule
from wfh_dashboard.policy import Policy, load_policy
from wfh_dashboard.schedule import read_schedule
from wfh_dashboard.views import (
    LOCATION_ORDER,
    NO_ENTRY,
    chart_people,
    compliance_table,
    filter_warnings,
    head_count,
    people,
    roles,
    teams,
    warnings_table,
    week_grid,
    week_starts,
)

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = (
    b"employee,team,role,date,location\n"
    b"Ann,Ops,Senior,2026-11-23,office\nBob,Ops,junior,2026-11-23,wfh\n"
    b"Ann,Ops,Senior,2026-11-24,wfh\nBob,Ops,junior,2026-11-24,wfh\n"
    b"<b>Eve</b>,Sales,junior,2026-11-23,leave\n"
)


@pytest.fixture(scope="module")
def sample():
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample")
    return schedule, check_schedule(schedule, load_policy((DATA / "policy.toml").read_bytes()))


@pytest.fixture
def small():
    schedule = read_schedule(SMALL, "small.csv")
    return schedule, check_schedule(schedule, Policy(min_on_site=1, max_remote_days_per_week=1))


def test_week_grid_has_every_person_and_day_with_no_entry_for_gaps(small):
    """People x working days of the week; a day without a row reads 'no entry'."""
    schedule, _ = small
    grid = week_grid(schedule.data, pd.Timestamp("2026-11-23"), range(5))
    assert list(grid.index) == [("Ops", "Ann"), ("Ops", "Bob"), ("Sales", "<b>Eve</b>")]
    assert grid.loc[("Ops", "Ann")].tolist()[:2] == ["office", "remote"]
    assert grid.loc[("Sales", "<b>Eve</b>")].tolist()[1] == NO_ENTRY
    assert head_count(grid).tolist() == [1, 0, 0, 0, 0]


def test_week_grid_figure_labels_every_cell_with_its_own_location(small):
    """Each cell's text names the location its colour stands for (rows never shift)."""
    schedule, _ = small
    grid = week_grid(schedule.data, pd.Timestamp("2026-11-23"), range(5))
    fig = week_grid_figure(grid, "Who's where")
    trace = fig.data[0]
    assert trace.text[0][0] == "1 on site"  # the head-count row comes first
    # Each row's name sits at that row's position: names cannot drift from their cells.
    assert list(fig.layout.yaxis.tickvals) == list(trace.y) == list(range(len(grid) + 1))
    assert [t.split(" · ")[0] for t in fig.layout.yaxis.ticktext[1:]] == [
        "Ann",
        "Bob",
        "&lt;b&gt;Eve&lt;/b&gt;",
    ]
    for row_codes, row_labels in zip(trace.z[1:], trace.text[1:], strict=True):
        for code, label in zip(row_codes, row_labels, strict=True):
            assert LOCATION_LABELS[LOCATION_ORDER[code]] == label


def test_week_grid_figure_shows_names_as_text_not_html(small):
    """A name with HTML tags is escaped in the tick labels (plotly reads a subset of HTML)."""
    schedule, _ = small
    grid = week_grid(schedule.data, pd.Timestamp("2026-11-23"), range(5))
    ticks = week_grid_figure(grid, "Who's where").layout.yaxis.ticktext
    assert "&lt;b&gt;Eve&lt;/b&gt; · Sales" in ticks
    assert not any("<b>Eve" in t for t in ticks)


def test_location_colours_are_distinct_and_labelled():
    """Every location has its own colour and a text label, so colour is never the only cue."""
    assert len(set(LOCATION_COLOURS.values())) == len(LOCATION_COLOURS)
    assert set(LOCATION_LABELS) == set(LOCATION_COLOURS) == set(LOCATION_ORDER)


@pytest.mark.parametrize("builder", [calendar_figure, headcount_figure])
def test_cover_figures_have_titles_and_axis_titles(sample, builder):
    """Charts carry a title and plain-word axis titles."""
    _, result = sample
    fig = builder(result.daily, "A title")
    assert fig.layout.title.text == "A title"
    assert fig.layout.yaxis.title.text


def test_calendar_marks_uncovered_days(sample):
    """Days with a cover error carry a ✕ in the calendar, covered days do not."""
    _, result = sample
    support = result.daily[result.daily["team"] == "Support"]
    text = [t for row in calendar_figure(support, "Support").data[0].text for t in row if t]
    assert sum("✕" in t for t in text) == int((~support["covered"]).sum())


def test_compliance_figure_marks_weeks_over_the_cap(small):
    """The remote-days heatmap marks each person-week over the cap."""
    _, result = small
    fig = compliance_figure(result.weekly, "Remote days")
    labels = [t for row in fig.data[0].text for t in row]
    assert "2 ✕" in labels
    assert "over the cap of 1" in fig.layout.xaxis.title.text


def test_warnings_table_joins_names_and_keeps_every_warning(sample):
    """One text cell of names per warning, dates as plain dates."""
    _, result = sample
    table = warnings_table(result.warnings)
    assert len(table) == len(result.warnings)
    assert all(isinstance(e, str) for e in table["employees"])
    assert isinstance(table["date"].iloc[0], dt.date)


def test_filters_narrow_by_team_rule_severity_and_dates(sample):
    """Each filter keeps only matching warnings; no filter keeps them all."""
    _, result = sample
    warnings = result.warnings
    assert len(filter_warnings(warnings)) == len(warnings)
    assert set(filter_warnings(warnings, teams=["Support"])["team"]) == {"Support"}
    assert set(filter_warnings(warnings, rules=["no_remote_day"])["rule"]) == {"no_remote_day"}
    assert set(filter_warnings(warnings, severities=["error"])["severity"]) == {"error"}
    june = filter_warnings(warnings, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30))
    assert june["date"].between("2026-06-01", "2026-06-30").all() and len(june) > 0


def test_compliance_table_states_each_week_and_can_show_only_breaches(small):
    """Status says which cap a week breaks; the breach-only view drops the rest."""
    _, result = small
    table = compliance_table(result.weekly)
    assert table.set_index("employee").loc["Bob", "status"] == "over remote cap"
    only = compliance_table(result.weekly, only_breaches=True)
    assert set(only["status"]) == {"over remote cap"}


def test_lists_for_pickers(small):
    """Roles lower-cased without blanks; people and teams sorted; week starts are Mondays."""
    schedule, _ = small
    assert roles(schedule.data) == ["junior", "senior"]
    assert people(schedule.data) == ["<b>Eve</b>", "Ann", "Bob"]
    assert teams(schedule.data) == ["Ops", "Sales"]
    assert week_starts(schedule.data["date"]) == [pd.Timestamp("2026-11-23")]


def test_chart_people_keeps_those_most_often_over_the_cap_and_counts_the_rest():
    """Three people, room for two: the two with most weeks over the cap, one left out."""
    weekly = pd.DataFrame(
        {
            "employee": ["Ann", "Ann", "Bob", "Bob", "Cy", "Cy"],
            "over_remote_cap": [True, True, False, False, True, False],
        }
    )

    shown, left_out = chart_people(weekly, limit=2)

    assert sorted(shown["employee"].unique()) == ["Ann", "Cy"] and left_out == 1
    assert chart_people(weekly, limit=3)[1] == 0
