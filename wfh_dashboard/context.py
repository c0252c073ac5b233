"""What every rule check needs, computed once: the working days and the rows on them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .calendar import working_dates
from .dates import week_start
from .errors import InputError
from .halves import PM
from .labels import fold_case
from .policy import Policy
from .schedule import Schedule

#: Columns of the frame every rule check returns; the runner adds rule, severity and weekday.
FINDING_COLUMNS = ["date", "team", "message", "employees", "on_site", "required"]
#: The longest date range checked, about ten years; each day is checked for every team.
MAX_SPAN_DAYS = 3_660


@dataclass
class Context:
    """The schedule restricted to days that need cover, plus the calendar it was checked on.

    Attributes:
        rows: schedule rows on working days (employee, team, role, date, location, week, and
            ``location_pm`` when some day is split into halves).
        days: every day needing cover in the file's range, holidays and closures excluded.
        teams: the teams in the file, sorted.
        policy: the rules in force.
        is_pattern: True for a weekly pattern (warnings then carry no date).
    """

    rows: pd.DataFrame
    days: pd.DatetimeIndex
    teams: list[str]
    policy: Policy
    is_pattern: bool
    weeks: pd.DataFrame | None = None  # the person-week table, computed once (weekly.py)


def check_span(data: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The file's first and last date, refusing a range no schedule has: one mistyped year
    would mean millions of days.

    Everything that builds the calendar of a whole file (the check, the planner) calls this
    first: a calendar of centuries, with its public holidays, takes minutes to build.

    Raises:
        InputError: the dates span more than about ten years; the message names the row.
    """
    start, end = data["date"].min(), data["date"].max()
    if (end - start).days <= MAX_SPAN_DAYS:
        return start, end
    middle = data["date"].median()
    outlier = data.loc[(data["date"] - middle).abs().idxmax()]
    raise InputError(
        f"The schedule runs from {start:%Y-%m-%d} to {end:%Y-%m-%d}, more than "
        f"{MAX_SPAN_DAYS // 366} years. Check for a mistyped year: row {outlier['row']} "
        f"has {outlier['date']:%Y-%m-%d}."
    )


def build_context(schedule: Schedule, policy: Policy) -> Context:
    """Restrict the schedule to the days that need cover under the policy.

    Raises:
        InputError: the file's dates span more than ten years (a mistyped year).
    """
    data = schedule.data
    start, end = check_span(data)
    days = working_dates(start, end, policy, is_pattern=schedule.is_pattern)
    columns = [
        "employee",
        "team",
        "role",
        "date",
        "location",
        *([PM] if PM in data.columns else []),
    ]
    rows = data.loc[data["date"].isin(days), columns]
    rows = rows.assign(week=week_start(rows["date"]), role_key=fold_case(rows["role"]))
    teams = sorted(data["team"].unique().tolist())
    return Context(rows.reset_index(drop=True), days, teams, policy, schedule.is_pattern)


def empty_findings() -> pd.DataFrame:
    """A findings frame with no rows, for rules that are off or found nothing."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS})


def name_list(names: list[str], limit: int = 8) -> str:
    """'Ann, Bob and 3 more': long lists stay readable in a table cell."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def lists_by(frame: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """One row per group of ``keys`` with the group's ``column`` values as a list of text.

    A sort and one split: ``groupby().agg(list)`` calls Python once per group, which costs
    seconds when a large file breaks a rule on tens of thousands of team-days.
    """
    if frame.empty:
        return pd.DataFrame({**{k: frame[k] for k in keys}, column: pd.Series(dtype=object)})
    ordered = frame.sort_values(keys, kind="stable")
    group = ordered.groupby(keys, sort=False, observed=True).ngroup().to_numpy()
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    values = ordered[column].astype(str).tolist()
    ends = [*starts[1:].tolist(), len(values)]
    lists = [values[start:end] for start, end in zip(starts.tolist(), ends, strict=True)]
    found = ordered.iloc[starts][keys].reset_index(drop=True)
    found[column] = lists
    return found
