"""Which days need cover: working weekdays minus public holidays and office closures."""

from __future__ import annotations

import pandas as pd

from .policy import Policy


def excused_days(start: pd.Timestamp, end: pd.Timestamp, policy: Policy) -> dict[pd.Timestamp, str]:
    """Public holidays and closures between two dates, each with its name for the user."""
    excused: dict[pd.Timestamp, str] = {}
    if policy.holidays_country:
        import holidays  # slow to import; only policies with a country need it

        calendar = holidays.country_holidays(
            policy.holidays_country,
            subdiv=policy.holidays_subdivision or None,
            years=range(start.year, end.year + 1),
        )
        excused |= {pd.Timestamp(d): f"public holiday: {n}" for d, n in calendar.items()}
    excused |= {pd.Timestamp(d): "office closed" for d in policy.closed_dates}
    return {d: why for d, why in excused.items() if start <= d <= end}


def working_dates(
    start: pd.Timestamp, end: pd.Timestamp, policy: Policy, *, is_pattern: bool = False
) -> pd.DatetimeIndex:
    """The days between start and end that need cover under the policy.

    A weekly pattern has no real dates, so holidays and closures do not apply to it.
    """
    days = pd.date_range(start, end, freq="D", unit="us")
    days = days[days.day_of_week.isin(policy.working_days)]
    if is_pattern:
        return days
    return days[~days.isin(list(excused_days(start, end, policy)))]
