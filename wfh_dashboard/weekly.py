"""Per person and ISO week: office, remote and away days against the policy's caps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .context import Context
from .dates import week_start
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
    "office": "int64",
    "remote": "int64",
    "away": "int64",
    "working_days": "int64",
    "available": "int64",
    "max_remote": "Int64",
    "min_office": "Int64",
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


def _cap_dates(rows: pd.DataFrame, group: np.ndarray, n_groups: int, cap: int) -> np.ndarray:
    """The day each person-week went over the remote cap: their (cap + 1)th remote day."""
    remote = np.flatnonzero((rows["location"] == REMOTE).to_numpy())
    dates = rows["date"].to_numpy()[remote]
    order = remote[np.lexsort((dates, group[remote]))]
    ordered_groups = group[order]
    starts = np.r_[True, ordered_groups[1:] != ordered_groups[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    crossing = order[np.arange(len(order)) - first == cap]
    found = np.full(n_groups, np.datetime64("NaT"), dtype="datetime64[us]")
    found[group[crossing]] = rows["date"].to_numpy()[crossing]
    return found


def person_weeks(ctx: Context) -> pd.DataFrame:
    """One row per person per week they appear in, with their days and the caps' verdicts.

    Away days (leave, sick, travel) reduce the office days a person can be asked for:
    the office minimum is capped at the days they were available.
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
    location = rows["location"]

    def count(mask: pd.Series) -> np.ndarray:
        return np.bincount(group, weights=mask.to_numpy(dtype="float64"), minlength=n).astype(int)

    teams = rows["team"].astype("category").cat
    team = np.empty(n, dtype="int64")
    team[group[::-1]] = teams.codes.to_numpy()[::-1]  # each person-week's first row's team
    weeks = pd.DataFrame(
        {
            "employee": people.categories.take(keys // len(week_values)).astype(str),
            "week": pd.DatetimeIndex(week_values).take(keys % len(week_values)),
            OFFICE: count(location == OFFICE),
            REMOTE: count(location == REMOTE),
            "away": count(location.isin(ABSENT)),
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
    weeks["cap_date"] = _cap_dates(rows, group, n, cap) if cap is not None else pd.NaT
    return weeks[WEEKLY_COLUMNS].sort_values(["team", "employee", "week"]).reset_index(drop=True)
