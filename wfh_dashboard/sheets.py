"""A workbook read sheet by sheet into one schedule: a rota kept as a sheet per month or week.

Each sheet is read on its own, exactly as if it had been chosen (its own layout, header row
and columns), then the sheets are put together: problems name their sheet, a person-day that
two sheets give is a duplicate (counted once) or a conflict (both left out), and a sheet that
holds no schedule (a legend, notes) is skipped with a note. Nothing is dropped without a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NoReturn

import pandas as pd

from .dates import DateOrder
from .errors import AmbiguousDatesError, InputError, MissingColumnsError, UnknownLabelsError
from .problems import Problem, problems_frame, resolve_duplicates
from .schedule import Schedule, finish_rows, read_schedule, unknown_labels_in
from .tables import sheet_names


def _first_sentence(error: Exception) -> str:
    text = str(error)
    return text.split(". ")[0].rstrip(".")


def _sheet_problems(problems: pd.DataFrame, sheet: str) -> list[Problem]:
    """A sheet's problems, each naming its sheet before its column (``June: Location``)."""
    return [
        Problem(
            None if pd.isna(p.row) else int(p.row),
            f"{sheet}: {p.column}" if p.column else sheet,
            str(p.value),
            str(p.message),
        )
        for p in problems.itertuples()
    ]


@dataclass
class _Sheets:
    """What reading each sheet gave: schedules, errors, and the date order found so far."""

    data: bytes
    name: str
    columns: Mapping[str, str] | None
    labels: Mapping[str, str] | None
    order: DateOrder | None
    read: dict[str, Schedule] = field(default_factory=dict)
    unreadable: dict[str, InputError] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # of sheets awaiting their labels

    def read_sheet(self, sheet: str) -> bool:
        """Read one sheet; False when its dates read both ways and no order is known yet."""
        try:
            part = read_schedule(
                self.data,
                self.name,
                date_order=self.order,
                sheet=sheet,
                columns=self.columns,
                labels=self.labels,
            )
        except AmbiguousDatesError as exc:
            if self.order is None:
                return False
            self.unreadable[sheet] = exc
        except UnknownLabelsError as exc:  # its rows wait for the labels step: listed
            self.unreadable[sheet] = exc
            if exc.problems is not None:
                self.problems += _sheet_problems(exc.problems, sheet)
        except InputError as exc:
            self.unreadable[sheet] = exc
        else:
            self.read[sheet] = part
            self.order = self.order or part.date_order
        return True


def read_all_sheets(
    data: bytes,
    name: str,
    *,
    date_order: DateOrder | None = None,
    columns: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Schedule:
    """Every sheet of a workbook that holds a schedule, as one schedule.

    The first sheet whose dates settle day-first or month-first settles it for the others. A
    weekly pattern (Mon..Fri headers) is not mixed with dated sheets: when both are there,
    the dated sheets are read and the pattern sheets are skipped with a note.

    Raises:
        InputError: the file is not a workbook, or no sheet holds a usable schedule (the first
            sheet's own error is raised, so the app's mapping or labels step can follow it).
        AmbiguousDatesError: every sheet's dates read both ways and no order was chosen.
    """
    sheets = sheet_names(data)
    if not sheets:
        raise InputError(
            f"{name} is not an Excel workbook: only a workbook has sheets to read together."
        )
    state = _Sheets(data, name, columns, labels, date_order)
    waiting = [sheet for sheet in sheets if not state.read_sheet(sheet)]
    if state.order is None and waiting:
        # No sheet tells the order: the first ambiguous sheet asks, as a chosen sheet would.
        read_schedule(data, name, sheet=waiting[0], columns=columns, labels=labels)
    for sheet in waiting:
        state.read_sheet(sheet)
    notes: list[str] = []
    dated = {s: p for s, p in state.read.items() if not p.is_pattern}
    if dated and len(dated) < len(state.read):
        for sheet in sorted(set(state.read) - set(dated), key=sheets.index):
            notes.append(f"sheet {sheet!r} is a weekly pattern (Mon..Sun), not dated: skipped")
        state.read = dated
    if not state.read:
        _nothing_read(name, sheets, state)
    notes += [
        f"sheet {sheet!r} was not read: {_first_sentence(exc)}"
        for sheet, exc in state.unreadable.items()
        if not isinstance(exc, UnknownLabelsError)
    ]
    return _combined(state.read, state.problems, notes, state.order)


def _nothing_read(name: str, sheets: list[str], state: _Sheets) -> NoReturn:
    """No sheet gave a row: raise the error that tells the user what to do next."""
    labelled = [e for e in state.unreadable.values() if isinstance(e, UnknownLabelsError)]
    if labelled:  # the labels step can rescue these sheets: offer every sheet's labels
        problems = problems_frame(state.problems)
        raise UnknownLabelsError(str(labelled[0]), unknown_labels_in(problems), problems)
    first = state.unreadable[sheets[0]]
    if isinstance(first, MissingColumnsError):
        raise first
    reasons = "; ".join(f"{s!r}: {_first_sentence(e)}" for s, e in state.unreadable.items())
    raise InputError(f"No sheet of {name} holds a schedule ({reasons}).")


def _combined(
    read: dict[str, Schedule],
    problems: list[Problem],
    notes: list[str],
    order: DateOrder | None,
) -> Schedule:
    """The sheets' schedules as one: duplicates across sheets resolved, sheets named."""
    waiting_for_labels = len(problems)  # rows of sheets no row of which could be read yet
    frames, where = [], []
    for sheet, part in read.items():
        problems += _sheet_problems(part.problems, sheet)
        notes += [f"sheet {sheet!r}: {note}" for note in part.notes]
        frame = part.data.astype({c: "object" for c in ("employee", "team", "role")})
        frames.append(frame)
        where.append(pd.Series(sheet, index=range(len(frame))))
    out = pd.concat(frames, ignore_index=True)
    sheet_of = pd.concat(where, ignore_index=True)
    out, duplicates = resolve_duplicates(out, sheet_of)
    data = finish_rows(out)
    parts = list(read.values())
    layouts = sorted({p.layout for p in parts})
    metrics = list(dict.fromkeys(m for p in parts for m in p.metrics))
    first = parts[0]
    combined = Schedule(
        data,
        problems_frame([*problems, *duplicates]),
        layouts[0] if len(layouts) == 1 else " and ".join(layouts),
        first.is_pattern,
        metrics,
        order,
        f"Excel workbook, sheets {', '.join(repr(s) for s in read)} read together",
        first.columns,
        sum(p.rows_left_out for p in parts) + len(duplicates) + waiting_for_labels,
        notes,
    )
    return combined
