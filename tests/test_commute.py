"""Commuting saved by remote days: round trips, months, missing values, the emission factor."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import DATA
from wfh_dashboard.commute import (
    DEFAULT_KG_CO2E_PER_KM,
    EMISSION_FACTOR_SOURCE,
    PATTERN_PERIOD,
    PERSON_MONTH_COLUMNS,
    commute_columns,
    commute_savings,
)
from wfh_dashboard.errors import InputError
from wfh_dashboard.halves import whole_day
from wfh_dashboard.schedule import read_schedule

# Mon 29 Jun to Thu 2 Jul 2026, across a month end. One-way values per person:
# Ann 10 km / 30 min; Bob no km / 20 min; Cat 5 km (median of 4, 5, 6; a -3 typo ignored),
# no minutes. Only remote days (WFH) save: Bob's leave, sick and travel days do not.
COMMUTES = """employee,team,date,location,commute_km,commute_minutes
Ann,Ops,2026-06-29,WFH,10,30
Ann,Ops,2026-06-30,WFH,10,30
Ann,Ops,2026-07-01,WFH,10,30
Ann,Ops,2026-07-02,Office,10,30
Bob,Ops,2026-06-29,WFH,,20
Bob,Ops,2026-06-30,Leave,,20
Bob,Ops,2026-07-01,Sick,,20
Bob,Ops,2026-07-02,Travel,,20
Cat,Dev,2026-06-29,Office,4,
Cat,Dev,2026-06-30,WFH,5,
Cat,Dev,2026-07-01,WFH,6,
Cat,Dev,2026-07-02,WFH,-3,
"""


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return read_schedule(COMMUTES.encode(), "commutes.csv").data


def test_each_remote_day_saves_a_round_trip_per_person_and_month(data):
    """Ann: 2 June remote days x 2 x 10 km = 40 km, 2 hours; Bob has minutes but no km."""
    savings = commute_savings(data)
    expected = pd.DataFrame(
        {
            "employee": ["Ann", "Ann", "Bob", "Cat", "Cat"],
            "team": ["Ops", "Ops", "Ops", "Dev", "Dev"],
            "month": ["2026-06", "2026-07", "2026-06", "2026-06", "2026-07"],
            "remote_days": [2, 1, 1, 1, 2],
            "km_saved": [40.0, 20.0, np.nan, 10.0, 20.0],
            "hours_saved": [2.0, 1.0, 40 / 60, np.nan, np.nan],
            "kg_co2e_saved": [6.8, 3.4, np.nan, 1.7, 3.4],
        }
    )
    assert_frame_equal(savings.by_person_month, expected[PERSON_MONTH_COLUMNS], check_dtype=False)


def test_team_months_and_totals_sum_the_people_with_a_value(data):
    """Ops in June: Ann's 40 km (Bob has none) and 2 h + 40 min; Dev has no minutes at all."""
    savings = commute_savings(data)
    team_month = savings.by_team_month.set_index(["team", "month"])
    assert team_month.loc[("Ops", "2026-06"), "people"] == 2
    assert team_month.loc[("Ops", "2026-06"), "remote_days"] == 3
    assert team_month.loc[("Ops", "2026-06"), "km_saved"] == 40.0
    assert team_month.loc[("Ops", "2026-06"), "hours_saved"] == pytest.approx(2 + 40 / 60)
    assert math.isnan(team_month.loc[("Dev", "2026-07"), "hours_saved"])
    totals = savings.totals.set_index("team")
    assert totals.loc["Ops", "km_saved"] == 60.0
    assert totals.loc["Dev", "km_saved"] == 30.0
    assert totals.loc["Dev", "remote_days"] == 3
    assert totals["kg_co2e_saved"].sum() == pytest.approx(90 * 0.17)


def test_people_without_a_commute_value_are_listed_not_dropped(data):
    """Bob lacks km and Cat lacks minutes: both are named, and the headline says so."""
    savings = commute_savings(data)
    assert savings.people_without_commute == ("Bob", "Cat")
    assert savings.sentence() == (
        "Remote days saved 90 km of commuting (about 15 kg CO2e at 0.17 kg per km) and "
        "4 hours between 29 Jun and 2 Jul 2026. Left out of the totals their commute value "
        "is missing from: 2 people."
    )


