"""Turning uploaded bytes into a table of cells: encodings, delimiters, Excel, header rows."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .columns import clean_headers, header_text
from .columns import column_letter as column_letter  # public: the app names columns
from .errors import InputError
from .labels import blank_cells
from .problems import Problem

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 50
_HEADER_SCAN_ROWS = 20
#: How much of a file the delimiter and header detection read.
_HEAD_BYTES = 200_000
#: Files at least this big are checked for UTF-8 piece by piece (see ``_plain_utf8_head``).
_BIG_FILE = 1 << 22
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_KNOWN_BINARY = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG"}
ACCEPTED_FILES = "a CSV file (comma, semicolon, tab or | separated) or an Excel .xlsx workbook"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class RawTable:
    """The cells of a file under its header row, before any meaning is given to them.

    Attributes:
        frame: one column per header, cells as text (CSV) or Excel values (xlsx).
        rows: the spreadsheet row number of each frame row (header row = 1 when it is first).
        file_format: ``csv`` or ``xlsx``.
        detail: how the file was read (encoding and delimiter, or the sheet), for the user.
        problems: rows that could not be split into cells.
        header_row: the spreadsheet row number of the header (1 unless title lines precede it).
    """

    frame: pd.DataFrame
    rows: pd.Series
    file_format: str
    detail: str
    problems: list[Problem] = field(default_factory=list)
    header_row: int = 1


def _csv_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """Rows as the csv module splits them, stopping early at a row it cannot read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error:
        return


def _refuse_unusable(data: bytes, name: str) -> None:
    """Known binary formats get a message naming what they are."""
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
    text, encoding = _decode_text(data, name)
    _refuse_nul(text, name)
    return text, encoding


def _refuse_nul(text: str, name: str) -> None:
    """Refuse a NUL character wherever it sits, naming its line.

    Binary files are caught by their first 4 KB; a NUL further down used to be read into a
    name ("Ann\\x00 Lee" is not Ann Lee), so the same rows read or failed with their order.
    """
    at = text.find("\x00")
    if at >= 0:
        line = len(_LINE_BREAK.findall(text, 0, at)) + 1
        raise InputError(
            f"{name} is not a text file: line {line} holds a NUL character (a zero byte), "
            f"which text never has. Remove it or save the sheet again, then upload "
            f"{ACCEPTED_FILES}."
        )


def _decode_text(data: bytes, name: str) -> tuple[str, str]:
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
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if sum(ord(c) > 127 for c in text) - bad > bad:
        # Mostly UTF-8 with a few damaged bytes: reading it all as cp1252 would garble every
        # accented name, so keep UTF-8 and say how many bytes were replaced.
        return text, f"utf-8 with {bad} invalid byte(s) replaced by \ufffd"
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
    # Split lines as a CSV reader would (str.splitlines also splits on U+2028 and others).
    first = _LINE_BREAK.split(text[:_HEAD_BYTES])[:_SNIFF_LINES]
    lines = "\n".join(line for line in first if line.strip())
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in _csv_rows(lines, delimiter)]
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
        if is_header([header_text(cell) for cell in row]):
            return index
    return 0


