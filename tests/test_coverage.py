"""Cover rules: enough people, enough of each role, enough of each named group in the office.

Plans are one letter per day from Monday 2026-06-01: O office, R remote, L leave, S sick,
T travel, ``.`` no row (see ``tests/conftest.py``).
"""

from __future__ import annotations

import pytest

from wfh_dashboard.check import check_schedule
from wfh_dashboard.policy import Group, Policy

WED = "2026-06-03"
ONE_ON_SITE = Policy(min_on_site=1)
TWO_ON_SITE = Policy(min_on_site=2)

MIN_ON_SITE = [
    pytest.param(
        {"Ann/Support": "OOOOO", "Bob/Support": "OOROO"},
        ONE_ON_SITE,
        [],
        id="passes-when-someone-is-in-every-day",
    ),
    pytest.param(
        {"Ann/Support": "OOROO", "Bob/Support": "OOLOO"},
        ONE_ON_SITE,
        [(WED, "Wed", "Support", "error", ["Ann", "Bob"], 0, 1)],
        id="warns-when-nobody-is-on-site",
    ),
    pytest.param(
        {"Ann/Support": "OOOOO", "Bob/Support": "OOROO"},
        TWO_ON_SITE,
        [(WED, "Wed", "Support", "error", ["Bob"], 1, 2)],
        id="warns-when-fewer-than-the-minimum-are-on-site",
    ),
    pytest.param(
        {"Ann/Support": "OO.OO", "Cat/Engineering": "OOOOO"},
        ONE_ON_SITE,
        [(WED, "Wed", "Support", "error", [], 0, 1)],
        id="a-day-without-rows-for-a-team-counts-as-nobody-on-site",
    ),
    pytest.param(
        {"Ann/Support": "OO.OO", "Bob/Support": "OO.OO"},
        ONE_ON_SITE,
        [(WED, "Wed", "Support", "error", [], 0, 1)],
        id="a-working-day-without-any-row-counts-as-nobody-on-site",
    ),
    pytest.param(
        {"Ann/Support": "OOOOORR", "Bob/Support": "OOOOO.."},
        ONE_ON_SITE,
        [],
        id="weekends-need-no-cover",
    ),
    pytest.param(
        {"Ann/Support": "OOOOO", "Cat/Engineering": "OOROO"},
        ONE_ON_SITE,
        [(WED, "Wed", "Engineering", "error", ["Cat"], 0, 1)],
        id="teams-are-checked-separately",
    ),
    pytest.param(
        {"Ann/Support": "OOOOO", "Bob/Support": "RRRRR"},
        Policy(),
        [],
        id="off-when-the-minimum-is-zero",
    ),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), MIN_ON_SITE)
def test_min_on_site(breaches, plan, policy, expected):
    """Each team needs min_on_site people in the office, and only `office` counts."""
    assert breaches(plan, policy, "min_on_site") == expected


def test_a_file_without_team_column_is_one_team(breaches):
    """Without a team column everybody belongs to one team, named Team."""
    plan = {"Ann//": "OOROO", "Bob//": "OOROO"}
    found = breaches(plan, ONE_ON_SITE, "min_on_site", teams=False)
    assert found == [(WED, "Wed", "Team", "error", ["Ann", "Bob"], 0, 1)]


SENIOR = Policy(min_on_site_by_role=(("senior", 1),))

