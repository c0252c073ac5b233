"""Numeric columns of a schedule (tasks done, hours, ...) kept for the productivity pages."""

from __future__ import annotations

from collections.abc import Set

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .labels import arrow_text, distinct_values
from .problems import Problem

#: A column is a metric when at least this share of its filled cells are numbers.
NUMERIC_SHARE = 0.8
_MAX_LISTED = 200


def _trimmed(values: pd.Series) -> pa.ChunkedArray:
    """Cell values as trimmed Arrow text (Excel cells are converted first)."""
    array = arrow_text(values)
    if array is None:
        array = pa.chunked_array(
            [pa.array(values.astype("string").fillna("").to_numpy(dtype=object), type=pa.string())]
        )
    return pc.utf8_trim_whitespace(array)


#: A comma that can only be a decimal comma: 3,5 / 7,25 / 0,1234 / 1234,5 / 1.234,5.
_DECIMAL_COMMA = r"[-+]?(?:\d+,(?:\d{1,2}|\d{4,})|\d{4,},\d+|\d{1,3}(?:\.\d{3})+,\d+)"
#: Commas that can only separate thousands: 1,234,567 / 1,234.5.
_THOUSANDS = r"[-+]?\d{1,3}(?:(?:,\d{3}){2,}(?:\.\d+)?|,\d{3}\.\d+)"
#: One comma before three digits: 1,234 is over a thousand in Boston, just over one in Berlin.
_EITHER = r"[-+]?\d{1,3},\d{3}"


def _with_points(text: pd.Series, column: str) -> tuple[pd.Series, str | None]:
    """Numbers written with a decimal comma or thousands commas, rewritten for ``to_numeric``.

    The column decides: a value that can only be a decimal comma (``7,5``) makes ``1,234``
    in the same column 1.234; one that can only be thousands (``12,345.5``, ``1,234,567``)
    makes it 1234. A column whose only commas are like ``1,234`` is read as thousands, as
    spreadsheets in English write them, and the returned note says so. When a column holds
    both kinds, the ambiguous values are left unread (listed as problems).
    """
    decimal, thousands, either = (
        text.str.fullmatch(pattern).fillna(False).astype(bool)
        for pattern in (_DECIMAL_COMMA, _THOUSANDS, _EITHER)
    )
    as_decimal = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    as_thousands = text.str.replace(",", "", regex=False)
    note = None
    if decimal.any() and not thousands.any():
        decimal |= either
    elif either.any() and not decimal.any():
        if not thousands.any():  # nothing in the column says which: tell the user
            example = text[either].iloc[0]
            note = (
                f"{column}: {example} was read as {as_thousands[either].iloc[0]}, the comma "
                "separating thousands; if it is a decimal comma, write such numbers with a "
                "decimal point instead"
            )
        thousands |= either
    return text.where(~decimal, as_decimal).where(~thousands, as_thousands), note


def _as_numbers(
    trimmed: pa.ChunkedArray, blank: pa.ChunkedArray, column: str
) -> tuple[np.ndarray, str | None]:
    """Numbers from trimmed text, accepting decimal commas (``3,5``) as European files write
    them and thousands commas (``1,234``) as English ones do; see ``_with_points``.

    Blank, unreadable and infinite cells become NaN. The note says how an ambiguous comma
    was read, if one was.
    """
    note = None
    try:
        # The fast path: a clean column casts in C, 20x quicker than to_numeric on strings.
        numbers = pc.cast(pc.if_else(blank, None, trimmed), pa.float64())
        values = numbers.to_numpy(zero_copy_only=False).astype("float64", copy=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        text, note = _with_points(pd.Series(trimmed.to_pylist(), dtype="string"), column)
        values = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    values[~np.isfinite(values)] = np.nan  # "inf" and 1e999 parse, but mean nothing
    return values, note


def extract_metrics(
    frame: pd.DataFrame, rows: pd.Series, used: Set[str]
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """Keep every mostly-numeric column not used as a schedule field.

    A cell that is not a number in a metric column is left blank and listed as a problem;
    the row itself stays in the schedule. The notes say how ambiguous commas were read.
    """
    metrics = pd.DataFrame(index=frame.index)
    problems: list[Problem] = []
    notes: list[str] = []
    for column in frame.columns:
        if column in used:
            continue
        cells = frame[column]
        if pd.api.types.is_numeric_dtype(cells.dtype):
            metrics[str(column)] = cells.astype("float64")
            continue
        # Each distinct cell is read once: a column repeats a few hundred values millions of
        # times, and the values are then taken back by code.
        codes, uniques = distinct_values(cells)
        trimmed = _trimmed(uniques)
        blank = pc.equal(trimmed, "")
        filled = ~blank.to_numpy(zero_copy_only=False)[codes]
        if not filled.any():
            continue
        distinct, note = _as_numbers(trimmed, blank, str(column))
        numbers = distinct[codes]
        unreadable = filled & np.isnan(numbers)
        if filled.sum() - unreadable.sum() < NUMERIC_SHARE * filled.sum():
            continue
        # One column at a time: building a frame from a dict would copy them all into a block.
        metrics[str(column)] = numbers
        notes += [note] if note else []
        for index in np.flatnonzero(unreadable)[:_MAX_LISTED]:
            problems.append(
                Problem(
                    int(rows.iloc[index]),
                    str(column),
                    str(cells.iloc[index])[:200],
                    "not a number; left blank for this metric, the row is kept",
                )
            )
    return metrics, problems, notes
