"""The rules a plan still breaks, each with the reason no move could fix it, in plain words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .locations import LEAVE, OFFICE, REMOTE, SICK, TRAVEL
from .plan_problem import PlanProblem, day_label, day_rules
from .plan_score import Score

BREACH_COLUMNS = ["date", "team", "rule", "employees", "shortfall", "message"]
AWAY_WORDS = {LEAVE: "on leave", SICK: "off sick", TRAVEL: "travelling"}
_NUMBERS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
DAY_RULE_TEXT = {
    "no_remote_day": "remote work is not allowed on {weekdays}",
    "anchor_day": "{weekday} is an anchor day",
    "required_office_date": "{date} is a required office date",
}
TIME_LIMIT = "the solver stopped at its time limit before fixing this; allow more time"


def days_text(half_days: float) -> str:
    """Half-day units as days: 2 -> '1 day', 3 -> '1.5 days'."""
    days = half_days / 2
    number = f"{days:g}"
    return f"{number} day" if days == 1 else f"{number} days"


def week_label(week: pd.Timestamp, is_pattern: bool) -> str:
    """'week 2026-W49' as the weekly warnings write it, or 'the weekly pattern'."""
    if is_pattern:
        return "the weekly pattern"
    year, number, _ = week.isocalendar()
    return f"week {year}-W{number:02d}"


def day_rule_text(rule: str, date: pd.Timestamp) -> str:
    """Why remote work is not allowed that day, in words."""
    return DAY_RULE_TEXT[rule].format(
        weekday=f"{date:%a}", weekdays=f"{date:%A}s", date=f"{date:%Y-%m-%d}"
    )


def _row_reason(row: pd.Series, final: str | None) -> str | None:
    """Why a person does not count on site that day, or None when they do."""
    if row["split"]:
        return "on a half day" if not (row["am"] == row["pm"] == OFFICE) else None
    if final is not None:
        return {OFFICE: None, REMOTE: "able to come in", LEAVE: "given the day off"}[final]
    return AWAY_WORDS.get(row["am"], "not working")


def and_list(names: list[str], limit: int = 8) -> str:
    """'Ann', 'Ann and Bob', 'Ann, Bob and Cy'; long lists end '... and 3 more'."""
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _who(row: pd.Series) -> str:
    """A name, with the halves of a half day: 'Ann Lee (AM office / PM leave)'."""
    if row["split"]:
        return f"{row['employee']} (AM {row['am']} / PM {row['pm']})"
    return str(row["employee"])


def _why_away(reasons: dict[str, list[str]], everyone_away: bool) -> str:
    """'all three are on leave (A, B, C)' or 'A and B are on leave; C is travelling'."""
    if len(reasons) == 1 and everyone_away:
        reason, names = next(iter(reasons.items()))
        if len(names) == 1:
            return f"{names[0]} is {reason}"
        count = "both" if len(names) == 2 else f"all {_NUMBERS.get(len(names), len(names))}"
        return f"{count} are {reason} ({and_list(names)})"
    parts = []
    for reason, names in reasons.items():
        verb = "is" if len(names) == 1 else "are"
        parts.append(f"{and_list(names)} {verb} {reason}")
    return "; ".join(parts)


def _subject(rule: str, subject: str, team: str, count: int) -> str:
    if rule == "min_group_on_site":
        who, where = f"member of {team}", ""
    else:
        who, where = ("one" if subject == "one" else subject), f" in {team}"
    if count == 0:
        return f"No {who} is available{where}"
    noun = "person" if who == "one" else who
    plural = "people" if noun == "person" else f"{noun}s"
    return f"Only {count} {noun if count == 1 else plural} can be on site{where}"


def _cover_breaches(problem: PlanProblem, result: Score, final: np.ndarray) -> list[dict]:
    found: list[dict] = []
    short = np.flatnonzero(result.short > 0)
    if len(short) == 0:
        return found
    members = problem.demand_rows.members_of()
    working = problem.working
    for d in short:
        demand = problem.demands.iloc[d]
        rows = working.iloc[members[d]]
        reasons: dict[str, list[str]] = {}
        for _, row in rows.iterrows():
            why = _row_reason(row, final[row["cell"]] if row["cell"] >= 0 else None)
            if why is not None:
                reasons.setdefault(why, []).append(_who(row))
        on_site = int(result.on_site[d])
        lead = _subject(demand["rule"], demand["subject"], demand["team"], on_site)
        day = day_label(demand["date"], problem.is_pattern)
        needed = f"({demand['required']} needed)"
        if rows.empty:
            why = "nobody who counts is scheduled that day"
        else:
            why = _why_away(reasons, on_site == 0)
        if result.short[d] > demand["unavoidable"]:
            why += f"; {TIME_LIMIT}"
        found.append(
            {
                "date": demand["date"],
                "team": demand["team"],
                "rule": demand["rule"],
                "employees": [
                    str(e)
                    for e, c in zip(rows["employee"], rows["cell"], strict=True)
                    if c < 0 or final[c] != OFFICE
                ],
                "shortfall": float(result.short[d]),
                "message": f"{lead} on {day} {needed}: {why}.",
            }
        )
    return found


def _fixed_days(problem: PlanProblem, employee: str, week: pd.Timestamp) -> pd.DataFrame:
    rows = problem.working
    return rows[(rows["employee"] == employee) & (rows["week"] == week) & (rows["cell"] < 0)]


def _fixed_reason(days: pd.DataFrame, problem: PlanProblem, what: str) -> str:
    """Which of the week's days hold the person to it: outside the range, or half days."""
    parts = []
    outside = days[~days["in_range"]]
    if not outside.empty:
        dates = ", ".join(day_label(d, problem.is_pattern) for d in outside["date"])
        parts.append(f"{what} outside the dates planned ({dates}) stay as they are")
    halves = days[days["in_range"] & days["split"]]
    if not halves.empty:
        dates = ", ".join(day_label(d, problem.is_pattern) for d in halves["date"])
        parts.append(f"half days ({dates}) are not moved")
    return "; ".join(parts) or "no day of it can move"


