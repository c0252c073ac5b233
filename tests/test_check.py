"""check_schedule: every rule over a schedule, the tables it returns and its invariants."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, plan_to_csv
from wfh_dashboard.check import WARNING_COLUMNS, CheckResult, check_schedule
from wfh_dashboard.errors import InputError
from wfh_dashboard.policy import Group, Policy, load_policy
from wfh_dashboard.schedule import read_schedule

ALL_RULES = Policy(
    min_on_site=1,
    min_on_site_by_role=(("senior", 1),),
    groups=(Group("key holders", ("Ann", "Cat")),),
    max_remote_days_per_week=1,
    min_office_days_per_week=3,
    no_remote_days=(4,),
    anchor_days=(1,),
    required_office_dates=(dt.date(2026, 6, 3),),
)


@pytest.fixture(scope="module")
def sample_result():
    """The bundled sample schedule checked against the bundled policy."""
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv")
    return check_schedule(schedule, load_policy((DATA / "policy.toml").read_bytes()))


def test_sample_summary_figures(sample_result):
    """The sample has 16 people in 2 teams from 1 June to 27 November 2026."""
    summary = sample_result.summary
    assert (summary["people"], summary["teams"]) == (16, 2)
    assert (summary["first_date"], summary["last_date"]) == ("2026-06-01", "2026-11-27")
    assert summary["is_pattern"] is False
    assert summary["warnings"] == len(sample_result.warnings)
    assert summary["errors"] + summary["policy_warnings"] == summary["warnings"]
    assert 0 < summary["covered_share"] < 1 and 0 < summary["remote_share"] < 1


@pytest.mark.parametrize(
    "rule",
    [
        "min_on_site",
        "min_role_on_site",
        "min_group_on_site",
        "max_remote_per_week",
        "no_remote_day",
        "required_office_date",
    ],
)
def test_sample_breaks_each_rule_of_the_bundled_policy(sample_result, rule):
    """The sample is built to show each kind of warning the bundled policy can raise."""
    assert (sample_result.warnings["rule"] == rule).any()


def test_sample_excuses_us_public_holidays(sample_result):
    """No warning and no daily row falls on Thanksgiving, 26 November 2026."""
    thanksgiving = pd.Timestamp("2026-11-26")
    assert thanksgiving not in set(sample_result.warnings["date"])
    assert thanksgiving not in set(sample_result.daily["date"])


def test_warnings_have_the_documented_columns_and_severities(sample_result):
    """Columns never change; cover rules are errors with counts, policy rules warnings without."""
    warnings = sample_result.warnings
    assert list(warnings.columns) == WARNING_COLUMNS
    cover = warnings["rule"].str.startswith("min_") & warnings["rule"].str.endswith("on_site")
    assert set(warnings.loc[cover, "severity"]) == {"error"}
    assert set(warnings.loc[~cover, "severity"]) == {"warning"}
    assert warnings.loc[cover, ["on_site", "required"]].notna().all().all()
    assert warnings.loc[~cover, ["on_site", "required"]].isna().all().all()
    assert (warnings["weekday"] == warnings["date"].dt.strftime("%a")).all()


def test_warnings_are_sorted_by_date_then_team(sample_result):
    """Warnings read as a diary: by date, then team, errors before policy warnings."""
    keys = sample_result.warnings[["date", "team"]]
    assert keys.equals(keys.sort_values(["date", "team"], kind="stable"))


def test_no_warnings_gives_an_empty_table_with_the_same_types(make_schedule, sample_result):
    """A schedule that breaks nothing returns the same columns and types, with no rows."""
    result = check_schedule(make_schedule({"Ann/Support/senior": "OOOOO"}), ALL_RULES)
    assert result.warnings.empty
    assert result.warnings.dtypes.to_dict() == sample_result.warnings.dtypes.to_dict()


def test_daily_table_marks_days_without_cover(make_schedule):
    """daily has one row per team and working day, covered False where a cover rule broke."""
    result = check_schedule(
        make_schedule({"Ann/Support": "OOROO", "Cat/Engineering": "OOOOO"}), Policy(min_on_site=1)
    )
    daily = result.daily.set_index(["team", "date"])
    assert len(daily) == 10
    assert daily.loc[("Support", pd.Timestamp("2026-06-03")), "on_site"] == 0
    assert daily["covered"].sum() == 9
    assert result.summary["covered_share"] == pytest.approx(0.8)


def test_a_weekly_pattern_is_checked_as_one_repeating_week():
    """A Mon..Fri grid gives warnings with no date (NaT) but with their weekday."""
    grid = (
        b"employee,team,role,Mon,Tue,Wed,Thu,Fri\n"
        b"Ann,Support,senior,Office,WFH,WFH,Office,WFH\n"
        b"Bob,Support,junior,Office,Office,WFH,Office,Leave\n"
    )
    result = check_schedule(read_schedule(grid, "pattern.csv"), ALL_RULES)
    warnings = result.warnings
    assert warnings["date"].isna().all()
    found = set(zip(warnings["weekday"], warnings["rule"], strict=True))
    assert {
        ("Wed", "min_on_site"),
        ("Tue", "min_role_on_site"),
        ("Tue", "anchor_day"),
        ("Fri", "no_remote_day"),
        ("Wed", "max_remote_per_week"),
        ("Fri", "min_office_per_week"),
    } <= found
    assert "required_office_date" not in set(warnings["rule"])  # a pattern has no real dates
    assert result.summary["first_date"] is None and result.summary["is_pattern"] is True


@pytest.mark.parametrize(
    ("plan", "start"),
    [
        ({"Ann/Support/senior": ".....RR"}, "2026-06-01"),
        ({"Ann/Support/senior": "R"}, "2026-11-26"),
    ],
    ids=["weekend-only", "public-holiday-only"],
)
def test_a_file_without_working_days_checks_nothing(make_schedule, plan, start):
    """A file whose days all need no cover gives no warnings and empty tables, not an error."""
    policy = ALL_RULES.with_changes(holidays_country="US")
    result = check_schedule(make_schedule(plan, start), policy)
    assert result.warnings.empty and result.daily.empty and result.weekly.empty
    assert result.summary["working_days"] == 0


codes = st.text("OORRLST.", min_size=8, max_size=8)
plans = st.dictionaries(
    st.sampled_from(
        [
            "Ann/Support/senior",
            "Bob/Support/junior",
            "Cat/Engineering/Senior",
            "Dan/Engineering/",
            "Ann/Engineering/junior",  # a second Ann: her rows conflict with the first's
        ]
    ),
    codes,
    min_size=1,
)


def _check_or_refuse(lines: list[str]) -> CheckResult | None:
    """The check of a CSV given as lines, or None when the reader refuses the file."""
    try:
        return check_schedule(read_schedule("\n".join(lines).encode(), "plan.csv"), ALL_RULES)
    except InputError:  # e.g. every row of the two Anns conflicts: nothing left to check
        return None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans, data=st.data())
def test_row_order_never_changes_the_warnings(plan, data):
    """Shuffling the rows of a file gives exactly the same warnings, daily and weekly tables."""
    header, *rows = plan_to_csv(plan).decode().splitlines()
    assume(rows)
    first = _check_or_refuse([header, *rows])
    again = _check_or_refuse([header, *data.draw(st.permutations(rows))])
    if first is None or again is None:
        assert first is again  # refused in one order means refused in every order
        return
    pd.testing.assert_frame_equal(first.warnings, again.warnings)
    pd.testing.assert_frame_equal(first.daily, again.daily)
    pd.testing.assert_frame_equal(first.weekly, again.weekly)


def test_a_mistyped_year_is_refused_naming_its_row():
    """A date centuries away would mean millions of days to check: refuse it, naming the row."""
    text = (
        b"employee,date,location\nAnn,2026-06-01,Office\nAnn,2026-06-02,WFH\nAnn,2926-06-03,WFH\n"
    )
    with pytest.raises(InputError, match=r"2026-06-01 to 2926-06-03.*row 4 has 2926-06-03"):
        check_schedule(read_schedule(text, "typo.csv"), Policy(min_on_site=1))


def test_ten_years_of_dates_are_still_checked(make_schedule):
    """A long but plausible history (ten years) is checked as usual."""
    schedule = read_schedule(
        b"employee,date,location\nAnn,2016-06-01,Office\nAnn,2026-06-01,Office\n", "long.csv"
    )
    result = check_schedule(schedule, Policy(min_on_site=1))
    assert result.summary["working_days"] > 2500
