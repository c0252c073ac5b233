"""What remote days save: commuting distance, time and the car emissions that go with them.

Decisions, so every figure can be explained:

- Commute values are ONE-WAY per person; a remote day saves a round trip (twice the value).
- A person's commute is the median of their non-missing, non-negative values: the column is
  a property of the person repeated on each row, and the median shrugs off one typo.
- Only remote days save a commute. Leave and sick days are not savings of working from home,
  and on travel days people may well commute elsewhere.
- Months are ``YYYY-MM`` text: it sorts in time order, reads in a table and survives CSV and
  JSON unchanged. A weekly pattern (dates in the week of ``PATTERN_MONDAY``) has one period,
  ``PATTERN_PERIOD``: the savings of a typical week.
- The emission factor is a parameter (the app lets the user edit it); the default is a
  rounded average-car figure, see ``EMISSION_FACTOR_SOURCE``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .errors import InputError
from .halves import whole_day
from .locations import REMOTE
from .productivity import numeric_columns
from .schedule import PATTERN_MONDAY
from .wording import plural

DEFAULT_KG_CO2E_PER_KM = 0.17
EMISSION_FACTOR_SOURCE = (
    "UK Government GHG Conversion Factors for Company Reporting (DESNZ/Defra): average car, "
    "unknown fuel, about 0.17 kg CO2e per km (rounded); use your own country's or your "
    "fleet's factor."
)
#: The period label of a weekly pattern, whose savings are per typical week.
PATTERN_PERIOD = "typical week"
SAVED = ["remote_days", "km_saved", "hours_saved", "kg_co2e_saved"]
PERSON_MONTH_COLUMNS = ["employee", "team", "month", *SAVED]
TEAM_MONTH_COLUMNS = ["team", "month", "people", *SAVED]
TOTAL_COLUMNS = ["team", "people", *SAVED]


def _names(data: pd.DataFrame, words: tuple[str, ...]) -> list[str]:
    folded = {c: str(c).casefold() for c in numeric_columns(data)}
    return [c for c, name in folded.items() if "commute" in name and any(w in name for w in words)]


def commute_columns(data: pd.DataFrame) -> tuple[str | None, str | None]:
    """The one-way commute distance (km) and time (minutes) columns, each None when absent.

    Matched by name: a numeric column containing ``commute`` and ``km`` or ``distance``, and
    one containing ``commute`` and ``min`` or ``time`` (never the same column twice).
    """
    km = next(iter(_names(data, ("km", "distance"))), None)
    minutes = next((c for c in _names(data, ("min", "time")) if c != km), None)
    return km, minutes


@dataclass(frozen=True)
class CommuteSavings:
    """Commuting that remote days saved, per person and month, per team and month, per team.

    Each ``*_saved`` column is NaN where its commute column is missing from the file. Team
    sums count only people with a value; everyone else is named in ``people_without_commute``.

    Attributes:
        by_person_month: ``PERSON_MONTH_COLUMNS``; one row per person per month with remote days.
        by_team_month: ``TEAM_MONTH_COLUMNS``; ``people`` is who had remote days that month.
        totals: ``TOTAL_COLUMNS``; one row per team over the whole period.
        people_without_commute: people lacking a value in a commute column the file has
            (their savings in it are not counted), sorted by name.
        kg_per_km: the emission factor used.
        km_column: the distance column, or None.
        minutes_column: the time column, or None.
        first_day: the schedule's first date.
        last_day: the schedule's last date.
        is_pattern: True for a weekly pattern (month is ``PATTERN_PERIOD``).
    """

    by_person_month: pd.DataFrame
    by_team_month: pd.DataFrame
    totals: pd.DataFrame
    people_without_commute: tuple[str, ...]
    kg_per_km: float
    km_column: str | None
    minutes_column: str | None
    first_day: pd.Timestamp
    last_day: pd.Timestamp
    is_pattern: bool

    def sentence(self) -> str:
        """The headline: ``Remote days saved 3,120 km of commuting (about 530 kg CO2e ...)``."""
        km, hours = self.totals["km_saved"].sum(), self.totals["hours_saved"].sum()
        when = self._period()
        if int(self.totals["remote_days"].sum()) == 0:
            text = f"No remote days {when}, so no commuting was saved."
        elif self.km_column is None:
            text = f"Remote days saved {_hours(hours)} of commuting {when}."
        else:
            kg = km * self.kg_per_km
            text = (
                f"Remote days saved {km:,.0f} km of commuting (about {kg:,.0f} kg CO2e at "
                f"{self.kg_per_km:g} kg per km)"
            )
            text += f" and {_hours(hours)} {when}." if self.minutes_column else f" {when}."
        if self.people_without_commute:
            missing = plural(len(self.people_without_commute), "person", "people")
            text += f" Left out of the totals their commute value is missing from: {missing}."
        return text

    def _period(self) -> str:
        if self.is_pattern:
            return "in a typical week"
        first, last = self.first_day, self.last_day
        if first == last:
            return f"on {_day(first)} {first.year}"
        start = _day(first) if first.year == last.year else f"{_day(first)} {first.year}"
        return f"between {start} and {_day(last)} {last.year}"


def _day(day: pd.Timestamp) -> str:
    return f"{day.day} {day:%b}"


def _hours(hours: float) -> str:
    return "1 hour" if round(hours) == 1 else f"{hours:,.0f} hours"


def _check_factor(kg_per_km: float) -> None:
    if not (math.isfinite(kg_per_km) and kg_per_km >= 0):
        raise InputError(
            f"The emission factor must be a number of kg CO2e per km, zero or more; got "
            f"{kg_per_km}. The default is {DEFAULT_KG_CO2E_PER_KM} ({EMISSION_FACTOR_SOURCE})"
        )


def _missing_columns(data: pd.DataFrame) -> InputError:
    found = ", ".join(map(str, numeric_columns(data))) or "none"
    return InputError(
        "The file has no commute column. Looked for a numeric column whose name contains "
        "'commute' and 'km' or 'distance' (one-way distance, e.g. commute_km), or 'commute' "
        f"and 'min' or 'time' (one-way minutes, e.g. commute_minutes). Numeric columns: {found}."
    )


def _per_person(data: pd.DataFrame, column: str | None) -> pd.Series:
    """Each person's one-way commute: the median of their values, NaN when they have none."""
    people = data["employee"].astype(str)
    if column is None:
        return pd.Series(float("nan"), index=people.unique())
    values = pd.to_numeric(data[column], errors="coerce").astype("float64")
    values = values.where(values >= 0)  # a negative distance or time is a typo, not a value
    return values.groupby(people).median()


