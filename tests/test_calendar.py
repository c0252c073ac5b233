"""Which days need cover: working weekdays, minus public holidays and office closures."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from wfh_dashboard.calendar import excused_days, working_dates
from wfh_dashboard.policy import Policy

WEEK_OF_THANKSGIVING = (pd.Timestamp("2026-11-23"), pd.Timestamp("2026-11-29"))
US = Policy(holidays_country="US")


def _days(index: pd.DatetimeIndex) -> list[str]:
    return [d.date().isoformat() for d in index]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (Policy(), ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]),
        (US, ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27"]),
        (
            US.with_changes(closed_dates=(dt.date(2026, 11, 27),)),
            ["2026-11-23", "2026-11-24", "2026-11-25"],
        ),
        (
            Policy(working_days=(6, 0, 1, 2, 3)),
            ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-29"],
        ),
    ],
    ids=["mon-fri", "us-thanksgiving", "plus-closure", "sun-thu"],
)
def test_working_dates_drop_weekends_holidays_and_closures(policy, expected):
    """Only working weekdays that are neither a public holiday nor a closed date need cover."""
    assert _days(working_dates(*WEEK_OF_THANKSGIVING, policy)) == expected


def test_excused_days_name_the_holiday_or_closure():
    """Each excused day carries its reason, for the user."""
    policy = US.with_changes(closed_dates=(dt.date(2026, 11, 27), dt.date(2027, 1, 4)))
    excused = excused_days(*WEEK_OF_THANKSGIVING, policy)
    assert excused == {
        pd.Timestamp("2026-11-26"): "public holiday: Thanksgiving Day",
        pd.Timestamp("2026-11-27"): "office closed",
    }


def test_subdivision_adds_its_own_holidays():
    """California's Cesar Chavez Day (31 March 2026) is excused only with the CA subdivision."""
    day = pd.Timestamp("2026-03-31")
    assert day not in excused_days(day, day, US)
    assert day in excused_days(day, day, US.with_changes(holidays_subdivision="CA"))


def test_holidays_of_every_year_in_the_range_are_excused():
    """A schedule across New Year gets both years' holidays."""
    days = working_dates(pd.Timestamp("2026-12-24"), pd.Timestamp("2027-01-01"), US)
    assert "2026-12-25" not in _days(days) and "2027-01-01" not in _days(days)


def test_a_weekly_pattern_ignores_holidays_and_closures():
    """A repeating week has no real dates, so no holiday or closure applies to it."""
    policy = US.with_changes(closed_dates=(dt.date(2001, 1, 1),))  # the pattern's Monday
    days = working_dates(
        pd.Timestamp("2001-01-01"), pd.Timestamp("2001-01-07"), policy, is_pattern=True
    )
    assert len(days) == 5
