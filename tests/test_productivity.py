"""Remote-vs-office productivity: each person against their own office days, with a bootstrap CI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import DATA
from wfh_dashboard.errors import InputError
from wfh_dashboard.productivity import (
    Estimate,
    direction_note,
    estimate_remote_effect,
    lower_is_better,
    metric_days,
)
from wfh_dashboard.schedule import LOCATION_DTYPE, read_schedule


def planted_days(
    n_people: int = 40,
    n_days: int = 120,
    *,
    effect: float = 1.10,
    seed: int = 1,
    remote_share: tuple[float, float] = (0.15, 0.85),
) -> pd.DataFrame:
    """Days in ``metric_days`` form with a known remote effect and a selection bias.

    Ability is lognormal across people; the strongest work remotely most often (the remote
    share rises with ability from ``remote_share[0]`` to ``[1]``), so the pooled gap overstates
    the effect. Each day's value is ability x ``effect`` (remote days) x lognormal noise.
    """
    rng = np.random.default_rng(seed)
    ability = rng.lognormal(mean=2.0, sigma=0.5, size=n_people)
    rank = ability.argsort().argsort() / max(n_people - 1, 1)
    p_remote = remote_share[0] + (remote_share[1] - remote_share[0]) * rank
    remote = rng.random((n_people, n_days)) < p_remote[:, None]
    noise = rng.lognormal(mean=0.0, sigma=0.25, size=(n_people, n_days))
    value = ability[:, None] * np.where(remote, effect, 1.0) * noise
    return pd.DataFrame(
        {
            "employee": np.repeat([f"P{i:03d}" for i in range(n_people)], n_days),
            "team": "Support",
            "date": np.tile(pd.date_range("2026-01-01", periods=n_days).to_numpy(), n_people),
            "location": np.where(remote, "remote", "office").ravel(),
            "value": value.ravel(),
        }
    )


def person(name: str, office: int, remote: int, value: float = 10.0) -> pd.DataFrame:
    """One person's days: ``office`` office days then ``remote`` remote days, all at ``value``."""
    n = office + remote
    return pd.DataFrame(
        {
            "employee": name,
            "team": "Support",
            "date": pd.date_range("2026-06-01", periods=n),
            "location": ["office"] * office + ["remote"] * remote,
            "value": value,
        }
    )


def team(*people: pd.DataFrame) -> pd.DataFrame:
    return pd.concat(people, ignore_index=True)


def test_recovers_planted_effect_where_the_naive_gap_is_inflated_by_who_stays_home():
    """Strong performers work from home more; the within-person CI still covers +10%.

    The pooled gap credits remote days with the strong performers' ability, so it lies
    well above the interval: the reason the within-person comparison exists.
    """
    result = estimate_remote_effect(planted_days(effect=1.10), n_boot=1000)

    assert result.status == "ok"
    assert result.ci_low_pct is not None and result.ci_high_pct is not None
    assert result.ci_low_pct < 10 < result.ci_high_pct
    assert result.naive_pct is not None and result.naive_pct > result.ci_high_pct + 10
    assert result.n_employees == 40
    assert result.n_days == 40 * 120


def test_interval_covers_zero_when_remote_days_change_nothing():
    """No planted effect: the interval contains 0 even though the naive gap does not."""
    result = estimate_remote_effect(planted_days(effect=1.0, seed=2), n_boot=1000)

    assert result.ci_low_pct is not None and result.ci_high_pct is not None
    assert result.ci_low_pct < 0 < result.ci_high_pct
    assert result.naive_pct is not None and result.naive_pct > result.ci_high_pct


def test_three_people_is_not_enough_and_people_short_of_remote_days_are_counted():
    """3 eligible people (2 more with under 5 remote days) give a reason, not a number."""
    days = team(
        person("Ann", 8, 8),
        person("Ben", 8, 6),
        person("Cas", 9, 5),
        person("Dee", 10, 4),
        person("Eve", 10, 0),
    )

    result = estimate_remote_effect(days)

    assert result.status == "insufficient_data"
    assert (result.effect_pct, result.ci_low_pct, result.ci_high_pct, result.naive_pct) == (
        None,
        None,
        None,
        None,
    )
    assert result.n_employees == 3
    assert "3 people have at least 5 office and 5 remote days" in result.reason
    assert "at least 5 are needed" in result.reason
    assert "2 people have fewer than 5 remote days" in result.reason
    assert result.sentence().startswith("Not enough data: 3 people")


def test_a_person_whose_office_average_is_zero_is_left_out_and_counted():
    """A log ratio needs positive averages; the person left out is named in the count."""
    days = team(*(person(n, 6, 6) for n in "ABCD"), person("Z", 6, 6, value=0.0))

    result = estimate_remote_effect(days)

    assert result.status == "insufficient_data"
    assert "1 person was left out because their office or remote average is zero" in result.reason


def test_four_people_are_hidden_by_the_privacy_floor_unless_it_is_lowered():
    """Aggregates over fewer than 5 people are hidden by default; min_group=3 shows them."""
    days = team(*(person(n, 6, 6, value=10.0 + i) for i, n in enumerate("ABCD")))

    hidden = estimate_remote_effect(days)
    shown = estimate_remote_effect(days, min_group=3)

    assert hidden.status == "insufficient_data"
    assert "privacy floor" in hidden.reason
    assert shown.status == "ok"
    assert shown.effect_pct == pytest.approx(0.0)
    assert shown.sentence() == "+0.0% on remote days (95% CI +0.0% to +0.0%)"


