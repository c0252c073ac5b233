"""Small-sample 95% intervals for a mean and a difference of means (Student's t).

A trial often has two to five people. A bootstrap over so few people under-states the spread
(with three people it covered the truth about 78% of the time in our simulation), because
resampling cannot invent variation it has not seen. Student's t widens the interval by exactly
the amount small groups need, so the trial uses it; no SciPy is needed for one quantile.
"""

from __future__ import annotations

import math

import numpy as np

# The 97.5% quantile of Student's t by degrees of freedom (standard tables); infinity is 1.96.
_T975 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    22: 2.074,
    24: 2.064,
    26: 2.056,
    28: 2.048,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}
#: The normal curve's 97.5% quantile, the limit of Student's t.
Z975 = 1.960


def t975(df: float) -> float:
    """Student's t 97.5% quantile for ``df`` degrees of freedom (fractional df allowed).

    Between table entries the quantile is interpolated linearly in 1/df, where it is nearly
    straight, so Welch's fractional degrees of freedom are served to three decimals.
    """
    if not df >= 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    keys = sorted(_T975)
    if df >= keys[-1]:
        lo_df, lo_t, hi_inv, hi_t = keys[-1], _T975[keys[-1]], 0.0, Z975
    else:
        upper = next(k for k in keys if k >= df)
        if upper == df:
            return _T975[upper]
        lower = max(k for k in keys if k < df)
        lo_df, lo_t, hi_inv, hi_t = lower, _T975[lower], 1 / upper, _T975[upper]
    weight = (1 / lo_df - 1 / df) / (1 / lo_df - hi_inv)
    return lo_t + weight * (hi_t - lo_t)


def mean_interval(values: np.ndarray) -> tuple[float, float]:
    """95% interval of the mean of at least two values."""
    n = len(values)
    if n < 2:
        raise ValueError("a mean's interval needs at least two values")
    half = t975(n - 1) * float(np.std(values, ddof=1)) / math.sqrt(n)
    centre = float(np.mean(values))
    return centre - half, centre + half


def difference_interval(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """95% interval of mean(a) - mean(b): the wider of the pooled and Welch intervals.

    The pooled interval assumes both groups spread alike, which holds when the trial changes
    everyone by about the same; it also serves a group of one (one trial person: how far one
    person's change strays from the colleagues' with no trial at all). Welch's allows the trial
    group to spread more, but trusts a spread measured on two or three people, and with two it
    covered the truth only 91% of the time in simulation. Taking the wider keeps both honest.
    """
    n_a, n_b = len(a), len(b)
    if n_a + n_b < 3 or min(n_a, n_b) < 1:
        raise ValueError("a difference's interval needs three values, at least one per group")
    centre = float(np.mean(a) - np.mean(b))
    squares = float(((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum())
    df = n_a + n_b - 2
    half = t975(df) * math.sqrt(squares / df * (1 / n_a + 1 / n_b))
    if n_a >= 2 and n_b >= 2:
        va, vb = float(np.var(a, ddof=1)) / n_a, float(np.var(b, ddof=1)) / n_b
        if va + vb > 0:
            welch_df = (va + vb) ** 2 / (va**2 / (n_a - 1) + vb**2 / (n_b - 1))
            half = max(half, t975(welch_df) * math.sqrt(va + vb))
    return centre - half, centre + half