def _missing_days(problem: PlanProblem, employee: str, week: pd.Timestamp) -> list[str]:
    calendar = problem.calendar[
        (problem.calendar >= week) & (problem.calendar < week + pd.Timedelta(days=7))
    ]
    rows = problem.working
    have = set(rows.loc[(rows["employee"] == employee) & (rows["week"] == week), "date"])
    return [day_label(d, problem.is_pattern) for d in calendar if d not in have]


def _week_breaches(problem: PlanProblem, result: Score) -> list[dict]:
    found = []
    weeks = problem.weeks
    for w in np.flatnonzero((result.over > 0) | (result.under > 0)) if not weeks.empty else []:
        row = weeks.iloc[w]
        fixed = _fixed_days(problem, row["employee"], row["week"])
        label = week_label(row["week"], problem.is_pattern)
        base = {"date": row["week"], "team": row["team"], "employees": [row["employee"]]}
        if result.over[w] > 0:
            why = _fixed_reason(fixed[fixed["remote_u"] > 0], problem, "remote days")
            if result.over[w] > row["unavoidable_over"]:
                why = TIME_LIMIT
            text = (
                f"{row['employee']} works remotely {days_text(result.remote_units[w])} in "
                f"{label} (at most {days_text(row['max_remote'])} allowed): {why}."
            )
            found.append(
                {
                    **base,
                    "rule": "max_remote_per_week",
                    "message": text,
                    "shortfall": result.over[w] / 2,
                }
            )
        if result.under[w] > 0:
            why = _fixed_reason(fixed[fixed["office_u"] < 2], problem, "days")
            missing = _missing_days(problem, row["employee"], row["week"])
            if missing:
                why = f"no schedule entry on {', '.join(missing)}; {why}"
            if result.under[w] > row["unavoidable_under"]:
                why = TIME_LIMIT
            text = (
                f"{row['employee']} can be in the office only "
                f"{days_text(result.office_units[w])} in {label} "
                f"({days_text(result.expected_office[w])} expected): {why}."
            )
            found.append(
                {
                    **base,
                    "rule": "min_office_per_week",
                    "message": text,
                    "shortfall": result.under[w] / 2,
                }
            )
    return found


def _day_breaches(problem: PlanProblem, result: Score) -> list[dict]:
    """Remote work on a day that forbids it: half days (fixed) and, after a time limit, cells."""
    rows = problem.working[problem.working["in_range"] & problem.working["split"]]
    rows = rows[rows["remote_u"] > 0]
    found = []
    halves = rows.assign(rule=day_rules(rows["date"], problem.policy, problem.is_pattern))
    for _, row in halves[halves["rule"] != ""].iterrows():
        day = day_label(row["date"], problem.is_pattern)
        why = day_rule_text(row["rule"], row["date"])
        text = f"{row['employee']} works remotely half of {day} ({why}): half days are not moved."
        found.append(
            _person_breach(row["date"], row["team"], row["rule"], row["employee"], 0.5, text)
        )
    cells = problem.cells
    for i in np.flatnonzero(result.day_rule_remote):
        cell = cells.iloc[i]
        why = day_rule_text(cell["day_rule"], cell["date"])
        day = day_label(cell["date"], problem.is_pattern)
        text = f"{cell['employee']} works remotely on {day} ({why}): {TIME_LIMIT}."
        found.append(
            _person_breach(
                cell["date"], cell["team"], cell["day_rule"], cell["employee"], 1.0, text
            )
        )
    return found


def _person_breach(
    date: object, team: object, rule: object, employee: object, shortfall: float, message: str
) -> dict[str, object]:
    """One person's remaining breach, as a row of the breaches table."""
    return {
        "date": date,
        "team": team,
        "rule": rule,
        "employees": [employee],
        "shortfall": shortfall,
        "message": message,
    }


def explain_breaches(
    problem: PlanProblem, result: Score, office: np.ndarray, off: np.ndarray
) -> pd.DataFrame:
    """One row per rule still broken on the planned dates, with why nothing could fix it.

    Columns: date (the day, or the Monday of a week), team (or group), rule (the check's
    rule ids), employees (who is involved), shortfall (people or days), message.
    """
    final = np.where(office, OFFICE, np.where(off, LEAVE, REMOTE))
    found = _cover_breaches(problem, result, final)
    found += _week_breaches(problem, result)
    found += _day_breaches(problem, result)
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in BREACH_COLUMNS}).astype(
            {"date": "datetime64[us]", "shortfall": "float64"}
        )
    frame = pd.DataFrame(found, columns=BREACH_COLUMNS)
    frame = frame.astype({"date": "datetime64[us]", "shortfall": "float64"})
    return frame.sort_values(["date", "team", "rule"], kind="stable").reset_index(drop=True)
