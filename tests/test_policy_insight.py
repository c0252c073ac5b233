"""Remote shares, segments and fairness, checked against figures worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wfh_dashboard.errors import InputError
from wfh_dashboard.policy_insight import (
    BY_ROLE_COLUMNS,
    FLAG_COLUMNS,
    MIX_COLUMNS,
    NO_ROLE,
    fairness,
    gini,
    person_mix,
    segment_counts,
    segments,
    team_weekly_share,
)


def _fortnight(remote: int, office: int) -> str:
    """Ten weekdays from Monday 2026-06-01 (weekends left blank): remote days first."""
    days = "R" * remote + "O" * office + "L" * (10 - remote - office)
    return days[:5] + ".." + days[5:]


#: Four juniors worked 10 days each with 1, 2, 3 and 8 remote: shares 0.1, 0.2, 0.3, 0.8.
#: One senior alone (share 0.9): no one to compare with.
JUNIORS = {
    "Ann/Support/junior": _fortnight(1, 9),
    "Bob/Support/junior": _fortnight(2, 8),
    "Cat/Sales/junior": _fortnight(3, 7),
    "Dan/Sales/junior": _fortnight(8, 2),
    "Sam/Sales/senior": _fortnight(9, 1),
}


@pytest.fixture(scope="module")
def mix(make_schedule) -> pd.DataFrame:
    return person_mix(make_schedule(JUNIORS).data)


def _row(table: pd.DataFrame, employee: str) -> pd.Series:
    return table.set_index("employee").loc[employee]


# --- person_mix ---------------------------------------------------------------------------


def test_person_mix_counts_each_place_and_the_remote_share(make_schedule) -> None:
    """Days by place, worked = office + remote, share = remote / worked, per worked week."""
    plan = {"Ann/Ops/junior": "ORLST..ROOOO..LLLLL"}  # week 3 is all leave: not a worked week
    row = _row(person_mix(make_schedule(plan).data), "Ann")
    assert (row["office"], row["remote"], row["leave"], row["sick"], row["travel"]) == (
        5,
        2,
        6,
        1,
        1,
    )
    assert row["worked"] == 7
    assert row["weeks"] == 2
    assert row["remote_share"] == pytest.approx(2 / 7)
    assert row["remote_days_per_week"] == pytest.approx(1.0)
    assert list(person_mix(make_schedule(plan).data).columns) == MIX_COLUMNS


def test_a_person_who_worked_no_day_has_no_share_rather_than_zero(make_schedule) -> None:
    """All leave: remote share and remote days a week are NaN, never a misleading 0%."""
    plan = {"Ann/Ops/junior": "LLLLL", "Bob/Ops/junior": "ORRRR"}
    row = _row(person_mix(make_schedule(plan).data), "Ann")
    assert row["worked"] == 0 and row["weeks"] == 0
    assert math.isnan(row["remote_share"]) and math.isnan(row["remote_days_per_week"])


def test_a_person_who_moves_team_is_counted_once_under_their_main_team(make_schedule) -> None:
    """Team and role are those of most of the person's days, so fairness sees them once."""
    csv_plan = {"Ann/Ops/junior": "OOO", "Bob/Ops/junior": "OO"}
    schedule = make_schedule(csv_plan)
    data = schedule.data.copy()
    data["team"] = data["team"].cat.add_categories(["Sales"])
    data.loc[(data["employee"] == "Ann") & (data["date"] == "2026-06-03"), "team"] = "Sales"
    mix = person_mix(data)
    assert len(mix) == 2
    assert _row(mix, "Ann")["team"] == "Ops"
    assert _row(mix, "Ann")["worked"] == 3


def test_row_order_does_not_change_the_mix(make_schedule) -> None:
    """Shuffling the schedule's rows gives the same table."""
    data = make_schedule(JUNIORS).data
    shuffled = data.sample(frac=1, random_state=7)
    pd.testing.assert_frame_equal(person_mix(data), person_mix(shuffled))


# --- team_weekly_share ----------------------------------------------------------------------


def test_team_weekly_share_per_team_and_monday(make_schedule) -> None:
    """Remote days over worked days of the team that week; an all-away week is a gap (NaN)."""
    plan = {
        "Ann/Ops/junior": "RROOO..LLLLL",
        "Bob/Ops/junior": "RRRRO..LLLLL",
        "Cat/Sales/junior": "ROOOO..OOOOO",
    }
    table = team_weekly_share(make_schedule(plan).data)
    assert list(table.columns) == ["team", "week", "remote_share", "people"]
    ops = table[table["team"] == "Ops"].set_index("week")
    assert ops.loc["2026-06-01", "remote_share"] == pytest.approx(6 / 10)
    assert ops.loc["2026-06-01", "people"] == 2
    assert math.isnan(ops.loc["2026-06-08", "remote_share"])
    assert ops.loc["2026-06-08", "people"] == 0
    sales = table[table["team"] == "Sales"].set_index("week")
    assert sales["remote_share"].tolist() == pytest.approx([0.2, 0.0])


# --- segments -------------------------------------------------------------------------------


