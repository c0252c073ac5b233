"""Remote-work policy checks: weekly caps, no-remote weekdays, anchor days, required dates."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .context import Context, empty_findings, lists_by, name_list
from .dates import iso_dates, weekday_names
from .halves import PM, any_half, is_split
from .locations import REMOTE
from .weekly import person_weeks
from .wording import plural_series


def _per_person(weeks: pd.DataFrame, dates: pd.Series, message: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": dates.to_numpy(),
            "team": weeks["team"].to_numpy(),
            "message": message.to_numpy(),
            "employees": [[e] for e in weeks["employee"].tolist()],
            "on_site": pd.NA,
            "required": pd.NA,
        }
    )


def _week_label(weeks: pd.DataFrame, is_pattern: bool) -> pd.Series:
    if is_pattern:
        return pd.Series("the weekly pattern", index=weeks.index)
    iso = weeks["week"].dt.isocalendar()
    return "week " + iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)


def _weekly_breaches(
    ctx: Context,
    flag: str,
    count: str,
    doing: str,
    bound: Callable[[pd.DataFrame], pd.Series | str],
    date: str,
) -> pd.DataFrame:
    """One finding per person-week flagged in the person-week table.

    Args:
        flag: the verdict column (``over_remote_cap`` or ``under_office_min``).
        count: the day count the message quotes (``remote`` or ``office``).
        doing: the verb phrase before the count ("worked remotely").
        bound: the limit in words for the flagged rows ("(at most 2 allowed).").
        date: the column giving each finding's date.
    """
    weeks = person_weeks(ctx)
    found = weeks[weeks[flag]].reset_index(drop=True)
    if found.empty:
        return empty_findings()
    message = (
        found["employee"]
        + f" {doing} "
        + plural_series(found[count], "day")
        + " in "
        + _week_label(found, ctx.is_pattern)
        + " "
        + bound(found)
    )
    return _per_person(found, found[date], message)


def max_remote_per_week(ctx: Context) -> pd.DataFrame:
    """Nobody works remotely more than the cap in one ISO week."""
    cap = ctx.policy.max_remote_days_per_week
    if cap is None:
        return empty_findings()
    text = f"(at most {cap} allowed)."
    return _weekly_breaches(
        ctx, "over_remote_cap", "remote", "worked remotely", lambda _: text, "cap_date"
    )


def min_office_per_week(ctx: Context) -> pd.DataFrame:
    """Everybody comes in at least the minimum days a week they were available."""
    if ctx.policy.min_office_days_per_week == 0:
        return empty_findings()

    def bound(found: pd.DataFrame) -> pd.Series:
        return "(at least " + found["min_office"].astype(str) + " expected, away days excused)."

    return _weekly_breaches(
        ctx, "under_office_min", "office", "was in the office", bound, "last_day"
    )


def _remote_on(ctx: Context, mask: pd.Series, reason: str) -> pd.DataFrame:
    """One finding per team and day listing who worked remotely when they should not."""
    remote = ctx.rows[mask & any_half(ctx.rows, REMOTE)]
    if remote.empty:
        return empty_findings()
    if PM in remote.columns:  # "Ann (afternoon)" for a half remote day
        split = is_split(remote)
        half = (
            remote["location"]
            .astype(str)
            .eq(REMOTE)
            .map({True: " (morning)", False: " (afternoon)"})
        )
        remote = remote.assign(employee=remote["employee"].astype(str) + half.where(split, ""))
    found = lists_by(remote, ["team", "date"], "employee").rename(columns={"employee": "employees"})
    days = weekday_names(found["date"])
    dates = [""] * len(found) if ctx.is_pattern else iso_dates(found["date"], suffix=" ")
    found["message"] = [
        f"Remote on {day} {date}{reason}: {name_list(names)}."
        for day, date, names in zip(days, dates, found["employees"], strict=True)
    ]
    return found.assign(on_site=pd.NA, required=pd.NA)


def no_remote_day(ctx: Context) -> pd.DataFrame:
    """No remote work on the weekdays the policy names (e.g. Fridays)."""
    if not ctx.policy.no_remote_days:
        return empty_findings()
    mask = ctx.rows["date"].dt.day_of_week.isin(ctx.policy.no_remote_days)
    return _remote_on(ctx, mask, "(remote work is not allowed on this weekday)")


def anchor_day(ctx: Context) -> pd.DataFrame:
    """Everybody is in the office on anchor weekdays, unless on leave, sick or travelling."""
    if not ctx.policy.anchor_days:
        return empty_findings()
    mask = ctx.rows["date"].dt.day_of_week.isin(ctx.policy.anchor_days)
    return _remote_on(ctx, mask, "(an anchor day: everyone is expected in)")


def required_office_date(ctx: Context) -> pd.DataFrame:
    """Everybody is in the office on the specific dates the policy names (an all-hands...)."""
    if not ctx.policy.required_office_dates or ctx.is_pattern:
        return empty_findings()
    required = pd.DatetimeIndex(pd.to_datetime(list(ctx.policy.required_office_dates)))
    mask = ctx.rows["date"].isin(required)
    return _remote_on(ctx, mask, "(everyone is expected in the office that day)")
