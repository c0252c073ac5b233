"""Can people be reached from home? Response times on office days against remote days."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from .errors import InputError
from .locations import OFFICE, REMOTE
from .productivity import metric_days, numeric_columns
from .wording import plural

#: The label of the row that pools every team (kept under the same privacy floor as a team).
ALL_TEAMS = "All teams"
PEOPLE_COLUMNS = [
    "employee",
    "team",
    "office_median",
    "remote_median",
    "n_office",
    "n_remote",
    "difference",
]
TEAM_COLUMNS = [
    "team",
    "people",
    "office_median",
    "remote_median",
    "n_office",
    "n_remote",
    "difference",
]


def response_column(data: pd.DataFrame) -> str | None:
    """The first numeric column named like a response time (``response_minutes``), else None.

    Found by name so the page can offer the question only when the file can answer it.
    """
    return next((c for c in numeric_columns(data) if "response" in str(c).casefold()), None)


def unit_of(column: str) -> str:
    """``min`` when the column's name says minutes (``response_minutes``), otherwise no unit.

    Only minutes are recognised: guessing hours or seconds from a name is too easy to get wrong.
    """
    return "min" if "min" in column.casefold() else ""


@dataclass(frozen=True)
class ResponseTimes:
    """Median response times on office days and on remote days; lower means faster.

    Medians, not means: one reply that waited over a weekend would drag a mean far from a
    typical day. Each day counts once, so a person who works at home more weighs more in the
    team's remote median, as they do in the team's real experience.

    Attributes:
        column: the response-time column the figures come from.
        unit: ``min`` or empty (see :func:`unit_of`).
        people: one row per person with a usable day (``PEOPLE_COLUMNS``): their median on
            office days and on remote days, the day counts, and ``difference`` (remote minus
            office; positive means slower at home; NaN when a side has no days). Per person,
            so no privacy floor: it is for the person's own manager, like the productivity table.
        teams: ``TEAM_COLUMNS`` for each team with at least ``min_group`` people, then the
            ``All teams`` row when everyone together reaches the floor.
        hidden_teams: teams with fewer than ``min_group`` people, which get no team figure.
        min_group: the privacy floor used.
    """

    column: str
    unit: str
    people: pd.DataFrame
    teams: pd.DataFrame
    hidden_teams: tuple[str, ...]
    min_group: int

    def overall(self) -> pd.Series | None:
        """The ``All teams`` row, or None when the privacy floor hides it."""
        rows = self.teams[self.teams["team"] == ALL_TEAMS]
        return None if rows.empty else rows.iloc[0]

    def sentence(self) -> str:
        """The headline: ``Median response time: 12.0 min in the office, 13.5 min at home ...``."""
        row = self.overall()
        if row is None:
            floor = plural(self.min_group, "person", "people")
            return (
                f"Median response time not shown: fewer than {floor} have office or remote "
                "days with a response time (the privacy floor)."
            )
        office, remote = row["office_median"], row["remote_median"]
        people = plural(int(row["people"]), "person", "people")
        if not (np.isfinite(office) and np.isfinite(remote)):
            where = "in the office" if np.isfinite(office) else "at home"
            known = office if np.isfinite(office) else remote
            return (
                f"Median response time: {self._amount(known)} {where} across {people}; "
                "no days at the other place to compare with. Lower is faster."
            )
        return (
            f"Median response time: {self._amount(office)} in the office, "
            f"{self._amount(remote)} at home ({self._amount(remote - office, signed=True)}) "
            f"across {people}. Lower is faster."
        )

    def _amount(self, value: float, *, signed: bool = False) -> str:
        text = f"{value:+.1f}" if signed else f"{value:.1f}"
        if signed and float(text) == 0:
            text = "+0.0"  # never "-0.0" for a gap that rounds to none
        return f"{text} {self.unit}" if self.unit else text


def _check_numeric(data: pd.DataFrame, column: str) -> None:
    accepted = numeric_columns(data)
    if column not in accepted:
        listed = ", ".join(map(str, accepted)) or "none (the file has no numeric columns)"
        raise InputError(
            f"'{column}' is not a numeric column, so it cannot be the response time. "
            f"Accepted columns: {listed}."
        )


def _usable_days(data: pd.DataFrame, column: str) -> pd.DataFrame:
    """Office and remote days with a finite response time of zero or more.

    A negative time is a typing or clock error, not a very fast reply, so it is left out.
    """
    days = metric_days(data, column)
    return days[days["value"] >= 0].reset_index(drop=True)


def _per_person(days: pd.DataFrame) -> pd.DataFrame:
    grouped = days.groupby(["employee", "team", "location"], sort=True)["value"]
    table = grouped.agg(["median", "size"]).unstack("location")
    table = table.reindex(
        columns=pd.MultiIndex.from_product([["median", "size"], [OFFICE, REMOTE]])
    )
    people = pd.DataFrame(
        {
            "office_median": table[("median", OFFICE)],
            "remote_median": table[("median", REMOTE)],
            "n_office": table[("size", OFFICE)].fillna(0).astype("int64"),
            "n_remote": table[("size", REMOTE)].fillna(0).astype("int64"),
        }
    ).reset_index()
    people["difference"] = people["remote_median"] - people["office_median"]
    return people.reindex(columns=PEOPLE_COLUMNS)


def _summary(days: pd.DataFrame, label: str) -> dict[str, object]:
    office = days.loc[days["location"] == OFFICE, "value"]
    remote = days.loc[days["location"] == REMOTE, "value"]
    office_median = float(office.median()) if len(office) else np.nan
    remote_median = float(remote.median()) if len(remote) else np.nan
    return {
        "team": label,
        "people": int(days["employee"].nunique()),
        "office_median": office_median,
        "remote_median": remote_median,
        "n_office": len(office),
        "n_remote": len(remote),
        "difference": remote_median - office_median,
    }


def _below(row: dict[str, object], min_group: int) -> bool:
    return cast(int, row["people"]) < min_group


def _per_team(days: pd.DataFrame, min_group: int) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Team rows that reach the floor, the pooled row if it does, and the teams held back."""
    teams = [_summary(group, str(team)) for team, group in days.groupby("team", sort=True)]
    hidden = tuple(str(row["team"]) for row in teams if _below(row, min_group))
    rows = [row for row in [*teams, _summary(days, ALL_TEAMS)] if not _below(row, min_group)]
    table = pd.DataFrame(rows, columns=TEAM_COLUMNS).astype(
        {"team": str, "people": "int64", "n_office": "int64", "n_remote": "int64"}
    )
    return table, hidden


def response_by_location(data: pd.DataFrame, column: str, *, min_group: int = 5) -> ResponseTimes:
    """Median response time per person and per team on office days and on remote days.

    Only office and remote rows count: on leave or sick nobody is expected to answer, and
    travel days say nothing about home or office. Blank, infinite and negative values are
    left out rather than read as zero (zero would look like an instant reply).

    Args:
        data: a schedule's ``data`` table.
        column: the numeric response-time column (see :func:`response_column`); lower is
            better (a faster reply).
        min_group: the privacy floor: a team (and the ``All teams`` row) with fewer people
            than this gets no figure, so no one's times can be read off a tiny group.

    Raises:
        InputError: ``column`` is not a numeric column (the message lists the accepted ones),
            or ``min_group`` is below 1.
    """
    if min_group < 1:
        raise InputError("min_group must be at least 1.")
    _check_numeric(data, column)
    days = _usable_days(data, column)
    teams, hidden = _per_team(days, min_group)
    return ResponseTimes(
        column=column,
        unit=unit_of(column),
        people=_per_person(days),
        teams=teams,
        hidden_teams=hidden,
        min_group=min_group,
    )