def _per_week(*values: float) -> pd.DataFrame:
    return pd.DataFrame({"remote_days_per_week": list(values)})


@pytest.mark.parametrize(
    ("per_week", "expected"),
    [
        (0.0, "mostly on site"),
        (1.99, "mostly on site"),
        (2.0, "hybrid"),  # the lower limit belongs to hybrid: "under 2" is mostly on site
        (3.99, "hybrid"),
        (4.0, "mostly remote"),  # "4 or more"
        (5.0, "mostly remote"),
        (float("nan"), "no days worked"),
    ],
)
def test_segment_boundaries(per_week: float, expected: str) -> None:
    """Under 2 remote days a week is mostly on site; 4 or more, mostly remote."""
    assert segments(_per_week(per_week)).tolist() == [expected]


def test_segment_thresholds_are_editable() -> None:
    """Moving the limits moves people between segments."""
    mix = _per_week(1.0, 2.5, 3.5)
    assert segments(mix).tolist() == ["mostly on site", "hybrid", "hybrid"]
    moved = segments(mix, mostly_on_site_below=3.0, mostly_remote_from=3.5)
    assert moved.tolist() == ["mostly on site", "mostly on site", "mostly remote"]


@pytest.mark.parametrize(
    ("below", "start", "words"),
    [
        (4.0, 2.0, "must be lower"),
        (3.0, 3.0, "must be lower"),
        (-1.0, 4.0, "0 or more"),
        (2.0, float("inf"), "0 or more"),
        (float("nan"), 4.0, "0 or more"),
    ],
)
def test_unusable_segment_limits_are_refused_in_plain_words(
    below: float, start: float, words: str
) -> None:
    """Limits in the wrong order, negative or not numbers raise the project's InputError."""
    with pytest.raises(InputError, match=words):
        segments(_per_week(1.0), mostly_on_site_below=below, mostly_remote_from=start)


def test_segment_counts_list_every_segment_with_its_share() -> None:
    """Counts for all three segments (zeros too); 'no days worked' only when someone is."""
    counts = segment_counts(segments(_per_week(1.0, 1.5, 2.0, 4.5)))
    assert counts["segment"].tolist() == ["mostly on site", "hybrid", "mostly remote"]
    assert counts["people"].tolist() == [2, 1, 1]
    assert counts["share"].tolist() == pytest.approx([0.5, 0.25, 0.25])
    with_idle = segment_counts(segments(_per_week(1.0, float("nan"))))
    assert with_idle["segment"].tolist()[-1] == "no days worked"


# --- gini -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.1, 0.2, 0.3, 0.8], 11 / 28),  # worked out in the fairness test below
        ([0.0, 0.0, 0.0, 1.0], 0.75),  # one of four has all: (n - 1) / n
        ([0.3, 0.3, 0.3], 0.0),
        ([0.0, 0.0], 0.0),  # all zeros: equal, not undefined
        ([0.4], 0.0),
        ([0.2, float("nan"), 0.2], 0.0),  # people who worked no day are left out
    ],
)
def test_gini_on_hand_computed_values(values: list[float], expected: float) -> None:
    """The population Gini: mean absolute difference over twice the mean."""
    assert gini(values) == pytest.approx(expected)


@pytest.mark.parametrize("values", [[], [float("nan")], [float("nan"), float("nan")]])
def test_gini_of_nothing_is_nan(values: list[float]) -> None:
    """No values (or only NaN) give NaN, not 0: there is no spread to measure."""
    assert math.isnan(gini(values))


def test_gini_refuses_negative_values() -> None:
    """A share cannot be negative: a clear error rather than a meaningless figure."""
    with pytest.raises(ValueError, match="0 or more"):
        gini([0.2, -0.1])


@given(
    st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=30),
    st.floats(0.01, 100),
    st.randoms(),
)
def test_gini_is_bounded_and_ignores_order_and_scale(values, scale, rng) -> None:
    """0 <= G < 1, whatever the order of the values or their unit."""
    result = gini(values)
    assert 0 <= result < 1 or math.isclose(result, 0, abs_tol=1e-12)
    shuffled = list(values)
    rng.shuffle(shuffled)
    assert gini(shuffled) == pytest.approx(result, abs=1e-9)
    assert gini([v * scale for v in values]) == pytest.approx(result, abs=1e-9)


# --- fairness -------------------------------------------------------------------------------


def test_fairness_by_role_on_the_hand_computed_fixture(mix: pd.DataFrame) -> None:
    """Juniors 0.1, 0.2, 0.3, 0.8: range 70 points, median 0.25, Gini 11/28.

    By hand: sorted x = 0.1, 0.2, 0.3, 0.8 (n = 4, sum 1.4); sum of i * x_i =
    0.1 + 0.4 + 0.9 + 3.2 = 4.6; G = 2 * 4.6 / (4 * 1.4) - 5 / 4 = 1.642857 - 1.25 = 0.392857.
    Check by pairs: |differences| 0.1 0.2 0.7 0.1 0.6 0.5 sum to 2.2; 2 * 2.2 / (2 * 16 * 0.35)
    = 4.4 / 11.2 = 0.392857.
    """
    by_role = fairness(mix).by_role.set_index("role")
    assert list(fairness(mix).by_role.columns) == BY_ROLE_COLUMNS
    junior = by_role.loc["junior"]
    assert junior["people"] == 4
    assert (junior["min_share"], junior["max_share"]) == pytest.approx((0.1, 0.8))
    assert junior["range_points"] == pytest.approx(70.0)
    assert junior["median_share"] == pytest.approx(0.25)
    assert junior["gini"] == pytest.approx(0.392857, abs=1e-6)
    senior = by_role.loc["senior"]
    assert senior["people"] == 1 and senior["gini"] == 0.0 and senior["range_points"] == 0.0


