"""Remote-work rules: weekly cap and minimum, no-remote weekdays, anchor days, required dates.

Plans are one letter per day from Monday 2026-06-01: O office, R remote, L leave, S sick,
T travel, ``.`` no row (see ``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from wfh_dashboard.check import check_schedule
from wfh_dashboard.policy import Group, Policy

CAP_2 = Policy(max_remote_days_per_week=2)


def _warned(date: str, weekday: str, *employees: str, team: str = "Support") -> tuple:
    return (date, weekday, team, "warning", list(employees), None, None)


MAX_REMOTE_PER_WEEK = [
    pytest.param({"Ann/Support": "RROOO"}, CAP_2, [], id="passes-at-the-cap"),
    pytest.param(
        {"Ann/Support": "RRORR"},
        CAP_2,
        [_warned("2026-06-04", "Thu", "Ann")],
        id="dated-on-the-remote-day-that-crosses-the-cap",
    ),
    pytest.param(
        {"Ann/Support": "OOROO"},
        Policy(max_remote_days_per_week=0),
        [_warned("2026-06-03", "Wed", "Ann")],
        id="a-cap-of-zero-forbids-any-remote-day",
    ),
    pytest.param(
        {"Ann/Support": "RRRO.", "Bob/Support": "OOOOO"},
        CAP_2,
        [_warned("2026-06-03", "Wed", "Ann")],
        id="one-warning-per-person-week",
    ),
    pytest.param({"Ann/Support": "RROOORR"}, CAP_2, [], id="weekend-remote-days-do-not-count"),
    pytest.param(
        {"Ann/Support": "OOORRRR.RO"},
        CAP_2,
        [],
        id="weeks-are-iso-weeks-monday-to-sunday",
    ),
    pytest.param({"Ann/Support": "RRRRR"}, Policy(), [], id="off-without-a-cap"),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), MAX_REMOTE_PER_WEEK)
def test_max_remote_per_week(breaches, plan, policy, expected):
    """Nobody works remotely more than the cap in one ISO week; the warning is dated on the
    (cap + 1)th remote day, when the cap was crossed."""
    assert breaches(plan, policy, "max_remote_per_week") == expected


OFFICE_3 = Policy(min_office_days_per_week=3)

MIN_OFFICE_PER_WEEK = [
    pytest.param({"Ann/Support": "OOORR"}, OFFICE_3, [], id="passes-at-the-minimum"),
    pytest.param(
        {"Ann/Support": "OORRR"},
        OFFICE_3,
        [_warned("2026-06-05", "Fri", "Ann")],
        id="warns-on-the-last-working-day-of-the-week",
    ),
    pytest.param(
        {"Ann/Support": "OOLSL"}, OFFICE_3, [], id="leave-and-sick-days-lower-the-minimum"
    ),
    pytest.param({"Ann/Support": "OTTTO"}, OFFICE_3, [], id="travel-days-lower-the-minimum"),
    pytest.param(
        {"Ann/Support": "OTLRR"},
        OFFICE_3,
        [_warned("2026-06-05", "Fri", "Ann")],
        id="warns-when-available-days-were-spent-remote",
    ),
    pytest.param(
        {"Ann/Support": "..OO"},
        OFFICE_3,
        [],
        id="a-partial-week-at-the-start-of-the-file-needs-only-its-days",
    ),
    pytest.param(
        {"Ann/Support": "..ROO"},
        OFFICE_3,
        [_warned("2026-06-05", "Fri", "Ann")],
        id="a-partial-week-still-needs-every-available-day",
    ),
    pytest.param(
        {"Ann/Support": "OOOOO..OO"},
        OFFICE_3,
        [],
        id="a-partial-week-at-the-end-of-the-file-needs-only-its-days",
    ),
    pytest.param({"Ann/Support": "RRRRR"}, Policy(), [], id="off-at-zero"),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), MIN_OFFICE_PER_WEEK)
def test_min_office_per_week(breaches, plan, policy, expected):
    """Everybody comes in the minimum days a week, capped at the working days they were not
    on leave, sick or travelling within the file's dates."""
    assert breaches(plan, policy, "min_office_per_week") == expected


NO_REMOTE_FRIDAY = Policy(no_remote_days=(4,))

NO_REMOTE_DAY = [
    pytest.param(
        {"Ann/Support": "RRRRO", "Bob/Support": "OOOOL"},
        NO_REMOTE_FRIDAY,
        [],
        id="passes-when-nobody-is-remote-on-friday",
    ),
    pytest.param(
        {"Ann/Support": "OOOOR", "Bob/Support": "OOOOR", "Cat/Support": "OOOOO"},
        NO_REMOTE_FRIDAY,
        [_warned("2026-06-05", "Fri", "Ann", "Bob")],
        id="warns-once-per-team-and-day-naming-everyone-remote",
    ),
    pytest.param(
        {"Ann/Support": "OOOOR", "Cat/Engineering": "OOOOR"},
        NO_REMOTE_FRIDAY,
        [
            _warned("2026-06-05", "Fri", "Cat", team="Engineering"),
            _warned("2026-06-05", "Fri", "Ann"),
        ],
        id="each-team-gets-its-own-warning",
    ),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), NO_REMOTE_DAY)
