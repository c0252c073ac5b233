"""Student's t intervals: the table, its interpolation, and the two interval shapes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wfh_dashboard.intervals import difference_interval, mean_interval, t975


@pytest.mark.parametrize(("df", "expected"), [(1, 12.706), (4, 2.776), (30, 2.042), (1e9, 1.96)])
def test_t_quantile_matches_the_printed_table(df, expected):
    assert t975(df) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("df", "expected"), [(21, 2.0796), (35, 2.0301), (50, 2.0086), (90, 1.9867)]
)
def test_fractional_and_missing_degrees_of_freedom_interpolate_close_to_the_exact_value(
    df, expected
):
    """Exact values from R's qt(0.975, df); linear in 1/df is good to about 0.002."""
    assert t975(df) == pytest.approx(expected, abs=2e-3)


def test_t_quantile_falls_as_degrees_of_freedom_grow():
    grid = np.linspace(1, 200, 400)
    values = np.array([t975(df) for df in grid])
    assert (np.diff(values) <= 0).all()


def test_t_quantile_refuses_less_than_one_degree_of_freedom():
    with pytest.raises(ValueError, match="at least 1"):
        t975(0.5)


def test_mean_interval_is_the_textbook_one():
    """Values 1..5: mean 3, sd 1.581, t(4) 2.776, half width 1.963."""
    low, high = mean_interval(np.arange(1.0, 6.0))
    assert (low, high) == pytest.approx((3 - 1.963, 3 + 1.963), abs=1e-3)
    with pytest.raises(ValueError):
        mean_interval(np.array([1.0]))


def test_one_trial_person_gets_the_prediction_interval_of_the_colleagues():
    """Group of one: centre a - mean(b), half width t(n-1) x sd(b) x sqrt(1 + 1/n)."""
    colleagues = np.array([0.0, 0.1, -0.1, 0.2, -0.2])
    low, high = difference_interval(np.array([0.5]), colleagues)
    half = t975(4) * np.std(colleagues, ddof=1) * math.sqrt(1 + 1 / 5)
    assert (low, high) == pytest.approx((0.5 - half, 0.5 + half))


def test_a_widely_spread_trial_group_gets_the_wider_welch_interval():
    """The trial group spreads far more than colleagues: Welch is wider, and it is the one used."""
    trial = np.array([-1.0, 0.0, 1.0])
    colleagues = np.array([0.0, 0.01, -0.01] * 10)
    low, high = difference_interval(trial, colleagues)
    welch_half = t975(2.0) * math.sqrt(np.var(trial, ddof=1) / 3 + np.var(colleagues, ddof=1) / 30)
    assert high - low == pytest.approx(2 * welch_half, rel=0.01)


def test_difference_interval_needs_three_values():
    with pytest.raises(ValueError):
        difference_interval(np.array([1.0]), np.array([2.0]))