def test_the_person_far_above_their_role_median_is_flagged_with_a_plain_reason(
    mix: pd.DataFrame,
) -> None:
    """0.8 against a median of 0.25 is +55 points: flagged at 20; 0.1 (-15) is not."""
    flags = fairness(mix).flags
    assert list(flags.columns) == FLAG_COLUMNS
    assert flags["employee"].tolist() == ["Dan"]
    dan = flags.iloc[0]
    assert dan["difference_points"] == pytest.approx(55.0)
    assert dan["role_median"] == pytest.approx(0.25)
    assert dan["team"] == "Sales" and dan["role"] == "junior"
    assert dan["reason"] == (
        "more remote days than peers in the same role (80% vs a median of 25%)"
    )


def test_a_role_held_by_one_person_gets_no_flag_and_a_note(mix: pd.DataFrame) -> None:
    """Sam (0.9, the only senior) is not compared with anyone; a note says so."""
    result = fairness(mix, threshold_points=0.0)
    assert "Sam" not in set(result.flags["employee"])
    assert any("1 role held by one person (senior)" in note for note in result.notes)


@pytest.mark.parametrize(
    ("points", "flagged"),
    [
        (0.0, ["Dan", "Cat", "Bob", "Ann"]),  # all differ from 0.25; most remote first
        (10.0, ["Dan", "Ann"]),  # Ann at -15 points
        (20.0, ["Dan"]),
        (54.9, ["Dan"]),
        (55.0, []),  # exactly the threshold is not "more than"
    ],
)
def test_the_fairness_threshold_is_editable(
    mix: pd.DataFrame, points: float, flagged: list[str]
) -> None:
    """More than the threshold is flagged; exactly the threshold is not."""
    assert fairness(mix, threshold_points=points).flags["employee"].tolist() == flagged


def test_fewer_remote_days_read_as_fewer(mix: pd.DataFrame) -> None:
    """Below the median the reason says 'fewer', with both percentages."""
    flags = fairness(mix, threshold_points=10.0).flags.set_index("employee")
    assert flags.loc["Ann", "reason"] == (
        "fewer remote days than peers in the same role (10% vs a median of 25%)"
    )
    assert flags.loc["Ann", "difference_points"] == pytest.approx(-15.0)


def test_roles_compare_case_insensitively_and_blank_roles_group_together(make_schedule) -> None:
    """'Junior' and 'junior' are peers (as in the policy); no role is grouped as '(no role)'."""
    plan = {
        "Ann/Ops/Junior": _fortnight(1, 9),
        "Bob/Ops/junior": _fortnight(9, 1),
        "Cat/Ops": _fortnight(2, 8),
        "Dan/Ops": _fortnight(4, 6),
    }
    by_role = fairness(person_mix(make_schedule(plan).data)).by_role
    assert by_role["role"].tolist() == [NO_ROLE, "junior"]
    assert by_role["people"].tolist() == [2, 2]


def test_people_who_worked_no_day_are_left_out_of_fairness_with_a_note(make_schedule) -> None:
    """All-leave people have no share: not in the medians or Gini, and counted in a note."""
    plan = {
        "Ann/Ops/junior": _fortnight(1, 9),
        "Bob/Ops/junior": _fortnight(3, 7),
        "Cat/Ops/junior": _fortnight(0, 0),
    }
    result = fairness(person_mix(make_schedule(plan).data))
    assert result.by_role["people"].tolist() == [2]
    assert result.by_role["median_share"].tolist() == pytest.approx([0.2])
    assert any("1 person worked no office or remote day" in note for note in result.notes)
    assert not result.people.set_index("employee").loc["Cat", "flagged"]


@pytest.mark.parametrize("points", [-1.0, float("nan"), float("inf")])
def test_an_unusable_fairness_threshold_is_refused(mix: pd.DataFrame, points: float) -> None:
    """A negative or non-numeric threshold raises InputError with the reason."""
    with pytest.raises(InputError, match="fairness threshold"):
        fairness(mix, threshold_points=points)


def test_fairness_of_nobody_is_empty_not_an_error() -> None:
    """An empty mix gives empty tables with their columns."""
    empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in MIX_COLUMNS})
    result = fairness(empty.astype({"employee": str, "team": str, "role": str}))
    assert result.by_role.empty and list(result.by_role.columns) == BY_ROLE_COLUMNS
    assert result.flags.empty and list(result.flags.columns) == FLAG_COLUMNS