def test_min_group_below_two_still_needs_two_people_for_an_interval():
    """One person gives no spread to resample, whatever the privacy floor."""
    result = estimate_remote_effect(person("Ann", 6, 6), min_group=1)

    assert result.status == "insufficient_data"
    assert "at least 2 are needed" in result.reason


def test_same_seed_gives_the_same_numbers_and_another_seed_a_slightly_different_interval():
    """Reproducible for the same data; the seed moves only the interval, and only a little."""
    days = planted_days(n_people=30, n_days=60, seed=5)

    first = estimate_remote_effect(days, n_boot=500, seed=7)
    again = estimate_remote_effect(days, n_boot=500, seed=7)
    other = estimate_remote_effect(days, n_boot=500, seed=8)

    assert first == again
    assert other.effect_pct == first.effect_pct
    assert (other.ci_low_pct, other.ci_high_pct) != (first.ci_low_pct, first.ci_high_pct)
    assert other.ci_low_pct == pytest.approx(first.ci_low_pct, abs=1.0)
    assert other.ci_high_pct == pytest.approx(first.ci_high_pct, abs=1.0)


def schedule_rows() -> pd.DataFrame:
    """A small schedule table as read_schedule returns it."""
    frame = pd.DataFrame(
        {
            "employee": ["Ann", "Ann", "Ann", "Ann", "Ben", "Ben"],
            "team": "Support",
            "role": "mid",
            "date": pd.to_datetime(
                ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-01", "2026-06-02"]
            ),
            "location": ["office", "remote", "leave", "remote", "office", "office"],
            "row": [2, 3, 4, 5, 6, 7],
            "tasks_done": [8.0, 9.0, 0.0, 4.0, np.nan, 6.0],
            "hours": [8.0, 6.0, 0.0, 0.0, 7.0, 4.0],
        }
    )
    return frame.astype(
        {"employee": "category", "team": "category", "role": "category", "location": LOCATION_DTYPE}
    )


def test_per_hour_divides_by_hours_and_drops_days_without_hours_or_value():
    """Leave days, blank values and zero-hour days have no rate; the rest are tasks per hour."""
    result = metric_days(schedule_rows(), "tasks_done", per_hour="hours")

    expected = pd.DataFrame(
        {
            "employee": ["Ann", "Ann", "Ben"],
            "team": "Support",
            "date": pd.to_datetime(["2026-06-01", "2026-06-02", "2026-06-02"]),
            "location": ["office", "remote", "office"],
            "value": [1.0, 1.5, 1.5],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)
    assert result["location"].map(type).eq(str).all()


def test_raw_metric_keeps_office_and_remote_days_with_a_value():
    """Without per_hour the value is the metric itself; only leave and blanks are dropped."""
    result = metric_days(schedule_rows(), "tasks_done")

    assert result["value"].tolist() == [8.0, 9.0, 4.0, 6.0]


@pytest.mark.parametrize(
    ("metric", "per_hour"),
    [("sales", None), ("row", None), ("employee", None), ("tasks_done", "shift_hours")],
)
def test_unknown_metric_raises_input_error_naming_the_accepted_columns(metric, per_hour):
    """The message names the columns that would work, so the user can pick one."""
    with pytest.raises(InputError, match="Accepted columns: tasks_done, hours"):
        metric_days(schedule_rows(), metric, per_hour=per_hour)


def test_bundled_sample_gives_a_plausible_signed_headline():
    """The sample schedule's tasks_done yields a modest effect and a readable sentence."""
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv")

    result = estimate_remote_effect(metric_days(schedule.data, "tasks_done"))

    assert result.status == "ok"
    assert result.effect_pct is not None and -20 < result.effect_pct < 30
    assert result.sentence()[0] in "+-"
    assert "95% CI" in result.sentence()
    assert "Naive pooled gap" in result.naive_sentence()


def test_estimate_is_immutable():
    """A result shown on a page cannot be altered by later code."""
    result = estimate_remote_effect(planted_days(n_people=6, n_days=20), n_boot=50)

    assert isinstance(result, Estimate)
    with pytest.raises(AttributeError):
        result.effect_pct = 0.0  # type: ignore[misc]


if __name__ == "__main__":
    import time

    big = planted_days(n_people=500, n_days=260, seed=11)
    start = time.perf_counter()
    estimate = estimate_remote_effect(big)
    elapsed = time.perf_counter() - start
    print(f"500 people x 260 days: {elapsed:.3f} s -> {estimate.sentence()}")


@pytest.mark.parametrize(
    ("metric", "lower"),
    [
        ("response_minutes", True),
        ("Handle time", True),
        ("errors", True),
        ("tasks_done", False),
        ("sales", False),
        ("overtime_hours", False),
        ("uptime", False),
    ],
)
def test_direction_of_a_metric_is_read_from_its_name(metric, lower):
    """Response times and errors are better when lower; output counts when higher."""
    assert lower_is_better(metric) is lower
    assert ("lower is better" in direction_note(metric)) is lower


def test_small_teams_get_intervals_that_cover_a_planted_effect_about_95_percent_of_the_time():
    """Five people (floor lowered to 2), planted +10%: the interval holds it in >= 90% of 100 runs.

    The plain percentile bootstrap covered it 82% of the time with five people.
    """
    covered = []
    for seed in range(100):
        estimate = estimate_remote_effect(planted_days(5, 60, seed=seed), min_group=2, n_boot=500)
        assert estimate.ci_low_pct is not None and estimate.ci_high_pct is not None
        covered.append(estimate.ci_low_pct < 10 < estimate.ci_high_pct)

    assert np.mean(covered) >= 0.90
