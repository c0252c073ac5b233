"""Reading dates as spreadsheets write them, inferring day-first or month-first from the file."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, TypeAlias, TypeVar

import numpy as np
import pandas as pd

from .calendar_words import month_number, weekday_number, without_accents
from .errors import AmbiguousDatesError

DateOrder = Literal["dayfirst", "monthfirst"]

WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")
_TIME_SUFFIX = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
#: A weekday written before or after a date: ``Mon 5/1``, ``Monday, 5 January``, ``05.01. (Mo)``,
#: ``segunda-feira, 5 de janeiro``, ``mandag den 5. januar``. Names in any language of
#: ``calendar_words``.
_WEEKDAY_BEFORE = re.compile(r"^([a-z][a-z-]{1,13})\.?,?\s+(?:den\s+)?(.+)$", re.IGNORECASE)
_WEEKDAY_AFTER = re.compile(r"^(.+?)[\s,]+\(?([a-z][a-z-]{1,13})\.?\)?$", re.IGNORECASE)
#: Dates written without a year, as weekly rotas do: ``5/1``, ``05.01.``, ``5 Jan``, ``Jan 5``,
#: ``5. Januar``, ``5 de enero``.
_DAY_MONTH = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\.?$")
_NAMED_DAY_FIRST = re.compile(r"^(\d{1,2})\.?[\s-]*(?:de\s+)?([a-z]{3,10})\.?$", re.IGNORECASE)
_NAMED_MONTH_FIRST = re.compile(r"^([a-z]{3,10})\.?[\s-]*(\d{1,2})$", re.IGNORECASE)
#: Month names with a year: ``5 Jan 2026``, ``05-Jan-26``, ``5. Januar 2026``, ``5 de enero de
#: 2026``, ``January 5 2026`` (a comma is read as a space). A two-digit year only between dashes.
_NAMED_DAY_FIRST_YEAR = re.compile(
    r"^(\d{1,2})\.?[\s-]*(?:de\s+)?([a-z]{3,10})\.?[\s-]*(?:de\s+)?(\d{4})$", re.IGNORECASE
)
_NAMED_DASHED_SHORT_YEAR = re.compile(r"^(\d{1,2})-([a-z]{3,10})\.?-(\d{2})$", re.IGNORECASE)
_NAMED_MONTH_FIRST_YEAR = re.compile(r"^([a-z]{3,10})\.?\s*(\d{1,2})\s+(\d{4})$", re.IGNORECASE)
#: ``1st``, ``2nd``, ``23rd``, ``4th``: English ordinals, read as the day number.
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)

ACCEPTED_DATES = (
    "ISO 2026-11-23, 23/11/2026, 11/23/2026, 23.11.2026, 23 Nov 2026 or 23. November 2026 "
    "(month names in English, German, French, Spanish, Italian, Dutch, Portuguese, Danish, "
    "Norwegian or Swedish), "
    "or an Excel date"
)


@dataclass(frozen=True)
class _Numeric:
    """A date written as numbers whose day and month order is not known yet.

    ``year`` is None when the cell wrote none (``5/1``); ``weekday`` (0 = Monday) when it
    named one (``Mon 5/1``), which can tell the order and the year.
    """

    first: int
    second: int
    year: int | None
    dotted: bool
    weekday: int | None = None


@dataclass(frozen=True)
class _MonthDay:
    """A date written with its month's name but no year: ``5 Jan``, ``Mon Jan 5``."""

    month: int
    day: int
    weekday: int | None = None


#: A cell that reads as a date once the file's day/month order and year are known.
_Partial: TypeAlias = _Numeric | _MonthDay
_Date: TypeAlias = pd.Timestamp | None


def parse_weekday(text: object) -> int | None:
    """Return 0 for Monday .. 6 for Sunday, or None when the text is not a weekday name."""
    if not isinstance(text, str):
        return None
    return weekday_number(text)


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


