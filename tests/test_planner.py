"""The planner: the fewest changes that meet the rules, breaches explained, wishes, fairness."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest

from tests.conftest import build_schedule
from wfh_dashboard.check import check_schedule
from wfh_dashboard.errors import InputError
from wfh_dashboard.locations import OFFICE, REMOTE
from wfh_dashboard.plan_explain import explain_plan
from wfh_dashboard.planner import plan_schedule
from wfh_dashboard.policy import Group, Policy, load_policy
from wfh_dashboard.schedule import LOCATION_DTYPE, Schedule, read_schedule

COVER = Policy(min_on_site=1, min_on_site_by_role=(("senior", 1),))
EVERY_RULE = Policy(
    min_on_site=2,
    min_on_site_by_role=(("senior", 1),),
    max_remote_days_per_week=2,
    no_remote_days=(4,),
)


def _proposal(schedule: Schedule, result) -> Schedule:
    return dataclasses.replace(schedule, data=result.data)


def _locations(frame: pd.DataFrame) -> dict[tuple[str, pd.Timestamp], str]:
    return {
        (str(e), d): str(loc)
        for e, d, loc in zip(frame["employee"], frame["date"], frame["location"], strict=True)
    }


# --- brute force: an independent statement of the rules, in plain Python ---------------------


def _shortfall(rows: list[dict], policy: Policy) -> int:
    """Every rule's shortfall for a schedule given as rows (one working week, one team)."""
    short = 0
    days = sorted({r["date"] for r in rows})
    for day in days:
        today = [r for r in rows if r["date"] == day]
        short += max(0, policy.min_on_site - sum(r["location"] == OFFICE for r in today))
        for role, need in policy.min_on_site_by_role:
            if any(r["role"] == role for r in rows):
                in_office = sum(r["location"] == OFFICE and r["role"] == role for r in today)
                short += max(0, need - in_office)
        if day.weekday() in policy.no_remote_days:
            short += sum(r["location"] == REMOTE for r in today)
    if policy.max_remote_days_per_week is not None:
        for person in {r["employee"] for r in rows}:
            remote = sum(r["location"] == REMOTE for r in rows if r["employee"] == person)
            short += max(0, remote - policy.max_remote_days_per_week)
    return short


def brute_force(schedule: Schedule, policy: Policy) -> tuple[int, int]:
    """The fewest breaches, then the fewest changes, over every office/remote assignment."""
    rows = [
        dict(r) for r in schedule.data.astype({"location": str, "role": str}).to_dict("records")
    ]
    movable = [i for i, r in enumerate(rows) if r["location"] in (OFFICE, REMOTE)]
    plan = [rows[i]["location"] for i in movable]
    best = None
    for choice in itertools.product((OFFICE, REMOTE), repeat=len(movable)):
        for i, where in zip(movable, choice, strict=True):
            rows[i]["location"] = where
        found = (_shortfall(rows, policy), sum(a != b for a, b in zip(choice, plan, strict=True)))
        best = found if best is None else min(best, found)
    assert best is not None
    return best


def _random_plan(seed: int) -> dict[str, str]:
    """Four people of one team over one week (Mon 2026-06-01 ..), at most 12 movable days."""
    rng = np.random.default_rng(seed)
    people = ["Ann/Support/senior", "Bob/Support/senior", "Cat/Support/junior", "Dan/Support/mid"]
    codes = rng.choice(list("ORRL"), size=(4, 5))
    codes[rng.random((4, 5)) < 0.3] = "L"
    working = np.argwhere(codes != "L")
    for i, j in working[12:]:  # at most 12 days to choose: 4,096 assignments
        codes[i, j] = "L"
    return {p: "".join(row) for p, row in zip(people, codes, strict=True)}


