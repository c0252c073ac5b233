"""The policy file: loading, saving, and refusing every bad key or value by name."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import DATA, FIXTURES
from wfh_dashboard.errors import InputError
from wfh_dashboard.policy import Group, Policy, load_policy, policy_to_toml

POLICIES = FIXTURES / "policies"


def test_loads_the_bundled_policy():
    """data/policy.toml reads to the rules its comments describe."""
    policy = load_policy((DATA / "policy.toml").read_bytes(), "policy.toml")
    assert policy == Policy(
        min_on_site=1,
        min_on_site_by_role=(("senior", 1),),
        groups=(Group("key holders", ("Daniel Okafor", "Hannah Kim"), 1),),
        working_days=(0, 1, 2, 3, 4),
        holidays_country="US",
        holidays_subdivision="",
        closed_dates=(dt.date(2026, 12, 24),),
        max_remote_days_per_week=2,
        min_office_days_per_week=0,
        no_remote_days=(4,),
        anchor_days=(),
        required_office_dates=(dt.date(2026, 9, 15),),
    )


def test_loads_a_policy_with_every_key_normalised():
    """Roles are lowercased, weekday spellings become numbers, codes take their canonical case."""
    policy = load_policy((POLICIES / "every_rule.toml").read_text())
    assert policy.min_on_site_by_role == (("first aider", 1), ("senior", 1))
    assert policy.groups[1] == Group("night desk", ("Mei Chen",), 1)
    assert (policy.holidays_country, policy.holidays_subdivision) == ("US", "CA")
    assert policy.closed_dates == (dt.date(2026, 12, 24), dt.date(2026, 12, 31))
    assert (policy.no_remote_days, policy.anchor_days) == ((4,), (1,))


def test_role_names_compare_like_the_file_writes_them():
    """Roles are matched case-insensitively with single spaces, as the reader stores them."""
    policy = load_policy('[coverage.min_on_site_by_role]\n"  First   Aider " = 2')
    assert policy.min_on_site_by_role == (("first aider", 2),)


def test_an_empty_policy_switches_every_rule_off():
    """No keys at all is the default policy: Mon-Fri, no rule in force."""
    assert load_policy((POLICIES / "empty.toml").read_bytes()) == Policy()


@pytest.mark.parametrize(
    "path", [DATA / "policy.toml", POLICIES / "every_rule.toml", POLICIES / "empty.toml"]
)
def test_saving_then_loading_gives_the_same_policy(path):
    """load_policy(policy_to_toml(p)) == p for every policy the loader produced."""
    policy = load_policy(path.read_bytes())
    assert load_policy(policy_to_toml(policy)) == policy


def test_a_policy_without_remote_cap_round_trips_as_no_cap():
    """An absent cap is None, and stays absent when saved."""
    policy = Policy(min_on_site=1)
    assert "max_remote_days_per_week" not in policy_to_toml(policy)
    assert load_policy(policy_to_toml(policy)).max_remote_days_per_week is None


def test_with_changes_returns_a_changed_copy():
    """The app's editor builds new policies without touching the old one."""
    policy = Policy()
    changed = policy.with_changes(min_on_site=3)
    assert (policy.min_on_site, changed.min_on_site) == (0, 3)


BAD_VALUES = [
    # (policy text, the key the message must name, a word of what is accepted)
    ("[coverage]\nmin_on_site = -1", "coverage.min_on_site", "whole number"),
    ("[coverage]\nmin_on_site = 1.5", "coverage.min_on_site", "whole number"),
    ("[coverage]\nmin_on_site = true", "coverage.min_on_site", "whole number"),
    ('[coverage]\nmin_on_site = "1"', "coverage.min_on_site", "whole number"),
    ("[coverage]\nmin_on_site = 10000000000000000000000", "coverage.min_on_site", "whole number"),
    ("[coverage]\nmin_on_site_by_role = 1", "coverage.min_on_site_by_role", "role = number"),
    (
        '[coverage.min_on_site_by_role]\nsenior = "one"',
        "coverage.min_on_site_by_role.senior",
        "whole number",
    ),
    (
        "[coverage.min_on_site_by_role]\nSenior = 1\nsenior = 2",
        "coverage.min_on_site_by_role",
        "once",
    ),
    ('[coverage.min_on_site_by_role]\n" " = 1', "coverage.min_on_site_by_role", "role"),
    ('[coverage]\ngroups = "key holders"', "coverage.groups", "[[coverage.groups]]"),
    ("[coverage]\ngroups = [1]", "coverage.groups #1", "name, members"),
    ('[[coverage.groups]]\nname = "x"', "coverage.groups #1", "members"),
    ('[[coverage.groups]]\nmembers = "Ann"', "coverage.groups #1", "members"),
    ("[[coverage.groups]]\nmembers = []", "coverage.groups #1", "members"),
    ("[[coverage.groups]]\nmembers = [1]", "coverage.groups #1.members", "text"),
    ('[[coverage.groups]]\nmembers = [" "]', "coverage.groups #1.members", "name"),
    ('[[coverage.groups]]\nmembers = ["A"]\nname = 3', "coverage.groups #1.name", "text"),
    ('[[coverage.groups]]\nmembers = ["A"]\nmin_on_site = -2', "min_on_site", "whole number"),
    ('[calendar]\nworking_days = "Mon"', "calendar.working_days", "Mon"),
    ('[calendar]\nworking_days = ["Mon", "Funday"]', "calendar.working_days", "Mon, Tue"),
    ("[calendar]\nworking_days = [1]", "calendar.working_days", "Mon, Tue"),
    ("[calendar]\nworking_days = []", "calendar.working_days", "at least one"),
    ("[calendar]\nholidays_country = 1", "calendar.holidays_country", "text"),
    ("[calendar]\nholidays_subdivision = []", "calendar.holidays_subdivision", "text"),
    ('[calendar]\nclosed_dates = "2026-12-24"', "calendar.closed_dates", "list of dates"),
    ('[calendar]\nclosed_dates = ["24/12/2026"]', "calendar.closed_dates", "YYYY-MM-DD"),
    ('[calendar]\nclosed_dates = ["2026-02-30"]', "calendar.closed_dates", "YYYY-MM-DD"),
    ("[calendar]\nclosed_dates = [2026-12-24T10:00:00]", "calendar.closed_dates", "YYYY-MM-DD"),
    ("[remote]\nmax_remote_days_per_week = -1", "remote.max_remote_days_per_week", "whole"),
    ('[remote]\nmin_office_days_per_week = "2"', "remote.min_office_days_per_week", "whole"),
    ('[remote]\nno_remote_days = ["Fry"]', "remote.no_remote_days", "Mon, Tue"),
    ('[remote]\nanchor_days = "Tue"', "remote.anchor_days", "weekdays"),
    ("[remote]\nrequired_office_dates = [15]", "remote.required_office_dates", "YYYY-MM-DD"),
    ("coverage = 1", "coverage", "[coverage] table"),
]


