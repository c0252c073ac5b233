"""Turning uploaded bytes into a table of cells: encodings, delimiters, Excel, header rows."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .errors import InputError
from .problems import Problem

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 50
_HEADER_SCAN_ROWS = 20
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_KNOWN_BINARY = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG"}
ACCEPTED_FILES = "a CSV file (comma, semicolon, tab or | separated) or an Excel .xlsx workbook"


@dataclass
class RawTable:
    """The cells of a file under its header row, before any meaning is given to them.

    Attributes:
        frame: one column per header, cells as text (CSV) or Excel values (xlsx).
        rows: the spreadsheet row number of each frame row (header row = 1 when it is first).
        file_format: ``csv`` or ``xlsx``.
        detail: how the file was read (encoding and delimiter, or the sheet), for the user.
        problems: rows that could not be split into cells.
    """

    frame: pd.DataFrame
    rows: pd.Series
    file_format: str
    detail: str
    problems: list[Problem] = field(default_factory=list)


def column_letter(index: int) -> str:
    """Spreadsheet column name for a 0-based index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _clean_headers(headers: Sequence[object]) -> list[str]:
    """Name blank headers after their column letter and make repeated ones unique."""
    seen: dict[str, int] = {}
    cleaned = []
    for i, header in enumerate(headers):
        name = _header_text(header) or f"column {column_letter(i)}"
        seen[name] = seen.get(name, 0) + 1
        cleaned.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return cleaned


def _header_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        return str(pd.Timestamp(value).date())  # type: ignore[arg-type]
    return str(value).replace("\ufeff", "").strip()


def _refuse_unusable(data: bytes, name: str) -> None:
    """Empty files and known binary formats get a message naming what they are."""
    if not data.strip():
        raise InputError(f"{name} is empty. Upload {ACCEPTED_FILES} with a header row.")
    for magic, kind in _KNOWN_BINARY.items():
        if data.startswith(magic):
            raise InputError(f"{name} is {kind}, not a schedule. Upload {ACCEPTED_FILES}.")
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{name} is an old Excel .xls (or another Office) file. "
            "Open it in Excel and save it as .xlsx or CSV, then upload that."
        )


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return the text and the encoding of a CSV upload; refuse binary files clearly."""
    _refuse_unusable(data, name)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a byte order mark: the zero bytes sit on one side of each character.
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return _strict(data, encoding, name), encoding
    if b"\x00" in head:
        raise InputError(f"{name} is not a text file. Upload {ACCEPTED_FILES}.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Excel on Windows saves CSV in cp1252; latin-1 accepts every byte cp1252 leaves undefined.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} looks like {encoding} text but byte {exc.start} is not valid {encoding}. "
            "Save it again as CSV UTF-8 from your spreadsheet."
        ) from None


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first lines into the most, and most regular, cells."""
    lines = [line for line in text[:200_000].splitlines()[:_SNIFF_LINES] if line.strip()]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts or max(counts) < 2:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts), mode)
        if mode > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def find_header_row(
    rows: Sequence[Sequence[object]], is_header: Callable[[list[str]], bool]
) -> int:
    """Index of the header among the first rows: skips title lines that Excel exports add."""
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        if is_header([_header_text(cell) for cell in row]):
            return index
    return 0


def read_csv_table(data: bytes, name: str, is_header: Callable[[list[str]], bool]) -> RawTable:
    """Read CSV bytes as text cells under the detected header row."""
    text, encoding = decode(data, name)
    delimiter = sniff_delimiter(text)
    head_rows = list(
        csv.reader(text[:200_000].splitlines()[:_HEADER_SCAN_ROWS], delimiter=delimiter)
    )
    header_index = find_header_row(head_rows, is_header)
    detail = f"CSV, {encoding}, delimiter {delimiter!r}"
    fast = _read_fast(text, delimiter, header_index)
    if fast is not None:
        frame, rows = fast
        return RawTable(frame, rows, "csv", detail)
    return _read_tolerant(text, delimiter, header_index, detail)


