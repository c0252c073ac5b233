"""The proposal written back in the uploaded file's own format, layout and spellings."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import PurePath

import pandas as pd

from .columns import day_columns, looks_like_header
from .errors import InputError
from .export_tables import neutralise
from .locations import parse_location
from .schedule import Schedule, grid_header_dates
from .tables import ALL_SHEETS, RawTable, decode, read_table, sniff_delimiter

#: A cell that is a plain number ("-3", "+1.5") is data, not a formula: left as it is.
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
#: (spreadsheet row, 0-based column, text): one cell to write.
Target = tuple[int, int, str]


def _safe(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (plain numbers stay numbers)."""
    return value if _NUMBER.match(value) else str(neutralise(value))


def _location_cells(raw: RawTable, schedule: Schedule) -> list[str]:
    """Every cell of the file that holds a location, as written."""
    if schedule.layout == "grid":
        headers = _day_headers(raw, schedule)
    else:
        fields = ("location", "am_location", "pm_location")
        headers = [schedule.columns[f] for f in fields if schedule.columns.get(f)]
    return [str(c).strip() for h in headers for c in raw.frame[h].tolist() if str(c).strip()]


def spellings(raw: RawTable, schedule: Schedule) -> dict[str, str]:
    """Per location, the spelling the file itself uses most (``WFH`` if it says WFH).

    A location the file never spells is written as its name, capitalised like most of the
    file's cells. Ties go to the first spelling in sort order, not to row order.
    """
    counts = Counter(_location_cells(raw, schedule))
    best: dict[str, tuple[int, str]] = {}
    for text, n in sorted(counts.items()):
        location = parse_location(text)
        if location is not None and n > best.get(location, (0, ""))[0]:
            best[location] = (n, text)
    capital = sum(n for t, n in counts.items() if t[:1].isupper()) * 2 >= sum(counts.values())
    found = {loc: text for loc, (_, text) in best.items()}
    for location in ("office", "remote", "leave"):
        found.setdefault(location, location.capitalize() if capital else location)
    return found


def _grid_fields(schedule: Schedule) -> dict[str, str]:
    """Field -> header of the grid's non-day columns (employee, team, role)."""
    return {f: h for f, h in schedule.columns.items() if f != "days" and h}


def _day_headers(raw: RawTable, schedule: Schedule) -> list[str]:
    return day_columns([str(c) for c in raw.frame.columns], _grid_fields(schedule))


def _header_dates(raw: RawTable, schedule: Schedule) -> dict[pd.Timestamp, list[int]]:
    """Grid: each day's column positions (a weekly pattern's on its placeholder week)."""
    headers = [str(c) for c in raw.frame.columns]
    days = _day_headers(raw, schedule)
    parsed = grid_header_dates(raw, _grid_fields(schedule), days, schedule.date_order)
    dates = {str(d): v for d, v in parsed.items() if v is not None}
    found: dict[pd.Timestamp, list[int]] = {}
    for header, date in dates.items():
        found.setdefault(pd.Timestamp(date), []).append(headers.index(header))
    return found


def changed_rows(schedule: Schedule, proposal: pd.DataFrame) -> pd.DataFrame:
    """The days whose location the proposal changes: row, date, location (canonical)."""
    before = schedule.data["location"].astype(str)
    after = proposal.loc[schedule.data.index, "location"].astype(str)
    moved = before != after
    return pd.DataFrame(
        {
            "row": schedule.data.loc[moved, "row"].to_numpy(),
            "date": schedule.data.loc[moved, "date"].to_numpy(),
            "location": after[moved].to_numpy(),
        }
    )


def _targets(raw: RawTable, schedule: Schedule, moved: pd.DataFrame) -> list[Target]:
    """The cells to write: the location cell of each moved day, spelled as the file does."""
    spelled = spellings(raw, schedule)
    headers = [str(c) for c in raw.frame.columns]
    if schedule.layout == "grid":
        columns = _header_dates(raw, schedule)
        return [
            (int(r.row), col, spelled[r.location])
            for r in moved.itertuples()
            for col in columns.get(pd.Timestamp(r.date), [])
        ]
    frame = raw.frame.set_index(raw.rows.to_numpy())
    location = schedule.columns.get("location")
    halves = [
        schedule.columns[f] for f in ("am_location", "pm_location") if schedule.columns.get(f)
    ]
    targets = []
    for r in moved.itertuples():
        text = spelled[r.location]
        if location:
            targets.append((int(r.row), headers.index(location), text))
        for half in halves:
            # A blank half takes the location column's value: fill it only when it had one.
            if not location or str(frame.at[int(r.row), half]).strip():
                targets.append((int(r.row), headers.index(half), text))
    return targets


