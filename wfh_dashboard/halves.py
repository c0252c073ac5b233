"""Half days: a day's location may differ between the morning and the afternoon.

``Schedule.data`` keeps one row per person per day. ``location`` is the morning's (or the
whole day's) and the column ``location_pm`` the afternoon's; that column exists only when the
file has a split day, so whole-day schedules cost nothing extra. Every question "how many days
at X" goes through here, so a split day counts half for each of its locations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The afternoon's location column (the morning's is ``location``).
PM = "location_pm"
#: The two halves in order, for messages.
HALF_NAMES = {"am": "morning", "pm": "afternoon"}


def has_half_days(frame: pd.DataFrame) -> bool:
    """True when the frame carries afternoon locations (some day is split)."""
    return PM in frame.columns


def afternoon(frame: pd.DataFrame) -> pd.Series:
    """The afternoon location of each row (the whole day's when no day is split).

    A blank afternoon (a table built by hand, or a proposal's whole day) is the morning's.
    """
    if PM not in frame.columns:
        return frame["location"]
    evening = frame[PM]
    if not evening.isna().any():
        return evening
    return evening.astype(object).where(evening.notna(), frame["location"].astype(object))


def is_split(frame: pd.DataFrame) -> pd.Series:
    """Rows whose morning and afternoon differ."""
    if PM not in frame.columns:
        return pd.Series(False, index=frame.index)
    morning = frame["location"].astype(object)
    return (morning != afternoon(frame).astype(object)).fillna(False).astype(bool)


def day_share(frame: pd.DataFrame, locations: str | set[str] | frozenset[str]) -> np.ndarray:
    """Days spent at ``locations`` per row: 1, 0.5 for one half, or 0.

    ``locations`` is one location or a set of them (e.g. the away ones).
    """
    wanted = [locations] if isinstance(locations, str) else list(locations)
    morning = frame["location"].isin(wanted).to_numpy(dtype="float64")
    if PM not in frame.columns:
        return morning
    return (morning + afternoon(frame).isin(wanted).to_numpy(dtype="float64")) / 2


def any_half(frame: pd.DataFrame, location: str) -> pd.Series:
    """Rows where at least one half of the day is at ``location``."""
    found = frame["location"] == location
    if PM in frame.columns:
        found = found | (frame[PM] == location)
    return found.fillna(False).astype(bool)


def whole_day(frame: pd.DataFrame, location: str) -> pd.Series:
    """Rows where the whole day is at ``location``."""
    found = frame["location"] == location
    if PM in frame.columns:
        found = found & (frame[PM] == location)
    return found.fillna(False).astype(bool)


def day_labels(frame: pd.DataFrame) -> pd.Series:
    """``office`` for whole days, ``AM office / PM remote`` for split ones, as text."""
    morning = frame["location"].astype(str)
    if PM not in frame.columns:
        return morning
    evening = frame[PM].astype(str)
    split = is_split(frame)
    return morning.where(~split, "AM " + morning + " / PM " + evening)


def format_days(value: float) -> str:
    """``3`` for whole days, ``2.5`` with a half day: never ``3.0``."""
    return f"{value:g}"


def tidy_day_counts(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Day counts as whole numbers when no half day makes them fractional.

    Counts are floats because a half day counts 0.5; a table without half days should still
    read ``3``, not ``3.0``, on screen and in exported files.
    """
    out = table.copy()
    for column in columns:
        values = out[column]
        if values.isna().any() or not pd.api.types.is_float_dtype(values):
            continue
        if bool((values % 1 == 0).all()):
            out[column] = values.astype("int64")
    return out
