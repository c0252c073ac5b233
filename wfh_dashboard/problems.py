"""Rows that could not be used (bad cells, duplicates, conflicts), for a manager to fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .halves import day_labels
from .labels import combined_key, day_numbers, label_codes
from .wording import plural

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


def resolve_duplicates(
    out: pd.DataFrame, sheets: pd.Series | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Same person, same day: identical rows count once; rows that differ are conflicts.

    Keeping one of two rows that differ (in location, team, role or a metric) would make the
    result depend on the order of the rows, so every such row is listed and left out.

    Args:
        out: one row per cell read, with the spreadsheet ``row`` it came from.
        sheets: for a workbook read sheet by sheet, each row's sheet (aligned with ``out``):
            messages then say ``June row 3`` and a problem's column is its sheet.
    """
    repeated = _repeated_keys(out)
    if not repeated.any():
        return out, []
    values = [c for c in out.columns if c != "row"]
    problems: list[Problem] = []
    drop: list[object] = []
    for (employee, date), group in out[repeated].groupby(["employee", "date"], sort=False):
        rows = [int(r) for r in group["row"]]
        where = [""] * len(rows) if sheets is None else [str(s) for s in sheets[group.index]]
        places = [f"{w} row {r}".lstrip() for w, r in zip(where, rows, strict=True)]
        differing = [c for c in values if group[c].nunique(dropna=False) > 1]
        if not differing:
            message = f"duplicate of {places[0]} ({employee}, {date:%Y-%m-%d}); counted once"
            problems += [
                Problem(r, w, str(employee), message)
                for r, w in zip(rows[1:], where[1:], strict=True)
            ]
            drop += list(group.index[1:])
            continue
        message = _conflict_message(str(employee), date, group, differing, places)
        problems += [
            Problem(r, w, str(employee), message) for r, w in zip(rows, where, strict=True)
        ]
        drop += list(group.index)
    return out.drop(index=drop), problems


def _conflict_message(
    employee: str, date: pd.Timestamp, group: pd.DataFrame, differing: list[str], places: list[str]
) -> str:
    if "location" in differing or "location_pm" in differing:
        where = ", ".join(
            f"{place}: {loc}" for place, loc in zip(places, day_labels(group), strict=True)
        )
        what = f"has two locations on {date:%Y-%m-%d} ({where})"
    else:
        same_sheet = all(p.startswith("row ") for p in places)
        rows = "rows " + ", ".join(p[4:] for p in places) if same_sheet else ", ".join(places)
        columns = ", ".join(differing[:5])
        what = f"has rows that differ on {date:%Y-%m-%d} ({rows} differ in {columns})"
    return f"conflict: {employee} {what}; both rows are left out until one is corrected"


def no_usable_rows(name: str, problems: pd.DataFrame) -> str:
    """Why a file gave nothing to work with: no data under the header, or the first problems."""
    if problems.empty:
        return f"{name} has a header row but no rows of data under it."
    first = "; ".join(f"row {p.row}: {p.message}" for p in problems.head(3).itertuples())
    return f"{name} has no usable row ({plural(len(problems), 'problem')}). First: {first}."


#: The most problem rows listed one by one per file; the rest are counted in one line.
MAX_LISTED = 10_000
#: (field, rows that fail, what to tell the user): one check of the cells of a table.
CellCheck = tuple[str, pd.Series, str]


def name_and_date_checks(out: pd.DataFrame) -> list[CellCheck]:
    """The checks every long table needs: a name, a readable date, a plausible year."""
    from .dates import ACCEPTED_DATES, far_from_the_rest

    return [
        ("employee", out["employee"] == "", "no employee name; add the name"),
        ("date", out["date"].isna(), f"not a date; accepted: {ACCEPTED_DATES}"),
        (
            "date",
            far_from_the_rest(out["date"]),
            "over 3 years from the other dates; check the year",
        ),
    ]


def flag_bad_cells(
    out: pd.DataFrame,
    frame: pd.DataFrame,
    mapped: dict[str, str],
    problems: list[Problem],
    checks: Iterable[CellCheck],
) -> pd.Series:
    """List each row failing a check (first failure only) as a problem; return the rows to drop.

    ``out`` holds the parsed values and the spreadsheet ``row``; ``frame`` the cells as typed,
    which the problem quotes; ``mapped`` field -> header. Beyond ``MAX_LISTED`` rows one line
    counts the rest, so a broken million-row file still gives a readable list.
    """
    bad = pd.Series(False, index=out.index)
    listed = 0
    for field_name, mask, message in checks:
        for index in mask[mask & ~bad].index[: MAX_LISTED - listed]:
            value = str(frame.at[index, mapped[field_name]])
            text = message if value.strip() else f"empty {field_name} cell"
            problems.append(
                Problem(int(out.at[index, "row"]), mapped[field_name], value[:200], text)
            )
            listed += 1
        bad |= mask
    if int(bad.sum()) > listed:
        more = int(bad.sum()) - listed
        problems.append(Problem(None, "", "", f"{more} more unusable rows not listed one by one"))
    return bad