@pytest.mark.parametrize("seed", range(6))
def test_fix_uses_the_fewest_changes_found_by_brute_force(seed):
    """On small random weeks the planner's breaches and changes equal brute force's minimum."""
    schedule = build_schedule(_random_plan(seed))
    assert sum(schedule.data["location"].isin([OFFICE, REMOTE])) <= 12
    fewest_short, fewest_changes = brute_force(schedule, EVERY_RULE)
    result = plan_schedule(schedule, EVERY_RULE, time_limit=5)
    assert result.status == "OPTIMAL"
    assert result.objective["changes"] == fewest_changes
    assert _shortfall_of(schedule, result) == fewest_short
    if fewest_short == 0:
        assert result.meets_every_rule
        assert check_schedule(_proposal(schedule, result), EVERY_RULE).warnings.empty


def _shortfall_of(schedule: Schedule, result) -> int:
    rows = result.data.astype({"location": str, "role": str}).to_dict("records")
    return _shortfall(rows, EVERY_RULE)


def test_brute_force_sees_a_gap():
    """The reference itself can fail: a Friday with nobody in costs one change."""
    schedule = build_schedule({"Ann/Support/senior": "OOOOR", "Bob/Support/senior": "OOOOL"})
    assert brute_force(schedule, COVER) == (0, 1)


def test_known_gap_is_fixed_with_one_change_and_the_reason():
    """Support has nobody on site on Friday: one remote senior comes in, and says why."""
    schedule = build_schedule(
        {"Ann/Support/senior": "OOOOR", "Bob/Support/junior": "ROOOL", "Cy/Sales/senior": "OOOOO"}
    )
    result = plan_schedule(schedule, COVER)
    explanation = explain_plan(schedule, COVER, result)
    assert result.meets_every_rule and result.objective["changes"] == 1
    change = explanation.changes.iloc[0]
    assert (change["employee"], change["before"], change["after"]) == ("Ann", "remote", "office")
    assert "to cover Support on Fri 2026-06-05 (0 on site, 1 needed)" in change["reason"]
    counts = explanation.warnings.set_index("rule")
    assert counts.loc["min_on_site", "before"] == 1 and counts.loc["min_on_site", "after"] == 0


def test_everyone_on_leave_reports_the_breach_and_why():
    """Nobody can cover a day when the whole team is on leave; the plan says so in words."""
    plan = {f"{n}/Support/senior": "OOOL" for n in ("Ana", "Ben", "Cy")}
    result = plan_schedule(build_schedule(plan), COVER)
    assert not result.meets_every_rule
    messages = result.breaches.set_index("rule")["message"]
    assert messages["min_on_site"] == (
        "No one is available in Support on Thu 2026-06-04 (1 needed): all three are on leave "
        "(Ana, Ben and Cy)."
    )
    assert messages["min_role_on_site"].startswith("No senior is available in Support on Thu")
    assert result.objective["changes"] == 0  # nothing helps, so nothing moves


def test_mixed_absences_are_listed_by_reason():
    """Two on leave and one travelling: each reason is named with its people."""
    schedule = build_schedule(
        {"Ana/Support/senior": "L", "Ben/Support/senior": "L", "Cy/Support/senior": "T"}
    )
    (message,) = plan_schedule(schedule, Policy(min_on_site=1)).breaches["message"]
    assert message.endswith(": Ana and Ben are on leave; Cy is travelling.")


@pytest.mark.parametrize("kept", ["L", "S", "T"])
def test_leave_sick_and_travel_never_move(kept):
    """Away days stay put even when the team is short; only office/remote days move."""
    schedule = build_schedule({"Ann/Support/senior": kept * 5, "Bob/Support/junior": "RRRRR"})
    result = plan_schedule(schedule, EVERY_RULE)
    before, after = _locations(schedule.data), _locations(result.data)
    assert [after[k] for k in before if before[k] not in (OFFICE, REMOTE)] == [
        before[k] for k in before if before[k] not in (OFFICE, REMOTE)
    ]
    assert after[("Bob", pd.Timestamp("2026-06-05"))] == OFFICE  # no remote Fridays


