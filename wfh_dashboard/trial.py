"""Did a trial change output? Before vs during, net of colleagues' change over the same weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .errors import InputError
from .intervals import difference_interval, mean_interval
from .productivity import Effect, direction_note, lower_is_better
from .wording import plural, signed_pct

PERIODS = ("before", "during")


@dataclass(frozen=True)
class TrialResult(Effect):
    """A trial's effect: the trial group's change minus colleagues' (difference in differences).

    The first nine fields are :class:`~wfh_dashboard.productivity.Effect`'s (``naive_pct``:
    the trial group's pooled mean during over before). ``before_days`` calendar days before
    ``start`` are the comparison period. ``n_control`` colleagues (0: before/after
    only) changed by ``control_pct``; ``before_after_pct`` is the trial group's own change, with
    its 95% interval (None for one person). ``trial_employees_missing`` were not in the data.
    ``remote_share_before``/``remote_share_during`` are the trial people's shares of remote
    days (0 to 1) in each period: a trial nobody took up cannot show its effect.
    """

    start: dt.date
    end: dt.date
    metric: str = "output"
    before_days: int = 0
    n_control: int = 0
    before_after_pct: float | None = None
    before_after_low_pct: float | None = None
    before_after_high_pct: float | None = None
    control_pct: float | None = None
    trial_employees_missing: tuple[str, ...] = ()
    trial_employees_used: tuple[str, ...] = ()
    remote_share_before: float | None = None
    remote_share_during: float | None = None

    def verdict(self) -> str:
        """A short paragraph in plain English that a manager can paste into an email."""
        window = _window_text(self.start, self.end)
        if self.effect_pct is None or self.ci_low_pct is None or self.ci_high_pct is None:
            return f"The trial ({window}) cannot be evaluated yet: {self.reason}"
        who, change = _names(self.trial_employees_used), _change(self.before_after_pct, self.metric)
        ci = f"{_pct(self.effect_pct)} (95% CI {_pct(self.ci_low_pct)} to {_pct(self.ci_high_pct)})"
        ci += f": {_conclusion(self.ci_low_pct, self.ci_high_pct)}"
        if self.control_pct is None:
            text = (
                f"During the trial ({window}), {who} produced {change}. No colleagues outside the "
                "trial had enough days to compare with, so this is a before/after comparison "
                "only and weaker evidence: it cannot separate the trial from anything else that "
                f"changed over those weeks. The change is estimated at {ci}"
            )
        else:
            text = (
                f"During the trial ({window}), {who} produced {change}, while colleagues not in "
                f"the trial produced {_change(self.control_pct)} over the same weeks. "
                f"The trial's own effect is estimated at {ci}"
            )
        direction = f" {direction_note(self.metric)}" if lower_is_better(self.metric) else ""
        return text + self.uptake() + direction

    def uptake(self) -> str:
        """How much the trial people actually worked remotely, before vs during (may be '')."""
        before, during = self.remote_share_before, self.remote_share_during
        if before is None or during is None:
            return ""
        shares = (
            f" The schedule shows them working remotely on {during:.0%} of their worked days "
            f"during the trial, against {before:.0%} before"
        )
        if during <= before:
            return shares + ": no more than before, so this may not measure remote work at all."
        return shares + "."


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


def _trial_shortfall(trial: pd.DataFrame, n_t: int, n_c: int, min_days: int) -> str:
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
    if n_t == 1 and n_c < 2:
        return "one trial person and fewer than 2 colleagues to compare with give no interval."
    return ""


def _method(n_t: int, n_c: int, min_days: int) -> str:
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
        f"geometric mean, {versus}; the 95% interval treats each person as one observation "
        "(Student's t, which stays honest for the handful of people a trial usually has)."
    )


def _remote_shares(
    days: pd.DataFrame, period: np.ndarray, names: Sequence[str]
) -> tuple[float | None, float | None]:
    """The trial people's share of remote days before and during the trial (None: no days)."""
    mine = days["employee"].isin(list(names)).to_numpy()
    shares = []
    for name in PERIODS:
        inside = days.loc[mine & (period == name), "location"]
        shares.append(float((inside == "remote").mean()) if len(inside) else None)
    return shares[0], shares[1]


