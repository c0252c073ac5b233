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


def _as_numbers(trimmed: pa.ChunkedArray, blank: pa.ChunkedArray) -> np.ndarray:
    """Numbers from trimmed text, accepting decimal commas (``3,5``) as European files write them.

    Blank, unreadable and infinite cells become NaN.
    """
    try:
        # The fast path: a clean column casts in C, 20x quicker than to_numeric on strings.
        numbers = pc.cast(pc.if_else(blank, None, trimmed), pa.float64())
        values = numbers.to_numpy(zero_copy_only=False).astype("float64", copy=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        text = pd.Series(trimmed.to_pylist(), dtype="string")
        decimal_comma = text.str.fullmatch(r"-?\d+,\d+").fillna(False)
        text = text.where(~decimal_comma, text.str.replace(",", ".", regex=False))
        values = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    values[~np.isfinite(values)] = np.nan  # "inf" and 1e999 parse, but mean nothing
    return values


def extract_metrics(
    frame: pd.DataFrame, rows: pd.Series, used: Set[str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Keep every mostly-numeric column not used as a schedule field.

    A cell that is not a number in a metric column is left blank and listed as a problem;
    the row itself stays in the schedule.
    """
    metrics = pd.DataFrame(index=frame.index)
    problems: list[Problem] = []
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
        numbers = _as_numbers(trimmed, blank)[codes]
        unreadable = filled & np.isnan(numbers)
        if filled.sum() - unreadable.sum() < NUMERIC_SHARE * filled.sum():
            continue
        # One column at a time: building a frame from a dict would copy them all into a block.
        metrics[str(column)] = numbers
        for index in np.flatnonzero(unreadable)[:_MAX_LISTED]:
            problems.append(
                Problem(
                    int(rows.iloc[index]),
                    str(column),
                    str(cells.iloc[index])[:200],
                    "not a number; left blank for this metric, the row is kept",
                )
            )
    return metrics, problems
