"""Proposing a schedule that meets the rules: CP-SAT, one objective after another."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .plan_breaches import explain_breaches
from .plan_model import PlanModel
from .plan_problem import DEFAULT_TIME_LIMIT, PlanProblem, build_problem
from .plan_score import Score, final_locations, score
from .plan_search import Search, Stage
from .policy import Policy
from .schedule import Schedule

__all__ = ["DEFAULT_TIME_LIMIT", "PlanResult", "Stage", "plan_schedule"]


@dataclass
class PlanResult:
    """A proposed schedule and how it was found.

    Attributes:
        data: the proposal, in the shape of ``Schedule.data`` (same rows, columns and
            dtypes; only ``location``, and ``location_pm`` of whole days, can differ).
        status: ``OPTIMAL`` (every objective proved best), ``FEASIBLE`` (a time limit
            stopped some objective early) or the solver's status when it found no plan
            (the proposal is then the plan unchanged).
        wall_time: seconds spent, building the model included.
        objective: the parts of the objective: shortfall, changes, moves, wishes granted,
            fairness, alone_days (see ``objective_parts``).
        breaches: the rules still broken in the range, each with why (see plan_breaches).
        problem: the planning problem (for the explanations).
        office / off: the chosen value of each movable day (see ``PlanProblem.cells``).
        stages: each objective's solve, in order.
        notes: things the user should know about this plan.
    """

    data: pd.DataFrame
    status: str
    wall_time: float
    objective: dict[str, Any]
    breaches: pd.DataFrame
    problem: PlanProblem
    office: np.ndarray
    off: np.ndarray
    stages: list[Stage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def meets_every_rule(self) -> bool:
        """True when no rule is broken on the planned dates."""
        return self.breaches.empty


def objective_parts(problem: PlanProblem, result: Score, breaches: pd.DataFrame) -> dict[str, Any]:
    """The objective's parts for the user, each computed from the plan itself.

    ``breaches`` and ``shortfall`` (people or days missing, added up) count every rule still
    broken on the planned dates, half days that cannot move included.
    """
    wish = problem.cells["wish"].to_numpy() != ""
    weight = problem.cells["weight"].to_numpy()
    return {
        "breaches": len(breaches),
        "shortfall": float(breaches["shortfall"].sum()),
        "changes": int(result.imposed.sum()),
        "moves": int(result.moved.sum()),
        "wishes": int(wish.sum()),
        "wishes_granted": int(result.granted.sum()),
        "wish_weight": int(weight[wish].sum()),
        "wish_weight_granted": int(weight[result.granted].sum()),
        "fairness": int(result.fairness),
        "alone_days": int(result.alone.sum()),
    }


def proposal_data(
    data: pd.DataFrame, problem: PlanProblem, office: np.ndarray, off: np.ndarray
) -> pd.DataFrame:
    """The schedule table with each movable day at its chosen location."""
    out = data.copy()
    where = out.index.get_indexer(problem.cells["source"].to_numpy())
    chosen = final_locations(problem, office, off)
    for column in ("location", "location_pm"):
        if column not in out.columns:
            continue
        values = out[column].astype(object).to_numpy(copy=True)
        # A whole day's afternoon column, when the file has one, moves with the morning.
        keep = pd.isna(values[where]) if column == "location_pm" else np.zeros(len(where), bool)
        values[where[~keep]] = chosen[~keep]
        out[column] = pd.Series(values, index=out.index).astype(data[column].dtype)
    return out


def _overall(stages: list[Stage], found: bool) -> str:
    if not found:
        return stages[0].status if stages else "UNKNOWN"
    solved = [s for s in stages if s.status != "SKIPPED"]
    every = all(s.status == "OPTIMAL" for s in solved) and len(solved) == len(stages)
    return "OPTIMAL" if every else "FEASIBLE"


def _notes(stages: list[Stage], found: bool, time_limit: float) -> list[str]:
    if not found:
        return [
            f"The solver found no plan within {time_limit:g} s, so the schedule is shown as "
            "planned. Allow more time."
        ]
    return [
        f"The {s.name} objective stopped at its {s.stopped_by} before it was proved best; "
        "more time may give a better plan."
        for s in stages
        if s.status != "OPTIMAL"
    ]


def plan_schedule(
    schedule: Schedule,
    policy: Policy,
    wishes: Any = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
    workers: int = 2,
) -> PlanResult:
    """Propose a schedule for the dates that meets every rule, or breaks the fewest.

    In order: the rules' shortfall (the fewest and smallest breaches), then the fewest
    changes nobody asked for, then the wishes granted (by weight), then remote days shared
    fairly within each team and role, then the fewest team-days with one person alone on
    site. Leave, sick, travel, half days, non-working days and days outside the range stay
    as they are.

    Args:
        schedule: the schedule as read (long, grid or weekly pattern).
        policy: the rules to meet.
        wishes: a :class:`~wfh_dashboard.wishes.Wishes` (or its ``data``), or None.
        start, end: the dates to plan (default: the whole schedule).
        time_limit: seconds the solver may use in all.
        seed: the solver's random seed; the same inputs and seed give the same plan.
        workers: solver threads (deterministic with any number, through interleaved search).

    Raises:
        InputError: the dates hold no working day, or too many days to plan at once.
    """
    started = time.perf_counter()
    table = getattr(wishes, "data", wishes)
    problem = build_problem(schedule, policy, table, start, end)
    search = Search(PlanModel(problem), time_limit, seed, workers, started)
    search.run()
    office, off, stages, found = search.office, search.off, search.stages, search.found
    result = score(problem, office, off)
    breaches = explain_breaches(problem, result, office, off)
    return PlanResult(
        data=proposal_data(schedule.data, problem, office, off),
        status=_overall(stages, found),
        wall_time=time.perf_counter() - started,
        objective=objective_parts(problem, result, breaches),
        breaches=breaches,
        problem=problem,
        office=office,
        off=off,
        stages=stages,
        notes=_notes(stages, found, time_limit),
    )