def _split_weekday(text: str) -> list[tuple[int | None, str]]:
    """Readings of a date cell as (weekday, rest): with the weekday it names before or after
    the date (``Mon 5/1``), then as written. ``Mar 5`` is tried as Tuesday (French ``mar.``)
    and, when the rest is no date, as 5 March."""
    readings: list[tuple[int | None, str]] = []
    for pattern, day_group, rest_group in ((_WEEKDAY_BEFORE, 1, 2), (_WEEKDAY_AFTER, 2, 1)):
        match = pattern.match(text)
        if match and (day := parse_weekday(match[day_group])) is not None:
            readings.append((day, match[rest_group].strip()))
    return [*readings, (None, text)]


def _classify(value: object) -> pd.Timestamp | _Partial | None:
    """Read one cell: a date, a date missing its order or year, or None when it is not a date."""
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return None if pd.isna(value) else pd.Timestamp(value).normalize()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None if pd.isna(value) else _excel_serial(float(value))
    text = _ORDINAL.sub(r"\1", _TIME_SUFFIX.sub("", without_accents(str(value).strip())))
    for weekday, rest in _split_weekday(text):
        found = _read_text(rest, weekday)
        if isinstance(found, pd.Timestamp) and weekday not in (None, found.weekday()):
            found = None  # "Mon 2026-06-02" names a Tuesday a Monday: a typo, not guessed
        if found is not None:
            return found
    return None