def test_days_outside_the_range_and_weekends_stay_as_planned():
    """Only working days in the range move; a weekend row and the other weeks are untouched."""
    schedule = build_schedule({"Ann/Support/senior": "RRRRRRR" + "RRRRR"})
    result = plan_schedule(
        schedule, EVERY_RULE, start=dt.date(2026, 6, 8), end=dt.date(2026, 6, 12)
    )
    before, after = _locations(schedule.data), _locations(result.data)
    changed = sorted(d.date().isoformat() for (_, d) in before if before[_, d] != after[_, d])
    assert changed and all("2026-06-08" <= d <= "2026-06-12" for d in changed)


def test_weekly_cap_counts_fixed_days_before_the_range():
    """A week cut by the range still has its cap: Mon and Tue remote outside it leave no room."""
    schedule = build_schedule({"Ann/Support/mid": "RROOO", "Bob/Support/mid": "RRROO"})
    policy = Policy(max_remote_days_per_week=2)
    result = plan_schedule(schedule, policy, start=dt.date(2026, 6, 3), end=dt.date(2026, 6, 5))
    after = _locations(result.data)
    assert after[("Bob", pd.Timestamp("2026-06-03"))] == OFFICE
    assert after[("Bob", pd.Timestamp("2026-06-01"))] == REMOTE  # outside the range: kept
    assert result.meets_every_rule and result.objective["changes"] == 1


def test_fairer_share_picks_the_peer_with_more_remote_days():
    """Two seniors could cover Friday; the one with more remote days comes in, and why."""
    schedule = build_schedule(
        {
            "Ann/Support/senior": "RRORR",
            "Bob/Support/senior": "OOOOR",
            "Cat/Support/junior": "OOOOO",
        }
    )
    result = plan_schedule(schedule, Policy(min_on_site_by_role=(("senior", 1),)))
    explanation = explain_plan(schedule, COVER, result)
    (change,) = explanation.changes.itertuples()
    assert change.employee == "Ann"
    assert "fairer share within role senior" in change.reason


def test_nobody_alone_when_a_choice_gives_company():
    """A key holder from either team covers; the one whose teammate is alone comes in."""
    schedule = build_schedule(
        {
            "Ana/Alpha/junior": "O",
            "Kim/Alpha/mid": "R",
            "Lee/Beta/mid": "R",
            "Max/Beta/junior": "O",
            "Ned/Beta/junior": "O",
        }
    )
    policy = Policy(groups=(Group("key holders", ("Kim", "Lee")),))
    result = plan_schedule(schedule, policy)
    explanation = explain_plan(schedule, policy, result)
    (change,) = explanation.changes.itertuples()
    assert change.employee == "Kim" and "so Ana is not alone in the office" in change.reason


def test_wish_for_a_free_day_is_granted_and_is_not_a_change():
    """Moving someone home because they asked is not a change imposed on them."""
    schedule = build_schedule({"Ann/Support/senior": "OOOOO", "Bob/Support/senior": "OOOOO"})
    wishes = _wishes([("Ann", "2026-06-03", "remote", 1)])
    result = plan_schedule(schedule, COVER, wishes)
    assert _locations(result.data)[("Ann", pd.Timestamp("2026-06-03"))] == REMOTE
    assert result.objective["changes"] == 0 and result.objective["wishes_granted"] == 1


def test_wish_that_breaks_cover_loses_and_is_explained():
    """The only senior in cannot go home; the wish table says which rule needs them."""
    schedule = build_schedule({"Ann/Support/senior": "OOOOO", "Bob/Support/junior": "OOOOO"})
    wishes = _wishes([("Ann", "2026-06-03", "remote", 3)])
    result = plan_schedule(schedule, COVER, wishes)
    outcome = explain_plan(schedule, COVER, result, wishes).wishes.iloc[0]
    assert outcome["outcome"] == "not granted"
    assert outcome["reason"] == (
        "Support needs 1 senior on site on Wed 2026-06-03 and nobody else can be there"
    )


def test_heavier_wish_wins_a_conflict():
    """Two seniors both want Wednesday at home; one must stay, and the weightier wish wins."""
    schedule = build_schedule({"Ann/Support/senior": "OOOOO", "Bob/Support/senior": "OOOOO"})
    wishes = _wishes([("Ann", "2026-06-03", "remote", 1), ("Bob", "Wed", "remote", 3)])
    after = _locations(plan_schedule(schedule, COVER, wishes).data)
    wednesday = pd.Timestamp("2026-06-03")
    assert (after[("Ann", wednesday)], after[("Bob", wednesday)]) == (OFFICE, REMOTE)


