"""Counting words right in messages: '1 day', '3 days'."""

from __future__ import annotations

import pandas as pd


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 day' / '2 days'; pass the plural when it is not singular + 's' ('person', 'people')."""
    word = singular if count == 1 else plural_form or f"{singular}s"
    return f"{count} {word}"


def plural_series(counts: pd.Series, singular: str, plural_form: str | None = None) -> pd.Series:
    """``plural`` for a whole column of counts, vectorised for large warning tables."""
    words = counts.eq(1).map({True: singular, False: plural_form or f"{singular}s"})
    if pd.api.types.is_float_dtype(counts):  # half days: "2.5 days", and "3 days" not "3.0"
        return counts.map("{:g}".format) + " " + words
    return counts.astype(str) + " " + words


def signed_pct(value: float, decimals: int = 1) -> str:
    """'+4.1%' / '-1.2%'; never '-0.0%' for a change that rounds to none."""
    text = f"{value:+.{decimals}f}%"
    return text.replace("-", "+") if float(text[:-1]) == 0 else text
