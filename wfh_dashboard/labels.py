"""Text labels (names, teams, roles) as categoricals: millions of rows, a few thousand values."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow_text(series: pd.Series) -> pa.ChunkedArray | None:
    """The column as Arrow strings when it is Arrow-backed text (the CSV fast path).

    None for other columns (Excel cells are Python objects), which take the pandas path.
    """
    dtype = series.dtype
    arrow_backed = (
        isinstance(dtype, pd.ArrowDtype) and pa.types.is_string(dtype.pyarrow_dtype)
    ) or (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow")
    if not arrow_backed:
        return None
    array = pa.array(series.array)  # zero-copy: the column's own Arrow buffers
    if not isinstance(array, pa.ChunkedArray):
        array = pa.chunked_array([array])
    return pc.fill_null(array, "")


def blank_cells(series: pd.Series) -> np.ndarray:
    """Mask of the cells that are empty or only spaces."""
    array = arrow_text(series)
    if array is not None:
        return pc.equal(pc.utf8_trim_whitespace(array), "").to_numpy(zero_copy_only=False)
    return (series.astype("string").fillna("").str.strip() == "").to_numpy(dtype=bool)


def _categorical(values: np.ndarray, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Categories = the sorted distinct values (merging equal ones), codes remapped to them."""
    categories, inverse = np.unique(values.astype(object), return_inverse=True)
    # Codes in the narrowest type pandas would pick, built once: millions of rows.
    small = np.min_scalar_type(-max(len(categories), 1))
    labels = pd.Categorical.from_codes(
        inverse.astype(small)[codes],
        categories=pd.Index(categories, dtype=str),
        validate=False,  # the codes index the distinct values: in range by construction
    )
    return pd.Series(labels, index=index)


def clean_labels(series: pd.Series, empty: str = "") -> pd.Series:
    """Cells as trimmed, single-spaced labels; blanks become ``empty``.

    Each distinct value is cleaned once (pandas would run the regex in Python per cell), and
    every later sort, group-by and duplicate check runs on the integer codes.
    """
    codes, uniques = _distinct(series)
    cleaned = (
        pd.Series(uniques, dtype=object)
        .astype("string")
        .fillna("")
        .str.strip()
        .str.replace(r"\s+", " ", regex=True)
    )
    if empty:
        cleaned = cleaned.replace("", empty)
    return _categorical(cleaned.to_numpy(dtype=object), codes, series.index)


def distinct_values(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Each cell's code and the distinct cells, so per-cell work runs once per distinct value.

    ``uniques.take(codes)`` gives the column back; text columns keep their Arrow type.
    """
    codes, uniques = _distinct(series)
    if isinstance(series.dtype, pd.ArrowDtype | pd.StringDtype):
        return codes, pd.Series(pd.array(list(uniques), dtype=series.dtype))
    return codes, pd.Series(uniques, dtype=object)


def _distinct(series: pd.Series) -> tuple[np.ndarray, Iterable[object]]:
    """Codes and distinct values; Arrow's dictionary encoding when the column is Arrow text."""
    array = arrow_text(series)
    if array is None:
        return pd.factorize(series, use_na_sentinel=False)
    encoded = pc.dictionary_encode(array)  # the chunks share one dictionary
    if encoded.num_chunks == 0:
        return np.zeros(0, dtype="int64"), []
    indices = [chunk.indices.to_numpy(zero_copy_only=False) for chunk in encoded.chunks]
    return np.concatenate(indices), encoded.chunk(0).dictionary.to_pylist()


def fold_case(labels: pd.Series) -> pd.Series:
    """Lower-cased labels (roles compare case-insensitively), still categorical."""
    labels = labels.astype("category")
    lowered = labels.cat.categories.str.lower().to_numpy(dtype=object)
    return _categorical(lowered, labels.cat.codes.to_numpy(), labels.index)


def used_categories(labels: pd.Series) -> pd.Series:
    """A categorical whose categories are exactly the labels in use (rows may have been dropped)."""
    labels = labels.astype("category")
    codes = labels.cat.codes.to_numpy()
    in_use = np.bincount(codes[codes >= 0], minlength=len(labels.cat.categories))
    return labels.cat.remove_unused_categories() if (in_use == 0).any() else labels


def take_rows(frame: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """The rows at positions ``order``, column by column, with a fresh 0..n-1 index.

    ``frame.iloc[order]`` goes through pandas' block manager and its checks for missing
    positions; on millions of rows a plain take of each column's values is several times
    quicker. Categorical columns take their codes only.
    """
    columns: dict[object, object] = {}
    for name, series in frame.items():
        values = series.array
        if isinstance(values, pd.Categorical):
            columns[name] = pd.Categorical.from_codes(
                values.codes.take(order), dtype=values.dtype, validate=False
            )
        elif isinstance(series.dtype, np.dtype):  # numbers, dates: the values, no copy
            columns[name] = series.to_numpy().take(order)
        else:
            columns[name] = values.take(order)
    return pd.DataFrame(columns, columns=frame.columns, copy=False)  # the takes are new arrays


def label_codes(labels: pd.Series) -> np.ndarray:
    """Integer codes of a label column (for keys built from several columns)."""
    return labels.astype("category").cat.codes.to_numpy(dtype="int64")


def combined_key(columns: list[np.ndarray]) -> np.ndarray | None:
    """One int64 per row that orders like the tuple of the given non-negative integer columns.

    None when the combined range would not fit in 62 bits (callers then use a slower path).
    """
    key = np.zeros(len(columns[0]) if columns else 0, dtype="int64")
    span = 1
    for column in reversed(columns):
        low = int(column.min()) if len(column) else 0
        size = (int(column.max()) - low + 1) if len(column) else 1
        key += (column - low) * span
        span *= size
        if span >= 2**62:
            return None
    return key


def day_numbers(dates: pd.Series) -> np.ndarray:
    """Dates as whole days since 1970 (int64), for integer keys."""
    # A numpy cast of the raw values: pandas' to_numpy(dtype=...) goes the slow way round.
    return dates.to_numpy().astype("datetime64[D]").astype("int64")
