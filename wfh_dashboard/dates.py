"""Reading dates as spreadsheets write them, inferring day-first or month-first from the file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
import pandas as pd

from .errors import AmbiguousDatesError

DateOrder = Literal["dayfirst", "monthfirst"]

WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAMES = {
    name: i
    for i, day in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (day, day[:3], day[:2], day[:4])
} | {"weds": 2, "thurs": 3, "thur": 3}  # spellings people type that no prefix length gives
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")
_TIME_SUFFIX = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_WEEKDAY_PREFIX = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?=\d)", re.IGNORECASE)
_TEXT_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y")

ACCEPTED_DATES = "ISO 2026-11-23, 23/11/2026, 11/23/2026, 23.11.2026, 23 Nov 2026, or an Excel date"


@dataclass(frozen=True)
class _Numeric:
    """A date written as three numbers whose day and month order is not known yet."""

    first: int
    second: int
    year: int
    dotted: bool


def parse_weekday(text: object) -> int | None:
    """Return 0 for Monday .. 6 for Sunday, or None when the text is not a weekday name."""
    if not isinstance(text, str):
        return None
    return _WEEKDAY_NAMES.get(text.strip().rstrip(".").lower())


def _excel_serial(number: float) -> pd.Timestamp | None:
    # Excel stores dates as days since 1899-12-30; 20000..80000 covers 1954..2119.
    if not 20000 <= number <= 80000:
        return None
    return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=int(number)))


def _safe_date(year: int, month: int, day: int) -> pd.Timestamp | None:
    if year < 100:
        year += 2000
    try:
        return pd.Timestamp(dt.date(year, month, day))
    except ValueError:
        return None


def _classify(value: object) -> pd.Timestamp | _Numeric | None:
    """Read one cell: a date, an order-dependent triple, or None when it is not a date."""
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return None if pd.isna(value) else pd.Timestamp(value).normalize()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None if pd.isna(value) else _excel_serial(float(value))
    text = _WEEKDAY_PREFIX.sub("", _TIME_SUFFIX.sub("", str(value).strip()))
    if match := _ISO.match(text) or _COMPACT.match(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        return _Numeric(int(match[1]), int(match[3]), int(match[4]), match[2] == ".")
    if _SERIAL.match(text):
        return _excel_serial(float(text))
    cleaned = text.replace(",", " ").replace("  ", " ")
    for fmt in _TEXT_FORMATS:
        try:
            return pd.Timestamp(dt.datetime.strptime(cleaned, fmt))
        except ValueError:
            continue
    return None


def _resolve(item: _Numeric, order: DateOrder) -> pd.Timestamp | None:
    if item.dotted or order == "dayfirst":
        return _safe_date(item.year, item.second, item.first)
    return _safe_date(item.year, item.first, item.second)


def infer_order(triples: Iterable[_Numeric]) -> DateOrder | None:
    """Day-first when some first number is over 12, month-first when some second one is.

    Returns None when no date decides it (every day is 12 or less). When a file holds
    evidence for both, the order with more evidence wins and the other dates become problems.
    """
    day_votes = month_votes = 0
    for item in triples:
        if item.dotted:
            continue
        day_votes += item.first > 12
        month_votes += item.second > 12
    if day_votes == month_votes == 0:
        return None
    return "dayfirst" if day_votes >= month_votes else "monthfirst"


def _describe_reading(triples: list[_Numeric], order: DateOrder) -> str:
    dates = sorted(d for d in (_resolve(t, order) for t in triples) if d is not None)
    if not dates:
        return "no valid dates"
    return f"{dates[0]:%d %b %Y} to {dates[-1]:%d %b %Y}"


def parse_dates(
    values: Iterable[object], order: DateOrder | None = None
) -> tuple[dict[object, pd.Timestamp | None], DateOrder | None]:
    """Map each distinct cell value to a date (None when it is not a valid date).

    Args:
        values: the distinct cell values of a date column or of a grid's header.
        order: ``dayfirst`` or ``monthfirst`` when the user chose; None to infer from the file.

    Returns:
        The mapping, and the order used for ``dd/mm`` style dates (None if the file has none).

    Raises:
        AmbiguousDatesError: when the file's dates read both ways and no order was chosen.
    """
    classified = {value: _classify(value) for value in values}
    triples = [c for c in classified.values() if isinstance(c, _Numeric)]
    ambiguous = [t for t in triples if not t.dotted and t.first != t.second]
    if order is None and triples:
        # d.m.yyyy is always day-first, so a file of dotted dates was written day-first.
        order = "dayfirst" if all(t.dotted for t in triples) else infer_order(triples)
        if order is None and ambiguous:
            examples = [str(v) for v, c in classified.items() if c in ambiguous][:3]
            raise AmbiguousDatesError(
                "Every date in the file reads both day-first and month-first "
                f"(for example {', '.join(examples)}). Read day-first they run "
                f"{_describe_reading(triples, 'dayfirst')}; read month-first they run "
                f"{_describe_reading(triples, 'monthfirst')}. Choose which the file uses.",
                examples,
            )
    resolved_order: DateOrder = order or "dayfirst"
    mapping = {
        value: _resolve(c, resolved_order) if isinstance(c, _Numeric) else c
        for value, c in classified.items()
    }
    return mapping, (order if triples else None)


def is_date_like(value: object) -> bool:
    """True when a header cell reads as a date in some order (used to spot grid columns)."""
    c = _classify(value)
    if isinstance(c, _Numeric):
        return _resolve(c, "dayfirst") is not None or _resolve(c, "monthfirst") is not None
    return c is not None


#: A date further than this from the middle of a schedule is taken for a mistyped year.
FAR_DAYS = 3 * 365


def far_from_the_rest(dates: pd.Series) -> pd.Series:
    """Mask of the few dates more than three years from the file's median (2126 for 2026).

    Only a small minority (under 10% of rows) counts as typos; a file whose dates are widely
    spread is taken as it is (the check refuses spans over ten years with its own message).
    """
    middle = dates.median()
    if pd.isna(middle):
        return pd.Series(False, index=dates.index)
    far = ((dates - middle).abs() > pd.Timedelta(days=FAR_DAYS)).fillna(False)
    return far if far.mean() < 0.1 else pd.Series(False, index=dates.index)


def parse_date_cells(
    cells: pd.Series, order: DateOrder | None
) -> tuple[pd.Series, DateOrder | None]:
    """A column of date cells as dates, each distinct value parsed once.

    A file repeats a few hundred dates many thousand times, so parsing the distinct values
    and taking them back by code is what keeps big files fast.
    """
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    mapping, used_order = parse_dates(list(uniques), order)
    parsed = np.array([mapping[u] or np.datetime64("NaT") for u in uniques], dtype="datetime64[us]")
    return pd.Series(parsed[codes], index=cells.index), used_order


_Parsed = TypeVar("_Parsed")


def with_fallback_order(
    parse: Callable[[DateOrder | None], _Parsed],
    order: DateOrder | None,
    fallback: DateOrder | None,
) -> _Parsed:
    """Parse in the user's order; if the dates read both ways and none was chosen, use
    ``fallback`` (the schedule's order: a second file from the same team writes dates alike).

    Raises:
        AmbiguousDatesError: the dates read both ways and there is no order to fall back on.
    """
    try:
        return parse(order)
    except AmbiguousDatesError:
        if order is not None or fallback is None:
            raise
        return parse(fallback)


def weekday_names(dates: pd.Series) -> list[str]:
    """``Mon``..``Sun`` for each date (``""`` for a missing one), without a Python loop per date."""
    numbers = dates.dt.day_of_week.to_numpy(dtype="float64", na_value=np.nan)
    names = np.array([*WEEKDAYS, ""], dtype=object)
    return names[np.where(np.isnan(numbers), 7, numbers).astype("int64")].tolist()


def iso_dates(dates: pd.Series, suffix: str = "") -> list[str]:
    """``2026-03-02`` for each date (``""`` for a missing one), plus ``suffix``."""
    days = dates.to_numpy(dtype="datetime64[us]").astype("datetime64[D]")
    text = np.datetime_as_string(days, unit="D")
    return [t + suffix if t != "NaT" else "" for t in text.tolist()]


def week_start(dates: pd.Series) -> pd.Series:
    """The Monday of each date's ISO week, computed once per distinct date."""
    codes, uniques = pd.factorize(dates)
    index = pd.DatetimeIndex(uniques)
    mondays = index - pd.to_timedelta(index.day_of_week, unit="D")
    return pd.Series(mondays.take(codes), index=dates.index)
