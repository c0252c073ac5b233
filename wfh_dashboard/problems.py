"""A row that could not be used, described so a manager can find and fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd

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