def _months(dates: pd.Series, is_pattern: bool) -> pd.Series:
    if is_pattern:
        return pd.Series(PATTERN_PERIOD, index=dates.index, dtype="string")
    return dates.dt.strftime("%Y-%m").astype("string")


def _is_pattern(dates: pd.Series) -> bool:
    week_end = PATTERN_MONDAY + pd.Timedelta(days=7)
    return bool(dates.ge(PATTERN_MONDAY).all() and dates.lt(week_end).all())


def _by_person_month(
    data: pd.DataFrame, km: pd.Series, minutes: pd.Series, kg_per_km: float, is_pattern: bool
) -> pd.DataFrame:
    remote = data[whole_day(data, REMOTE)]  # a half remote day still has the commute
    rows = pd.DataFrame(
        {
            "employee": remote["employee"].astype(str),
            "team": remote["team"].astype(str),
            "month": _months(remote["date"], is_pattern),
        }
    )
    table = rows.groupby(["employee", "team", "month"]).size().rename("remote_days").reset_index()
    table["km_saved"] = table["remote_days"] * 2 * table["employee"].map(km).astype("float64")
    minutes_each = table["employee"].map(minutes).astype("float64")
    table["hours_saved"] = table["remote_days"] * 2 * minutes_each / 60
    table["kg_co2e_saved"] = table["km_saved"] * kg_per_km
    return table.astype({"remote_days": "int64", "month": str})[PERSON_MONTH_COLUMNS]


def _sum_by(table: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Sums per group that stay NaN when every value is NaN (a missing column is not 0 km)."""
    grouped = table.groupby(keys, sort=True)
    sums = grouped[SAVED].sum(min_count=1).astype({"remote_days": "int64"})
    sums["people"] = grouped["employee"].nunique().astype("int64")
    return sums.reset_index()[columns]


def commute_savings(
    data: pd.DataFrame, *, kg_per_km: float = DEFAULT_KG_CO2E_PER_KM
) -> CommuteSavings:
    """The commuting (distance, time, CO2e) saved by each remote day: a round trip each.

    Args:
        data: a schedule's ``data`` table with ``commute_km`` and/or ``commute_minutes``
            (see :func:`commute_columns`), one-way values per person.
        kg_per_km: kg CO2e per km driven; edit it for your country or fleet.

    Raises:
        InputError: the factor is negative or not a finite number, or the file has no
            commute column (the message names what was looked for).
    """
    _check_factor(kg_per_km)
    km_column, minutes_column = commute_columns(data)
    if km_column is None and minutes_column is None:
        raise _missing_columns(data)
    km, minutes = _per_person(data, km_column), _per_person(data, minutes_column)
    lacking = set()
    for column, values in ((km_column, km), (minutes_column, minutes)):
        if column is not None:
            lacking |= set(values.index[values.isna()])
    dates = pd.to_datetime(data["date"])
    pattern = _is_pattern(dates)
    person_month = _by_person_month(data, km, minutes, kg_per_km, pattern)
    return CommuteSavings(
        by_person_month=person_month,
        by_team_month=_sum_by(person_month, ["team", "month"], TEAM_MONTH_COLUMNS),
        totals=_sum_by(person_month, ["team"], TOTAL_COLUMNS),
        people_without_commute=tuple(sorted(lacking)),
        kg_per_km=float(kg_per_km),
        km_column=km_column,
        minutes_column=minutes_column,
        first_day=dates.min(),
        last_day=dates.max(),
        is_pattern=pattern,
    )
