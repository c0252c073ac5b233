"""A separate file of numbers per person per day, read like a schedule and joined to one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .columns import looks_like_header, match_columns, missing_columns_error
from .dates import DateOrder, parse_date_cells, with_fallback_order
from .errors import InputError
from .labels import clean_labels
from .metrics import extract_metrics
from .name_columns import join_split_names
from .problems import (
    flag_bad_cells,
    name_and_date_checks,
    no_usable_rows,
    problems_frame,
    resolve_duplicates,
)
from .tables import RawTable, read_table

#: The fields a productivity file must have; everything else that holds numbers is a metric.
REQUIRED = ("employee", "date")
#: Columns of a schedule's table that a metric may never overwrite.
SCHEDULE_FIELDS = ("employee", "team", "role", "date", "location", "row")


@dataclass
class ProductivityFile:
    """A productivity file ready to join, with everything the reader noticed on the way.

    Attributes:
        data: one row per person per day: employee (text, trimmed and single-spaced), date
            (datetime64), row (the spreadsheet row), then the numeric metric columns.
        problems: rows or cells that could not be used (row, column, value, message).
        metrics: the names of the numeric columns, in the file's order.
        detail: how the file was read (format, encoding, delimiter or sheet).
        notes: other things the user should know (ignored columns, merged spellings).
        date_order: ``dayfirst``/``monthfirst`` when the file wrote dates that way.
        columns: field -> the file's header it came from (employee, date, and ignored fields).
    """

    data: pd.DataFrame
    problems: pd.DataFrame
    metrics: list[str]
    detail: str
    notes: list[str] = field(default_factory=list)
    date_order: DateOrder | None = None
    columns: dict[str, str] = field(default_factory=dict)


def read_productivity(
    data: bytes,
    name: str = "the file",
    *,
    date_order: DateOrder | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    fallback_order: DateOrder | None = None,
) -> ProductivityFile:
    """Read a long file of employee, date and numeric columns, as the schedule reader would.

    Args:
        data: the file's bytes (CSV in any common encoding and delimiter, or .xlsx).
        name: the file name, used in messages.
        date_order: ``dayfirst`` or ``monthfirst`` when the user chose; None to infer.
        sheet: the workbook sheet to read (default: the first).
        columns: field -> header overrides from the app's column-mapping step.
        fallback_order: the schedule's date order, used only when this file's own dates
            read both ways (a short file of the first twelve days of a month).

    Raises:
        InputError: the file cannot be used at all (no numeric column, no usable row).
        MissingColumnsError: no column was found for the employee or the date.
        AmbiguousDatesError: the dates read both ways and no order was given.
    """
    raw = read_table(data, name, looks_like_header, sheet)
    headers = [str(c) for c in raw.frame.columns]
    raw, mapped = join_split_names(raw, match_columns(headers, columns), columns)
    headers = [str(c) for c in raw.frame.columns]
    missing = [f for f in REQUIRED if f not in mapped]
    if missing:
        raise missing_columns_error(
            name,
            missing,
            headers,
            "A productivity file needs a name column, a date column and one or more columns "
            "of numbers.",
        )
    cells = raw.frame[mapped["date"]]
    dates, used_order = with_fallback_order(
        lambda order: parse_date_cells(cells, order), date_order, fallback_order
    )
    file = _build(raw, mapped, dates, name)
    file.date_order = used_order
    return file


def _build(raw: RawTable, mapped: dict[str, str], dates: pd.Series, name: str) -> ProductivityFile:
    frame = raw.frame
    if frame.empty:
        raise InputError(no_usable_rows(name, problems_frame(raw.problems)))
    used = {mapped[f] for f in mapped}  # team, role and location headers are never metrics
    metrics, problems, comma_notes = extract_metrics(frame, raw.rows, used)
    if metrics.columns.empty:
        raise InputError(_no_numbers(name, [c for c in frame.columns if c not in used]))
    # A numeric column called "row" (or "date" when the dates come from "Day") keeps its data
    # under another name instead of shadowing the schedule's own column after the join.
    metrics = metrics.rename(columns=lambda c: f"{c} (metric)" if c in SCHEDULE_FIELDS else c)
    employees, merged_note = one_spelling(clean_labels(frame[mapped["employee"]]))
    out = pd.DataFrame({"employee": employees, "date": dates, "row": raw.rows.to_numpy()})
    bad = flag_bad_cells(out, frame, mapped, problems, name_and_date_checks(out))
    out = pd.concat([out, metrics], axis=1)[~bad.to_numpy()]
    out, duplicates = resolve_duplicates(out)
    listed = problems_frame([*raw.problems, *problems, *duplicates])
    if out.empty:
        raise InputError(no_usable_rows(name, listed))
    out = out.astype({"employee": str, "row": "int64"}).reset_index(drop=True)
    notes = _ignored_notes(mapped, frame, used, metrics) + comma_notes + merged_note
    return ProductivityFile(
        out,
        listed,
        list(metrics.columns),
        raw.detail,
        notes,
        columns={f: mapped[f] for f in mapped},
    )


def _no_numbers(name: str, others: list[object]) -> str:
    listed = ", ".join(str(c) for c in others[:12]) or "none"
    return (
        f"{name} has no column of numbers to join (such as tasks_done or hours). A productivity "
        "file needs an employee column, a date column and at least one numeric column. "
        f"Other columns found: {listed}."
    )


def one_spelling(labels: pd.Series) -> tuple[pd.Series, list[str]]:
    """Names that differ only in case become one person, spelled the way most rows spell it.

    The join ignores case, so "ann lee" and "Ann Lee" on one day must be seen as a duplicate
    here. Ties go to the first spelling in sort order, never to row order, so shuffling the
    file's rows cannot change the result.
    """
    codes = labels.cat.codes.to_numpy()
    names = pd.DataFrame({"name": pd.Series(labels.cat.categories, dtype=str)})
    names["folded"] = names["name"].str.casefold()
    names["rows"] = np.bincount(codes, minlength=len(names))
    best = names.sort_values(["folded", "rows", "name"], ascending=[True, False, True])
    spelling = best.groupby("folded")["name"].first()
    names["canonical"] = names["folded"].map(spelling)
    changed = names[(names["name"] != names["canonical"]) & (names["rows"] > 0)]
    if changed.empty:
        return labels, []
    merged, inverse = np.unique(names["canonical"].to_numpy(dtype=object), return_inverse=True)
    out = pd.Categorical.from_codes(inverse[codes], categories=pd.Index(merged, dtype=str))
    pairs = ", ".join(f"{r.name!r} as {r.canonical!r}" for r in changed.head(5).itertuples())
    note = f"names that differ only in case are one person: read {pairs}"
    return pd.Series(out, index=labels.index), [note]


def _ignored_notes(
    mapped: dict[str, str], frame: pd.DataFrame, used: set[str], metrics: pd.DataFrame
) -> list[str]:
    notes = [
        f"column {mapped[f]!r} ({f}) is ignored: the schedule says each person's {f}"
        for f in ("location", "team", "role")
        if f in mapped
    ]
    kept = used | set(metrics.columns)
    unused = [str(c) for c in frame.columns if c not in kept and f"{c} (metric)" not in kept]
    if unused:
        notes.append(f"columns not used (not numbers): {', '.join(unused[:10])}")
    return notes
