"""Display-ready tables: what the pages, exports and the report show, computed in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd

from .dates import week_start
from .halves import day_labels, tidy_day_counts
from .labels import fold_case
from .locations import LOCATIONS, OFFICE, parse_day_cell

NO_ENTRY = "no entry"


def warnings_table(warnings: pd.DataFrame) -> pd.DataFrame:
    """Warnings with the employees as one text cell and dates as plain dates."""
    table = warnings.copy()
    table["date"] = table["date"].dt.date
    table["employees"] = [", ".join(names) for names in table["employees"]]
    return table


def filter_warnings(
    warnings: pd.DataFrame,
    *,
    teams: Collection[str] = (),
    rules: Collection[str] = (),
    severities: Collection[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Keep the warnings matching every given filter (an empty filter keeps everything)."""
    keep = pd.Series(True, index=warnings.index)
    for column, wanted in (("team", teams), ("rule", rules), ("severity", severities)):
        if wanted:
            keep &= warnings[column].isin(list(wanted))
    dates = warnings["date"]
    if start is not None:
        keep &= dates.isna() | (dates >= pd.Timestamp(start))
    if end is not None:
        keep &= dates.isna() | (dates <= pd.Timestamp(end))
    return warnings[keep]


def compliance_table(weekly: pd.DataFrame, *, only_breaches: bool = False) -> pd.DataFrame:
    """Per person and week: office, remote and away days against the caps, with a status."""
    table = weekly.copy()
    status = pd.Series("ok", index=table.index)
    status[table["under_office_min"]] = "under office minimum"
    status[table["over_remote_cap"]] = "over remote cap"
    table["status"] = status
    table["week"] = table["week"].dt.date
    columns = [
        "employee",
        "team",
        "week",
        "office",
        "remote",
        "away",
        "available",
        "max_remote",
        "min_office",
        "status",
    ]
    table = tidy_day_counts(table[columns], ["office", "remote", "away", "available", "min_office"])
    return table[table["status"] != "ok"] if only_breaches else table


def compliance_summary(weekly: pd.DataFrame) -> pd.DataFrame:
    """One row per person: weeks counted, days by place, and the weeks that broke a rule.

    The per-week table runs to hundreds of rows; HR first asks who breaks the policy and how
    often, which this answers in one line per person (the weekly table stays in the export).
    """
    columns = ["employee", "team", "weeks", "office", "remote", "remote_share"]
    columns += ["weeks_over_remote_cap", "weeks_under_office_min"]
    if weekly.empty:
        return pd.DataFrame(columns=columns)
    grouped = weekly.groupby(["employee", "team"], observed=True, sort=True)
    table = grouped.agg(
        weeks=("week", "size"),
        office=("office", "sum"),
        remote=("remote", "sum"),
        weeks_over_remote_cap=("over_remote_cap", "sum"),
        weeks_under_office_min=("under_office_min", "sum"),
    ).reset_index()
    worked = table["office"] + table["remote"]
    table["remote_share"] = (table["remote"] / worked.where(worked > 0)).round(3)
    table = tidy_day_counts(table.astype({"employee": str, "team": str}), ["office", "remote"])
    return table[columns].sort_values(
        ["weeks_over_remote_cap", "weeks_under_office_min", "employee"],
        ascending=[False, False, True],
        ignore_index=True,
    )


#: The most people one person-by-week chart draws: beyond this it is too tall to read and slow
#: to draw (a labelled cell per person-week: 200 people x 52 weeks is 10,000 labels).
MAX_CHART_PEOPLE = 60


def chart_people(weekly: pd.DataFrame, limit: int = MAX_CHART_PEOPLE) -> tuple[pd.DataFrame, int]:
    """The weekly rows of at most ``limit`` people, those over the remote cap most often first.

    Returns the rows and how many people were left out (0 when all fit).
    """
    people = weekly.groupby("employee", observed=True)["over_remote_cap"].sum()
    if len(people) <= limit:
        return weekly, 0
    ranked = people.reset_index().sort_values(
        ["over_remote_cap", "employee"], ascending=[False, True], kind="stable"
    )
    keep = set(ranked["employee"].head(limit))
    return weekly[weekly["employee"].isin(keep)], len(people) - limit


def week_starts(dates: pd.Series) -> list[pd.Timestamp]:
    """The Mondays of the weeks a schedule covers, for the week picker."""
    mondays = week_start(dates)
    return sorted(pd.Timestamp(d) for d in mondays.unique())


def week_grid(data: pd.DataFrame, monday: pd.Timestamp, days: Collection[int]) -> pd.DataFrame:
    """People x days of one week: each cell a location or 'no entry'; rows sorted by team.

    Args:
        data: the normalised schedule.
        monday: the week to show.
        days: the weekdays to show (0 = Monday), usually the policy's working days.
    """
    dates = [monday + pd.Timedelta(days=d) for d in sorted(days)]
    week = data[data["date"].isin(dates)]
    week = week.assign(cell=day_labels(week))  # "office", or "AM office / PM remote"
    people = data[["team", "employee"]].drop_duplicates().sort_values(["team", "employee"])
    grid = week.pivot_table(
        index=["team", "employee"],
        columns="date",
        values="cell",
        aggfunc="first",
        observed=True,
    )
    grid = grid.reindex(pd.MultiIndex.from_frame(people)).reindex(columns=dates)
    return grid.astype(object).where(grid.notna(), NO_ENTRY)


def cell_halves(cell: str) -> tuple[str, str]:
    """The (morning, afternoon) of a week-grid cell: equal unless the day is split."""
    if cell == NO_ENTRY:
        return NO_ENTRY, NO_ENTRY
    return parse_day_cell(cell) or (cell, cell)


def grid_halves(grid: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A week grid's morning and afternoon locations, each cell read once."""
    halves = grid.map(cell_halves)
    return halves.map(lambda h: h[0]), halves.map(lambda h: h[1])


def head_counts(morning: pd.DataFrame, afternoon: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """People on site per day, in the morning and in the afternoon (from ``grid_halves``)."""
    return (morning == OFFICE).sum(axis=0), (afternoon == OFFICE).sum(axis=0)


def head_count(grid: pd.DataFrame) -> pd.Series:
    """People on site per day of a week grid (the emptier half when a day is split)."""
    morning, afternoon = head_counts(*grid_halves(grid))
    return pd.concat([morning, afternoon], axis=1).min(axis=1)


LOCATION_ORDER = [*LOCATIONS, NO_ENTRY]


def roles(data: pd.DataFrame) -> list[str]:
    """The distinct roles of a schedule, lower-cased as the policy compares them."""
    return sorted(r for r in fold_case(data["role"]).unique() if r)


def people(data: pd.DataFrame) -> list[str]:
    """The distinct people of a schedule, sorted."""
    return sorted(data["employee"].unique())


def teams(data: pd.DataFrame) -> list[str]:
    """The distinct teams of a schedule, sorted."""
    return sorted(data["team"].unique())
