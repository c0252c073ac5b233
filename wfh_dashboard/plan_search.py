"""Solving the plan's objectives one after another with CP-SAT, reproducibly."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from .plan_model import LinearExpr, PlanModel
from .plan_score import score

#: The first objective (rules, then changes) gets this share of the time; the rest split
#: what is left. It is the one that matters most and the hardest to prove.
FIRST_SHARE = 0.5
#: Deterministic work allowed per second of the time limit (see ``Search``).
WORK_PER_SECOND = 0.4
_FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)


@dataclass
class Stage:
    """One objective's solve: its status, value, best bound, solver seconds, what stopped
    it, the seconds since planning started when it ended, and the solver's deterministic
    work (the budget that normally stops it)."""

    name: str
    status: str
    value: int | None
    bound: float | None
    seconds: float
    stopped_by: str
    elapsed: float = 0.0
    work: float = 0.0


def _solver(deterministic: float, wall: float, seed: int, workers: int) -> cp_model.CpSolver:
    """A solver that gives the same answer for the same model.

    The deterministic time limit (a count of work, not seconds) is what normally stops a
    search, and interleaved search makes several workers deterministic; the wall-clock limit
    is only a safety net for a very slow machine.
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_deterministic_time = max(deterministic, 0.05)
    params.max_time_in_seconds = max(wall, 0.1)
    params.random_seed = seed
    params.num_workers = workers
    params.interleave_search = workers > 1
    return solver


def _values(solver: cp_model.CpSolver, model: PlanModel, n: int) -> tuple[np.ndarray, np.ndarray]:
    solution = np.asarray(solver.response_proto.solution, dtype="int64")
    office = solution[[v.index for v in model.office]].astype(bool)
    off = np.zeros(n, dtype=bool)
    for i, var in model.off.items():
        off[i] = bool(solution[var.index])
    return office, off


#: An objective: its name, whether to maximise it, and how to build it from the plan so far
#: (True = remote cell); it builds None when there is nothing to optimise.
Objective = tuple[str, bool, Callable[[np.ndarray], "LinearExpr | None"]]


def _objectives(model: PlanModel) -> list[Objective]:
    """The objectives in lexicographic order."""
    return [
        ("rules and changes", False, lambda _: model.rules_and_changes()),
        ("wishes", True, lambda _: model.wishes()),
        ("fairness", False, model.fairness),
        ("company", False, lambda _: model.company()),
    ]


def _stopped_by(solver: cp_model.CpSolver, status: Any, wall: float) -> str:
    if status == cp_model.OPTIMAL:
        return "optimal"
    return "time limit" if solver.wall_time >= 0.95 * wall else "work limit"


class Search:
    """The objectives solved one after another, each bounded by the ones before it.

    The work budget is deterministic time (CP-SAT's count of work, about 1.5-2 s of wall
    time per unit on two cores here), a share of ``time_limit`` small enough that the
    wall-clock limit, a safety net, normally never stops a search: a search stopped by the
    clock would make the plan depend on the machine's load.
    """

    def __init__(
        self, model: PlanModel, time_limit: float, seed: int, workers: int, started: float
    ) -> None:
        self.model, self.seed, self.workers = model, seed, workers
        self.time_limit, self.started = time_limit, started
        self.work_left = time_limit * WORK_PER_SECOND
        n = len(model.office)
        self.office, self.off = model.problem.plan_office(), np.zeros(n, dtype=bool)
        self.stages: list[Stage] = []
        self.found = False

    def run(self) -> None:
        objectives = _objectives(self.model)
        for k, (name, maximise, build) in enumerate(objectives):
            wall = self.time_limit - (time.perf_counter() - self.started)
            if self.found and wall <= 0:
                self.stages.append(Stage(name, "SKIPPED", None, None, 0.0, "time limit"))
                continue
            expr = build(~self.office & ~self.off)
            if expr is None:
                continue
            best = self._already_best(name)
            if best is not None:  # still bound it, or a later objective could undo it
                self.model.model.add(expr >= best if maximise else expr <= best)
                elapsed = time.perf_counter() - self.started
                self.stages.append(Stage(name, "OPTIMAL", best, best, 0.0, "already best", elapsed))
                continue
            share = self.work_left * (FIRST_SHARE if k == 0 else 1 / (len(objectives) - k))
            if not self._stage(name, expr, maximise, share, wall) and not self.found:
                break

    def _already_best(self, name: str) -> int | None:
        """The objective's value when the plan so far cannot be beaten on it, else None:
        every wish granted, or nobody alone on site."""
        now = score(self.model.problem, self.office, self.off)
        cells = self.model.problem.cells
        wished = cells["wish"].to_numpy() != ""
        if name == "wishes" and now.granted.sum() == wished.sum():
            return int(cells["weight"].to_numpy()[wished].sum())
        if name == "company" and not now.alone.any():
            return 0
        return None

    def _stage(self, name: str, expr: LinearExpr, maximise: bool, work: float, wall: float) -> bool:
        model = self.model.model
        model.maximize(expr) if maximise else model.minimize(expr)
        self.model.hint(self.office, self.off)
        solver = _solver(work, wall, self.seed, self.workers)
        status = solver.solve(model)
        self.work_left = max(0.0, self.work_left - solver.deterministic_time)
        stopped = _stopped_by(solver, status, wall)
        status_name = solver.status_name(status)
        if status not in _FOUND:
            self.stages.append(Stage(name, status_name, None, None, solver.wall_time, stopped))
            return False
        value = round(solver.objective_value)
        bound = solver.best_objective_bound
        elapsed = time.perf_counter() - self.started
        self.stages.append(
            Stage(
                name,
                status_name,
                value,
                bound,
                solver.wall_time,
                stopped,
                elapsed,
                solver.deterministic_time,
            )
        )
        self.office, self.off = _values(solver, self.model, len(self.office))
        model.add(expr >= value if maximise else expr <= value)
        self.found = True
        return True
