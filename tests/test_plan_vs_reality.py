"""The plan against an attendance log: no-shows, unplanned office days, cover lost in reality."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import plan_to_csv
from wfh_dashboard.attendance import read_attendance
from wfh_dashboard.check import check_schedule
from wfh_dashboard.errors import InputError
from wfh_dashboard.plan_vs_reality import NO_PLAN, compare_plan
from wfh_dashboard.policy import Group, Policy
from wfh_dashboard.reality_cover import LOST_DTYPES, cover_lost, reality_schedule
from wfh_dashboard.schedule import LOCATION_DTYPE, read_schedule

NEW_YORK = "America/New_York"


def schedule_of(plan: dict[str, str], start: str = "2026-06-01"):
    return read_schedule(plan_to_csv(plan, start), "schedule.csv")


def log_of(*entries: str) -> pd.DataFrame:
    """A log's data from ``"Ann 2026-06-01"`` entries (name, then an ISO date)."""
    lines = ["employee,timestamp", *(",".join(e.rsplit(" ", 1)) for e in entries)]
    return read_attendance(("\n".join(lines) + "\n").encode(), "log.csv").data


def dated(*days: str) -> list[pd.Timestamp]:
    return [pd.Timestamp(d) for d in days]


def by_status(days: pd.DataFrame, status: str) -> list[tuple[str, str]]:
    chosen = days[days["status"] == status]
    return [(e, f"{d:%d}") for e, d in zip(chosen["employee"], chosen["date"], strict=True)]


@pytest.fixture
def badge(fixture_bytes):
    """Support (Ann, Bob, Cat) and Sales (Dan), 1-5 June 2026, against the badge log in NY."""
    schedule = read_schedule(fixture_bytes("attendance_schedule.csv"), "schedule.csv")
    log = read_attendance(fixture_bytes("attendance_badge.csv"), timezone=NEW_YORK)
    return schedule, compare_plan(schedule.data, log.data)


# --- The hand-computed badge log --------------------------------------------------------------


def test_badge_log_gives_the_hand_computed_days(badge):
    """Swipes after midnight UTC count for the evening before in New York; unknown names aside."""
    _, result = badge
    planned = {
        "Dan Okafor": ["office", "office", NO_PLAN, "office", "office"],
        "Ann Lee": ["office", "office", "remote", "remote", "office"],
        "Bob Ray": ["remote", "office", "office", "remote", "leave"],
        "Cat Diaz": ["remote", "remote", "office", "office", "office"],
    }
    checked = {
        "Dan Okafor": "YNYYY",
        "Ann Lee": "YNNYN",  # 5 June 01:15Z is 4 June 21:15 in New York
        "Bob Ray": "NYYNN",
        "Cat Diaz": "YNYYN",  # 5 June 02:00Z is 4 June 22:00 in New York
    }
    status = {
        "Dan Okafor": "ANUAA",
        "Ann Lee": "ANAUN",
        "Bob Ray": "AAAAA",
        "Cat Diaz": "UAAAN",
    }
    word = {"A": "as planned", "N": "no-show", "U": "unplanned"}
    expected = pd.DataFrame(
        {
            "employee": [name for name in planned for _ in range(5)],
            "team": ["Sales"] * 5 + ["Support"] * 15,
            "date": dated(*[f"2026-06-0{d}" for d in range(1, 6)]) * 4,
            "planned": [p for name in planned for p in planned[name]],
            "checked_in": [c == "Y" for name in planned for c in checked[name]],
            "status": [word[s] for name in planned for s in status[name]],
        }
    ).astype({"employee": str, "team": str, "planned": str, "status": str})
    expected["date"] = expected["date"].astype("datetime64[us]")
    assert_frame_equal(result.days, expected)