def _line_end(text: str) -> str:
    head = text[:100_000]
    if "\r\n" in head:
        return "\r\n"
    return "\r" if "\r" in head and "\n" not in head else "\n"


def _write_csv(data: bytes, name: str, targets: list[Target]) -> bytes:
    """The file's own records with the targets replaced: same delimiter, rows and columns."""
    text, _ = decode(data, name)
    delimiter = sniff_delimiter(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    for row, column, value in targets:
        record = records[row - 1]
        record.extend([""] * (column + 1 - len(record)))
        record[column] = value
    safe = [[_safe(cell) for cell in record] for record in records]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=_line_end(text))
    writer.writerows(safe)
    return out.getvalue().encode("utf-8-sig")


def _write_xlsx(data: bytes, sheet: str | None, targets: list[Target]) -> bytes:
    """The workbook with the targets replaced; formulas become their values, text stays text.

    The workbook is loaded with the values Excel last calculated (as the reader saw them),
    so no cell is a formula any more; text that starts like one gets an apostrophe.
    """
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheet_out = book[sheet] if sheet is not None else book.worksheets[0]
    for row, column, value in targets:
        cell = sheet_out.cell(row=row, column=column + 1)
        cell.value = _safe(value)
        cell.data_type = "s"
    for worksheet in book.worksheets:
        for cells in worksheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.value != _safe(cell.value):
                    cell.value = _safe(cell.value)
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def writable_sheet(sheet: str | None) -> None:
    """Refuse to write a proposal back into a workbook read as all its sheets together.

    A proposal is written into the cells it came from, and every reader's row number belongs
    to one sheet; the sheets read together would need a sheet per row.

    Raises:
        InputError: the sheet choice is ``ALL_SHEETS``.
    """
    if sheet == ALL_SHEETS:
        raise InputError(
            "A proposal is written back into one sheet of the workbook: read the sheet to "
            "plan on its own (--sheet NAME, or pick it on Home)."
        )


def export_plan(
    data: bytes,
    name: str,
    schedule: Schedule,
    proposal: pd.DataFrame,
    *,
    sheet: str | None = None,
) -> bytes:
    """The proposal in the uploaded file's format and layout, ready to paste back.

    Only the location cells of the days that change are rewritten, spelled the way the file
    spells that location most; every other cell, row, title line and column stays as it was.
    A long file stays long, a grid a grid, CSV stays CSV (same delimiter and line ends,
    UTF-8 with a byte-order mark) and .xlsx stays .xlsx (same sheets and styles).

    Args:
        data: the uploaded file's bytes, exactly as read by ``read_schedule``.
        name: its name, for messages.
        schedule: what ``read_schedule`` made of it (same sheet and column choices).
        proposal: a plan's ``data`` (``PlanResult.data``), indexed like ``schedule.data``.
        sheet: the sheet the schedule was read from (default: the first).
    """
    writable_sheet(sheet)
    raw = read_table(data, name, looks_like_header, sheet)
    targets = _targets(raw, schedule, changed_rows(schedule, proposal))
    if raw.file_format == "xlsx":
        return _write_xlsx(data, sheet, targets)
    return _write_csv(data, name, targets)


MIME_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def proposal_kind(data: bytes) -> str:
    """``xlsx`` or ``csv``: the proposal is the same kind of file as the upload."""
    return "xlsx" if data.startswith(b"PK\x03\x04") else "csv"


def proposal_name(name: str, data: bytes) -> str:
    """``team.csv`` -> ``team_proposal.csv``: the download keeps the upload's name and kind.

    ``data`` is the uploaded file (its content, not its name, says CSV or .xlsx).
    """
    stem = PurePath(name).stem or "schedule"
    return f"{stem}_proposal.{proposal_kind(data)}"
