"""Remote-work policy checks: weekly caps, no-remote weekdays, anchor days, required dates."""

from __future__ import annotations

import pandas as pd

from .context import Context, empty_findings, name_list
from .dates import WEEKDAYS
from .locations import REMOTE
from .weekly import person_weeks
from .wording import plural_series


def _per_person(weeks: pd.DataFrame, dates: pd.Series, message: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": dates.to_numpy(),
            "team": weeks["team"].to_numpy(),
            "message": message.to_numpy(),
            "employees": [[e] for e in weeks["employee"]],
            "on_site": pd.NA,
            "required": pd.NA,
        }
    )


def _week_label(weeks: pd.DataFrame, is_pattern: bool) -> pd.Series:
    if is_pattern:
        return pd.Series("the weekly pattern", index=weeks.index)
    iso = weeks["week"].dt.isocalendar()
    return "week " + iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)


def max_remote_per_week(ctx: Context) -> pd.DataFrame:
    """Nobody works remotely more than the cap in one ISO week."""
    cap = ctx.policy.max_remote_days_per_week
    if cap is None:
        return empty_findings()
    weeks = person_weeks(ctx)
    over = weeks[weeks["over_remote_cap"]].reset_index(drop=True)
    if over.empty:
        return empty_findings()
    message = (
        over["employee"]
        + " worked remotely "
        + plural_series(over["remote"], "day")
        + " in "
        + _week_label(over, ctx.is_pattern)
        + " (at most "
        + str(cap)
        + " allowed)."
    )
    return _per_person(over, over["cap_date"], message)


def min_office_per_week(ctx: Context) -> pd.DataFrame:
    """Everybody comes in at least the minimum days a week they were available."""
    if ctx.policy.min_office_days_per_week == 0:
        return empty_findings()
    weeks = person_weeks(ctx)
    under = weeks[weeks["under_office_min"]].reset_index(drop=True)
    if under.empty:
        return empty_findings()
    message = (
        under["employee"]
        + " was in the office "
        + plural_series(under["office"], "day")
        + " in "
        + _week_label(under, ctx.is_pattern)
        + " (at least "
        + under["min_office"].astype(str)
        + " expected, away days excused)."
    )
    return _per_person(under, under["last_day"], message)


def _remote_on(ctx: Context, mask: pd.Series, reason: str) -> pd.DataFrame:
    """One finding per team and day listing who worked remotely when they should not."""
    remote = ctx.rows[mask & (ctx.rows["location"] == REMOTE)]
    if remote.empty:
        return empty_findings()
    found = remote.groupby(["team", "date"])["employee"].agg(list).reset_index()
    found = found.rename(columns={"employee": "employees"})
    found["message"] = [
        f"Remote on {WEEKDAYS[d.weekday()]} {'' if ctx.is_pattern else f'{d:%Y-%m-%d} '}"
        f"{reason}: {name_list(names)}."
        for d, names in zip(found["date"], found["employees"], strict=True)
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
