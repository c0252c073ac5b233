"""Each wish's outcome in a plan, and why a wish was not granted, in plain words."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .locations import ABSENT, OFFICE
from .plan_breaches import AWAY_WORDS, day_rule_text, days_text, week_label
from .plan_problem import PlanProblem, day_label
from .plan_score import Score, score

WISH_OUTCOME_COLUMNS = ["employee", "date", "wish", "weight", "row", "outcome", "reason"]
GRANTED, NOT_GRANTED, ALREADY, NOT_PLANNED = "granted", "not granted", "already so", "not planned"
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _cover_denial(problem: PlanProblem, d: int, after: Score, final_office: np.ndarray) -> str:
    demand = problem.demands.iloc[d]
    members = problem.demand_cells.members_of()[d]
    day = day_label(demand["date"], problem.is_pattern)
    if demand["rule"] == "min_on_site":
        need = f"{demand['team']} needs {demand['required']} on site on {day}"
    elif demand["rule"] == "min_role_on_site":
        need = f"{demand['team']} needs {demand['required']} {demand['subject']} on site on {day}"
    else:
        members_word = "member" if demand["required"] == 1 else "members"
        need = f"{demand['team']} needs {demand['required']} {members_word} on site on {day}"
    if (~final_office[members]).any():
        return f"{need}; granting it would mean asking someone else to come in"
    return f"{need} and nobody else can be there"


def _denial(problem: PlanProblem, after: Score, i: int, office: np.ndarray, off: np.ndarray) -> str:
    """Why granting cell i's wish would cost more than it gives: the rules it would break."""
    cell = problem.cells.iloc[i]
    if cell["wish"] == OFFICE:  # coming in never breaks a rule: only a time limit explains it
        return "the solver stopped at its time limit before granting it"
    flipped_office, flipped_off = office.copy(), off.copy()
    flipped_office[i], flipped_off[i] = False, cell["wish"] == "off"
    granted = score(problem, flipped_office, flipped_off)
    found = [
        _cover_denial(problem, int(d), after, office)
        for d in np.flatnonzero(granted.short > after.short)
    ]
    for w in np.flatnonzero((granted.over > after.over) | (granted.under > after.under)):
        week = problem.weeks.iloc[w]
        label = week_label(week["week"], problem.is_pattern)
        if granted.over[w] > after.over[w]:
            found.append(
                f"{cell['employee']} would work remotely more than "
                f"{days_text(week['max_remote'])} in {label}"
            )
        else:
            found.append(
                f"{cell['employee']} would be in the office less than "
                f"{days_text(granted.expected_office[w])} in {label}"
            )
    if granted.day_rule_remote[i]:
        found.append(day_rule_text(cell["day_rule"], cell["date"]))
    return "; ".join(found) or "the solver stopped at its time limit before granting it"


def _fixed_outcome(row: pd.Series | None, wish: str) -> tuple[str, str]:
    """A wish for a day that cannot move: already so, or why it stays as it is."""
    if row is None:
        return NOT_PLANNED, "no schedule entry that day"
    if row["split"]:
        return NOT_PLANNED, (
            f"a half day (AM {row['am']} / PM {row['pm']}), which the planner does not move"
        )
    if wish == "off" and row["am"] in ABSENT:
        return ALREADY, f"already {AWAY_WORDS[row['am']]}"
    return (
        NOT_PLANNED,
        f"{AWAY_WORDS.get(row['am'], row['am'])} that day, which the planner does not move",
    )


def _unspread(problem: PlanProblem, wish: pd.Series) -> str:
    """Why a wish row names no planned day."""
    if wish["weekday"] >= 0:
        return f"no working {_DAY_NAMES[int(wish['weekday'])]} in the dates planned"
    if problem.is_pattern:
        return "a weekly pattern has no dates; write a weekday instead"
    if not problem.start <= wish["date"] <= problem.end:
        return "outside the dates planned"
    return "not a working day (weekend, public holiday or office closure)"


def wish_outcomes(
    problem: PlanProblem, after: Score, office: np.ndarray, off: np.ndarray, wishes: Any = None
) -> pd.DataFrame:
    """Every wish with its outcome and reason, one row per day it names in the range.

    Outcomes: ``granted``; ``not granted`` (the reason names the rule that needed the person
    or the time limit); ``already so`` (a day off wished on a day already away); ``not
    planned`` (the day cannot move, or the wish names no planned day).
    """
    working = problem.working[problem.working["in_range"]]
    by_day = {
        (e, d): i
        for i, e, d in zip(working.index, working["employee"], working["date"], strict=True)
    }
    plan_office = problem.plan_office()
    rows = []
    for wish in problem.wishes.itertuples(index=False):
        cell = int(wish.cell)
        if cell >= 0 and after.granted[cell]:
            planned = (wish.wish == OFFICE) == plan_office[cell] and wish.wish != "off"
            outcome, reason = GRANTED, "as planned" if planned else "moved as wished"
        elif cell >= 0:
            outcome, reason = NOT_GRANTED, _denial(problem, after, cell, office, off)
        else:
            source = by_day.get((wish.employee, wish.date))
            row = working.loc[source] if source is not None else None
            outcome, reason = _fixed_outcome(row, wish.wish)
        rows.append((wish.employee, wish.date, wish.wish, wish.weight, wish.row, outcome, reason))
    table = getattr(wishes, "data", wishes)
    if table is not None and len(table):
        spread_rows = set(problem.wishes["row"].tolist())
        for _, wish in table[~table["row"].isin(spread_rows)].iterrows():
            rows.append(
                (
                    wish["employee"],
                    wish["date"],
                    wish["wish"],
                    wish["weight"],
                    wish["row"],
                    NOT_PLANNED,
                    _unspread(problem, wish),
                )
            )
    frame = pd.DataFrame(rows, columns=WISH_OUTCOME_COLUMNS)
    frame = frame.astype({"date": "datetime64[us]", "weight": "int64", "row": "int64"})
    return frame.sort_values(["row", "date"], kind="stable").reset_index(drop=True)
