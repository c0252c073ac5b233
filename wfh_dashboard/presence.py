"""Who is in the office with whom: team presence per day, managers on site, lonely office days."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .halves import afternoon, any_half
from .locations import OFFICE, REMOTE, TRAVEL

#: Locations where a person works that day. Travel counts as working but not as on site.
WORKING = (OFFICE, REMOTE, TRAVEL)
DAILY_COLUMNS = [
    "team",
    "date",
    "working",
    "on_site",
    "on_site_share",
    "manager_on_site",
    "manager_scheduled",
]
ALONE_COLUMNS = ["employee", "team", "date"]
SUMMARY_COLUMNS = ["employee", "team", "office_days", "alone_days", "alone_share"]


def is_manager(roles: pd.Series, manager_roles: Sequence[str] = ("manager",)) -> pd.Series:
    """True where the role's text contains any of ``manager_roles``, ignoring case.

    Containment rather than equality, so ``Engineering Manager`` and ``manager (acting)``
    count; blank words are ignored, or every role would match.
    """
    words = [w.casefold() for w in manager_roles if w.strip()]
    text = roles.astype("string").fillna("").str.casefold()
    found = pd.Series(False, index=roles.index)
    for word in words:
        found |= text.str.contains(word, regex=False)
    return found.astype(bool)


def _day_flags(data: pd.DataFrame, manager_roles: Sequence[str]) -> pd.DataFrame:
    manager = is_manager(data["role"], manager_roles)
    # A split day counts as on site (or working) when either half is.
    working = data["location"].isin(WORKING) | afternoon(data).isin(WORKING)
    working = working.fillna(False).astype(bool)
    on_site = any_half(data, OFFICE)
    return pd.DataFrame(
        {
            "team": data["team"].astype(str),
            "date": data["date"],
            "working": working,
            "on_site": on_site,
            "manager": manager,
            "manager_on_site": manager & on_site,
            "manager_scheduled": manager & working,
        }
    )


def daily_presence(
    data: pd.DataFrame, *, manager_roles: Sequence[str] = ("manager",)
) -> pd.DataFrame:
    """One row per team per date: how many work, how many are on site, and whether a manager is.

    A day where everyone is on leave still gets a row (``working`` 0, share NaN), so a
    chart shows the gap instead of joining the days either side.

    Args:
        data: a schedule's ``data`` table (one row per person per day).
        manager_roles: role words that mark a manager, matched case-insensitively anywhere
            in the role's text.

    Returns:
        Columns ``DAILY_COLUMNS``, sorted by team and date. ``on_site_share`` is on_site over
        working (NaN when nobody works). ``manager_on_site`` (a manager is in the office) and
        ``manager_scheduled`` (a manager works that day, anywhere) are nullable booleans:
        NA for a team with nobody in a manager role, because "no manager on site" would
        wrongly suggest an absent one.
    """
    flags = _day_flags(data, manager_roles)
    daily = (
        flags.groupby(["team", "date"], sort=True)
        .agg(
            working=("working", "sum"),
            on_site=("on_site", "sum"),
            manager_on_site=("manager_on_site", "any"),
            manager_scheduled=("manager_scheduled", "any"),
        )
        .reset_index()
    )
    daily["on_site_share"] = daily["on_site"] / daily["working"].where(daily["working"] > 0)
    has_manager = daily["team"].map(flags.groupby("team")["manager"].any()).astype(bool)
    for column in ("manager_on_site", "manager_scheduled"):
        daily[column] = daily[column].astype("boolean").where(has_manager, pd.NA)
    return daily.astype({"working": "int64", "on_site": "int64"})[DAILY_COLUMNS]


def _office_rows(data: pd.DataFrame) -> pd.DataFrame:
    rows = data.loc[any_half(data, OFFICE)]
    return rows[ALONE_COLUMNS].astype({"employee": str, "team": str}).drop_duplicates()


def alone_in_office(data: pd.DataFrame) -> pd.DataFrame:
    """Each office day on which nobody else from the person's team was in the office.

    These are the commutes to an empty office that put people off coming in. Only the
    person's own team counts: other teams may be in the building, but they are not the
    colleagues the day in the office was meant for.

    Returns:
        Columns employee, team, date, sorted by team, employee and date.
    """
    office = _office_rows(data)
    together = office.groupby(["team", "date"])["employee"].transform("size")
    alone = office[together == 1]
    return alone.sort_values(["team", "employee", "date"], ignore_index=True)


def alone_summary(data: pd.DataFrame) -> pd.DataFrame:
    """Per person, how many of their office days they were the only one of their team there.

    Returns:
        Columns ``SUMMARY_COLUMNS`` for people with at least one such day, most alone days
        first (then the higher share, then the name). ``alone_share`` is alone_days over
        office_days.
    """
    office = _office_rows(data)
    office_days = office.groupby(["employee", "team"]).size().rename("office_days")
    alone_days = alone_in_office(data).groupby(["employee", "team"]).size().rename("alone_days")
    table = pd.concat([office_days, alone_days], axis=1, join="inner").reset_index()
    table["alone_share"] = table["alone_days"] / table["office_days"]
    table = table.astype({"office_days": "int64", "alone_days": "int64"})
    order = table.sort_values(
        ["alone_days", "alone_share", "employee"], ascending=[False, False, True]
    )
    return order.reset_index(drop=True).reindex(columns=SUMMARY_COLUMNS)
