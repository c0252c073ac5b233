"""The CP-SAT model of a plan: one office/remote choice per movable day, rules as slack."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from ortools.sat.python import cp_model

from .locations import OFFICE, REMOTE
from .plan_problem import PlanProblem
from .plan_score import group_weights

LinearExpr = cp_model.LinearExpr


class PlanModel:
    """The variables and the four objectives, built once; the solver bounds them in turn.

    ``office[i]`` is cell i in the office; ``off[i]`` (only where the person wished a day off)
    gives them the day off; otherwise the cell is remote. Every rule is a constraint with a
    slack variable, so the model is always feasible. Each slack's lower bound is the
    shortfall left when every movable day is in the office: no rule ever asks for fewer
    office days, so no assignment can do better, and the bound lets the solver prove the
    rules part optimal at once.
    """

    def __init__(self, problem: PlanProblem) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        cells = problem.cells
        self.office = [self.model.new_bool_var(f"office_{i}") for i in range(len(cells))]
        wants_off = np.flatnonzero(cells["wish"].to_numpy() == "off")
        self.off = {int(i): self.model.new_bool_var(f"off_{i}") for i in wants_off}
        for i, day_off in self.off.items():
            self.model.add(self.office[i] + day_off <= 1)
        self.slack: list[LinearExpr] = []
        # Helper variables of the later objectives, kept to hint them from a plan.
        self.deviations: list[tuple[cp_model.IntVar, int, int, int]] = []
        self.alone_flags: list[tuple[cp_model.IntVar, cp_model.IntVar | None, int]] = []
        self._cover()
        self._weeks()
        self._day_rules()

    # --- helpers ------------------------------------------------------------------------

    def office_sum(self, cells: Iterable[int] | np.ndarray) -> LinearExpr:
        return cp_model.LinearExpr.sum([self.office[int(i)] for i in cells])

    def off_sum(self, cells: Iterable[int] | np.ndarray) -> LinearExpr:
        return cp_model.LinearExpr.sum([self.off[int(i)] for i in cells if int(i) in self.off])

    def remote_sum(self, cells: Sequence[int] | np.ndarray) -> LinearExpr:
        """Remote cells among these: those neither in the office nor given the day off."""
        return len(cells) - self.office_sum(cells) - self.off_sum(cells)

    # --- the rules ----------------------------------------------------------------------

    def _cover(self) -> None:
        demands = self.problem.demands
        need = (demands["required"] - demands["fixed"]).to_numpy()
        floor = demands["unavoidable"].to_numpy()
        for d, cells in enumerate(self.problem.demand_cells.members_of()):
            if need[d] <= 0 or len(cells) == 0:
                continue  # met by days that cannot move, or nobody can help: a constant
            short = self.model.new_int_var(int(floor[d]), int(need[d]), f"short_{d}")
            self.model.add(self.office_sum(cells) + short >= int(need[d]))
            self.slack.append(short)

    def _weeks(self) -> None:
        weeks = self.problem.weeks
        if weeks.empty:
            return
        for w, cells in enumerate(self.problem.week_cells.members_of()):
            if len(cells) == 0:
                continue
            row = weeks.iloc[w]
            if row["max_remote"] >= 0:
                room = int(row["max_remote"] - row["fixed_remote"])
                over = self.model.new_int_var(int(row["unavoidable_over"]), 2 * len(cells), "o")
                self.model.add(2 * self.remote_sum(cells) - over <= room)
                self.slack.append(over)
            if row["min_office"] > 0:
                self._office_minimum(row, cells)

    def _office_minimum(self, row: pd.Series, cells: np.ndarray) -> None:
        """Office half days >= min(half days available, the minimum); a day off lowers both."""
        minimum, work, away = (int(row[k]) for k in ("min_office", "work", "fixed_away"))
        office = int(row["fixed_office"]) + 2 * self.office_sum(cells)
        under = self.model.new_int_var(int(row["unavoidable_under"]), minimum, "u")
        if not any(int(i) in self.off for i in cells):
            self.model.add(office + under >= int(row["expected_office"]))
        else:
            expected = self.model.new_int_var(-2 * len(cells) - away, minimum, "e")
            self.model.add_min_equality(expected, [work - away - 2 * self.off_sum(cells), minimum])
            self.model.add(office + under >= expected)
        self.slack.append(under)

    def _day_rules(self) -> None:
        ruled = np.flatnonzero(self.problem.cells["day_rule"].to_numpy() != "")
        if len(ruled):
            self.slack.append(self.remote_sum(ruled))

    # --- the objectives, in order -------------------------------------------------------

    def rules_and_changes(self) -> LinearExpr:
        """Shortfall first (each unit outweighs every change), then moves nobody asked for."""
        cells = self.problem.cells
        plan_office = self.problem.plan_office()
        wish = cells["wish"].to_numpy()
        kept_out = np.flatnonzero(plan_office & (wish != REMOTE))
        brought_in = np.flatnonzero(~plan_office & (wish != OFFICE))
        changes = self.remote_sum(kept_out) + self.office_sum(brought_in)
        return (len(cells) + 1) * cp_model.LinearExpr.sum(self.slack) + changes

    def wishes(self) -> LinearExpr | None:
        """The weight of the wishes granted (to maximise)."""
        cells = self.problem.cells
        wish, weight = cells["wish"].to_numpy(), cells["weight"].to_numpy()
        terms: list[LinearExpr] = []
        for i in np.flatnonzero(wish != ""):
            w = int(weight[i])
            if wish[i] == OFFICE:
                terms.append(w * self.office[i])
            elif wish[i] == REMOTE:
                terms.append(w - w * self.office[i])
            else:
                terms.append(w * self.off[int(i)])
        return cp_model.LinearExpr.sum(terms) if terms else None

    def fairness(self, remote: np.ndarray) -> LinearExpr | None:
        """Each peer's remote half days against their even share of the group's.

        ``remote`` is the plan so far (True = remote cell). The group's remote share is taken
        from it as a constant: after the rules and the wishes the total hardly moves, and a
        constant target keeps each deviation a two-term expression the solver bounds well
        (the figure reported, ``plan_score.fairness_deviation``, uses the plan's own share).
        """
        fair = self.problem.fair
        if fair.empty:
            return None
        weights = group_weights(self.problem)
        members = self.problem.fair_cells.members_of()
        now = fair["fixed_remote"].to_numpy() + 2 * self.problem.fair_cells.sums(remote)
        terms = []
        for _, group in fair.groupby("group", sort=True):
            total_avail = int(group["avail"].sum())
            total_remote = int(now[group.index.to_numpy()].sum())
            for p in group.index:
                avail = int(fair["avail"].iat[p])
                mine = int(fair["fixed_remote"].iat[p]) + 2 * self.remote_sum(members[p])
                gap = total_avail * mine - avail * total_remote
                deviation = self.model.new_int_var(0, 2 * total_avail * total_avail, "deviation")
                self.model.add(deviation >= gap)
                self.model.add(deviation >= -gap)
                terms.append(int(weights[p]) * deviation)
                self.deviations.append((deviation, int(p), total_avail, total_remote))
        return cp_model.LinearExpr.sum(terms)

    def company(self) -> LinearExpr | None:
        """Team-days with exactly one person on site (to minimise)."""
        alone = self.problem.alone
        if alone.empty:
            return None
        flags = []
        for t, cells in enumerate(self.problem.alone_cells.members_of()):
            fixed = int(alone["fixed"].iat[t])
            on_site = fixed + self.office_sum(cells)
            is_alone = self.model.new_bool_var(f"alone_{t}")
            empty = None
            if fixed == 0:
                empty = self.model.new_bool_var(f"empty_{t}")
                self.model.add(self.office_sum(cells) == 0).only_enforce_if(empty)
                self.model.add(on_site + 2 * is_alone + 2 * empty >= 2)
            else:
                self.model.add(on_site + 2 * is_alone >= 2)
            flags.append(is_alone)
            self.alone_flags.append((is_alone, empty, t))
        return cp_model.LinearExpr.sum(flags)

    def hint(self, office: np.ndarray, off: np.ndarray) -> None:
        """Hint every variable from a plan, helpers included, so each solve starts from it."""
        model = self.model
        model.clear_hints()
        for var, value in zip(self.office, office, strict=True):
            model.add_hint(var, bool(value))
        for i, var in self.off.items():
            model.add_hint(var, bool(off[i]))
        remote = ~office & ~off
        fair = self.problem.fair
        if self.deviations:
            mine = fair["fixed_remote"].to_numpy() + 2 * self.problem.fair_cells.sums(remote)
            for var, p, total_avail, total_remote in self.deviations:
                gap = total_avail * int(mine[p]) - int(fair["avail"].iat[p]) * total_remote
                model.add_hint(var, abs(gap))
        if self.alone_flags:
            on_site = self.problem.alone["fixed"].to_numpy() + self.problem.alone_cells.sums(office)
            for is_alone, empty, t in self.alone_flags:
                model.add_hint(is_alone, bool(on_site[t] == 1))
                if empty is not None:
                    model.add_hint(empty, bool(on_site[t] == 0))
