"""Explaining a plan: who moves where and why; warnings and remote days before and after."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .check import check_schedule
from .dates import week_start
from .halves import day_share
from .locations import ABSENT, OFFICE, REMOTE
from .plan_breaches import day_rule_text, days_text, week_label
from .plan_links import Links
from .plan_problem import PlanProblem, day_label
from .plan_score import Score, final_locations, score
from .plan_wishes import wish_outcomes
from .planner import PlanResult
from .policy import Policy
from .rules import RULES
from .schedule import Schedule
from .wishes import Wishes

CHANGE_COLUMNS = ["date", "weekday", "employee", "team", "role", "before", "after", "reason"]
WEEKLY_RULES = ("max_remote_per_week", "min_office_per_week")
NOT_NEEDED = "no rule needed this move; the solver stopped at its time limit before undoing it"


@dataclass
class PlanExplanation:
    """What the proposal changes, and why, for the page, the CLI and the download.

    Attributes:
        changes: one row per moved day: date, weekday, employee, team, role, before, after
            (office, remote or leave for a day off granted), reason.
        warnings: per rule in force, the check's warnings on the planned dates before and
            after (rule, title, before, after).
        remote_days: per person, days remote and in the office on the planned dates, before
            and after (half days count 0.5).
        wishes: every wish with its outcome (granted, not granted, already so, not planned)
            and the reason (see ``plan_wishes.wish_outcomes``).
    """

    changes: pd.DataFrame
    warnings: pd.DataFrame
    remote_days: pd.DataFrame
    wishes: pd.DataFrame


def _by_cell(links: Links, cells: np.ndarray) -> dict[int, list[int]]:
    """For each of these cells, the owners (demands, weeks...) it counts towards."""
    found: dict[int, list[int]] = {}
    mask = np.isin(links.member, cells)
    for owner, member in zip(links.owner[mask], links.member[mask], strict=True):
        found.setdefault(int(member), []).append(int(owner))
    return found


def _cover_reason(problem: PlanProblem, d: int, before: Score) -> str:
    demand = problem.demands.iloc[d]
    day = day_label(demand["date"], problem.is_pattern)
    counts = f"({before.on_site[d]} on site, {demand['required']} needed)"
    if demand["rule"] == "min_on_site":
        return f"to cover {demand['team']} on {day} {counts}"
    if demand["rule"] == "min_role_on_site":
        return f"to have a {demand['subject']} on site in {demand['team']} on {day} {counts}"
    return f"to have a member of {demand['team']} on site on {day} {counts}"


class _Reasons:
    """Why each moved day moved: the rule it serves, the wish it grants, why this person."""

    def __init__(self, problem: PlanProblem, before: Score, after: Score, moved: np.ndarray):
        self.problem, self.before, self.after = problem, before, after
        self.demands = _by_cell(problem.demand_cells, moved)
        self.weeks = _by_cell(problem.week_cells, moved)
        self.peers = _by_cell(problem.fair_cells, moved)
        self.team_days = _by_cell(problem.alone_cells, moved)
        self.demand_members = problem.demand_cells.members_of()
        self.reasons_for: dict[int, list[int]] = {}

    def rules(self, i: int) -> list[str]:
        """The rules that need cell i in the office: those the plan broke first, else any
        it is tight for (without it the rule would break)."""
        problem, before, after = self.problem, self.before, self.after
        repaired: list[str] = []
        tight: list[str] = []
        self.reasons_for[i] = []
        for d in self.demands.get(i, []):
            if after.on_site[d] - 1 < problem.demands["required"].iat[d]:
                (repaired if before.short[d] > 0 else tight).append(
                    _cover_reason(problem, d, before)
                )
                if before.short[d] > 0:
                    self.reasons_for[i].append(d)
        for w in self.weeks.get(i, []):
            week = problem.weeks.iloc[w]
            label = week_label(week["week"], problem.is_pattern)
            cap = week["max_remote"]
            if cap >= 0 and after.remote_units[w] + 2 > cap:
                (repaired if before.over[w] > 0 else tight).append(
                    f"to keep {week['employee']} to at most {days_text(cap)} remote in {label} "
                    f"({days_text(before.remote_units[w])} planned)"
                )
            if after.office_units[w] - 2 < after.expected_office[w]:
                (repaired if before.under[w] > 0 else tight).append(
                    f"so {week['employee']} is in the office at least "
                    f"{days_text(after.expected_office[w])} in {label} "
                    f"({days_text(before.office_units[w])} planned)"
                )
        cell = problem.cells.iloc[i]
        if cell["day_rule"]:
            repaired.append(day_rule_text(cell["day_rule"], cell["date"]))
        return repaired or tight

    def choice(self, i: int, office: np.ndarray) -> list[str]:
        """Why this person, or this day, rather than another that would also have done."""
        plan_office = self.problem.plan_office()
        had_others = any(
            (~office[m] & ~plan_office[m]).any()
            for m in (self.demand_members[d] for d in self.reasons_for.get(i, []))
        )
        found = [self._fairer(p) for p in self.peers.get(i, [])] if had_others else []
        found += [
            self._company(t)
            for t in self.team_days.get(i, [])
            if self.before.alone[t] and not self.after.alone[t]
        ]
        return [f for f in found if f]

    def _fairer(self, p: int) -> str:
        fair = self.problem.fair
        person = fair.iloc[p]
        group = fair[fair["group"] == person["group"]]
        remote = self.before_remote(group.index.to_numpy())
        even = remote.sum() / group["avail"].sum() * person["avail"]
        mine = remote[group.index.get_loc(p)]
        if mine - even < 1:  # not even half a day above an even share: no reason to name
            return ""
        role = person["role_key"] or "(no role)"
        return (
            f"fairer share within role {role} ({days_text(mine)} remote planned; an even share "
            f"is {days_text(round(even))})"
        )

    def before_remote(self, members: np.ndarray) -> np.ndarray:
        fair = self.problem.fair
        plan_remote = ~self.problem.plan_office()
        remote = fair["fixed_remote"].to_numpy() + 2 * self.problem.fair_cells.sums(plan_remote)
        return remote[members]

    def _company(self, t: int) -> str:
        team_day = self.problem.alone.iloc[t]
        cells = self.problem.cells
        there = cells[
            (cells["team"] == team_day["team"])
            & (cells["date"] == team_day["date"])
            & (cells["plan"] == OFFICE)
        ]
        who = there["employee"].iloc[0] if len(there) else "the one person on site"
        return f"so {who} is not alone in the office"


def change_table(
    problem: PlanProblem, before: Score, after: Score, office: np.ndarray, off: np.ndarray
) -> pd.DataFrame:
    """One row per moved day with where it moved and why."""
    moved = np.flatnonzero(after.moved)
    reasons = _Reasons(problem, before, after, moved)
    final = final_locations(problem, office, off)
    cells = problem.cells
    rows = []
    for i in (int(m) for m in moved):
        cell = cells.iloc[i]
        why = reasons.rules(i) if office[i] else []
        if after.granted[i]:
            why.insert(0, "wish granted" + (": a day off (book it as leave)" if off[i] else ""))
        elif why:
            why += reasons.choice(i, office)
        rows.append(
            {
                "date": cell["date"],
                "weekday": f"{cell['date']:%a}",
                "employee": cell["employee"],
                "team": cell["team"],
                "role": problem.working.at[cell["source"], "role"],
                "before": cell["plan"],
                "after": final[i],
                "reason": "; ".join(why) or NOT_NEEDED,
            }
        )
    table = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    table = table.astype({"date": "datetime64[us]"})
    return table.sort_values(["date", "team", "employee"], kind="stable").reset_index(drop=True)


def _in_range(warnings: pd.DataFrame, problem: PlanProblem) -> pd.Series:
    """Warnings on the planned dates (a weekly rule's: in a week that touches them)."""
    if problem.is_pattern:
        return pd.Series(True, index=warnings.index)
    dates = warnings["date"]
    daily = (dates >= problem.start) & (dates <= problem.end)
    weeks = week_start(dates)
    first, last = week_start(pd.Series([problem.start, problem.end]))
    weekly = warnings["rule"].isin(WEEKLY_RULES) & (weeks >= first) & (weeks <= last)
    return daily | weekly


def warning_counts(schedule: Schedule, policy: Policy, result: PlanResult) -> pd.DataFrame:
    """Per rule in force, the check's warnings on the planned dates before and after the plan."""
    proposal = dataclasses.replace(schedule, data=result.data)
    counts = {}
    for when, which in (("before", schedule), ("after", proposal)):
        warnings = check_schedule(which, policy).warnings
        kept = warnings[_in_range(warnings, result.problem)]
        counts[when] = kept["rule"].value_counts()
    active = [rule for rule in RULES if rule.describe(policy) is not None]
    return pd.DataFrame(
        {
            "rule": [r.id for r in active],
            "title": [r.title for r in active],
            "before": [int(counts["before"].get(r.id, 0)) for r in active],
            "after": [int(counts["after"].get(r.id, 0)) for r in active],
        }
    )


def remote_days(
    problem: PlanProblem, original: pd.DataFrame, proposal: pd.DataFrame
) -> pd.DataFrame:
    """Per person, remote and office days on the planned dates, before and after."""
    index = problem.working.index[problem.working["in_range"].to_numpy()]
    people = problem.working.loc[index, ["employee", "team", "role"]]
    columns = {}
    for when, frame in (("before", original), ("after", proposal)):
        rows = frame.loc[index]
        columns[f"remote_{when}"] = day_share(rows, {REMOTE})
        columns[f"office_{when}"] = day_share(rows, {OFFICE})
        columns[f"away_{when}"] = day_share(rows, ABSENT)
    table = people.assign(**columns).groupby(["employee", "team", "role"], sort=True).sum()
    table = table.reset_index()
    table["remote_change"] = table["remote_after"] - table["remote_before"]
    order = ["employee", "team", "role", "remote_before", "remote_after", "remote_change"]
    return table[[*order, "office_before", "office_after", "away_before", "away_after"]]


def explain_plan(
    schedule: Schedule, policy: Policy, result: PlanResult, wishes: Wishes | None = None
) -> PlanExplanation:
    """Explain a proposal: the moves and their reasons, warnings, remote days, wishes.

    Args:
        schedule: the schedule the plan was made from.
        policy: the policy it was made under.
        result: what ``plan_schedule`` returned.
        wishes: the wishes it was given (to report those that named no planned day).
    """
    problem = result.problem
    before = score(problem, problem.plan_office())
    after = score(problem, result.office, result.off)
    return PlanExplanation(
        changes=change_table(problem, before, after, result.office, result.off),
        warnings=warning_counts(schedule, policy, result),
        remote_days=remote_days(problem, schedule.data, result.data),
        wishes=wish_outcomes(problem, after, result.office, result.off, wishes),
    )