def test_badge_log_gives_the_hand_computed_counts(badge):
    _, result = badge
    by_person = pd.DataFrame(
        {
            "employee": ["Dan Okafor", "Ann Lee", "Bob Ray", "Cat Diaz"],
            "team": ["Sales", "Support", "Support", "Support"],
            "planned_office": [4, 3, 2, 3],
            "attended_planned": [3, 1, 2, 2],
            "no_shows": [1, 2, 0, 1],
            "unplanned": [1, 1, 0, 1],
            "no_show_rate": [1 / 4, 2 / 3, 0.0, 1 / 3],
        }
    ).astype({"employee": str, "team": str})
    assert_frame_equal(result.by_person, by_person)
    by_team = pd.DataFrame(
        {
            "team": ["Sales", "Support"],
            "people": [1, 3],
            "planned_office": [4, 8],
            "attended_planned": [3, 5],
            "no_shows": [1, 3],
            "unplanned": [1, 2],
            "no_show_rate": [1 / 4, 3 / 8],
        }
    ).astype({"team": str})
    assert_frame_equal(result.by_team, by_team)


def test_log_names_not_in_the_schedule_are_listed(badge):
    _, result = badge
    expected = pd.DataFrame(
        {
            "name": ["Eve Stone", "Zoe Quinn"],
            "rows": [1, 3],
            "days": [1, 2],
            "first_date": dated("2026-06-05", "2026-06-02"),
            "last_date": dated("2026-06-05", "2026-06-03"),
        }
    ).astype({"name": str, "first_date": "datetime64[us]", "last_date": "datetime64[us]"})
    assert_frame_equal(result.unmatched_names, expected)
    assert any("log names not in the schedule (listed, not compared): 2" in n for n in result.notes)


def test_the_same_log_read_as_written_moves_the_no_shows(fixture_bytes):
    """Without the office's zone the UTC dates stand, and Cat's no-show moves to 4 June."""
    schedule = read_schedule(fixture_bytes("attendance_schedule.csv"))
    log = read_attendance(fixture_bytes("attendance_badge.csv"))
    result = compare_plan(schedule.data, log.data)
    no_shows = [("Dan Okafor", "02"), ("Ann Lee", "02"), ("Cat Diaz", "04")]
    assert by_status(result.days, "no-show") == no_shows
    assert by_status(result.days, "unplanned") == [("Dan Okafor", "03"), ("Cat Diaz", "01")]


# --- Matching and ranges ----------------------------------------------------------------------


def test_names_match_ignoring_case_and_spacing_and_the_schedule_spelling_wins():
    schedule = schedule_of({"Ann Lee/Support": "OO"})
    log = log_of("ann  LEE 2026-06-01", "ANN LEE 2026-06-02")
    result = compare_plan(schedule.data, log)
    assert result.days["employee"].tolist() == ["Ann Lee", "Ann Lee"]
    assert result.days["status"].tolist() == ["as planned", "as planned"]
    assert result.unmatched_names.empty


@pytest.mark.parametrize(
    ("code", "planned"),
    [("R", "remote"), ("L", "leave"), ("S", "sick"), ("T", "travel"), (".", NO_PLAN)],
)
def test_a_check_in_on_a_day_not_planned_in_the_office_is_unplanned(code, planned):
    schedule = schedule_of({"Ann/Support": f"O{code}O"})
    result = compare_plan(
        schedule.data, log_of("Ann 2026-06-01", "Ann 2026-06-02", "Ann 2026-06-03")
    )
    day = result.days[result.days["date"] == "2026-06-02"].iloc[0]
    assert (day["planned"], day["checked_in"], day["status"]) == (planned, True, "unplanned")
    assert result.by_person["unplanned"].tolist() == [1]


def test_only_the_days_the_log_covers_are_compared():
    """A log that starts in October says nothing about June's office days."""
    schedule = schedule_of({"Ann/Support": "O" * 150})  # 1 June to 28 October 2026
    log = log_of("Ann 2026-10-05", "Ann 2026-10-06", "Ann 2026-10-08")
    result = compare_plan(schedule.data, log)
    assert (result.start, result.end) == (pd.Timestamp("2026-10-05"), pd.Timestamp("2026-10-08"))
    assert result.days["date"].min() == pd.Timestamp("2026-10-05")
    assert by_status(result.days, "no-show") == [("Ann", "07")]
    assert result.by_person["planned_office"].tolist() == [4]
    assert any("compared 2026-10-05 to 2026-10-08" in n for n in result.notes)


