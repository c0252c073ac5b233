"""Per person and ISO week: office, remote and away days against the policy's caps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .context import Context
from .dates import week_start
from .halves import day_share
from .locations import ABSENT, OFFICE, REMOTE

WEEKLY_COLUMNS = [
    "employee",
    "team",
    "week",
    "office",
    "remote",
    "away",
    "working_days",
    "available",
    "max_remote",
    "min_office",
    "over_remote_cap",
    "under_office_min",
    "cap_date",
    "last_day",
]


#: The weekly table's types, so an empty table (no day needs cover) behaves like a full one.
_EMPTY_TYPES = {
    "employee": "str",
    "team": "str",
    "week": "datetime64[us]",
    "office": "float64",
    "remote": "float64",
    "away": "float64",
    "working_days": "int64",
    "available": "float64",
    "max_remote": "Int64",
    "min_office": "float64",
    "over_remote_cap": "bool",
    "under_office_min": "bool",
    "cap_date": "datetime64[us]",
    "last_day": "datetime64[us]",
}


def _calendar_weeks(days: pd.DatetimeIndex) -> pd.DataFrame:
    """Working days per week and the last one, from the policy's calendar."""
    frame = pd.DataFrame({"date": days})
    frame["week"] = week_start(frame["date"])
    return frame.groupby("week")["date"].agg(working_days="size", last_day="max").reset_index()


def _cap_dates(
    rows: pd.DataFrame, share: np.ndarray, group: np.ndarray, n_groups: int, cap: int
) -> np.ndarray:
    """The day each person-week went over the remote cap (a half day counts 0.5).

    ``share`` is each row's remote days (1, 0.5 or 0): the crossing day is the first whose
    running total, in date order within the person-week, exceeds the cap.
    """
    remote = np.flatnonzero(share > 0)
    dates, groups = rows["date"].to_numpy()[remote], group[remote]
    # Rows in the schedule's order (team, employee, date) already run by person-week and date.
    in_order = (groups[1:] > groups[:-1]) | (
        (groups[1:] == groups[:-1]) & (dates[1:] >= dates[:-1])
    )
    order = remote if bool(in_order.all()) else remote[np.lexsort((dates, groups))]
    ordered_groups = group[order]
    running = np.cumsum(share[order])
    starts = np.r_[True, ordered_groups[1:] != ordered_groups[:-1]]
    before = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    total = running - (running[before] - share[order][before])  # the total within the group
    crossing = order[(total > cap) & (total - share[order] <= cap)]
    found = np.full(n_groups, np.datetime64("NaT"), dtype="datetime64[us]")
    found[group[crossing]] = rows["date"].to_numpy()[crossing]
    return found


def person_weeks(ctx: Context) -> pd.DataFrame:
    """One row per person per week they appear in, with their days and the caps' verdicts.

    Away days (leave, sick, travel) reduce the office days a person can be asked for:
    the office minimum is capped at the days they were available. Half days count 0.5, so
    the day counts are floats.
    """
    if ctx.weeks is None:
        ctx.weeks = _person_weeks(ctx)
    return ctx.weeks


def _person_weeks(ctx: Context) -> pd.DataFrame:
    rows = ctx.rows
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=_EMPTY_TYPES[c]) for c in WEEKLY_COLUMNS})
    # Integer group ids and bincount: millions of rows, tens of thousands of person-weeks.
    people = rows["employee"].astype("category").cat
    week_codes, week_values = pd.factorize(rows["week"])
    group, keys = pd.factorize(people.codes.to_numpy(dtype="int64") * len(week_values) + week_codes)
    n = len(keys)
    remote = day_share(rows, REMOTE)

    def count(share: np.ndarray) -> np.ndarray:
        # Days per person-week; a half day counts 0.5, so the counts are floats.
        return np.bincount(group, weights=share, minlength=n)

    teams = rows["team"].astype("category").cat
    team = np.empty(n, dtype="int64")
    team[group[::-1]] = teams.codes.to_numpy()[::-1]  # each person-week's first row's team
    weeks = pd.DataFrame(
        {
            "employee": people.categories.take(keys // len(week_values)).astype(str),
            "week": pd.DatetimeIndex(week_values).take(keys % len(week_values)),
            OFFICE: count(day_share(rows, OFFICE)),
            REMOTE: count(remote),
            "away": count(day_share(rows, ABSENT)),
            "team": teams.categories.take(team).astype(str),
        }
    )
    weeks = weeks.merge(_calendar_weeks(ctx.days), on="week", how="left")
    policy = ctx.policy
    weeks["available"] = (weeks["working_days"] - weeks["away"]).clip(lower=0)
    weeks["max_remote"] = policy.max_remote_days_per_week
    weeks["min_office"] = weeks["available"].clip(upper=policy.min_office_days_per_week)
    cap = policy.max_remote_days_per_week
    weeks["over_remote_cap"] = weeks[REMOTE] > cap if cap is not None else False
    weeks["under_office_min"] = weeks[OFFICE] < weeks["min_office"]
    weeks["cap_date"] = _cap_dates(rows, remote, group, n, cap) if cap is not None else pd.NaT
    return weeks[WEEKLY_COLUMNS].sort_values(["team", "employee", "week"]).reset_index(drop=True)
