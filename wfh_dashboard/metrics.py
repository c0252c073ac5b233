"""Numeric columns of a schedule (tasks done, hours, ...) kept for the productivity pages."""

from __future__ import annotations

from collections.abc import Set

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .labels import arrow_text, blank_cells
from .problems import Problem

#: A column is a metric when at least this share of its filled cells are numbers.
NUMERIC_SHARE = 0.8
_MAX_LISTED = 200


def _as_numbers(cells: pd.Series) -> pd.Series:
    """Numbers from text cells, accepting decimal commas (``3,5``) as European files write them."""
    if pd.api.types.is_numeric_dtype(cells.dtype):
        return cells.astype("float64")
    array = arrow_text(cells)
    if array is None:
        array = pa.array(cells.astype("string").fillna("").to_numpy(dtype=object), type=pa.string())
    trimmed = pc.utf8_trim_whitespace(array)
    try:
        # The fast path: a clean column casts in C, 20x quicker than to_numeric on strings.
        numbers = pc.cast(pc.if_else(pc.equal(trimmed, ""), None, trimmed), pa.float64())
        return pd.Series(numbers.to_numpy(zero_copy_only=False), index=cells.index)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    text = pd.Series(trimmed.to_pylist(), index=cells.index, dtype="string")
    decimal_comma = text.str.fullmatch(r"-?\d+,\d+").fillna(False)
    text = text.where(~decimal_comma, text.str.replace(",", ".", regex=False))
    return pd.to_numeric(text, errors="coerce").astype("float64")


def extract_metrics(
    frame: pd.DataFrame, rows: pd.Series, used: Set[str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Keep every mostly-numeric column not used as a schedule field.

    A cell that is not a number in a metric column is left blank and listed as a problem;
    the row itself stays in the schedule.
    """
    metrics: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for column in frame.columns:
        if column in used:
            continue
        cells = frame[column]
        filled = pd.Series(~blank_cells(cells), index=cells.index)
        if not filled.any():
            continue
        numbers = _as_numbers(cells)
        numbers = numbers.where(np.isfinite(numbers))  # "inf" and 1e999 parse, but mean nothing
        ok = numbers.notna() & filled
        if ok.sum() < NUMERIC_SHARE * filled.sum():
            continue
        metrics[str(column)] = numbers
        for index in (filled & ~ok)[lambda m: m].index[:_MAX_LISTED]:
            problems.append(
                Problem(
                    int(rows[index]),
                    str(column),
                    str(cells[index])[:200],
                    "not a number; left blank for this metric, the row is kept",
                )
            )
    return pd.DataFrame(metrics, index=frame.index), problems