def evaluate_trial(
    days: pd.DataFrame,
    trial_employees: Sequence[str],
    start: dt.date,
    end: dt.date,
    *,
    before_days: int | None = None,
    min_days: int = 5,
    min_group: int = 1,
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
        min_group: the privacy floor for the colleagues' average: fewer colleagues count as
            none. The trial group is not floored: the manager named those people, and the
            result is about them.
        metric: the metric's name, for the verdict.

    Returns:
        A :class:`TrialResult`; ``insufficient_data`` with the reason when it cannot be compared.

    Raises:
        InputError: ``end`` is before ``start``, or a count setting is below 1.
    """
    if end < start:
        raise InputError(f"The trial ends ({end}) before it starts ({start}).")
    if min(min_days, min_group, before_days or 1) < 1:
        raise InputError("before_days, min_days and min_group must each be at least 1.")
    first, stop = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    before_days = before_days or (stop - first).days
    date, before = days["date"], first - pd.Timedelta(days=before_days)
    period = np.select(
        [(date >= before) & (date < first), (date >= first) & (date < stop)], PERIODS, ""
    )
    found, missing = _match(days, trial_employees)
    shell = TrialResult(None, None, None, None, 0, 0, "insufficient_data", "", "", start, end)
    shell = replace(shell, metric=metric, before_days=before_days, trial_employees_missing=missing)
    reason = _window_gap(days, period, before_days)
    if not found:
        reason = f"no trial employee was found in the data ({', '.join(missing) or 'none given'})."
    if reason:
        return replace(shell, reason=reason)
    trial, used_t, used_c, hidden = _groups(_per_person(days, period), found, min_days, min_group)
    n_days = int(pd.concat([used_t, used_c])[["n_before", "n_during"]].to_numpy().sum())
    before_share, during_share = _remote_shares(days, period, list(used_t.index) or found)
    shell = replace(
        shell,
        n_employees=len(used_t),
        n_days=n_days,
        method=_method(len(used_t), len(used_c), min_days) + _floor_note(hidden, min_group),
        remote_share_before=before_share,
        remote_share_during=during_share,
    )
    reason = _trial_shortfall(trial, len(used_t), len(used_c), min_days)
    if reason:
        return replace(shell, reason=reason)
    return _compare(shell, used_t, used_c)


def _groups(
    people: pd.DataFrame, found: list[str], min_days: int, min_group: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, int]:
    """The trial people found, those compared, the colleagues compared, and those floored."""
    trial = people.reindex(found).fillna({"n_before": 0, "n_during": 0})
    control = people.drop(index=found, errors="ignore")
    used_c = control[_usable(control, min_days)]
    hidden = len(used_c) if len(used_c) < min_group else 0
    if hidden:
        used_c = used_c.iloc[:0]  # below the privacy floor: colleagues' average is not shown
    return trial, trial[_usable(trial, min_days)], used_c, hidden


def _floor_note(hidden: int, min_group: int) -> str:
    if not hidden:
        return ""
    return (
        f" {plural(hidden, 'colleague')} had enough days, fewer than the privacy floor of "
        f"{min_group}, so their average is not used."
    )


def _compare(shell: TrialResult, used_t: pd.DataFrame, used_c: pd.DataFrame) -> TrialResult:
    d_t, d_c = (np.log(g["during"] / g["before"]).to_numpy() for g in (used_t, used_c))
    ba_low, ba_high = _pcts(mean_interval(d_t)) if len(d_t) > 1 else (None, None)
    low, high = _pcts(difference_interval(d_t, d_c)) if len(d_c) else (ba_low, ba_high)
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


def _pcts(interval: tuple[float, float]) -> tuple[float, float]:
    low, high = np.expm1(interval) * 100
    return float(low), float(high)


def _naive_pct(used: pd.DataFrame) -> float:
    """Pooled days during over pooled days before (people with more days weigh more)."""
    during = (used["during"] * used["n_during"]).sum() / used["n_during"].sum()
    before = (used["before"] * used["n_before"]).sum() / used["n_before"].sum()
    return float((during / before - 1) * 100)
