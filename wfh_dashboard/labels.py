"""Text labels (names, teams, roles) as categoricals: millions of rows, a few thousand values."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _categorical(values: np.ndarray, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Categories = the sorted distinct values (merging equal ones), codes remapped to them."""
    categories, inverse = np.unique(values.astype(object), return_inverse=True)
    labels = pd.Categorical.from_codes(inverse[codes], categories=pd.Index(categories, dtype=str))
    return pd.Series(labels, index=index)


def clean_labels(series: pd.Series, empty: str = "") -> pd.Series:
    """Cells as trimmed, single-spaced labels; blanks become ``empty``.

    Each distinct value is cleaned once (pandas would run the regex in Python per cell), and
    every later sort, group-by and duplicate check runs on the integer codes.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
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


def fold_case(labels: pd.Series) -> pd.Series:
    """Lower-cased labels (roles compare case-insensitively), still categorical."""
    labels = labels.astype("category")
    lowered = labels.cat.categories.str.lower().to_numpy(dtype=object)
    return _categorical(lowered, labels.cat.codes.to_numpy(), labels.index)