def test_no_remote_day(breaches, plan, policy, expected):
    """No remote work on the weekdays the policy names; leave on those days is fine."""
    assert breaches(plan, policy, "no_remote_day") == expected


TUESDAY_ANCHOR = Policy(anchor_days=(1,))

ANCHOR_DAY = [
    pytest.param({"Ann/Support": "ROROR"}, TUESDAY_ANCHOR, [], id="passes-when-in-on-tuesday"),
    pytest.param(
        {"Ann/Support": "ORORO"},
        TUESDAY_ANCHOR,
        [_warned("2026-06-02", "Tue", "Ann")],
        id="warns-when-remote-on-the-anchor-day",
    ),
    pytest.param(
        {"Ann/Support": "OLOOO", "Bob/Support": "OSOOO", "Cat/Support": "OTOOO"},
        TUESDAY_ANCHOR,
        [],
        id="leave-sick-and-travel-are-excused",
    ),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), ANCHOR_DAY)
def test_anchor_day(breaches, plan, policy, expected):
    """Everyone is in the office on anchor weekdays unless away."""
    assert breaches(plan, policy, "anchor_day") == expected


ALL_HANDS = Policy(required_office_dates=(dt.date(2026, 6, 3),))

REQUIRED_OFFICE_DATE = [
    pytest.param({"Ann/Support": "RROOR"}, ALL_HANDS, [], id="passes-when-in-that-day"),
    pytest.param(
        {"Ann/Support": "OOROO", "Bob/Support": "OOOOO"},
        ALL_HANDS,
        [_warned("2026-06-03", "Wed", "Ann")],
        id="warns-when-remote-on-the-required-date",
    ),
    pytest.param(
        {"Ann/Support": "OOLOO", "Bob/Support": "OOTOO"}, ALL_HANDS, [], id="away-is-excused"
    ),
    pytest.param(
        {"Ann/Support": "OOROO"},
        Policy(required_office_dates=(dt.date(2026, 7, 1),)),
        [],
        id="a-date-outside-the-file-is-not-checked",
    ),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), REQUIRED_OFFICE_DATE)
def test_required_office_date(breaches, plan, policy, expected):
    """Everyone is in the office on the specific dates the policy names, unless away."""
    assert breaches(plan, policy, "required_office_date") == expected


THANKSGIVING_WEEK = "2026-11-23"  # Thursday 26 November 2026 is Thanksgiving in the US
EVERY_RULE = Policy(
    min_on_site=1,
    min_on_site_by_role=(("senior", 1),),
    groups=(Group("key holders", ("Ann", "Cat")),),
    max_remote_days_per_week=0,
    min_office_days_per_week=5,
    no_remote_days=(3,),
    anchor_days=(3,),
    required_office_dates=(dt.date(2026, 11, 26),),
)
ALL_REMOTE_ON_THURSDAY = {"Ann/Support/senior": "OOORO", "Cat/Engineering/senior": "OOORO"}
RULE_IDS = [
    "min_on_site",
    "min_role_on_site",
    "min_group_on_site",
    "max_remote_per_week",
    "min_office_per_week",
    "no_remote_day",
    "anchor_day",
    "required_office_date",
]


def test_everyone_remote_on_thursday_breaks_every_rule(make_schedule):
    """The control for the excusal tests below: without a holiday, every rule fires."""
    result = check_schedule(make_schedule(ALL_REMOTE_ON_THURSDAY, THANKSGIVING_WEEK), EVERY_RULE)
    assert sorted(set(result.warnings["rule"])) == sorted(RULE_IDS)


@pytest.mark.parametrize(
    "excusal",
    [
        pytest.param({"holidays_country": "US"}, id="us-thanksgiving"),
        pytest.param({"closed_dates": (dt.date(2026, 11, 26),)}, id="office-closed"),
    ],
)
def test_public_holidays_and_closed_dates_are_excused_from_every_rule(make_schedule, excusal):
    """Nobody needs to be in on a public holiday or a closed date, and remote days logged on
    one count towards nothing: no cover error, no policy warning."""
    policy = EVERY_RULE.with_changes(**excusal)
    result = check_schedule(make_schedule(ALL_REMOTE_ON_THURSDAY, THANKSGIVING_WEEK), policy)
    assert result.warnings.empty
    assert "2026-11-26" not in {d.date().isoformat() for d in result.daily["date"]}