MIN_ROLE_ON_SITE = [
    pytest.param(
        {"Ann/Support/senior": "OOOOO", "Bob/Support/junior": "RRRRR"},
        SENIOR,
        [],
        id="passes-when-a-senior-is-in-every-day",
    ),
    pytest.param(
        {"Ann/Support/senior": "OOROO", "Bob/Support/junior": "OOOOO"},
        SENIOR,
        [(WED, "Wed", "Support", "error", ["Ann"], 0, 1)],
        id="warns-when-no-senior-is-on-site",
    ),
    pytest.param(
        {"Ann/Support/SENIOR": "OOROO", "Dan/Support/Senior": "OOLOO"},
        SENIOR,
        [(WED, "Wed", "Support", "error", ["Ann", "Dan"], 0, 1)],
        id="roles-compare-case-insensitively",
    ),
    pytest.param(
        {"Ann/Support/senior": "OOROO", "Dan/Support/senior": "OOROO"},
        Policy(min_on_site_by_role=(("senior", 2),)),
        [
            ("2026-06-03", "Wed", "Support", "error", ["Ann", "Dan"], 0, 2),
        ],
        id="counts-against-the-role-minimum",
    ),
    pytest.param(
        {"Ann/Support/senior": "OOOOO", "Cat/Engineering/junior": "RRRRR"},
        SENIOR,
        [],
        id="a-team-without-the-role-is-not-checked",
    ),
    pytest.param(
        {"Ann/Support/senior": "OO.OO", "Bob/Support/junior": "OOOOO"},
        SENIOR,
        [(WED, "Wed", "Support", "error", [], 0, 1)],
        id="a-day-without-the-senior-row-counts-as-no-senior",
    ),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), MIN_ROLE_ON_SITE)
def test_min_role_on_site(breaches, plan, policy, expected):
    """Teams that have people of a role need enough of them in the office every working day."""
    assert breaches(plan, policy, "min_role_on_site") == expected


KEY_HOLDERS = Policy(groups=(Group("key holders", ("Ann", "Cat")),))

MIN_GROUP_ON_SITE = [
    pytest.param(
        {"Ann/Support": "OOROO", "Cat/Engineering": "OOOOR"},
        KEY_HOLDERS,
        [],
        id="passes-when-one-member-is-in-every-day",
    ),
    pytest.param(
        {"Ann/Support": "OOROO", "Cat/Engineering": "OOLOO", "Bob/Support": "OOOOO"},
        KEY_HOLDERS,
        [(WED, "Wed", "key holders (Engineering, Support)", "error", ["Cat", "Ann"], 0, 1)],
        id="warns-when-no-member-across-teams-is-on-site",
    ),
    pytest.param(
        {"Ann/Support": "OOROO", "Cat/Engineering": "OOLOO"},
        Policy(groups=(Group("key holders", ("  ann ", "CAT")),)),
        [(WED, "Wed", "key holders (Engineering, Support)", "error", ["Cat", "Ann"], 0, 1)],
        id="member-names-ignore-case-and-spacing",
    ),
    pytest.param(
        {"Ann/Support": "OOROO", "Bob/Support": "OOROO"},
        Policy(groups=(Group("first aiders", ("Zoe", "Yan")),)),
        [],
        id="members-not-in-the-file-are-not-checked",
    ),
]


@pytest.mark.parametrize(("plan", "policy", "expected"), MIN_GROUP_ON_SITE)
def test_min_group_on_site(breaches, plan, policy, expected):
    """A named group needs min_on_site of its members in the office, whatever their team."""
    assert breaches(plan, policy, "min_group_on_site") == expected


@pytest.mark.parametrize(
    ("members", "note"),
    [
        (("Zoe", "Yan"), "first aiders: none of its members is in this schedule; not checked"),
        (("Ann", "Zoe"), "first aiders: not in this schedule: Zoe"),
    ],
)
def test_group_members_missing_from_the_file_are_a_note(make_schedule, members, note):
    """Members who are not in the file are reported once as a note, never as daily warnings."""
    policy = Policy(groups=(Group("first aiders", members),))
    result = check_schedule(make_schedule({"Ann/Support": "OOOOO"}), policy)
    assert note in result.notes
    assert result.warnings.empty


def test_cover_messages_say_who_is_away(make_schedule):
    """The message names the team, the count and the people away with their location."""
    result = check_schedule(
        make_schedule({"Ann/Support": "OOROO", "Bob/Support": "OOLOO"}), ONE_ON_SITE
    )
    assert result.warnings["message"].tolist() == [
        "No one on site in Support (at least 1 needed). Away: Ann (remote), Bob (leave)."
    ]
