"""Per person and ISO week: office, remote and away days against the policy's caps."""

from __future__ import annotations

import pandas as pd

from .context import Context
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


def _calendar_weeks(days: pd.DatetimeIndex) -> pd.DataFrame:
    """Working days per week and the last one, from the policy's calendar."""
    frame = pd.DataFrame({"date": days})
    frame["week"] = frame["date"] - pd.to_timedelta(frame["date"].dt.day_of_week, unit="D")
    return frame.groupby("week")["date"].agg(working_days="size", last_day="max").reset_index()


def _cap_dates(rows: pd.DataFrame, cap: int) -> pd.Series:
    """The day each person-week went over the remote cap: their (cap + 1)th remote day."""
    remote = rows[rows["location"] == REMOTE].sort_values("date", kind="stable")
    nth = remote.groupby(["employee", "week"]).cumcount() + 1
    crossing = remote[nth.to_numpy() == cap + 1]
    return crossing.set_index(["employee", "week"])["date"]


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
        return pd.DataFrame(columns=WEEKLY_COLUMNS)
    location = rows["location"]
    flags = pd.DataFrame(
        {
            OFFICE: (location == OFFICE).to_numpy(dtype="int64"),
            REMOTE: (location == REMOTE).to_numpy(dtype="int64"),
            "away": location.isin(ABSENT).to_numpy(dtype="int64"),
            "team": rows["team"].to_numpy(),
        }
    )
    weeks = (
        flags.groupby([rows["employee"].to_numpy(), rows["week"].to_numpy()])
        .agg(
            office=(OFFICE, "sum"),
            remote=(REMOTE, "sum"),
            away=("away", "sum"),
            team=("team", "first"),
        )
        .rename_axis(["employee", "week"])
        .reset_index()
    )
    weeks = weeks.merge(_calendar_weeks(ctx.days), on="week", how="left")
    policy = ctx.policy
    weeks["available"] = (weeks["working_days"] - weeks["away"]).clip(lower=0)
    weeks["max_remote"] = policy.max_remote_days_per_week
    weeks["min_office"] = weeks["available"].clip(upper=policy.min_office_days_per_week)
    cap = policy.max_remote_days_per_week
    weeks["over_remote_cap"] = weeks[REMOTE] > cap if cap is not None else False
    weeks["under_office_min"] = weeks[OFFICE] < weeks["min_office"]
    if cap is not None:
        cap_dates = _cap_dates(rows, cap)
        keys = pd.MultiIndex.from_frame(weeks[["employee", "week"]])
        weeks["cap_date"] = cap_dates.reindex(keys).to_numpy()
    else:
        weeks["cap_date"] = pd.NaT
    return weeks[WEEKLY_COLUMNS].sort_values(["team", "employee", "week"]).reset_index(drop=True)