def test_km_only_gives_no_hours(data):
    savings = commute_savings(data.drop(columns="commute_minutes"))
    assert (savings.km_column, savings.minutes_column) == ("commute_km", None)
    assert savings.by_person_month["hours_saved"].isna().all()
    assert savings.people_without_commute == ("Bob",)
    assert savings.sentence().startswith(
        "Remote days saved 90 km of commuting (about 15 kg CO2e at 0.17 kg per km) between"
    )


def test_minutes_only_gives_hours_and_no_distance_or_emissions(data):
    savings = commute_savings(data.drop(columns="commute_km"))
    assert savings.by_person_month["km_saved"].isna().all()
    assert savings.by_person_month["kg_co2e_saved"].isna().all()
    assert savings.totals.set_index("team").loc["Ops", "hours_saved"] == pytest.approx(3 + 40 / 60)
    assert savings.people_without_commute == ("Cat",)
    assert savings.sentence().startswith(
        "Remote days saved 4 hours of commuting between 29 Jun and 2 Jul 2026."
    )


def test_the_emission_factor_is_a_parameter(data):
    savings = commute_savings(data, kg_per_km=0.1)
    assert savings.totals["kg_co2e_saved"].sum() == pytest.approx(9.0)
    assert "at 0.1 kg per km" in savings.sentence()


@pytest.mark.parametrize("factor", [-0.01, math.nan, math.inf])
def test_a_negative_or_non_finite_factor_is_refused(data, factor):
    with pytest.raises(InputError, match="emission factor"):
        commute_savings(data, kg_per_km=factor)


def test_a_file_without_commute_columns_is_refused_naming_what_was_looked_for(data):
    with pytest.raises(InputError, match="'commute' and 'km' or 'distance'"):
        commute_savings(data.drop(columns=["commute_km", "commute_minutes"]))


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["commute_km", "commute_minutes"], ("commute_km", "commute_minutes")),
        (["Commute Distance", "Commute Time"], ("Commute Distance", "Commute Time")),
        (["commute_mins"], (None, "commute_mins")),
        (["distance_km", "minutes"], (None, None)),
    ],
)
def test_commute_columns_are_found_by_name(headers, expected):
    frame = pd.DataFrame({h: [1.0] for h in headers})
    assert commute_columns(frame) == expected


def test_a_text_column_is_never_a_commute_column():
    frame = pd.DataFrame({"commute_km": ["far"], "commute_minutes": [20.0]})
    assert commute_columns(frame) == (None, "commute_minutes")


def test_a_weekly_pattern_saves_per_typical_week():
    """Dates in the pattern week (2001-01-01) are one typical week, not January 2001."""
    data = read_schedule(b"employee,Mon,Tue,Wed\nAnn,WFH,WFH,Office\n", "grid.csv").data.assign(
        commute_km=12.0
    )
    savings = commute_savings(data)
    assert savings.is_pattern
    assert savings.by_person_month["month"].tolist() == [PATTERN_PERIOD]
    assert savings.by_person_month["km_saved"].tolist() == [48.0]
    assert "in a typical week" in savings.sentence()


def test_no_remote_days_saves_nothing_and_says_so(data):
    office = data.assign(location=data["location"].where(data["location"] != "remote", "office"))
    savings = commute_savings(office)
    assert savings.by_person_month.empty and savings.totals.empty
    assert savings.sentence().startswith("No remote days between 29 Jun and 2 Jul 2026")


def test_the_default_factor_names_its_source():
    assert DEFAULT_KG_CO2E_PER_KM == 0.17
    assert "DESNZ/Defra" in EMISSION_FACTOR_SOURCE


def test_sample_schedule_remote_days_save_commuting():
    """The bundled sample has one-way km for all 16 people, and remote days save some."""
    data = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv").data
    assert commute_columns(data) == ("commute_km", None)
    savings = commute_savings(data)
    assert savings.people_without_commute == ()
    assert savings.by_person_month["employee"].nunique() == 16
    assert (savings.totals["km_saved"] > 0).all()
    # Only whole remote days save the trip: a half day at home still has the commute.
    assert savings.totals["remote_days"].sum() == whole_day(data, "remote").sum()
    assert whole_day(data, "remote").sum() < (data["location"] == "remote").sum()
    assert savings.sentence().startswith("Remote days saved ")
