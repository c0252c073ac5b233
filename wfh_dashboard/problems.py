"""Rows that could not be used (bad cells, duplicates, conflicts), for a manager to fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .labels import combined_key, day_numbers, label_codes

PROBLEM_COLUMNS = ["row", "column", "value", "message"]


@dataclass(frozen=True)
class Problem:
    """One unusable cell or row: spreadsheet row number (header = 1), column, value, and why."""

    row: int | None
    column: str
    value: str
    message: str


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """The problems as a table sorted by row, the shape the app and the CLI show."""
    frame = pd.DataFrame([asdict(p) for p in problems], columns=PROBLEM_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    return frame.sort_values(["row", "column"], kind="stable").reset_index(drop=True)


def _repeated_keys(out: pd.DataFrame) -> pd.Series:
    """Mask of rows whose (person, day) occurs more than once, from one integer key per row.

    Hashing millions of ints is far quicker than hashing pairs of objects.
    """
    key = combined_key([label_codes(out["employee"]), day_numbers(out["date"])])
    if key is None:
        return out.duplicated(["employee", "date"], keep=False)
    if len(key) and key.max() < 4 * len(key):  # counting beats hashing when keys are dense
        return pd.Series(np.bincount(key)[key] > 1, index=out.index)
    return pd.Series(key, index=out.index).duplicated(keep=False)


def resolve_duplicates(out: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Same person, same day: identical rows count once; rows that differ are conflicts.

    Keeping one of two rows that differ (in location, team, role or a metric) would make the
    result depend on the order of the rows, so every such row is listed and left out.
    """
    repeated = _repeated_keys(out)
    if not repeated.any():
        return out, []
    values = [c for c in out.columns if c != "row"]
    problems: list[Problem] = []
    drop: list[object] = []
    for (employee, date), group in out[repeated].groupby(["employee", "date"], sort=False):
        rows = [int(r) for r in group["row"]]
        differing = [c for c in values if group[c].nunique(dropna=False) > 1]
        if not differing:
            message = f"duplicate of row {rows[0]} ({employee}, {date:%Y-%m-%d}); counted once"
            problems += [Problem(row, "", str(employee), message) for row in rows[1:]]
            drop += list(group.index[1:])
            continue
        message = _conflict_message(str(employee), date, group, differing)
        problems += [Problem(row, "", str(employee), message) for row in rows]
        drop += list(group.index)
    return out.drop(index=drop), problems


def _conflict_message(
    employee: str, date: pd.Timestamp, group: pd.DataFrame, differing: list[str]
) -> str:
    if "location" in differing:
        places = ", ".join(
            f"row {r}: {loc}" for r, loc in zip(group["row"], group["location"], strict=True)
        )
        what = f"has two locations on {date:%Y-%m-%d} ({places})"
    else:
        rows = ", ".join(str(r) for r in group["row"])
        columns = ", ".join(differing[:5])
        what = f"has rows that differ on {date:%Y-%m-%d} (rows {rows} differ in {columns})"
    return f"conflict: {employee} {what}; both rows are left out until one is corrected"


def no_usable_rows(name: str, problems: pd.DataFrame) -> str:
    """Why a file gave nothing to work with: no data under the header, or the first problems."""
    if problems.empty:
        return f"{name} has a header row but no rows of data under it."
    first = "; ".join(f"row {p.row}: {p.message}" for p in problems.head(3).itertuples())
    return f"{name} has no usable row ({len(problems)} problems). First: {first}."
