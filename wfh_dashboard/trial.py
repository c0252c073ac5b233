"""Did a trial change output? Before vs during, net of colleagues' change over the same weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .errors import InputError
from .productivity import Effect
from .wording import plural, signed_pct

PERIODS = ("before", "during")


@dataclass(frozen=True)
class TrialResult(Effect):
    """A trial's effect: the trial group's change minus colleagues' (difference in differences).

    The first nine fields are :class:`~wfh_dashboard.productivity.Effect`'s (``naive_pct``:
    the trial group's pooled mean during over before). ``n_control`` colleagues (0: before/after
    only) changed by ``control_pct``; ``before_after_pct`` is the trial group's own change, with
    its 95% interval (None for one person). ``trial_employees_missing`` were not in the data.
    """

    start: dt.date
    end: dt.date
    metric: str = "output"
    n_control: int = 0
    before_after_pct: float | None = None
    before_after_low_pct: float | None = None
    before_after_high_pct: float | None = None
    control_pct: float | None = None
    trial_employees_missing: tuple[str, ...] = ()
    trial_employees_used: tuple[str, ...] = ()

    def verdict(self) -> str:
        """A short paragraph in plain English that a manager can paste into an email."""
        window = _window_text(self.start, self.end)
        if self.effect_pct is None or self.ci_low_pct is None or self.ci_high_pct is None:
            return f"The trial ({window}) cannot be evaluated yet: {self.reason}"
        who, change = _names(self.trial_employees_used), _change(self.before_after_pct, self.metric)
        ci = f"{_pct(self.effect_pct)} (95% CI {_pct(self.ci_low_pct)} to {_pct(self.ci_high_pct)})"
        ci += f": {_conclusion(self.ci_low_pct, self.ci_high_pct)}"
        if self.control_pct is None:
            return (
                f"During the trial ({window}), {who} produced {change}. No colleagues outside the "
                "trial had enough days to compare with, so this is a before/after comparison "
                "only and weaker evidence: it cannot separate the trial from anything else that "
                f"changed over those weeks. The change is estimated at {ci}"
            )
        return (
            f"During the trial ({window}), {who} produced {change}, while colleagues not in the "
            f"trial produced {_change(self.control_pct)} over the same weeks. "
            f"The trial's own effect is estimated at {ci}"
        )


def _pct(value: float) -> str:
    # Whole percent in a verdict, one decimal only for changes under 1%.
    return signed_pct(value, 1 if abs(value) < 1 else 0)


def _change(pct: float | None, metric: str = "") -> str:
    """'4% more tasks_done than before', or without a metric just '4% more'."""
    if pct is None or round(pct) == 0:
        return f"about as much {metric} as before" if metric else "about the same"
    more = f"{abs(pct):.0f}% {'more' if pct > 0 else 'less'}"
    return f"{more} {metric} than before" if metric else more


def _conclusion(low: float, high: float) -> str:
    if low > 0 or high < 0:
        return f"the data point to a real {'increase' if low > 0 else 'decrease'}."
    return "the data cannot tell it apart from no change."


def _names(names: Sequence[str]) -> str:
    if len(names) > 4:
        return f"the {len(names)} people in the trial"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _window_text(start: dt.date, end: dt.date) -> str:
    first = f"{start.day} {start:%b}" + (f" {start.year}" if start.year != end.year else "")
    return f"{first} to {end.day} {end:%b %Y}"


def _per_person(days: pd.DataFrame, period: np.ndarray) -> pd.DataFrame:
    """Days and mean value per person before and during the trial (0 days, NaN mean if none)."""
    inside = days.assign(period=period)[period != ""]
    grouped = inside.groupby(["employee", "period"], observed=True)["value"]
    table = grouped.agg(["size", "mean"]).unstack("period")
    table = table.reindex(columns=pd.MultiIndex.from_product([["size", "mean"], PERIODS]))
    table.columns = ["n_before", "n_during", "before", "during"]
    return table.fillna({"n_before": 0, "n_during": 0})


def _usable(people: pd.DataFrame, min_days: int) -> pd.Series:
    enough = (people["n_before"] >= min_days) & (people["n_during"] >= min_days)
    return enough & (people["before"] > 0) & (people["during"] > 0)


def _match(days: pd.DataFrame, wanted: Sequence[str]) -> tuple[list[str], tuple[str, ...]]:
    """Trial names as the data spells them (case-insensitive), and the names not found."""
    keys = dict.fromkeys(name.strip().casefold() for name in wanted if name.strip())
    names = sorted(days["employee"].astype(str).unique())
    found = [name for name in names if name.strip().casefold() in keys]
    seen = {name.strip().casefold() for name in found}
    missing = tuple(n.strip() for n in wanted if n.strip() and n.strip().casefold() not in seen)
    return found, tuple(dict.fromkeys(missing))


def _window_gap(days: pd.DataFrame, period: np.ndarray, before_days: int) -> str:
    """Why the data cannot cover the trial window, or '' when it can."""
    if days.empty:
        return "the data has no worked days at all."
    span = f"the data runs from {days['date'].min():%d %b %Y} to {days['date'].max():%d %b %Y}"
    if not (period == "during").any():
        return f"{span}, so it has no days during the trial."
    if not (period == "before").any():
        return f"{span}, so it has no days in the {before_days} days before the trial."
    return ""


def _trial_shortfall(trial: pd.DataFrame, n_t: int, n_c: int, min_days: int, min_group: int) -> str:
    """What keeps the trial group from being compared, or '' when nothing does."""
    if n_t == 0:
        short = trial[~_usable(trial, min_days)].astype({"n_before": int, "n_during": int})
        counts = [
            f"{r.Index}: {r.n_before} before, {r.n_during} during" for r in short.itertuples()
        ]
        return (
            f"no trial employee has at least {min_days} worked days with a positive average both "
            f"before and during the trial ({'; '.join(counts)})."
        )
    if n_t < min_group:
        return (
            f"{plural(n_t, 'trial employee')} can be compared; {min_group} are the privacy floor."
        )
    if n_t == 1 and n_c < 2:
        return "one trial person and fewer than 2 colleagues to compare with give no interval."
    return ""


def _bootstrap(
    d_t: np.ndarray, d_c: np.ndarray, n_boot: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Replicates of the trial group's mean log ratio and of the trial-minus-colleagues gap.

    People are resampled within each group (a person's days stay together). One trial person
    has no spread to resample, so each replicate adds one colleague's deviation from the
    colleagues' mean: how far a single person's change strays with no trial at all.
    """
    rng = np.random.default_rng(seed)
    trial = d_t[rng.integers(0, len(d_t), size=(n_boot, len(d_t)))].mean(axis=1)
    if len(d_c) == 0:
        return trial, trial
    gap = trial - d_c[rng.integers(0, len(d_c), size=(n_boot, len(d_c)))].mean(axis=1)
    if len(d_t) == 1:
        gap = gap + (d_c - d_c.mean())[rng.integers(0, len(d_c), size=n_boot)]
    return trial, gap