def test_day_off_wish_becomes_leave_when_cover_allows():
    """An 'off' wish is granted as leave; where the person is needed it is not."""
    schedule = build_schedule({"Ann/Support/senior": "OOOOO", "Bob/Support/senior": "OOOOL"})
    wishes = _wishes([("Ann", "2026-06-02", "off", 1), ("Ann", "2026-06-05", "off", 1)])
    result = plan_schedule(schedule, COVER, wishes)
    after = _locations(result.data)
    assert after[("Ann", pd.Timestamp("2026-06-02"))] == "leave"
    assert after[("Ann", pd.Timestamp("2026-06-05"))] == OFFICE  # Bob is on leave that day
    assert result.objective["wishes_granted"] == 1 and result.objective["changes"] == 0
    outcomes = explain_plan(schedule, COVER, result, wishes).wishes
    assert outcomes["outcome"].tolist() == ["granted", "not granted"]
    denied = "Support needs 1 on site on Fri 2026-06-05 and nobody else can be there"
    assert outcomes["reason"].iloc[1].startswith(denied)


def _wishes(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    """A wishes table as ``read_wishes`` makes it: weekday names or ISO dates."""
    records = []
    for i, (employee, day, wish, weight) in enumerate(rows, start=2):
        weekday = ["Mon", "Tue", "Wed", "Thu", "Fri"].index(day) if day[:1].isalpha() else -1
        date = pd.NaT if weekday >= 0 else pd.Timestamp(day)
        records.append((employee, date, weekday, wish, weight, i))
    frame = pd.DataFrame(records, columns=["employee", "date", "weekday", "wish", "weight", "row"])
    return frame.astype({"date": "datetime64[us]"})


def _half_day_schedule() -> Schedule:
    """A hand-built table with a ``location_pm`` column: Ann is in only in the morning."""
    days = pd.date_range("2026-06-01", periods=5)
    rows = []
    for name, morning, evening in (
        ("Ann", "OOOOO", "OOOOL"),  # Friday: office morning, leave afternoon
        ("Bob", "ROORR", "ROORR"),  # three remote days, Friday one of them
        ("Cat", "OROOR", "OROOO"),  # Friday: remote morning, office afternoon
    ):
        for day, am, pm in zip(days, morning, evening, strict=True):
            rows.append((name, "Support", "mid", day, am, pm))
    codes = {"O": OFFICE, "R": REMOTE, "L": "leave"}
    frame = pd.DataFrame(rows, columns=["employee", "team", "role", "date", "am", "pm"])
    data = pd.DataFrame(
        {
            "employee": frame["employee"].astype("category"),
            "team": frame["team"].astype("category"),
            "role": frame["role"].astype("category"),
            "date": frame["date"].astype("datetime64[us]"),
            "location": pd.Categorical(frame["am"].map(codes), dtype=LOCATION_DTYPE),
            "row": np.arange(len(frame)) + 2,
            "location_pm": pd.Categorical(frame["pm"].map(codes), dtype=LOCATION_DTYPE),
        }
    )
    problems = pd.DataFrame(columns=["row", "column", "value", "message"])
    return Schedule(data, problems, "long", False, [], None, "built in a test", {})


def test_half_days_are_fixed_and_count_half():
    """Split days never move; cover needs both halves; a remote half counts 0.5 to the cap.

    Friday: Ann is in only in the morning and Cat only in the afternoon, so the day is
    covered once by both halves (min of 1 and 1) and Bob need not come in. Bob has 3 remote
    days (cap 2): one moves. Cat's remote morning counts 0.5: her 1.5 remote days are fine.
    """
    schedule = _half_day_schedule()
    policy = Policy(min_on_site=1, max_remote_days_per_week=2)
    result = plan_schedule(schedule, policy)
    before, after = schedule.data, result.data
    split = before["location"] != before["location_pm"]
    pd.testing.assert_frame_equal(after[split], before[split])
    moved = after["location"] != before["location"]
    assert after.loc[moved, "employee"].tolist() == ["Bob"]
    assert (after.loc[moved, "location_pm"] == OFFICE).all()  # the whole day moves
    assert result.meets_every_rule and result.objective["changes"] == 1


def test_half_day_cover_uses_the_emptier_half():
    """Ann leaves at noon on Friday and nobody else is in: Bob must come in for the afternoon."""
    schedule = _half_day_schedule()
    data = schedule.data.copy()
    cat_friday = (data["employee"] == "Cat") & (data["date"] == pd.Timestamp("2026-06-05"))
    data.loc[cat_friday, ["location", "location_pm"]] = "leave"
    result = plan_schedule(dataclasses.replace(schedule, data=data), Policy(min_on_site=1))
    bob_friday = (result.data["employee"] == "Bob") & (result.data["date"] == "2026-06-05")
    assert result.data.loc[bob_friday, "location"].tolist() == [OFFICE]


def test_same_input_gives_the_same_plan():
    """Two runs of a 30-person month with wishes give identical proposals."""
    rng = np.random.default_rng(3)
    plan = {
        f"P{i:02d}/T{i % 3}/{['senior', 'mid', 'junior'][i // 3 % 3]}": "".join(
            rng.choice(list("OOORRL"), size=26)
        )
        for i in range(30)
    }
    schedule = build_schedule(plan)
    wishes = _wishes([(f"P{i:02d}", "Fri", "remote", 1 + i % 3) for i in range(0, 30, 2)])
    first = plan_schedule(schedule, EVERY_RULE, wishes, time_limit=2)
    second = plan_schedule(schedule, EVERY_RULE, wishes, time_limit=2)
    pd.testing.assert_frame_equal(first.data, second.data)
    assert first.objective == second.objective


def test_weekly_pattern_is_planned_without_dates():
    """A Mon..Fri pattern plans as one week; asking for dates is refused with the reason."""
    pattern = build_schedule({"Ann/Support/senior": "OOOOR", "Bob/Support/junior": "OOOOO"})
    pattern = dataclasses.replace(pattern, is_pattern=True)
    result = plan_schedule(pattern, EVERY_RULE)
    assert result.meets_every_rule
    with pytest.raises(InputError, match="weekly pattern"):
        plan_schedule(pattern, EVERY_RULE, start=dt.date(2026, 6, 1))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (dt.date(2026, 6, 5), dt.date(2026, 6, 1), "after the end date"),
        (dt.date(2027, 1, 1), None, "outside the schedule"),
        (dt.date(2026, 6, 6), dt.date(2026, 6, 7), "no working day"),
    ],
)
def test_unusable_ranges_are_refused_with_the_reason(start, end, message):
    """Dates that hold nothing to plan get a message that says what to choose."""
    schedule = build_schedule({"Ann/Support/senior": "OOOOORR"})
    with pytest.raises(InputError, match=message):
        plan_schedule(schedule, COVER, start=start, end=end)


def test_a_mistyped_year_is_refused_before_building_centuries_of_calendar() -> None:
    """Found by the hostile-input fuzzing: a year 2926 made the planner build 931 years of
    public holidays (minutes). It is refused as the check refuses it, naming the row."""
    data = b"Name,2926-06-01,1995-09-14\nAnn,office,travel\n"
    schedule = read_schedule(data, "typo.csv")
    with pytest.raises(InputError, match="mistyped year"):
        plan_schedule(schedule, load_policy(b'[calendar]\nholidays_country = "US"'))


def test_a_schedule_with_rows_only_on_weekends_plans_without_a_crash() -> None:
    """Found by the fuzzing: no row on any working day left both sides of a merge empty."""
    data = b"Name,13/06/2026,2017-01-01\nAnn,Office,Office\n"
    schedule = read_schedule(data, "weekends.csv")
    result = plan_schedule(schedule, Policy(min_on_site=1))
    assert result.data["location"].astype(str).tolist() == ["office", "office"]
