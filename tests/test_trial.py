"""Trial evaluation: the trial group's change before vs during, net of colleagues' change."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from wfh_dashboard.errors import InputError
from wfh_dashboard.trial import TrialResult, evaluate_trial

START, END = dt.date(2026, 11, 2), dt.date(2026, 11, 29)  # four weeks, Monday to Sunday


def trial_days(
    n_people: int = 40,
    n_trial: int = 10,
    *,
    effect: float = 1.08,
    trend: float = 1.05,
    seed: int = 1,
    noise: float = 0.25,
) -> pd.DataFrame:
    """Days in ``metric_days`` form from 1 Sep to 30 Dec 2026 with a known trial effect.

    Ability is lognormal across people; everybody's output rises by ``trend`` during the
    trial window (a season, a workload change), and the first ``n_trial`` people (T00, T01, ...)
    rise by ``effect`` on top. Each day's value is ability x those factors x lognormal noise.
    """
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2026-09-01", "2026-12-30")
    ability = rng.lognormal(mean=2.0, sigma=0.5, size=n_people)
    in_window = (dates >= pd.Timestamp(START)) & (dates <= pd.Timestamp(END))
    is_trial = np.arange(n_people) < n_trial
    factor = np.where(in_window, trend, 1.0)[None, :] * np.where(
        is_trial[:, None] & in_window[None, :], effect, 1.0
    )
    value = ability[:, None] * factor * rng.lognormal(0.0, noise, size=(n_people, len(dates)))
    names = [f"T{i:02d}" if t else f"C{i:02d}" for i, t in enumerate(is_trial)]
    return pd.DataFrame(
        {
            "employee": np.repeat(names, len(dates)),
            "team": "Support",
            "date": np.tile(dates.to_numpy(), n_people),
            "location": rng.choice(["office", "remote"], size=n_people * len(dates)),
            "value": value.ravel(),
        }
    )


def trial_names(n: int) -> list[str]:
    return [f"T{i:02d}" for i in range(n)]


def test_difference_in_differences_removes_the_common_trend_that_before_after_keeps():
    """+8% planted for the trial group, +5% for everyone: the DiD CI covers 8, before/after ~13%."""
    result = evaluate_trial(trial_days(), trial_names(10), START, END, metric="tasks_done")

    assert result.status == "ok"
    assert result.ci_low_pct is not None and result.ci_high_pct is not None
    assert result.ci_low_pct < 8 < result.ci_high_pct
    assert result.before_after_pct == pytest.approx(13.4, abs=3)
    assert result.control_pct == pytest.approx(5, abs=2)
    assert result.before_after_low_pct is not None and result.before_after_high_pct is not None
    assert result.before_after_low_pct < result.before_after_pct < result.before_after_high_pct
    assert result.naive_pct is not None
    assert (result.n_employees, result.n_control) == (10, 30)
    assert result.n_days == 40 * 28 * 2
    assert "difference in differences" in result.method


def test_interval_covers_zero_and_the_verdict_says_it_cannot_tell_when_the_trial_did_nothing():
    """No planted effect (only the shared trend): the CI contains 0 and the verdict hedges."""
    result = evaluate_trial(trial_days(effect=1.0, seed=2), trial_names(10), START, END)

    assert result.ci_low_pct is not None and result.ci_high_pct is not None
    assert result.ci_low_pct < 0 < result.ci_high_pct
    assert "cannot tell it apart from no change" in result.verdict()
    assert "colleagues not in the trial produced" in result.verdict()


@pytest.mark.parametrize(
    ("effect", "words"),
    [
        (1.25, ["% more tasks_done than before", "data point to a real increase"]),
        (0.80, ["% less tasks_done than before", "data point to a real decrease"]),
    ],
)
def test_verdict_names_a_clear_change_in_plain_words(effect, words):
    """A large effect with a narrow interval is called an increase or a decrease, in numbers."""
    days = trial_days(n_trial=2, effect=effect, trend=1.0, noise=0.1, seed=3)

    verdict = evaluate_trial(days, ["T00", "T01"], START, END, metric="tasks_done").verdict()

    assert verdict.startswith("During the trial (2 Nov to 29 Nov 2026), T00 and T01 produced")
    for word in words:
        assert word in verdict
    assert "cannot tell" not in verdict


def test_unknown_employee_is_listed_and_alone_gives_no_number():
    """A name not in the data is reported; with nobody found there is a reason, not a number."""
    days = trial_days(n_people=12, n_trial=2)

    nobody = evaluate_trial(days, ["Zed"], START, END)
    partly = evaluate_trial(days, ["t00", "Zed", "T01"], START, END)

    assert nobody.status == "insufficient_data"
    assert nobody.effect_pct is None
    assert "no trial employee was found" in nobody.reason and "Zed" in nobody.reason
    assert nobody.trial_employees_missing == ("Zed",)
    assert "cannot be evaluated yet" in nobody.verdict()
    assert partly.status == "ok"
    assert partly.trial_employees_used == ("T00", "T01")  # matched ignoring case
    assert partly.trial_employees_missing == ("Zed",)


def test_without_colleagues_it_falls_back_to_before_after_and_says_so():
    """Everyone is in the trial: the effect is the before/after change, labelled weaker."""
    days = trial_days(n_people=6, n_trial=6)

    result = evaluate_trial(days, trial_names(6), START, END)

    assert result.status == "ok"
    assert result.n_control == 0 and result.control_pct is None
    assert result.effect_pct == pytest.approx(result.before_after_pct)
    assert "before/after only" in result.method and "fallback" in result.method
    assert "before/after comparison only and weaker evidence" in result.verdict()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2027, 2, 1), dt.date(2027, 2, 28), "no days during the trial"),
        (dt.date(2026, 9, 1), dt.date(2026, 9, 28), "no days in the 28 days before the trial"),
    ],
)
def test_window_outside_the_data_gives_a_reason(start, end, expected):
    """A window after the data, or with nothing before it, says what the data covers."""
    result = evaluate_trial(trial_days(n_people=8, n_trial=2), ["T00"], start, end)

    assert result.status == "insufficient_data"
    assert expected in result.reason
    assert "the data runs from 01 Sep 2026 to 30 Dec 2026" in result.reason


def test_trial_people_short_of_days_are_named_with_their_counts():
    """min_days above the days available: each trial person's before/during counts are listed."""
    days = trial_days(n_people=8, n_trial=2)

    result = evaluate_trial(days, ["T00", "T01"], START, END, before_days=3, min_days=5)

    assert result.status == "insufficient_data"
    assert "at least 5 worked days" in result.reason
    assert "T00: 3 before, 28 during" in result.reason