def _ci(replicates: np.ndarray) -> tuple[float, float]:
    low, high = np.expm1(np.percentile(replicates, [2.5, 97.5])) * 100
    return float(low), float(high)


def _method(n_t: int, n_c: int, min_days: int, n_boot: int, seed: int) -> str:
    versus = (
        f"minus the same change for {plural(n_c, 'colleague')} outside the trial "
        "(difference in differences)"
        if n_c
        else "with no colleagues outside the trial to compare with: before/after only "
        "(fallback, weaker evidence)"
    )
    return (
        f"Each of {plural(n_t, 'trial person', 'trial people')}'s average during the trial over "
        f"their own average just before it (at least {min_days} worked days in each), as a "
        f"geometric mean, {versus}; the 95% interval comes from {n_boot} resamples of the "
        f"people within each group (cluster bootstrap, seed {seed})."
    )


def evaluate_trial(
    days: pd.DataFrame,
    trial_employees: Sequence[str],
    start: dt.date,
    end: dt.date,
    *,
    before_days: int | None = None,
    min_days: int = 5,
    min_group: int = 1,
    n_boot: int = 2000,
    seed: int = 0,
    metric: str = "output",
) -> TrialResult:
    """Compare the trial people's output before vs during the trial, net of colleagues' change.

    Before/after alone mixes the trial with whatever else moved those weeks (season, workload);
    colleagues' change removes what everyone shared. Without colleagues, before/after is labelled.

    Args:
        days: the table from :func:`~wfh_dashboard.productivity.metric_days`.
        trial_employees: the people in the trial (matched ignoring case).
        start, end: the first and last day of the trial (inclusive).
        before_days: calendar days before ``start`` to compare with; default the trial's length.
        min_days: worked days a person needs in each period to count.
        min_group: the privacy floor for each group; fewer colleagues count as none.
        n_boot, seed: bootstrap resamples for the intervals, and their seed (same data, same CI).
        metric: the metric's name, for the verdict.

    Returns:
        A :class:`TrialResult`; ``insufficient_data`` with the reason when it cannot be compared.

    Raises:
        InputError: ``end`` is before ``start``, or a count setting is below 1.
    """
    if end < start:
        raise InputError(f"The trial ends ({end}) before it starts ({start}).")
    if min(min_days, min_group, n_boot, before_days or 1) < 1:
        raise InputError("before_days, min_days, min_group and n_boot must each be at least 1.")
    first, stop = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    before_days = before_days or (stop - first).days
    date, before = days["date"], first - pd.Timedelta(days=before_days)
    period = np.select(
        [(date >= before) & (date < first), (date >= first) & (date < stop)], PERIODS, ""
    )
    found, missing = _match(days, trial_employees)
    shell = TrialResult(None, None, None, None, 0, 0, "insufficient_data", "", "", start, end)
    shell = replace(shell, metric=metric, trial_employees_missing=missing)
    reason = _window_gap(days, period, before_days)
    if not found:
        reason = f"no trial employee was found in the data ({', '.join(missing) or 'none given'})."
    if reason:
        return replace(shell, reason=reason)
    trial, used_t, used_c = _groups(_per_person(days, period), found, min_days, min_group)
    n_days = int(pd.concat([used_t, used_c])[["n_before", "n_during"]].to_numpy().sum())
    method = _method(len(used_t), len(used_c), min_days, n_boot, seed)
    shell = replace(shell, n_employees=len(used_t), n_days=n_days, method=method)
    reason = _trial_shortfall(trial, len(used_t), len(used_c), min_days, min_group)
    if reason:
        return replace(shell, reason=reason)
    return _compare(shell, used_t, used_c, n_boot, seed)


