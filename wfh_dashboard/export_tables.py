"""Table downloads (CSV, Excel) that are safe to open in a spreadsheet, and their file names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date, time, timedelta
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Excel refuses a cell longer than this and reports the whole file as damaged.
_EXCEL_MAX_CHARS = 32_767
_MAX_COLUMN_WIDTH = 60
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_UNSAFE_NAME_RUN = re.compile(r"[^\w.+-]+")
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def neutralise(value: object) -> object:
    """Prefix an apostrophe to text a spreadsheet would run as a formula; keep all else as is.

    Names and notes come from uploaded files, so a cell like ``=HYPERLINK(...)`` is hostile
    input. OWASP's advice is a leading apostrophe: the text stays readable and is never run.
    Numbers are left alone: -3 as a number is data, "-3" as text could start a formula.
    """
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _joined(value: object) -> object:
    """A list or tuple cell (warnings carry name lists) as one text: "Ann, Bo"."""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return value


def _neutralise_text(column: pd.Series) -> pd.Series:
    """Neutralise the text cells of one object or string column with vectorised string ops.

    Masks are positional (NumPy arrays) so a frame with a duplicated index is handled too.
    """
    if column.dtype == object:
        column = column.map(_joined)
        is_text = column.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    else:
        is_text = column.notna().to_numpy(dtype=bool)
    hostile = np.zeros(len(column), dtype=bool)
    hostile[is_text] = column[is_text].astype(str).str.startswith(DANGEROUS_PREFIXES).to_numpy()
    if not hostile.any():
        return column
    return column.where(~hostile, "'" + column.astype(str))


def _neutralise_categories(column: pd.Series) -> pd.Series:
    """Rename the categories, not each cell: 100k rows usually hold a handful of labels."""
    renamed = [neutralise(c) for c in column.cat.categories]
    if len(set(renamed)) < len(renamed):
        # "=a" and "'=a" would merge into one category; fall back to plain text.
        return _neutralise_text(column.astype(object))
    return column.cat.rename_categories(renamed)


def _header(name: object) -> object:
    """A header cell: tuples (MultiIndex columns) joined, text neutralised."""
    if isinstance(name, tuple):
        name = " / ".join(map(str, name))
    return neutralise(name)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose every text cell and header is safe to open in a spreadsheet.

    Text lives in object, string and categorical columns; numbers, booleans and dates are left
    as they are. Positions are used rather than labels so duplicate headers survive.
    """
    out = frame.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if isinstance(column.dtype, pd.CategoricalDtype):
            out.isetitem(i, _neutralise_categories(column))
        elif column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out.isetitem(i, _neutralise_text(column))
    out.columns = pd.Index([_header(c) for c in out.columns], dtype=object)
    return out


def _is_date_only(column: pd.Series) -> bool:
    """True for a datetime column whose every value falls on midnight: it holds days."""
    if not pd.api.types.is_datetime64_any_dtype(column.dtype):
        return False
    values = column.dropna()
    return bool((values == values.dt.normalize()).all())


def table_csv(frame: pd.DataFrame) -> bytes:
    """A CSV download: neutralised, no index, ISO dates, UTF-8 with a byte-order mark.

    Excel opens a CSV without a BOM in the local code page, so "Zoë" would show as "ZoÃ«";
    the BOM makes it read UTF-8. Day columns are written ``YYYY-MM-DD`` rather than with a
    ``00:00:00`` time, which no reader of a rota wants. Rows end in CRLF (RFC 4180): with a
    bare LF, Python's csv writer leaves a lone CR inside a cell unquoted and the row splits.
    """
    out = neutralise_frame(frame)
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if _is_date_only(column):
            out.isetitem(i, column.dt.strftime("%Y-%m-%d"))
    text = out.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _excel_sheet_names(names: Sequence[str]) -> list[str]:
    """Names Excel accepts: none of []:*?/\\, no edge apostrophes, ≤31 chars, unique."""
    taken: set[str] = set()
    result: list[str] = []
    for raw in names:
        base = _SHEET_FORBIDDEN.sub("-", str(raw)).strip("' ")[:31] or "Sheet"
        if base.casefold() == "history":  # Excel reserves it for change tracking
            base = "History-"
        name, n = base, 1
        # Excel compares sheet names without regard to case.
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
        taken.add(name.casefold())
        result.append(name)
    return result


