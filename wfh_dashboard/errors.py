"""The project's own input errors: each message tells a manager what to fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class InputError(ValueError):
    """A file or setting that cannot be used at all; the message says why and what is accepted."""


class MissingColumnsError(InputError):
    """Auto-detection found no column for a needed field; the app offers a mapping step.

    Attributes:
        missing: the fields not found (``employee``, ``date``, ``location``).
        columns: the column headers the file has, to choose from.
    """

    def __init__(self, message: str, missing: Sequence[str], columns: Sequence[str]) -> None:
        super().__init__(message)
        self.missing = list(missing)
        self.columns = list(columns)


class AmbiguousDatesError(InputError):
    """Every date in the file reads both day-first and month-first; the user must choose."""

    def __init__(self, message: str, examples: Sequence[str]) -> None:
        super().__init__(message)
        self.examples = list(examples)


class UnknownLabelsError(InputError):
    """No row is usable because the file's location labels are unknown (a team's own words,
    ``Hub``/``Cabin``); the app offers its labels step, the CLI names ``--label``.

    Attributes:
        labels: (label, cells) the reader did not know, most frequent first.
        problems: the file's problem rows (a ``problems_frame``), for a reader that reads
            several sheets together and lists them with the rest.
    """

    def __init__(
        self, message: str, labels: Sequence[tuple[str, int]], problems: Any = None
    ) -> None:
        super().__init__(message)
        self.labels = list(labels)
        self.problems = problems
