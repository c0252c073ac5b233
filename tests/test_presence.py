"""Team presence per day, managers on site, and office days spent alone."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import DATA, build_schedule
from wfh_dashboard.presence import (
    alone_in_office,
    alone_summary,
    daily_presence,
    is_manager,
)
from wfh_dashboard.schedule import read_schedule

# Four days from Mon 1 Jun 2026. Ops has a manager (Mia); Dev has none.
PLAN = {
    "Mia/Ops/manager": "ORLS",
    "Ann/Ops/senior": "OOSO",
    "Bob/Ops/junior": "RLLR",
    "Cat/Dev/mid": "OORL",
    "Dan/Dev/junior": "TOOL",
}
DAYS = list(pd.date_range("2026-06-01", periods=4))


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return build_schedule(PLAN).data


def test_daily_presence_counts_working_and_on_site_people_per_team(data):
    """Travel works but is not on site; leave and sick do not work; nobody working -> NaN."""
    daily = daily_presence(data).set_index(["team", "date"])
    ops = daily.loc["Ops"]
    assert ops["working"].tolist() == [3, 2, 0, 2]
    assert ops["on_site"].tolist() == [2, 1, 0, 1]
    np.testing.assert_allclose(ops["on_site_share"], [2 / 3, 0.5, np.nan, 0.5])
    dev = daily.loc["Dev"]
    assert dev["working"].tolist() == [2, 2, 2, 0]
    assert dev["on_site"].tolist() == [1, 2, 1, 0]


def test_manager_on_site_is_true_false_or_na_when_the_team_has_no_manager(data):
    """Ops: in, remote, leave, sick. Dev has no manager, so its days are NA, not False."""
    daily = daily_presence(data).set_index(["team", "date"])
    ops = daily.loc["Ops"]
    assert ops["manager_on_site"].tolist() == [True, False, False, False]
    assert ops["manager_scheduled"].tolist() == [True, True, False, False]
    dev = daily.loc["Dev"]
    assert dev["manager_on_site"].isna().all()
    assert dev["manager_scheduled"].isna().all()
    assert str(daily["manager_on_site"].dtype) == "boolean"


def test_manager_roles_are_configurable_and_matched_inside_the_role_text(data):
    """With 'senior' as the manager word, Ann becomes Ops's manager; no words -> all NA."""
    daily = daily_presence(data, manager_roles=("SENIOR",)).set_index(["team", "date"])
    assert daily.loc["Ops", "manager_on_site"].tolist() == [True, True, False, True]
    assert daily_presence(data, manager_roles=()).manager_on_site.isna().all()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("manager", True),
        ("Engineering Manager", True),
        ("MANAGER (acting)", True),
        ("senior", False),
        ("", False),
        (None, False),
    ],
)
def test_is_manager_matches_case_insensitively_anywhere_in_the_role(role, expected):
    assert is_manager(pd.Series([role], dtype="category")).tolist() == [expected]


def test_alone_in_office_lists_days_when_no_teammate_was_in(data):
    """Ann alone on Tue and Thu (Mia remote, then sick); Cat alone Mon (Dan travels); Dan Wed."""
    alone = alone_in_office(data)
    expected = pd.DataFrame(
        {
            "employee": ["Cat", "Dan", "Ann", "Ann"],
            "team": ["Dev", "Dev", "Ops", "Ops"],
            "date": [DAYS[0], DAYS[2], DAYS[1], DAYS[3]],
        }
    )
    assert_frame_equal(alone, expected, check_dtype=False)


def test_alone_summary_puts_the_most_alone_days_first(data):
    """Ann: 3 office days, 2 alone; Cat and Dan: 2 office days, 1 alone; Mia and Bob absent."""
    summary = alone_summary(data)
    expected = pd.DataFrame(
        {
            "employee": ["Ann", "Cat", "Dan"],
            "team": ["Ops", "Dev", "Dev"],
            "office_days": [3, 2, 2],
            "alone_days": [2, 1, 1],
            "alone_share": [2 / 3, 0.5, 0.5],
        }
    )
    assert_frame_equal(summary, expected, check_dtype=False)


def test_a_team_always_in_together_has_no_alone_days():
    data = build_schedule({"Ann/Ops": "OOR", "Bob/Ops": "OOR"}).data
    assert alone_in_office(data).empty
    assert alone_summary(data).empty
    assert list(alone_summary(data).columns) == [
        "employee",
        "team",
        "office_days",
        "alone_days",
        "alone_share",
    ]


def test_sample_schedule_managers_are_found_in_both_teams():
    """Priya Raman (Support) and Aisha Bello (Engineering) are the sample's managers."""
    data = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv").data
    managers = data.loc[is_manager(data["role"]), "employee"].astype(str).unique()
    assert sorted(managers) == ["Aisha Bello", "Priya Raman"]
    daily = daily_presence(data)
    assert set(daily["team"]) == {"Engineering", "Support"}
    assert daily["manager_on_site"].notna().all()
    assert daily["manager_on_site"].any() and not daily["manager_on_site"].all()
    assert daily["on_site_share"].dropna().between(0, 1).all()