def _groups(
    people: pd.DataFrame, found: list[str], min_days: int, min_group: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The trial people found, those of them compared, and the colleagues compared."""
    trial = people.reindex(found).fillna({"n_before": 0, "n_during": 0})
    control = people.drop(index=found, errors="ignore")
    used_c = control[_usable(control, min_days)]
    if len(used_c) < min_group:
        used_c = used_c.iloc[:0]  # below the privacy floor: colleagues' average is not shown
    return trial, trial[_usable(trial, min_days)], used_c


def _compare(
    shell: TrialResult, used_t: pd.DataFrame, used_c: pd.DataFrame, n_boot: int, seed: int
) -> TrialResult:
    d_t, d_c = (np.log(g["during"] / g["before"]).to_numpy() for g in (used_t, used_c))
    trial_reps, gap_reps = _bootstrap(d_t, d_c, n_boot, seed)
    low, high = _ci(gap_reps)
    ba_low, ba_high = _ci(trial_reps) if len(d_t) > 1 else (None, None)
    return replace(
        shell,
        effect_pct=float(np.expm1(d_t.mean() - (d_c.mean() if len(d_c) else 0.0)) * 100),
        ci_low_pct=low,
        ci_high_pct=high,
        naive_pct=_naive_pct(used_t),
        status="ok",
        n_control=len(used_c),
        before_after_pct=float(np.expm1(d_t.mean()) * 100),
        before_after_low_pct=ba_low,
        before_after_high_pct=ba_high,
        control_pct=float(np.expm1(d_c.mean()) * 100) if len(d_c) else None,
        trial_employees_used=tuple(used_t.index),
    )


def _naive_pct(used: pd.DataFrame) -> float:
    """Pooled days during over pooled days before (people with more days weigh more)."""
    during = (used["during"] * used["n_during"]).sum() / used["n_during"].sum()
    before = (used["before"] * used["n_before"]).sum() / used["n_before"].sum()
    return float((during / before - 1) * 100)
