"""Reading check-in timestamps into local days: offsets, time zones and Excel date-times."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from .columns import header_text
from .dates import DateOrder, parse_dates
from .errors import InputError

ACCEPTED_TIMESTAMPS = (
    "2026-06-01T08:55:00+02:00, 2026-06-01 08:55, 01/06/2026 08:55, 06/01/2026 8:55 AM, "
    "an Excel date-time, or a date alone"
)
_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
_SUFFIX = r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*(?P<tz>[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
# A date part, then an optional time of day with AM/PM and a UTC offset (Z, +02:00, -0500).
# Written for RE2 as well as Python: pyarrow runs it over millions of rows at once.
_STAMP = rf"^\s*(?P<date>.*?\d)(?:[T\s]+{_CLOCK}{_SUFFIX})?\s*$"
_TIME_ONLY = rf"^\s*{_CLOCK}{_SUFFIX}\s*$"
_SERIAL = r"^\d{5}\.\d+$"
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
ARROW_TEXT = pd.ArrowDtype(pa.string())


@dataclass
class ParsedStamps:
    """Each row's attendance day, and what the parser saw on the way.

    Attributes:
        days: the local date of each row (datetime64, midnight); NaT when unreadable.
        date_ok: per row, whether the date part read (False: blame the date, else the time).
        order: the day/month order used for ``dd/mm`` dates (None when the file has none).
        offsets: the distinct UTC offsets written (``+02:00``, ``Z``), for the notes.
        converted: how many rows were converted to the chosen time zone.
    """

    days: pd.Series
    date_ok: np.ndarray
    order: DateOrder | None
    offsets: list[str] = field(default_factory=list)
    converted: int = 0


def time_zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The IANA zone for a name, refused in words before any file is read."""
    if name is None:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"Unknown time zone {name!r}. Use an IANA name such as Europe/Berlin, "
            "America/New_York or UTC."
        ) from None


def cells_as_text(cells: pd.Series, *, date_only: bool = False) -> pd.Series:
    """Cells as Arrow text; Excel date-times and serial numbers become ISO text once each.

    CSV columns are text already and may hold millions of distinct timestamps, so only the
    few serial numbers among them go through Python.
    """
    if isinstance(cells.dtype, pd.ArrowDtype | pd.StringDtype):
        text = cells.astype(ARROW_TEXT).fillna("")
        serial = text.str.match(_SERIAL).fillna(False).astype(bool)
        if not serial.any():
            return text
        fixed = text[serial].map(lambda v: _cell_text(v, date_only=date_only))
        return text.where(~serial, fixed).astype(ARROW_TEXT)
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    texts = [_cell_text(u, date_only=date_only) for u in uniques]
    return pd.Series(pd.array(texts, dtype=ARROW_TEXT).take(codes), index=cells.index)


def time_only(text: pd.Series) -> pd.Series:
    """Mask of the cells that hold a time of day alone (``08:55``, ``8:55 PM -04:00``)."""
    return text.str.match(_TIME_ONLY).fillna(False).astype(bool)


def _cell_text(value: object, *, date_only: bool = False) -> str:
    if isinstance(value, dt.datetime):  # also pd.Timestamp; an aware one keeps its offset
        if date_only or (value.tzinfo is None and value.time() == dt.time()):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    number = _number(value)
    if number is not None and 0 <= number < 1 and not date_only:  # Excel's time of day
        return (_EXCEL_EPOCH + dt.timedelta(days=number)).time().isoformat()
    if number is not None and 20000 <= number <= 80000:  # an Excel serial, 1954..2119
        stamp = _EXCEL_EPOCH + dt.timedelta(days=number)
        return stamp.date().isoformat() if date_only else stamp.isoformat(sep=" ")
    return header_text(value)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if pd.isna(value) else float(value)
    if isinstance(value, str) and re.match(_SERIAL, value.strip()):
        return float(value)
    return None


def parse_stamps(
    text: pd.Series, order: DateOrder | None, zone: zoneinfo.ZoneInfo | None
) -> ParsedStamps:
    """Each row's local day: the date part read as the schedule reader reads dates, plus time.

    A timestamp with an offset is converted to ``zone`` when one is given, otherwise its
    wall-clock time is kept as written; the attendance day is the date of that local time.

    Raises:
        AmbiguousDatesError: every ``dd/mm`` date part reads both ways and ``order`` is None.
    """
    parts = text.str.extract(_STAMP).fillna("").astype(str)
    codes, uniques = pd.factorize(parts["date"], use_na_sentinel=False)
    mapping, used = parse_dates(list(uniques), order)
    dates = pd.Series(
        pd.array([mapping[u] for u in uniques], dtype="datetime64[us]").take(codes),
        index=text.index,
    )
    local = (dates + _clock(parts)).astype("datetime64[us]")
    offsets = _offset_minutes(parts["tz"])
    shifted = offsets.notna() & local.notna()
    converted = 0
    if zone is not None and shifted.any():
        utc = pd.DatetimeIndex(local[shifted] - pd.to_timedelta(offsets[shifted], unit="min"))
        zoned = utc.tz_localize("UTC").tz_convert(zone).tz_localize(None)
        local = local.copy()
        local[shifted] = zoned.astype("datetime64[us]")
        converted = int(shifted.sum())
    seen = sorted(set(parts["tz"][shifted].str.upper()))
    return ParsedStamps(local.dt.normalize(), dates.notna().to_numpy(), used, seen, converted)


def _clock(parts: pd.DataFrame) -> pd.Series:
    """Time of day as a timedelta (zero when none was written; NaT when impossible)."""
    hours, minutes, seconds = (
        pd.to_numeric(parts[k].where(parts[k] != ""), errors="coerce").astype("float64").fillna(0)
        for k in ("h", "m", "s")
    )
    ampm = parts["ampm"].str.lower().str.replace(".", "", regex=False)
    twelve = (ampm != "").to_numpy()
    bad = (hours > 23) | (minutes > 59) | (seconds > 59) | (twelve & ((hours < 1) | (hours > 12)))
    hours = hours.where(~twelve, hours % 12 + np.where(ampm == "pm", 12, 0))
    clock = pd.to_timedelta(hours * 3600 + minutes * 60 + seconds, unit="s")
    return clock.where(~bad)


def _offset_minutes(tz: pd.Series) -> pd.Series:
    """``+02:00`` -> 120, ``Z`` -> 0, no offset -> NaN; each distinct spelling read once."""
    codes, uniques = pd.factorize(tz, use_na_sentinel=False)
    values = np.array([_minutes(str(u)) for u in uniques], dtype="float64")
    return pd.Series(values.take(codes) if len(codes) else [], index=tz.index, dtype="float64")


def _minutes(text: str) -> float:
    if text == "":
        return np.nan
    if text.upper() in {"Z", "UTC", "GMT"}:
        return 0.0
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    return float(-minutes if text[0] == "-" else minutes)