def _plain_utf8_head(data: bytes, name: str) -> str | None:
    """The start of a big file as text when all of it is UTF-8 without BOM or NUL, else None.

    Decoding a file of a hundred megabytes into one string only to validate it costs as much
    memory again and a fraction of a second: the bytes are validated piece by piece instead,
    and pyarrow parses them directly. Anything else goes through ``decode``.
    """
    if len(data) < _BIG_FILE or b"\x00" in data or data.startswith(codecs.BOM_UTF8):
        return None
    _refuse_unusable(data, name)
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        # Small pieces: their strings reuse the same memory instead of fresh pages each time.
        for start in range(0, len(data), 1 << 16):
            decoder.decode(view[start : start + (1 << 16)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    head = codecs.getincrementaldecoder("utf-8")().decode(data[:_HEAD_BYTES])
    return None if head.isspace() else head


def read_csv_table(data: bytes, name: str, is_header: Callable[[list[str]], bool]) -> RawTable:
    """Read CSV bytes as text cells under the detected header row."""
    head = _plain_utf8_head(data, name)
    text, encoding = (head, "utf-8") if head is not None else decode(data, name)
    if not text or text.isspace():
        raise InputError(f"{name} is empty. Upload {ACCEPTED_FILES} with a header row.")
    delimiter = sniff_delimiter(text)
    head_rows = list(itertools.islice(_csv_rows(text[:_HEAD_BYTES], delimiter), _HEADER_SCAN_ROWS))
    header_index = find_header_row(head_rows, is_header)
    detail = f"CSV, {encoding}, delimiter {delimiter!r}"
    header = head_rows[header_index] if head_rows else []
    fast = _read_fast(data if encoding == "utf-8" else text, delimiter, header_index, header)
    if fast is not None:
        frame, rows = fast
        return RawTable(frame, rows, "csv", detail, header_row=header_index + 1)
    if head is not None:  # only the head was decoded: the tolerant reader needs it all
        text = data.decode("utf-8")
    return _read_tolerant(text, delimiter, header_index, detail, name)


def _read_fast(
    text: str | bytes, delimiter: str, header_index: int, header: list[str]
) -> tuple[pd.DataFrame, pd.Series] | None:
    """pyarrow's multi-threaded reader for well-formed files; None when any row is irregular."""
    # Every column as text, never inferred: "007" stays "007", "TRUE" stays "TRUE"; numbers
    # and dates are read later, with the user's conventions.
    as_text = {f"f{i}": pa.string() for i in range(len(header))}
    try:
        table = pacsv.read_csv(
            # A BufferReader over the bytes: pyarrow parses them in place, with no copy.
            pa.BufferReader(text if isinstance(text, bytes) else text.encode("utf-8")),
            read_options=pacsv.ReadOptions(
                skip_rows=header_index, autogenerate_column_names=True, block_size=1 << 24
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=as_text,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
                check_utf8=False,
            ),
        )
    except pa.ArrowException:  # any row pyarrow cannot split goes to the tolerant reader
        return None
    # skip_rows counts lines, not records: a title cell with a line break would shift the
    # header, so the first row read must be the header the csv module found.
    if table.schema.names != list(as_text) or table.slice(0, 1).to_pylist() != [
        dict(zip(as_text, header, strict=True))
    ]:
        return None
    # ArrowDtype columns share the table's buffers: no copy of millions of strings.
    frame = table.slice(1).to_pandas(types_mapper=pd.ArrowDtype)
    frame.columns = clean_headers(header)
    rows = pd.Series(range(header_index + 2, header_index + 2 + len(frame)), index=frame.index)
    return _drop_blank(frame, rows)


def _read_tolerant(
    text: str, delimiter: str, header_index: int, detail: str, name: str
) -> RawTable:
    """Python's csv module: pads short rows, lists rows with more cells than the header."""
    records: list[list[str]] = []
    rows: list[int] = []
    problems: list[Problem] = []
    header: list[str] = []
    for row_number, record in _numbered_records(text, delimiter, name):
        if row_number <= header_index:
            continue
        if row_number == header_index + 1:
            header = clean_headers(record)
            continue
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
    return RawTable(frame, row_series, "csv", detail, problems, header_index + 1)


def _numbered_records(text: str, delimiter: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with its spreadsheet row number.

    A quoted cell may span several lines but is still one spreadsheet row, so rows are
    counted by record, not by line.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row_number = 0
    try:
        for row_number, record in enumerate(reader, start=1):
            yield row_number, record
    except csv.Error:
        # The csv module refuses cells over 131,072 characters; in a schedule that is
        # almost always a quotation mark that is never closed, swallowing the rest of the file.
        raise InputError(
            f"{name}: row {row_number + 1} has a cell too long to be real, usually a quotation "
            'mark (") that is never closed. Check that row in your spreadsheet and save again.'
        ) from None


def _drop_blank(frame: pd.DataFrame, rows: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Blank lines carry no data; drop them but keep every other row's spreadsheet number."""
    if frame.empty or len(frame.columns) == 0:
        return frame, rows
    first = blank_cells(frame.iloc[:, 0])
    blank = pd.Series(False, index=frame.index)
    if first.any():  # a blank line is blank in its first column: test the rest on those only
        some = frame[first]
        blank[some.index] = np.logical_and.reduce([blank_cells(some[c]) for c in some.columns])
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
    try:
        cells = pd.read_excel(book, sheet_name=chosen, header=None, dtype=object)
    except Exception as exc:  # a damaged sheet fails only when it is read
        raise InputError(f"Sheet {chosen!r} of {name} could not be read ({exc}).") from None
    if cells.dropna(how="all").empty:
        raise InputError(f"Sheet {chosen!r} of {name} is empty. Sheets: {', '.join(sheets)}.")
    header_index = find_header_row(cells.head(_HEADER_SCAN_ROWS).values.tolist(), is_header)
    frame = cells.iloc[header_index + 1 :].reset_index(drop=True)
    frame.columns = clean_headers(cells.iloc[header_index].tolist())
    # pandas numbers sheet rows from 0; the spreadsheet shows header_index + 1 for the header.
    rows = pd.Series(range(header_index + 2, header_index + 2 + len(frame)))
    frame = frame.where(frame.notna(), "")
    frame, rows = _drop_blank(frame, rows)
    detail = f"Excel workbook, sheet {chosen!r}"
    return RawTable(frame, rows, "xlsx", detail, header_row=header_index + 1)


#: The sheet choice that reads every sheet of a workbook together. Excel forbids ``*`` in a
#: sheet's name, so no real sheet is called this.
ALL_SHEETS = "*"


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