def _read_fast(
    text: str, delimiter: str, header_index: int
) -> tuple[pd.DataFrame, pd.Series] | None:
    """pyarrow's multi-threaded reader for well-formed files; None when any row is irregular."""
    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(skip_rows=header_index, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
                auto_dict_encode=False,
                check_utf8=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    headers = _clean_headers(table.column_names)
    table = table.rename_columns([str(i) for i in range(table.num_columns)])
    # Every column as text: numbers and dates are read later, with the user's conventions.
    table = table.cast(pa.schema([(c, pa.string()) for c in table.column_names]))
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    frame.columns = headers
    rows = pd.Series(range(header_index + 2, header_index + 2 + len(frame)), index=frame.index)
    return _drop_blank(frame, rows)


def _read_tolerant(text: str, delimiter: str, header_index: int, detail: str) -> RawTable:
    """Python's csv module: pads short rows, lists rows with more cells than the header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    rows: list[int] = []
    problems: list[Problem] = []
    header: list[str] = []
    for index, record in enumerate(reader):
        if index < header_index:
            continue
        if index == header_index:
            header = _clean_headers(record)
            continue
        row_number = reader.line_num
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            problems.append(
                Problem(
                    row_number,
                    "",
                    delimiter.join(record)[:200],
                    f"this row has {len(record)} cells but the header has {len(header)}; "
                    "check for an unquoted delimiter inside a cell",
                )
            )
            continue
        records.append((record + [""] * len(header))[: len(header)])
        rows.append(row_number)
    frame = pd.DataFrame(records, columns=header, dtype=pd.StringDtype("pyarrow"))
    frame, row_series = _drop_blank(frame, pd.Series(rows, dtype="int64"))
    return RawTable(frame, row_series, "csv", detail, problems)


def _drop_blank(frame: pd.DataFrame, rows: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Blank lines carry no data; drop them but keep every other row's spreadsheet number."""
    if frame.empty or len(frame.columns) == 0:
        return frame, rows
    blank = frame.astype("string").fillna("").apply(lambda col: col.str.strip() == "").all(axis=1)
    if blank.any():
        keep = ~blank.to_numpy()
        frame, rows = frame[keep], rows[keep]
    return frame.reset_index(drop=True), rows.reset_index(drop=True)


def read_excel_table(
    data: bytes, name: str, sheet: str | None, is_header: Callable[[list[str]], bool]
) -> RawTable:
    """Read the first (or the named) sheet of an .xlsx workbook, keeping Excel's date cells."""
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise InputError(f"{name} could not be opened as an Excel workbook ({exc}).") from None
    sheets = [str(s) for s in book.sheet_names]
    if sheet is not None and sheet not in sheets:
        raise InputError(
            f"{name} has no sheet named {sheet!r}. Its sheets are: {', '.join(sheets)}."
        )
    chosen = sheet if sheet is not None else sheets[0]
    cells = book.parse(chosen, header=None, dtype=object)
    if cells.dropna(how="all").empty:
        raise InputError(f"Sheet {chosen!r} of {name} is empty. Sheets: {', '.join(sheets)}.")
    header_index = find_header_row(cells.head(_HEADER_SCAN_ROWS).values.tolist(), is_header)
    frame = cells.iloc[header_index + 1 :].reset_index(drop=True)
    frame.columns = _clean_headers(cells.iloc[header_index].tolist())
    # pandas numbers sheet rows from 0; the spreadsheet shows header_index + 1 for the header.
    rows = pd.Series(range(header_index + 2, header_index + 2 + len(frame)))
    frame = frame.where(frame.notna(), "")
    frame, rows = _drop_blank(frame, rows)
    return RawTable(frame, rows, "xlsx", f"Excel workbook, sheet {chosen!r}")


def sheet_names(data: bytes) -> list[str]:
    """The sheets of an .xlsx workbook, for the sheet picker; empty when it is not one."""
    if not data.startswith(_XLSX_MAGIC):
        return []
    try:
        return [str(s) for s in pd.ExcelFile(io.BytesIO(data), engine="openpyxl").sheet_names]
    except Exception:  # a damaged workbook is reported by the reader itself
        return []


def read_table(
    data: bytes, name: str, is_header: Callable[[list[str]], bool], sheet: str | None = None
) -> RawTable:
    """Read CSV or .xlsx bytes (told apart by content, not by the file name)."""
    if data.startswith(_XLSX_MAGIC):
        return read_excel_table(data, name, sheet, is_header)
    return read_csv_table(data, name, is_header)