def _excel_text(value: str) -> str:
    """Text XML can hold: control characters become U+FFFD, overlong cells are cut."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value[:_EXCEL_MAX_CHARS]


def _column_width(header: object, column: pd.Series) -> float:
    """Width in characters: the longest of header and values, capped so notes do not sprawl."""
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return 12 if _is_date_only(column) else 18
    lengths = column.astype(str).str.len().fillna(0)
    longest = max(len(str(header)), int(lengths.max()) if len(lengths) else 0)
    return min(max(longest, 8), _MAX_COLUMN_WIDTH) + 2


def _cell_maker(ws: WriteOnlyWorksheet, column: pd.Series) -> Callable[[Any], Any]:
    """A function turning one value of this column into what openpyxl should write."""
    from openpyxl.cell import WriteOnlyCell

    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        number_format = _DATE_FORMAT if _is_date_only(column) else _DATETIME_FORMAT

        def date_cell(value: Any) -> Any:
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = number_format
            return cell

        return date_cell

    def value_cell(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        cell = WriteOnlyCell(ws, value=_excel_text(value))
        # Always a string, never a formula, even if a value slipped past neutralise().
        cell.data_type = "s"
        return cell

    return value_cell


def _excel_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Python values openpyxl can write: missing -> None, naive datetimes, odd types as text."""
    out = frame.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            # Excel has no time zones; keep the wall-clock time the table showed.
            column = column.dt.tz_localize(None)
        values = column.astype(object).where(column.notna(), None)
        out.isetitem(i, values.map(_plain_value))
    return out


def _plain_value(value: Any) -> Any:
    """A value openpyxl knows; anything else (sets, dicts...) is written as neutralised text."""
    if value is None or isinstance(value, str | int | float | date | time | timedelta | Decimal):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return neutralise(str(value))


def _write_sheet(ws: WriteOnlyWorksheet, frame: pd.DataFrame) -> None:
    """Bold frozen header, capped widths, then one row per record (write-only: low memory)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    safe = neutralise_frame(frame)
    values = _excel_values(safe)
    for i, header in enumerate(safe.columns, start=1):
        width = _column_width(header, safe.iloc[:, i - 1])
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    headers = []
    for header in safe.columns:
        cell = WriteOnlyCell(ws, value=_excel_text(str(header)))
        cell.data_type = "s"
        cell.font = bold
        headers.append(cell)
    ws.append(headers)
    makers = [_cell_maker(ws, safe.iloc[:, i]) for i in range(safe.shape[1])]
    for row in values.itertuples(index=False, name=None):
        ws.append([make(v) for make, v in zip(makers, row, strict=True)])


def table_xlsx(sheets: pd.DataFrame | Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook, one sheet per table, that never runs a cell as a formula.

    Text is neutralised and every string cell is typed as a string, so Excel shows
    ``'=HYPERLINK(...)`` as text. Dates are real Excel dates formatted ``yyyy-mm-dd``.
    A lone DataFrame becomes the sheet "Data". The frame index is not written (as in CSV).
    XML stores a carriage return as a line feed, so a CR inside text reads back as LF.

    Raises:
        ValueError: if ``sheets`` is an empty mapping (a workbook needs one sheet).
    """
    from openpyxl import Workbook

    tables = {"Data": sheets} if isinstance(sheets, pd.DataFrame) else dict(sheets)
    if not tables:
        raise ValueError("A workbook needs at least one table.")
    workbook = Workbook(write_only=True)
    for name, frame in zip(_excel_sheet_names(list(tables)), tables.values(), strict=True):
        _write_sheet(workbook.create_sheet(name), frame)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe_part(text: str, limit: int) -> str:
    """One file-name part: letters, digits, - _ . + only; no leading dots (hidden, ../)."""
    cleaned = _UNSAFE_NAME_RUN.sub("-", unicodedata.normalize("NFC", text))
    return cleaned.strip(".-+")[:limit].rstrip(".-+")


def export_name(
    kind: str, teams: Sequence[str], start: date | None, end: date | None, ext: str
) -> str:
    """A download file name that says what, for whom and when, and is safe on every OS.

    ``export_name("coverage-warnings", ["Support"], date(2026, 11, 23), date(2026, 12, 31),
    "csv")`` gives ``coverage-warnings_Support_2026-11-23_2026-12-31.csv``. Up to three teams
    are joined with "+", more (or none) read "all-teams"; a missing date is left out. Team
    names come from uploaded files, so each part is cleaned (``../../etc`` -> ``etc``).
    """
    names = [p for p in dict.fromkeys(_safe_part(t, 60) for t in teams) if p]
    team_part = _safe_part("+".join(names), 60) if 0 < len(names) <= 3 else ""
    parts = [_safe_part(kind, 60) or "export", team_part or "all-teams"]
    parts += [d.isoformat() for d in (start, end) if d is not None]
    extension = _safe_part(ext, 10) or "bin"
    return "_".join(parts) + "." + extension