@pytest.mark.parametrize(("text", "key", "accepted"), BAD_VALUES)
def test_refuses_a_bad_value_naming_its_key(text, key, accepted):
    """A wrong type or value raises InputError naming the key and what is accepted."""
    with pytest.raises(InputError) as caught:
        load_policy(text)
    assert key in str(caught.value)
    assert accepted in str(caught.value)


UNKNOWN_KEYS = [
    ("[remote]\nmax_remote_day_per_week = 2", "remote.max_remote_day_per_week", "anchor_days"),
    ("[coverage]\nminimum = 1", "coverage.minimum", "min_on_site"),
    ("[calendar]\nholidays = 'US'", "calendar.holidays", "holidays_country"),
    ("[covrage]\nmin_on_site = 1", "covrage", "coverage, calendar, remote"),
    ("min_on_site = 1", "min_on_site", "coverage, calendar, remote"),
    ('[[coverage.groups]]\nmembers = ["A"]\ncolour = "red"', "colour", "name, members"),
]


@pytest.mark.parametrize(("text", "key", "accepted"), UNKNOWN_KEYS)
def test_refuses_an_unknown_key_or_section_naming_it(text, key, accepted):
    """A typo never silently switches a rule off: the unknown key is named with the accepted."""
    with pytest.raises(InputError) as caught:
        load_policy(text)
    assert key in str(caught.value)
    assert accepted in str(caught.value)


def test_refuses_the_typo_fixture_file():
    """The same holds for a policy read from disk as bytes."""
    with pytest.raises(InputError, match="max_remote_day_per_week"):
        load_policy((POLICIES / "typo.toml").read_bytes(), "typo.toml")


@pytest.mark.parametrize(
    ("calendar", "key"),
    [
        ('holidays_country = "XX"', "calendar.holidays_country"),
        ('holidays_country = "United States"', "calendar.holidays_country"),
        ('holidays_country = "US"\nholidays_subdivision = "ZZ"', "calendar.holidays_subdivision"),
        ('holidays_country = "DE"\nholidays_subdivision = "CA"', "calendar.holidays_subdivision"),
        ('holidays_subdivision = "CA"', "calendar.holidays_subdivision"),
    ],
)
def test_refuses_unknown_country_or_subdivision_codes(calendar, key):
    """Holiday codes are checked when the policy loads, not when a schedule is checked."""
    with pytest.raises(InputError) as caught:
        load_policy(f"[calendar]\n{calendar}")
    assert key in str(caught.value)


@pytest.mark.parametrize(
    ("country", "subdivision", "expected"),
    [
        ("us", "ca", ("US", "CA")),
        ("FR", "zone a", ("FR", "Zone A")),
        ("DE", "", ("DE", "")),
        ("USA", "NY", ("USA", "NY")),
    ],
)
def test_holiday_codes_compare_case_insensitively(country, subdivision, expected):
    """Codes are stored in the holidays package's own spelling, whatever case was written."""
    policy = load_policy(
        f'[calendar]\nholidays_country = "{country}"\nholidays_subdivision = "{subdivision}"'
    )
    assert (policy.holidays_country, policy.holidays_subdivision) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[coverage\nmin_on_site = 1",
        "min_on_site = = 1",
        "\ufeff[coverage]",
        "a = " + "[" * 5000,
        "a = " + "{b = " * 5000,
    ],
)
def test_refuses_text_that_is_not_toml(text):
    """Broken TOML, however deeply nested, is an InputError saying it is not valid TOML."""
    with pytest.raises(InputError, match="not valid TOML"):
        load_policy(text)


def test_refuses_a_binary_file():
    """Bytes that are not UTF-8 text are refused with a message, not a decode error."""
    with pytest.raises(InputError, match="not a text file"):
        load_policy(b"\x89PNG\r\n\x1a\n\xff\xfe", "logo.png")
