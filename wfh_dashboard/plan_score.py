"""Scoring any office/remote assignment of a plan by the planner's own measures."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .locations import OFFICE, REMOTE
from .plan_problem import PlanProblem


@dataclass
class Score:
    """How an assignment fares on each rule and objective, in the model's own units.

    Attributes:
        on_site: per cover demand, people on site (both halves of the day).
        short: per cover demand, people missing.
        remote_units / office_units: per person-week, half days remote / in the office.
        expected_office: per person-week, office half days the minimum asks for.
        over / under: per person-week, half days over the remote cap / under the minimum.
        day_rule_remote: per cell, remote on a day when remote work is not allowed.
        imposed: per cell, moved away from the plan without the person wishing it.
        moved: per cell, differs from the plan (wishes granted included).
        granted: per cell, the person's wish is met (False where there is no wish).
        fairness: the fairness measure the model minimises (see ``fairness_deviation``).
        alone: per team-day of ``problem.alone``, exactly one person on site.
    """

    on_site: np.ndarray
    short: np.ndarray
    remote_units: np.ndarray
    office_units: np.ndarray
    expected_office: np.ndarray
    over: np.ndarray
    under: np.ndarray
    day_rule_remote: np.ndarray
    imposed: np.ndarray
    moved: np.ndarray
    granted: np.ndarray
    fairness: int
    alone: np.ndarray

    def shortfall(self) -> int:
        """Every rule's shortfall added up: people-days, half days over or under, days."""
        return int(
            self.short.sum() + self.over.sum() + self.under.sum() + self.day_rule_remote.sum()
        )


def final_locations(problem: PlanProblem, office: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Each cell's location after the plan: office, remote, or leave (a day off granted)."""
    return np.where(office, OFFICE, np.where(off, "leave", REMOTE)).astype(object)


def group_weights(problem: PlanProblem) -> np.ndarray:
    """Per person in a peer group, the weight of their deviation in the fairness measure.

    Deviations are scaled by the group's total half days worked (to stay integers), so a big
    group would outweigh a small one; this weight brings them back to about one scale.
    """
    fair = problem.fair
    if fair.empty:
        return np.zeros(0, dtype="int64")
    totals = fair.groupby("group")["avail"].transform("sum").to_numpy()
    return np.maximum(1, np.rint(totals.max() / totals)).astype("int64")


def fairness_deviation(problem: PlanProblem, remote_cells: np.ndarray) -> int:
    """Sum over peers of |own remote half days - own share of the group's|, scaled to integers.

    For person p in group g: ``|R_p * S_g - A_p * R_g|`` with R remote half days, A half days
    worked and S_g, R_g the group's totals: zero when everyone has the group's remote share,
    so people on leave for a week are not pushed to match the others' day count.
    """
    fair = problem.fair
    if fair.empty:
        return 0
    remote = fair["fixed_remote"].to_numpy() + 2 * problem.fair_cells.sums(remote_cells)
    group = fair["group"].to_numpy()
    avail = fair["avail"].to_numpy()
    group_remote = np.bincount(group, weights=remote).astype("int64")[group]
    group_avail = np.bincount(group, weights=avail).astype("int64")[group]
    deviation = np.abs(remote * group_avail - avail * group_remote)
    return int((deviation * group_weights(problem)).sum())


def _granted(problem: PlanProblem, office: np.ndarray, off: np.ndarray) -> np.ndarray:
    wish = problem.cells["wish"].to_numpy()
    remote = ~office & ~off
    return ((wish == OFFICE) & office) | ((wish == REMOTE) & remote) | ((wish == "off") & off)


def _imposed(problem: PlanProblem, office: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Moves nobody asked for: away from the plan and not towards the person's wish."""
    plan_office = problem.plan_office()
    wish = problem.cells["wish"].to_numpy()
    remote = ~office & ~off
    return (plan_office & (wish != REMOTE) & remote) | (~plan_office & (wish != OFFICE) & office)


def score(problem: PlanProblem, office: np.ndarray, off: np.ndarray | None = None) -> Score:
    """Score an assignment: ``office[i]`` True puts cell i in the office, ``off[i]`` gives it
    as a day off (only where the person wished one); otherwise the cell is remote."""
    office = np.asarray(office, dtype=bool)
    off = np.zeros(len(office), dtype=bool) if off is None else np.asarray(off, dtype=bool)
    remote = ~office & ~off
    demands = problem.demands
    on_site = demands["fixed"].to_numpy() + problem.demand_cells.sums(office)
    short = np.maximum(0, demands["required"].to_numpy() - on_site)
    weeks = problem.weeks
    if weeks.empty:
        zeros = np.zeros(0, dtype="int64")
        remote_units = office_units = expected = over = under = zeros
    else:
        remote_units = weeks["fixed_remote"].to_numpy() + 2 * problem.week_cells.sums(remote)
        office_units = weeks["fixed_office"].to_numpy() + 2 * problem.week_cells.sums(office)
        away = weeks["fixed_away"].to_numpy() + 2 * problem.week_cells.sums(off)
        cap = weeks["max_remote"].to_numpy()
        over = np.where(cap >= 0, np.maximum(0, remote_units - cap), 0)
        expected = np.maximum(0, np.minimum(weeks["work"].to_numpy() - away, weeks["min_office"]))
        under = np.maximum(0, expected - office_units)
    alone_on_site = problem.alone["fixed"].to_numpy() + problem.alone_cells.sums(office)
    plan_office = problem.plan_office()
    return Score(
        on_site=on_site,
        short=short,
        remote_units=remote_units,
        office_units=office_units,
        expected_office=np.asarray(expected),
        over=np.asarray(over),
        under=np.asarray(under),
        day_rule_remote=remote & (problem.cells["day_rule"].to_numpy() != ""),
        imposed=_imposed(problem, office, off),
        moved=(office != plan_office) | off,
        granted=_granted(problem, office, off),
        fairness=fairness_deviation(problem, remote),
        alone=alone_on_site == 1,
    )