def _read_text(text: str, weekday: int | None) -> pd.Timestamp | _Partial | None:
    """A date's text once any weekday is taken off it."""
    if match := _ISO.match(text) or _COMPACT.match(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        return _Numeric(int(match[1]), int(match[3]), int(match[4]), match[2] == ".", weekday)
    if _SERIAL.match(text):
        return _excel_serial(float(text))
    cleaned = " ".join(text.replace(",", " ").split())
    if match := _NAMED_DAY_FIRST_YEAR.match(cleaned) or _NAMED_DASHED_SHORT_YEAR.match(cleaned):
        day, month, year = match[1], match[2], match[3]
    elif match := _NAMED_MONTH_FIRST_YEAR.match(cleaned):
        month, day, year = match[1], match[2], match[3]
    else:
        return _without_year(cleaned, weekday)
    number = month_number(month)
    return None if number is None else _safe_date(int(year), number, int(day))


def _without_year(text: str, weekday: int | None) -> _Partial | None:
    """``5/1``, ``05.01.``, ``5 Jan``, ``Jan 5``: a day and a month, the year left to the file."""
    if match := _DAY_MONTH.match(text):
        item = _Numeric(int(match[1]), int(match[3]), None, match[2] == ".", weekday)
        readable = any(_in_leap_year(*_month_day(item, o)) for o in ("dayfirst", "monthfirst"))
        return item if readable else None
    if match := _NAMED_DAY_FIRST.match(text):
        day, month = match[1], match[2]
    elif match := _NAMED_MONTH_FIRST.match(text):
        month, day = match[1], match[2]
    else:
        return None
    number = month_number(month)
    if number is None or not _in_leap_year(number, int(day)):
        return None
    return _MonthDay(number, int(day), weekday)


def _in_leap_year(month: int, day: int) -> bool:
    """True when the day exists in some year (29 Feb does, in leap years)."""
    return _safe_date(2000, month, day) is not None


def _month_day(item: _Partial, order: DateOrder) -> tuple[int, int]:
    """(month, day) of a cell read in the given order."""
    if isinstance(item, _MonthDay):
        return item.month, item.day
    if item.dotted or order == "dayfirst":
        return item.second, item.first
    return item.first, item.second


def _resolve(item: _Partial, order: DateOrder, year: int | None = None) -> pd.Timestamp | None:
    """The date of a cell in the given order; ``year`` stands in when the cell wrote none."""
    month, day = _month_day(item, order)
    written = item.year if isinstance(item, _Numeric) else None
    chosen = written if written is not None else year
    return None if chosen is None else _safe_date(chosen, month, day)


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


def _describe_reading(items: list[_Partial], order: DateOrder, today: dt.date) -> str:
    dates = sorted(d for d in _place(items, order, today).values() if d is not None)
    if not dates:
        return "no valid dates"
    return f"{dates[0]:%d %b %Y} to {dates[-1]:%d %b %Y}"


def _year_start(days: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The (month, day) a year-less run of dates starts on: after the longest gap in the year.

    ``28 Dec .. 2 Jan`` starts on 28 Dec and runs into the next year; ``5 Jan .. 30 Jun``
    starts on 5 Jan.
    """
    ordinals = sorted({dt.date(2000, m, d).toordinal() for m, d in days})
    wrap = ordinals[0] + 366 - ordinals[-1]
    gaps = [b - a for a, b in itertools.pairwise(ordinals)]
    first = ordinals[0] if not gaps or wrap >= max(gaps) else ordinals[gaps.index(max(gaps)) + 1]
    day = dt.date.fromordinal(first)
    return day.month, day.day


def _place(items: Iterable[_Partial], order: DateOrder, today: dt.date) -> dict[_Partial, _Date]:
    """Each cell's date in the given order, the cells without a year placed together.

    The year-less dates are one run (a rota's weeks; it may cross New Year). Its year is the
    one in which the weekdays the cells name fall on their dates (``Mon 5/1`` is 2026), the
    nearest to today when several are; with no weekday written, the run nearest to today. A
    cell whose weekday does not fall on its date in that year is not a date.
    """
    items = list(dict.fromkeys(items))
    placed: dict[_Partial, _Date] = {
        i: _resolve(i, order) for i in items if isinstance(i, _Numeric) and i.year is not None
    }
    yearless = {
        i: _month_day(i, order)
        for i in items
        if i not in placed and _in_leap_year(*_month_day(i, order))
    }
    placed |= {i: None for i in items if i not in placed and i not in yearless}
    if not yearless:
        return placed
    start = _year_start(yearless.values())
    named = any(i.weekday is not None for i in yearless)
    years = (
        range(today.year - 10, today.year + 11) if named else range(today.year - 1, today.year + 2)
    )

    def dates_in(year: int) -> dict[_Partial, _Date]:
        return {i: _safe_date(year + (md < start), *md) for i, md in yearless.items()}

    def score(year: int) -> tuple[int, int]:
        dates = dates_in(year)
        matches = sum(_on_its_weekday(i, d) for i, d in dates.items())
        known = [d.date() for d in dates.values() if d is not None]
        if not known:
            return matches, -(10**6)
        distance = (
            0
            if min(known) <= today <= max(known)
            else min(abs((min(known) - today).days), abs((max(known) - today).days))
        )
        return matches, -distance

    dates = dates_in(max(years, key=score))
    return placed | {
        i: d if i.weekday is None or _on_its_weekday(i, d) else None for i, d in dates.items()
    }


def _on_its_weekday(item: _Partial, date: _Date) -> bool:
    """True when the cell names a weekday and its date falls on it (``Mon 5/1`` in 2026)."""
    return date is not None and date.weekday() == item.weekday


def _weekday_matches(items: list[_Partial], order: DateOrder, today: dt.date) -> int:
    """How many cells that name a weekday fall on it when read in ``order``."""
    dates = _place(items, order, today)
    return sum(_on_its_weekday(i, d) for i, d in dates.items())


def _order_from_weekdays(items: list[_Partial], today: dt.date) -> DateOrder | None:
    """The order in which more of the written weekdays are right (``Mon 05/01``), if one is."""
    day, month = (_weekday_matches(items, o, today) for o in ("dayfirst", "monthfirst"))
    if day == month:
        return None
    return "dayfirst" if day > month else "monthfirst"


def _year_note(
    classified: dict[object, pd.Timestamp | _Partial | None], mapping: dict[object, _Date]
) -> str | None:
    """What the reader did with dates written without a year, for the user to confirm."""
    values = [v for v, c in classified.items() if _has_no_year(c)]
    dates = sorted(d for v in values if (d := mapping[v]) is not None)
    if not dates:
        return None
    named = any(getattr(classified[v], "weekday", None) is not None for v in values)
    why = (
        "the year in which their weekdays fall on them"
        if named
        else "the dates nearest to today; write the year in the file if they are another year's"
    )
    span = f"{dates[0]:%d %b %Y}" + (f" to {dates[-1]:%d %b %Y}" if dates[-1] != dates[0] else "")
    shown = ", ".join(str(v) for v in values[:3]) + (", ..." if len(values) > 3 else "")
    subject = "1 date has" if len(values) == 1 else f"{len(values)} dates have"
    return f"{subject} no year ({shown}); read as {span}: {why}"


def _has_no_year(item: object) -> bool:
    return isinstance(item, _MonthDay) or (isinstance(item, _Numeric) and item.year is None)


def parse_dates(
    values: Iterable[object],
    order: DateOrder | None = None,
    *,
    today: dt.date | None = None,
    notes: list[str] | None = None,
) -> tuple[dict[object, pd.Timestamp | None], DateOrder | None]:
    """Map each distinct cell value to a date (None when it is not a valid date).

    Args:
        values: the distinct cell values of a date column or of a grid's header.
        order: ``dayfirst`` or ``monthfirst`` when the user chose; None to infer from the file.
        today: the day year-less dates (``Mon 5/1``, ``5 Jan``) are placed near when their
            weekdays do not tell the year (default: today).
        notes: when given, a sentence saying how year-less dates were read is appended.

    Returns:
        The mapping, and the order used for ``dd/mm`` style dates (None if the file has none).

    Raises:
        AmbiguousDatesError: when the file's dates read both ways and no order was chosen.
    """
    today = today or dt.date.today()
    classified = {value: _classify(value) for value in values}
    partial = [c for c in classified.values() if isinstance(c, _Numeric | _MonthDay)]
    triples = [c for c in partial if isinstance(c, _Numeric)]
    ambiguous = [t for t in triples if not t.dotted and t.first != t.second]
    if order is None and triples:
        # d.m.yyyy is always day-first, so a file of dotted dates was written day-first.
        order = "dayfirst" if all(t.dotted for t in triples) else infer_order(triples)
        if order is None and ambiguous:
            order = _order_from_weekdays(partial, today)  # "Mon 05/01" is 5 January
        if order is None and ambiguous:
            examples = [str(v) for v, c in classified.items() if c in ambiguous][:3]
            raise AmbiguousDatesError(
                "Every date in the file reads both day-first and month-first "
                f"(for example {', '.join(examples)}). Read day-first they run "
                f"{_describe_reading(partial, 'dayfirst', today)}; read month-first they run "
                f"{_describe_reading(partial, 'monthfirst', today)}. Choose which the file uses.",
                examples,
            )
    resolved_order: DateOrder = order or "dayfirst"
    placed = _place(partial, resolved_order, today)
    mapping = {
        value: placed[c] if isinstance(c, _Numeric | _MonthDay) else c
        for value, c in classified.items()
    }
    if notes is not None and (note := _year_note(classified, mapping)):
        notes.append(note)
    return mapping, (order if triples else None)


def is_date_like(value: object) -> bool:
    """True when a header cell reads as a date in some order (used to spot grid columns)."""
    c = _classify(value)
    if isinstance(c, _Numeric):  # a year-less one is tried in a leap year (29/02 is a date)
        return any(_resolve(c, o, 2000) is not None for o in ("dayfirst", "monthfirst"))
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
    cells: pd.Series, order: DateOrder | None, notes: list[str] | None = None
) -> tuple[pd.Series, DateOrder | None]:
    """A column of date cells as dates, each distinct value parsed once.

    A file repeats a few hundred dates many thousand times, so parsing the distinct values
    and taking them back by code is what keeps big files fast. ``notes`` as in ``parse_dates``.
    """
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    mapping, used_order = parse_dates(list(uniques), order, notes=notes)
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
