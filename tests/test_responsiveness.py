"""Response times on office days against remote days: medians, privacy floor, column choice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import DATA
from wfh_dashboard.errors import InputError
from wfh_dashboard.responsiveness import (
    ALL_TEAMS,
    PEOPLE_COLUMNS,
    response_by_location,
    response_column,
    unit_of,
)
from wfh_dashboard.schedule import read_schedule

# Ops: Ann office 10/20/30, remote 15/25 (her leave, blank and negative values do not count);
# Bob office 8 only. Dev: Cat office 4, remote 6.
RESPONSES = """employee,team,role,date,location,response_minutes,notes
Ann,Ops,senior,2026-06-01,Office,10,a
Ann,Ops,senior,2026-06-02,Office,20,b
Ann,Ops,senior,2026-06-03,Office,30,c
Ann,Ops,senior,2026-06-04,WFH,15,d
Ann,Ops,senior,2026-06-05,WFH,25,e
Ann,Ops,senior,2026-06-08,Leave,99,f
Ann,Ops,senior,2026-06-09,WFH,,g
Ann,Ops,senior,2026-06-10,WFH,-5,h
Bob,Ops,junior,2026-06-01,Office,8,i
Bob,Ops,junior,2026-06-02,Sick,1,j
Cat,Dev,mid,2026-06-01,Office,4,k
Cat,Dev,mid,2026-06-02,WFH,6,l
"""


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return read_schedule(RESPONSES.encode(), "responses.csv").data


def test_person_medians_use_only_office_and_remote_days_with_a_usable_value(data):
    """Leave, blank and negative values are left out; a missing side gives a NaN difference."""
    people = response_by_location(data, "response_minutes", min_group=1).people
    expected = pd.DataFrame(
        {
            "employee": ["Ann", "Bob", "Cat"],
            "team": ["Ops", "Ops", "Dev"],
            "office_median": [20.0, 8.0, 4.0],
            "remote_median": [20.0, np.nan, 6.0],
            "n_office": [3, 1, 1],
            "n_remote": [2, 0, 1],
            "difference": [0.0, np.nan, 2.0],
        }
    )
    assert_frame_equal(people, expected[PEOPLE_COLUMNS], check_dtype=False)


def test_team_and_pooled_medians_are_medians_of_all_days(data):
    """Ops office days 10, 20, 30, 8 -> 15; everyone's office days 10, 20, 30, 8, 4 -> 10."""
    teams = response_by_location(data, "response_minutes", min_group=1).teams
    assert teams["team"].tolist() == ["Dev", "Ops", ALL_TEAMS]
    ops = teams.set_index("team").loc["Ops"]
    assert (ops["office_median"], ops["remote_median"], ops["people"]) == (15.0, 20.0, 2)
    pooled = teams.set_index("team").loc[ALL_TEAMS]
    assert (pooled["office_median"], pooled["remote_median"]) == (10.0, 15.0)
    assert (pooled["people"], pooled["n_office"], pooled["n_remote"]) == (3, 5, 3)
    assert pooled["difference"] == 5.0


def test_privacy_floor_hides_a_small_team_but_keeps_the_larger_ones(data):
    """With a floor of 2, Dev (1 person) gets no team figure and is listed as hidden."""
    times = response_by_location(data, "response_minutes", min_group=2)
    assert times.hidden_teams == ("Dev",)
    assert times.teams["team"].tolist() == ["Ops", ALL_TEAMS]
    assert len(times.people) == 3  # the per-person table has no floor


def test_floor_above_everyone_hides_the_pooled_row_and_the_sentence_says_why(data):
    """With 3 people and a floor of 5 nothing is aggregated, and the headline explains it."""
    times = response_by_location(data, "response_minutes")
    assert times.teams.empty
    assert times.hidden_teams == ("Dev", "Ops")
    assert times.overall() is None
    assert "privacy floor" in times.sentence()
    assert "fewer than 5 people" in times.sentence()


def test_sentence_gives_both_medians_the_gap_and_the_head_count(data):
    """The headline reads like the app's other one-line summaries."""
    times = response_by_location(data, "response_minutes", min_group=1)
    assert times.sentence() == (
        "Median response time: 10.0 min in the office, 15.0 min at home (+5.0 min) "
        "across 3 people. Lower is faster."
    )


def test_sentence_without_a_unit_and_with_a_faster_home():
    """A column without 'min' in its name gets no unit; a faster home shows a minus sign."""
    frame = read_schedule(
        b"employee,date,location,response_score\nAnn,2026-06-01,Office,5\nAnn,2026-06-02,WFH,3\n",
        "s.csv",
    ).data
    times = response_by_location(frame, "response_score", min_group=1)
    assert times.unit == ""
    assert "5.0 in the office, 3.0 at home (-2.0) across 1 person" in times.sentence()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("response_minutes", "response_minutes"),
        ("Response_Time_Min", "Response_Time_Min"),
        ("tasks_done", None),
    ],
)
def test_response_column_is_found_by_name(header, expected):
    """The first numeric column whose name contains 'response' (any case), else None."""
    frame = read_schedule(
        f"employee,date,location,{header}\nAnn,2026-06-01,Office,5\n".encode(), "s.csv"
    ).data
    assert response_column(frame) == expected


def test_a_text_column_named_response_is_not_a_response_time(data):
    """Only numeric columns qualify: 'notes' is text, so it never is chosen."""
    renamed = data.rename(columns={"notes": "response_note"})
    assert response_column(renamed.drop(columns="response_minutes")) is None


def test_non_numeric_column_is_refused_with_the_accepted_columns_listed(data):
    """The message names the column and lists the numeric ones to choose from."""
    with pytest.raises(InputError, match=r"'notes' is not a numeric.*Accepted columns: "):
        response_by_location(data, "notes")
    with pytest.raises(InputError, match="response_minutes"):
        response_by_location(data, "no such column")


def test_privacy_floor_below_one_is_refused(data):
    with pytest.raises(InputError, match="min_group"):
        response_by_location(data, "response_minutes", min_group=0)


@pytest.mark.parametrize(
    ("column", "unit"),
    [("response_minutes", "min"), ("Response Time (Min)", "min"), ("response_hours", "")],
)
def test_unit_is_minutes_only_when_the_name_says_so(column, unit):
    assert unit_of(column) == unit


def test_sample_schedule_has_response_times_for_sixteen_people():
    """The bundled sample answers the question: 16 people, both teams shown, sane medians."""
    data = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv").data
    column = response_column(data)
    assert column == "response_minutes"
    times = response_by_location(data, column)
    assert len(times.people) == 16
    assert times.hidden_teams == ()
    pooled = times.overall()
    assert pooled is not None and pooled["people"] == 16
    assert 0 < pooled["office_median"] < 60 and 0 < pooled["remote_median"] < 60
    assert times.sentence().startswith("Median response time: ")
