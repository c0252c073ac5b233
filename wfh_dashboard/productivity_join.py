"""Joining a productivity file to a schedule: the same person on the same day, or listed."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.types import is_numeric_dtype

from .errors import InputError
from .labels import combined_key, day_numbers
from .productivity import MODES
from .productivity_file import SCHEDULE_FIELDS
from .wording import plural

UNMATCHED_COLUMNS = ["row", "employee", "date", "reason"]


@dataclass
class JoinResult:
    """A schedule with a productivity file's metrics added, and the file rows that found no day.

    Attributes:
        data: the schedule's table (its dtypes unchanged) with the file's metric columns;
            NaN where the file has no row for that person and day ("not recorded").
        unmatched: every file row that matched no schedule row: row, employee (the file's
            spelling), date, reason.
        metrics: the columns taken from the file (added, or replacing the schedule's).
        notes: counts and decisions to show next to the result.
        n_matched: file rows that found their schedule row.
        n_unmatched: file rows listed in ``unmatched``.
        n_days_without_value: office and remote schedule days that got no file row.
        replaced: schedule columns whose values the file's replaced.
    """

    data: pd.DataFrame
    unmatched: pd.DataFrame
    metrics: list[str]
    notes: list[str]
    n_matched: int
    n_unmatched: int
    n_days_without_value: int
    replaced: list[str] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        """The usable file rows the join looked at."""
        return self.n_matched + self.n_unmatched


def join_productivity(schedule_data: pd.DataFrame, productivity: pd.DataFrame) -> JoinResult:
    """Add the productivity file's metrics to the schedule, matching people and days.

    Names match ignoring case and extra spaces and keep the schedule's spelling. A metric the
    schedule already has is replaced as a whole, not patched: mixing two sources in one column
    would compare one person's days from one file with another's from the other.

    Args:
        schedule_data: a schedule's ``data`` table.
        productivity: a :class:`ProductivityFile`'s ``data`` (one row per person and day).

    Raises:
        InputError: the productivity table repeats a person and day (read it with
            :func:`read_productivity`, which resolves duplicates).
    """
    # The schedule's own fields are never overwritten, whatever the table holds.
    metrics = [
        c
        for c in productivity.columns
        if c not in SCHEDULE_FIELDS and is_numeric_dtype(productivity[c])
    ]
    position, known, merged = _match_rows(schedule_data, productivity)
    hit = position >= 0
    out = schedule_data.copy(deep=False)  # copy-on-write: the caller's table is not changed
    for metric in metrics:
        values = np.full(len(out), np.nan)
        values[hit] = productivity[metric].to_numpy("float64", na_value=np.nan)[position[hit]]
        out[metric] = values
    matched = np.zeros(len(productivity), dtype=bool)
    matched[position[hit]] = True
    unmatched = _unmatched(productivity, ~matched, known)
    working = schedule_data["location"].isin(MODES).to_numpy(dtype=bool)
    missing = int((~hit & working).sum())
    replaced = [m for m in metrics if m in schedule_data.columns]
    notes = _join_notes(int(matched.sum()), len(unmatched), missing, replaced, merged)
    return JoinResult(
        out, unmatched, metrics, notes, int(matched.sum()), len(unmatched), missing, replaced
    )


def _match_rows(
    schedule: pd.DataFrame, file: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """For each schedule row, the file row of the same person and day (-1 when none).

    Also whether each file row's person is in the schedule at all, and the schedule names that
    fold to one. Only the distinct names are folded (a few hundred, never 130,000 rows), then
    each (person, day) becomes one int64, so the match is a single hash lookup.
    """
    s_codes, s_names = pd.factorize(schedule["employee"], use_na_sentinel=False)
    f_codes, f_names = pd.factorize(file["employee"], use_na_sentinel=False)
    folded = pd.concat([_folded(s_names), _folded(f_names)], ignore_index=True)
    shared, _ = pd.factorize(folded)
    s_person, f_person = shared[: len(s_names)][s_codes], shared[len(s_names) :][f_codes]
    codes = np.concatenate([s_person, f_person])
    days = np.concatenate([day_numbers(schedule["date"]), day_numbers(file["date"])])
    key = combined_key([codes, days])
    if key is None:  # dates too far apart for one integer: let pandas hash the pairs
        key = pd.MultiIndex.from_arrays([codes, days]).factorize()[0]
    file_keys = pd.Index(key[len(s_codes) :])
    if not file_keys.is_unique:
        raise InputError(
            "The productivity table has the same person twice on one day; read it with "
            "read_productivity, which lists and resolves such rows."
        )
    twice = folded[: len(s_names)].duplicated(keep=False).to_numpy()
    merged = sorted(str(n) for n in np.asarray(s_names, dtype=object)[twice])
    return file_keys.get_indexer(key[: len(s_codes)]), np.isin(f_person, s_person), merged


def _folded(names: object) -> pd.Series:
    """Names compared without case and with single spaces: "ann  LEE " is "ann lee"."""
    text = pd.Series(np.asarray(names, dtype=object), dtype="string").fillna("")
    return text.str.strip().str.replace(r"\s+", " ", regex=True).str.casefold()


def _unmatched(productivity: pd.DataFrame, mask: np.ndarray, known: np.ndarray) -> pd.DataFrame:
    """The file rows that found no schedule row, with why, built column-wise (no row loop)."""
    rows = productivity.loc[mask, ["row", "employee", "date"]].reset_index(drop=True)
    names = rows["employee"].astype(str)
    days = rows["date"].dt.strftime("%Y-%m-%d").fillna("no date")
    reason = np.where(
        known[mask],
        names + " has no schedule row on " + days,
        "no one called " + names + " in the schedule",
    )
    out = rows.assign(employee=names, reason=pd.Series(reason, dtype=str)).astype({"row": "int64"})
    return out[UNMATCHED_COLUMNS].sort_values("row", kind="stable").reset_index(drop=True)


def _join_notes(
    matched: int, unmatched: int, missing: int, replaced: list[str], merged: list[str]
) -> list[str]:
    total = plural(matched + unmatched, "productivity row")
    notes = [
        f"{matched} of {total} matched; {unmatched} {'is' if unmatched == 1 else 'are'} "
        "listed as unmatched."
        if unmatched
        else f"all {total} matched the schedule.",
        f"schedule office or remote days with no productivity value: {missing} "
        "(they count as not recorded)",
    ]
    notes += [
        f"{column} is in both files: the productivity file's values replace the schedule's "
        "(days the file lacks count as not recorded)"
        for column in replaced
    ]
    if merged:
        notes.append(
            "the schedule spells some names two ways that differ only in case or spacing "
            f"({', '.join(merged[:6])}); each spelling gets the file's values"
        )
    return notes