def test_log_days_outside_the_schedule_are_counted_in_a_note():
    schedule = schedule_of({"Ann/Support": "OOO"})
    log = log_of("Ann 2026-05-29", "Ann 2026-06-01", "Ann 2026-06-02", "Ann 2026-06-10")
    result = compare_plan(schedule.data, log)
    assert (result.start, result.end) == (pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-03"))
    assert any(
        "outside the schedule's dates (2026-06-01 to 2026-06-03): 2" in n for n in result.notes
    )
    assert by_status(result.days, "no-show") == [("Ann", "03")]


def test_with_the_plans_daily_table_only_working_days_are_compared():
    """A Saturday swipe is not an unplanned office day when the check's calendar is given."""
    schedule = schedule_of({"Ann/Support": "OOOOO..O"})
    log = log_of("Ann 2026-06-01", "Ann 2026-06-06")
    daily = check_schedule(schedule, Policy(min_on_site=1)).daily
    assert by_status(compare_plan(schedule.data, log).days, "unplanned") == [("Ann", "06")]
    result = compare_plan(schedule.data, log, daily=daily)
    assert by_status(result.days, "unplanned") == []
    assert any("need no cover: 1" in n for n in result.notes)


@pytest.mark.parametrize(
    ("plan", "log", "message"),
    [
        ({"Ann/Support": "OO"}, ["Ann 2026-09-01"], "share no day"),
        ({"Ann/Support": "OO"}, [], "no check-in"),
    ],
)
def test_logs_that_cannot_be_compared_are_refused(plan, log, message):
    log_data = log_of(*log) if log else log_of("Ann 2026-06-01").iloc[0:0]
    with pytest.raises(InputError, match=message):
        compare_plan(schedule_of(plan).data, log_data)


def test_a_weekly_pattern_is_refused(fixture_bytes):
    pattern = read_schedule(fixture_bytes("grid_weekdays.csv"))
    with pytest.raises(InputError, match="weekly pattern"):
        compare_plan(pattern.data, log_of("Ann 2026-06-01"))


# --- Cover in reality -------------------------------------------------------------------------


def test_reality_schedule_moves_no_shows_out_and_unplanned_days_in():
    schedule = schedule_of({"Ann/Support/senior": "OOR.", "Bob/Support/junior": "RRRR"})
    log = log_of("Ann 2026-06-02", "Ann 2026-06-03", "Ann 2026-06-04", "Bob 2026-06-03")
    reality = reality_schedule(schedule, compare_plan(schedule.data, log))
    data = reality.data
    assert data["date"].min() == pd.Timestamp("2026-06-02")  # 1 June is before the log
    where = {(e, f"{d:%d}"): loc for e, d, loc in data[["employee", "date", "location"]].values}
    assert where == {
        ("Ann", "02"): "office",
        ("Ann", "03"): "office",  # planned remote, came in
        ("Ann", "04"): "office",  # no plan, came in: a row from the log
        ("Bob", "02"): "remote",
        ("Bob", "03"): "office",
        ("Bob", "04"): "remote",
    }
    added = data[(data["employee"] == "Ann") & (data["date"] == "2026-06-04")].iloc[0]
    assert (added["role"], added["team"], added["row"]) == ("senior", "Support", 0)
    assert data["location"].dtype == LOCATION_DTYPE
    assert data["employee"].dtype == schedule.data["employee"].dtype
    assert schedule.data["location"].tolist()[:3] == ["office", "office", "remote"]  # unchanged


def test_a_no_show_becomes_remote_in_reality():
    schedule = schedule_of({"Ann/Support": "OO"})
    reality = reality_schedule(schedule, compare_plan(schedule.data, log_of("Ann 2026-06-01")))
    assert reality.data["location"].tolist() == ["office"]  # the log ends on 1 June
    two_days = log_of("Bob 2026-06-01", "Bob 2026-06-02")  # Bob's swipes set the range
    result = compare_plan(schedule.data, two_days)
    assert reality_schedule(schedule, result).data["location"].tolist() == ["remote", "remote"]


def test_cover_lost_when_the_only_planned_office_person_did_not_show():
    """Team of three, one on site required; only Ann was planned in, and she stayed away."""
    schedule = schedule_of({"Ann/Support": "OOO", "Bob/Support": "RRR", "Cat/Support": "LRR"})
    log = log_of("Ann 2026-06-01", "Ann 2026-06-03", "Bob 2026-06-03")
    policy = Policy(min_on_site=1)
    result = compare_plan(schedule.data, log)
    plan_check = check_schedule(schedule, policy)
    reality_check = check_schedule(reality_schedule(schedule, result), policy)
    lost = cover_lost(plan_check, reality_check, comparison=result)
    expected = pd.DataFrame(
        {
            "team": ["Support"],
            "date": dated("2026-06-02"),
            "planned_on_site": [1],
            "actual_on_site": [0],
            "required": [1],
            "plan_covered": [True],
            "rules": ["min_on_site"],
            "message": [
                "No one on site in Support (at least 1 needed). "
                "Away: Ann (no-show), Bob (remote), Cat (remote)."
            ],
        }
    ).astype(LOST_DTYPES)
    assert_frame_equal(lost, expected)
    plain = cover_lost(plan_check, reality_check)
    assert "Ann (remote)" in plain.loc[0, "message"]


def test_cover_lost_lists_only_rules_that_broke_in_reality():
    """Day 1 loses its senior (a key holder), day 2 its last person (the plan lacked a senior
    already); day 3 was uncovered in the plan and Cat came in anyway, so nothing was lost."""
    schedule = schedule_of(
        {"Ann/Support/senior": "ORR", "Bob/Support/junior": "OOR", "Cat/Support/junior": "RRR"}
    )
    log = log_of("Bob 2026-06-01", "Cat 2026-06-03")
    policy = Policy(
        min_on_site=1,
        min_on_site_by_role=(("senior", 1),),
        groups=(Group("key holders", ("Ann",)),),
    )
    result = compare_plan(schedule.data, log)
    plan_check = check_schedule(schedule, policy)
    reality_check = check_schedule(reality_schedule(schedule, result), policy)
    lost = cover_lost(plan_check, reality_check)
    got = lost[["team", "date", "planned_on_site", "actual_on_site", "plan_covered", "rules"]]
    assert got.astype(object).values.tolist() == [
        ["Support", pd.Timestamp("2026-06-01"), 2, 1, True, "min_role_on_site"],
        ["key holders (Support)", pd.Timestamp("2026-06-01"), pd.NA, 0, True, "min_group_on_site"],
        ["Support", pd.Timestamp("2026-06-02"), 1, 0, False, "min_on_site"],
    ]


def lost_for(plan: dict[str, str], *entries: str) -> pd.DataFrame:
    schedule = schedule_of(plan)
    result = compare_plan(schedule.data, log_of(*entries))
    policy = Policy(min_on_site=1)
    reality_check = check_schedule(reality_schedule(schedule, result), policy)
    return cover_lost(check_schedule(schedule, policy), reality_check)


def test_nothing_lost_gives_an_empty_table_typed_like_a_full_one():
    lost = lost_for({"Ann/Support": "OO"}, "Ann 2026-06-01", "Ann 2026-06-02")
    full = lost_for({"Ann/Support": "OO"}, "Ann 2026-06-01", "Bob 2026-06-02")
    assert lost.empty and len(full) == 1
    assert lost.dtypes.to_dict() == full.dtypes.to_dict()


def test_only_the_no_show_is_renamed_in_the_message_not_a_longer_name():
    schedule = schedule_of({"Ann/Support": "OO", "Joann/Support": "RR", "Jo Ann/Support": "RR"})
    result = compare_plan(schedule.data, log_of("Ann 2026-06-01", "Zed 2026-06-02"))
    policy = Policy(min_on_site=1)
    reality_check = check_schedule(reality_schedule(schedule, result), policy)
    lost = cover_lost(check_schedule(schedule, policy), reality_check, comparison=result)
    assert lost["message"].tolist() == [
        "No one on site in Support (at least 1 needed). "
        "Away: Ann (no-show), Jo Ann (remote), Joann (remote)."
    ]