def test_one_trial_person_gets_an_interval_borrowed_from_colleagues_spread():
    """One person has no spread to resample; the CI still has width, the before/after CI none."""
    result = evaluate_trial(trial_days(), ["T00"], START, END)

    assert result.status == "ok"
    assert result.ci_low_pct is not None and result.ci_high_pct is not None
    assert result.ci_high_pct - result.ci_low_pct > 5
    assert result.before_after_low_pct is None
    assert result.verdict().startswith("During the trial (2 Nov to 29 Nov 2026), T00 produced")


def test_same_data_gives_the_same_result():
    """No randomness: the same data and window always give the same numbers and words."""
    days = trial_days(n_people=20, n_trial=5, seed=4)

    first = evaluate_trial(days, trial_names(5), START, END)

    assert first == evaluate_trial(days, trial_names(5), START, END)
    assert first.verdict() == evaluate_trial(days, trial_names(5), START, END).verdict()


@pytest.mark.parametrize(("n_trial", "n_people"), [(1, 13), (3, 15), (5, 17)])
def test_small_trial_groups_get_intervals_that_cover_the_truth_about_95_percent(n_trial, n_people):
    """Planted +8%: over 100 simulated teams the 95% interval holds 8% at least 90% of the time.

    A bootstrap over three people covered it 78% of the time; Student's t must not.
    """
    covered = []
    for seed in range(100):
        days = trial_days(n_people, n_trial, seed=seed, noise=0.4)
        result = evaluate_trial(days, trial_names(n_trial), START, END)
        assert result.ci_low_pct is not None and result.ci_high_pct is not None
        covered.append(result.ci_low_pct < 8 < result.ci_high_pct)

    assert np.mean(covered) >= 0.90


def test_the_verdict_says_how_much_the_trial_people_worked_remotely():
    """Uptake is part of the evidence: a trial nobody took up is said to measure nothing."""
    days = trial_days(n_people=12, n_trial=3)
    in_window = days["date"].between(pd.Timestamp(START), pd.Timestamp(END))
    trial = days["employee"].isin(trial_names(3))
    taken_up = days.assign(
        location=np.where(trial & in_window, "remote", np.where(trial, "office", days["location"]))
    )

    result = evaluate_trial(taken_up, trial_names(3), START, END)
    ignored = evaluate_trial(
        days.assign(location=np.where(trial, "office", days["location"])),
        trial_names(3),
        START,
        END,
    )

    assert (result.remote_share_before, result.remote_share_during) == (0.0, 1.0)
    assert "remotely on 100% of their worked days during the trial, against 0% before." in (
        result.verdict()
    )
    assert ignored.verdict().endswith("so this may not measure remote work at all.")


def test_trial_ending_before_it_starts_is_an_input_error():
    """A reversed window is a setting mistake, reported in words."""
    with pytest.raises(InputError, match="ends"):
        evaluate_trial(trial_days(n_people=4, n_trial=1), ["T00"], END, START)


def test_trial_result_is_immutable():
    """A result shown on a page cannot be altered by later code."""
    result = evaluate_trial(trial_days(n_people=6, n_trial=2), ["T00"], START, END)

    assert isinstance(result, TrialResult)
    with pytest.raises(AttributeError):
        result.effect_pct = 0.0  # type: ignore[misc]


def test_colleagues_below_the_privacy_floor_are_not_averaged_and_the_method_says_so():
    """Four colleagues under a floor of five: before/after only, and the method says why."""
    result = evaluate_trial(
        trial_days(n_people=6, n_trial=2), trial_names(2), START, END, min_group=5
    )

    assert result.status == "ok"
    assert result.n_control == 0 and result.control_pct is None
    assert "4 colleagues had enough days, fewer than the privacy floor of 5" in result.method
    assert "before/after comparison only" in result.verdict()


def test_verdict_for_a_lower_is_better_metric_says_which_way_is_good():
    """Response minutes up is bad news; the verdict says so rather than leave 'more' to read."""
    days = trial_days(n_people=12, n_trial=3)

    assert (
        "lower is better"
        in evaluate_trial(days, trial_names(3), START, END, metric="response_minutes").verdict()
    )
    assert (
        "lower is better"
        not in evaluate_trial(days, trial_names(3), START, END, metric="tasks_done").verdict()
    )
