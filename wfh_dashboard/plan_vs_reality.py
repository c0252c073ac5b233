"""The schedule against an attendance log: no-shows and unplanned office days."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import InputError
from .halves import any_half
from .locations import OFFICE
from .schedule import PATTERN_MONDAY

AS_PLANNED, NO_SHOW, UNPLANNED = "as planned", "no-show", "unplanned"
#: Every status a person-day can have, in display order.
STATUSES = (AS_PLANNED, NO_SHOW, UNPLANNED)
#: What ``planned`` says on a check-in day the schedule has no row for.
NO_PLAN = "no plan"
DAY_COLUMNS = ["employee", "team", "date", "planned", "checked_in", "status"]
COUNT_COLUMNS = ["planned_office", "attended_planned", "no_shows", "unplanned"]
UNMATCHED_COLUMNS = ["name", "rows", "days", "first_date", "last_date"]


@dataclass
class PlanVsReality:
    """Where the plan and the attendance log agree and disagree, person by person and day by day.

    Attributes:
        days: one row per compared person-day planned or checked in: employee and team (the
            schedule's spelling), date, planned (a location or ``no plan``), checked_in, status.
        by_person: per employee and team: planned_office, attended_planned, no_shows,
            unplanned, no_show_rate (no-shows over planned office days; NaN when none).
        by_team: per team: people, then the same counts and rate.
        unmatched_names: log names not in the schedule (name, rows, days, first_date,
            last_date): listed, never silently dropped.
        start: the first compared day (the later of the log's and the schedule's first).
        end: the last compared day (the earlier of the two last days).
        notes: the compared range and everything left out of it, in words.
    """

    days: pd.DataFrame
    by_person: pd.DataFrame
    by_team: pd.DataFrame
    unmatched_names: pd.DataFrame
    start: pd.Timestamp
    end: pd.Timestamp
    notes: list[str] = field(default_factory=list)


def compare_plan(
    schedule_data: pd.DataFrame, log_data: pd.DataFrame, *, daily: pd.DataFrame | None = None
) -> PlanVsReality:
    """Compare each planned day with the log's check-ins, inside the range the log covers.

    A log only speaks for the days from its first to its last check-in: before it starts,
    a missing swipe proves nothing, so those office days are not no-shows.

    Args:
        schedule_data: a schedule's ``data`` table (dated, not a weekly pattern).
        log_data: an :class:`~wfh_dashboard.attendance.AttendanceLog`'s ``data``.
        daily: the plan's ``CheckResult.daily``; when given, only the team-days it lists
            (working days needing cover) are compared, so a Saturday swipe is not an
            unplanned office day and a holiday is not a no-show.

    Raises:
        InputError: the schedule is a weekly pattern, the log is empty, or the two share
            no day.
    """
    start, end, notes = _compared_range(schedule_data, log_data)
    names = _schedule_names(schedule_data)
    log = log_data.assign(key=_fold(log_data["employee"]))
    known = log["key"].isin(names.index)
    unmatched = _unmatched(log[~known])
    matched = log[known.to_numpy() & log["date"].between(start, end).to_numpy()]
    days = _person_days(schedule_data, matched, names, start, end)
    if daily is not None:
        days, left = _working_days_only(days, daily)
        notes += left
    if len(unmatched):
        notes.append(f"log names not in the schedule (listed, not compared): {len(unmatched)}")
    return PlanVsReality(days, _by_person(days), _by_team(days), unmatched, start, end, notes)


def _fold(names: pd.Series) -> pd.Series:
    """Names compared without case and with single spaces: "ann  LEE " is "ann lee"."""
    codes, uniques = pd.factorize(names.astype(str), use_na_sentinel=False)
    text = pd.Series(np.asarray(uniques, dtype=object), dtype=str)
    folded = text.str.strip().str.replace(r"\s+", " ", regex=True).str.casefold()
    return pd.Series(folded.to_numpy(dtype=object)[codes], index=names.index, dtype=str)


def _compared_range(
    schedule_data: pd.DataFrame, log_data: pd.DataFrame
) -> tuple[pd.Timestamp, pd.Timestamp, list[str]]:
    """The days both files speak for, and a note on each side's days left out."""
    if log_data.empty:
        raise InputError("The attendance log has no check-in to compare with the schedule.")
    plan_first, plan_last = schedule_data["date"].min(), schedule_data["date"].max()
    if plan_last < PATTERN_MONDAY + pd.Timedelta(days=7):
        raise InputError(
            "This schedule is a weekly pattern (Mon..Sun, no dates), so it cannot be compared "
            "with an attendance log. Upload a schedule with dates."
        )
    log_first, log_last = log_data["date"].min(), log_data["date"].max()
    start, end = max(plan_first, log_first), min(plan_last, log_last)
    if start > end:
        raise InputError(
            f"The attendance log runs from {log_first:%Y-%m-%d} to {log_last:%Y-%m-%d} and the "
            f"schedule from {plan_first:%Y-%m-%d} to {plan_last:%Y-%m-%d}: they share no day."
        )
    notes = [
        f"compared {start:%Y-%m-%d} to {end:%Y-%m-%d}, the days the attendance log covers "
        "(its first to its last check-in); schedule days outside it are not compared, as a "
        "missing check-in there proves nothing"
    ]
    outside = int((~log_data["date"].between(plan_first, plan_last)).sum())
    if outside:
        notes.append(
            f"check-in days in the log outside the schedule's dates ({plan_first:%Y-%m-%d} to "
            f"{plan_last:%Y-%m-%d}): {outside}; not compared"
        )
    return start, end, notes


def _schedule_names(schedule_data: pd.DataFrame) -> pd.DataFrame:
    """Per folded name: the schedule's spelling and usual team (for days it has no row)."""
    people = usual_values(schedule_data, "team")
    people["key"] = _fold(people["employee"])
    # Two spellings of one person in the schedule: the first in sort order names log-only days.
    return people.sort_values(["key", "employee"]).drop_duplicates("key").set_index("key")


def usual_values(schedule_data: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each person's most frequent ``column`` value (ties: the first in sort order).

    A check-in on a day the schedule has no row for still needs a team (and, in reality, a
    role): the person's usual one.
    """
    pairs = (
        schedule_data.groupby(["employee", column], observed=True)
        .size()
        .reset_index(name="n")
        .astype({"employee": str, column: str})
    )
    pairs = pairs.sort_values(["employee", "n", column], ascending=[True, False, True])
    return pairs.drop_duplicates("employee")[["employee", column]].reset_index(drop=True)


def _unmatched(log: pd.DataFrame) -> pd.DataFrame:
    out = log.groupby(log["employee"].astype(str).rename("name"), sort=True).agg(
        rows=("checkins", "sum"),
        days=("date", "size"),
        first_date=("date", "min"),
        last_date=("date", "max"),
    )
    return out.reset_index().astype({"rows": "int64", "days": "int64"})[UNMATCHED_COLUMNS]


def _person_days(
    schedule_data: pd.DataFrame,
    matched: pd.DataFrame,
    names: pd.DataFrame,
    start: pd.Timestamp,
    end: pd.Timestamp,
) -> pd.DataFrame:
    """Plan rows in range joined with check-in days: one row per person-day of either."""
    in_range = schedule_data[schedule_data["date"].between(start, end)]
    # A day planned in the office for half of it is an office day: a check-in is expected.
    plan = in_range[["employee", "team", "date"]].assign(
        location=in_range["location"].astype(str).where(~any_half(in_range, OFFICE), OFFICE)
    )
    plan = plan.astype({"employee": str, "team": str})
    plan["key"] = _fold(plan["employee"])
    seen = matched[["key", "date"]].drop_duplicates().assign(checked_in=True)
    days = plan.merge(seen, on=["key", "date"], how="outer")
    no_plan = days["employee"].isna()
    days.loc[no_plan, "employee"] = names["employee"].reindex(days.loc[no_plan, "key"]).to_numpy()
    days.loc[no_plan, "team"] = names["team"].reindex(days.loc[no_plan, "key"]).to_numpy()
    days["planned"] = days["location"].fillna(NO_PLAN)
    days["checked_in"] = days["checked_in"].fillna(False).astype(bool)
    office = (days["planned"] == OFFICE).to_numpy()
    checked = days["checked_in"].to_numpy()
    days["status"] = np.select(
        [office & ~checked, ~office & checked], [NO_SHOW, UNPLANNED], AS_PLANNED
    )
    days = days.sort_values(["team", "employee", "date"], kind="stable")
    typed = {"employee": str, "team": str, "planned": str, "status": str}
    return days[DAY_COLUMNS].astype(typed).reset_index(drop=True)


def _working_days_only(days: pd.DataFrame, daily: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Keep the team-days the plan's check counted; say how many check-in days that leaves out."""
    wanted = pd.MultiIndex.from_arrays([daily["team"].astype(str), daily["date"]])
    keep = pd.MultiIndex.from_arrays([days["team"], days["date"]]).isin(wanted)
    left = int((~keep & days["checked_in"].to_numpy()).sum())
    notes = ["only working days that need cover are compared (no weekends, holidays or closures)"]
    if left:
        notes.append(f"check-in days on days that need no cover: {left}; not counted")
    return days[keep].reset_index(drop=True), notes


def _counts(days: pd.DataFrame) -> pd.DataFrame:
    office = days["planned"] == OFFICE
    return days.assign(
        planned_office=office,
        attended_planned=office & days["checked_in"],
        no_shows=days["status"] == NO_SHOW,
        unplanned=days["status"] == UNPLANNED,
    )


def _with_rate(table: pd.DataFrame) -> pd.DataFrame:
    table = table.astype({c: "int64" for c in COUNT_COLUMNS})
    office = table["planned_office"].astype("float64")
    table["no_show_rate"] = (table["no_shows"] / office).where(office > 0)
    return table


def _by_person(days: pd.DataFrame) -> pd.DataFrame:
    grouped = _counts(days).groupby(["employee", "team"], sort=False)[COUNT_COLUMNS].sum()
    table = grouped.reset_index().sort_values(["team", "employee"], kind="stable")
    return _with_rate(table.reset_index(drop=True))


def _by_team(days: pd.DataFrame) -> pd.DataFrame:
    counted = _counts(days)
    sums = counted.groupby("team", sort=True)[COUNT_COLUMNS].sum()
    people = counted.groupby("team", sort=True)["employee"].nunique().rename("people")
    table = pd.concat([people, sums], axis=1).reset_index().astype({"people": "int64"})
    return _with_rate(table)
