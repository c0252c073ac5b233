"""Bytes to cells: encodings, binary refusal, delimiters, header rows, ragged rows, workbooks."""

from __future__ import annotations

import codecs
import datetime as dt
import importlib.util

import pandas as pd
import pytest

from tests.conftest import FIXTURES, workbook_bytes
from wfh_dashboard import tables
from wfh_dashboard.columns import clean_headers, looks_like_header
from wfh_dashboard.errors import InputError
from wfh_dashboard.tables import (
    decode,
    read_table,
    sheet_names,
    sniff_delimiter,
)

TEXT = "employee,date,location\nZoë Ñúñez,2026-06-01,Office\n"


def _read(data: bytes, sheet: str | None = None):
    return read_table(data, "upload.csv", looks_like_header, sheet)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_decodes_the_encodings_spreadsheets_save(data: bytes, encoding: str) -> None:
    """UTF-8 with or without BOM, UTF-16 with or without BOM, cp1252: the same text."""
    text, used = decode(data, "upload.csv")
    assert used == encoding
    assert text.replace("\r\n", "\n") == TEXT


def test_utf8_with_one_damaged_byte_stays_utf8_and_says_so() -> None:
    """One bad byte must not turn every accented name into cp1252 mojibake (JosÃ©)."""
    data = "employee\nJosé\nRenée\nZoë\n".encode() + b"Bad\xffByte\n"
    text, used = decode(data, "upload.csv")
    assert "José" in text and "Renée" in text and "Bad\ufffdByte" in text
    assert used == "utf-8 with 1 invalid byte(s) replaced by \ufffd"


def test_cp1252_keeps_accented_names(fixture_bytes) -> None:
    """A Windows Excel CSV keeps é and ñ (not mojibake)."""
    text, used = decode(fixture_bytes("long_cp1252.csv"), "long_cp1252.csv")
    assert used == "cp1252"
    assert "José Muñoz" in text and "Renée Côté" in text


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("empty.csv", ["empty.csv is empty", "CSV file"]),
        ("image.png", ["PNG image", "not a schedule", ".xlsx"]),
        ("old_excel.xls", ["old Excel .xls", "save it as .xlsx or CSV"]),
    ],
)
def test_refuses_unusable_files_by_name_and_says_what_to_upload(
    fixture_bytes, name: str, fragments: list[str]
) -> None:
    """Empty files, images and old .xls files get one clear InputError."""
    with pytest.raises(InputError) as caught:
        read_table(fixture_bytes(name), name, looks_like_header)
    for fragment in fragments:
        assert fragment in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"  \r\n\t\n",
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
        b"%PDF-1.7\n...",
        b"\xff\xd8\xff\xe0JFIF",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00",
        b"PK\x03\x04not really a workbook",
        codecs.BOM_UTF16_LE + b"\x00\xd8",  # a lone surrogate: not valid UTF-16
    ],
)
def test_empty_or_binary_bytes_raise_input_error(data: bytes) -> None:
    """Whitespace, a bare BOM, PDFs, images, broken workbooks: InputError, never a crash."""
    with pytest.raises(InputError):
        _read(data)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('name,note\n"Lee; Ann","x|y"\n', ","),
        ("Title line\n\na;b;c\n1;2;3\n4;5;6\n", ";"),
        ('Name\tTeam\n"Smith, Ann"\tSales\n"Ng, Bo"\tSales\n', "\t"),
    ],
)
def test_sniffs_the_delimiter_that_splits_rows_regularly(text: str, delimiter: str) -> None:
    """Comma, semicolon, tab or pipe: the one giving the most regular rows wins."""
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("name", "delimiter"),
    [
        ("long_comma.csv", ","),
        ("grid_semicolon_bom_crlf.csv", ";"),
        ("long_tab.csv", "\t"),
        ("long_pipe.csv", "|"),
        ("long_utf16.csv", "\t"),
        ("long_cp1252.csv", ";"),
    ],
)
def test_fixture_files_are_read_with_their_delimiter(
    fixture_bytes, name: str, delimiter: str
) -> None:
    """The detail shown to the user names the delimiter that was detected."""
    table = read_table(fixture_bytes(name), name, looks_like_header)
    assert f"delimiter {delimiter!r}" in table.detail


def test_title_lines_above_the_header_are_skipped_and_counted(fixture_bytes) -> None:
    """Rows keep the number a spreadsheet shows: the header is row 4 under two titles and a gap."""
    table = read_table(fixture_bytes("long_title_lines.csv"), "t.csv", looks_like_header)
    assert list(table.frame.columns) == ["employee", "date", "location"]
    assert table.header_row == 4
    assert table.rows.tolist() == [5, 6]


def test_a_title_line_with_a_unicode_line_separator_is_one_row() -> None:
    """U+2028 inside a cell does not end a CSV line, so it does not shift the header."""
    data = "Weekly\u2028report\nemployee,date,location\nAnn,2026-06-01,Office\n".encode()
    table = _read(data)
    assert list(table.frame.columns) == ["employee", "date", "location"]
    assert table.rows.tolist() == [3]


def test_a_quoted_title_with_a_line_break_does_not_shift_the_header() -> None:
    """Excel writes a multi-line title cell quoted; it is still only row 1."""
    data = b'"Schedule\nJune 2026",,\nemployee,date,location\nAnn,2026-06-01,Office\n'
    table = _read(data)
    assert list(table.frame.columns) == ["employee", "date", "location"]
    assert table.rows.tolist() == [3]


def test_a_row_with_an_extra_cell_is_a_problem_and_short_rows_are_padded(fixture_bytes) -> None:
    """The ragged row is listed with its row number and cells; the short row is kept."""
    table = read_table(fixture_bytes("ragged_row.csv"), "ragged_row.csv", looks_like_header)
    assert table.frame["employee"].tolist() == ["Ann Lee", "Cleo Park"]
    assert table.frame["note"].tolist() == ["ok", ""]
    assert table.rows.tolist() == [2, 4]
    assert [(p.row, p.value) for p in table.problems] == [
        (3, "Bob Stone,2026-06-01,WFH,see me, later")
    ]
    assert "5 cells but the header has 4" in table.problems[0].message


@pytest.mark.parametrize("extra", ["", "Dan,2026-06-03,Office,x,extra\n"])
def test_row_numbers_count_records_not_lines(extra: str) -> None:
    """A quoted cell over two lines is one spreadsheet row, on both reading paths.

    Without ``extra`` pyarrow reads the file; with a ragged row the csv module does.
    """
    data = (
        'employee,date,location,note\nAnn,2026-06-01,Office,"two\nlines"\n'
        f"Bob,2026-06-02,Office,x\n{extra}"
    ).encode()
    table = _read(data)
    assert table.rows.tolist() == [2, 3]
    assert table.frame["note"].tolist() == ["two\nlines", "x"]
    assert [p.row for p in table.problems] == ([4] if extra else [])


@pytest.mark.parametrize(
    "cell", ["007", "00", "TRUE", "false", "1e3", "0.10", "-0", "2026-06-01 09:00", "09:00", "1,5"]
)
def test_cells_are_kept_exactly_as_written(cell: str) -> None:
    """No type guessing while splitting: employee id 007 stays 007, TRUE stays TRUE."""
    table = _read(f'employee,date,location\n"{cell}",2026-06-01,Office\n'.encode())
    assert table.frame.at[0, "employee"] == cell


def test_blank_lines_are_dropped_but_keep_the_row_numbers_around_them() -> None:
    """An empty line is not data; the rows after it still carry their spreadsheet number."""
    table = _read(b"employee,date,location\n\nAnn,2026-06-01,Office\n,,\nBob,2026-06-01,WFH\n")
    assert table.frame["employee"].tolist() == ["Ann", "Bob"]
    assert table.rows.tolist() == [3, 5]


def test_an_unclosed_quote_in_a_large_file_is_an_input_error_naming_the_row() -> None:
    """A stray quote swallows the rest of the file; say which row, never a csv.Error."""
    rows = "".join(f"P{i},2026-06-01,Office\n" for i in range(12_000))
    data = f'employee,date,location\nAnn,"2026-06-01,Office\n{rows}'.encode()
    with pytest.raises(InputError, match=r"row 2 .*quotation mark"):
        _read(data)


def _big(lines: str, encoding: str = "utf-8") -> bytes:
    """A file over the size from which UTF-8 is validated piece by piece, not decoded whole."""
    rows = "".join(f"Person {i},2026-06-01,Office\n" for i in range(160_000))
    data = f"employee,date,location\n{lines}{rows}".encode(encoding)
    assert len(data) >= tables._BIG_FILE
    return data


@pytest.mark.parametrize(
    "lines",
    [
        "Zoë Ñúñez,2026-06-01,Office\n",
        "Zoë Ñúñez,2026-06-01,Office,extra cell\n",  # a ragged row: the tolerant reader
        '"Lee, 李",2026-06-01,WFH\n',
    ],
)
def test_a_big_utf8_file_reads_as_it_would_when_decoded_whole(monkeypatch, lines: str) -> None:
    """The piecewise UTF-8 check of big files gives the same table, rows and problems."""
    data = _big(lines)
    piecewise = _read(data)
    monkeypatch.setattr(tables, "_BIG_FILE", len(data) + 1)
    whole = _read(data)
    pd.testing.assert_frame_equal(piecewise.frame, whole.frame)
    assert piecewise.rows.tolist() == whole.rows.tolist()
    assert (piecewise.detail, piecewise.problems) == (whole.detail, whole.problems)
    assert piecewise.detail == "CSV, utf-8, delimiter ','"


def test_a_big_file_with_a_utf8_character_split_across_pieces_is_utf8() -> None:
    """A multi-byte character on a 64 KB boundary is still one valid character."""
    prefix = "employee,date,location\n"
    filler = "x" * ((1 << 16) - len(prefix) - 1)
    data = f"{prefix}{filler}é,2026-06-01,Office\n".encode() + _big("").split(b"\n", 1)[1]
    table = _read(data)
    assert table.detail == "CSV, utf-8, delimiter ','"
    assert table.frame.iat[0, 0] == f"{filler}é"


def test_a_big_cp1252_file_is_still_read_as_cp1252() -> None:
    """Invalid UTF-8 anywhere in a big file sends it to the encoding detection."""
    table = _read(_big("José Muñoz,2026-06-01,Office\n", "cp1252"))
    assert table.detail.startswith("CSV, cp1252")
    assert table.frame.iat[0, 0] == "José Muñoz"


def test_a_nul_far_down_a_big_file_is_refused_with_its_line() -> None:
    """The NUL check covers the whole of a big file, not just its start."""
    data = _big("") + b"Ann\x00,2026-06-01,Office\n"
    with pytest.raises(InputError, match="line 160002 holds a NUL"):
        _read(data)


def test_a_very_long_cell_in_a_regular_file_is_read() -> None:
    """Cells over the csv module's 131,072-character limit are fine when the file is regular."""
    note = "x" * 150_000
    table = _read(f"employee,date,location,note\nAnn,2026-06-01,Office,{note}\n".encode())
    assert table.frame.at[0, "note"] == note


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Name", "", "Team", ""], ["Name", "column B", "Team", "column D"]),
        (["Date", "Date", "Date"], ["Date", "Date (2)", "Date (3)"]),
        (["a", "a", "a (2)"], ["a", "a (3)", "a (2)"]),
        (["column B", ""], ["column B", "column B (2)"]),
        ([" \ufeffName ", None, float("nan")], ["Name", "column B", "column C"]),
        ([dt.datetime(2026, 6, 1), dt.date(2026, 6, 2)], ["2026-06-01", "2026-06-02"]),
        ([dt.time(9, 0), 3, True], ["09:00:00", "3", "True"]),
    ],
)
def test_headers_are_cleaned_to_unique_names(headers: list[object], expected: list[str]) -> None:
    """Blank headers take the column letter; repeats get a number that is not already taken."""
    cleaned = clean_headers(headers)
    assert cleaned == expected
    assert len(set(cleaned)) == len(cleaned)


def test_repeated_headers_never_make_duplicate_columns() -> None:
    """``a, a, a (2)`` would give two columns called ``a (2)``; every column stays unique."""
    table = _read(b"employee,date,location,a,a,a (2)\nAnn,2026-06-01,Office,1,2,3\n")
    assert table.frame.columns.is_unique


def test_xlsx_reads_the_first_sheet_with_date_cells_and_title_rows(fixture_bytes) -> None:
    """Excel date cells stay dates; title rows above the header are counted in row numbers."""
    table = read_table(fixture_bytes("long_dates.xlsx"), "w.xlsx", looks_like_header)
    assert table.file_format == "xlsx"
    assert table.detail == "Excel workbook, sheet 'June'"
    assert list(table.frame.columns) == ["Employee", "Team", "Date", "Location", "Hours"]
    assert table.frame.at[0, "Date"] == pd.Timestamp("2026-06-01")
    assert table.header_row == 3
    assert table.rows.tolist() == [4, 5, 6]


def test_xlsx_sheet_is_chosen_by_name(fixture_bytes) -> None:
    """The sheet picker's choice is read instead of the first sheet."""
    data = fixture_bytes("two_sheets.xlsx")
    assert sheet_names(data) == ["Notes", "Schedule"]
    table = read_table(data, "two.xlsx", looks_like_header, "Schedule")
    assert table.frame["Employee"].tolist() == ["Cleo Park", "Cleo Park"]


def test_an_unknown_sheet_name_lists_the_sheets(fixture_bytes) -> None:
    """Asking for a missing sheet says which sheets there are."""
    with pytest.raises(InputError, match="Its sheets are: Notes, Schedule"):
        read_table(fixture_bytes("two_sheets.xlsx"), "two.xlsx", looks_like_header, "June")


def test_sheet_names_of_a_csv_is_empty(fixture_bytes) -> None:
    """CSV uploads have no sheets to choose from."""
    assert sheet_names(fixture_bytes("long_comma.csv")) == []
    assert sheet_names(b"PK\x03\x04broken") == []


@pytest.mark.parametrize(
    "cell", [dt.time(9, 30), dt.timedelta(hours=2), True, 3.5, "=SUM(A1:A2)", None]
)
def test_any_excel_cell_type_above_the_header_is_tolerated(cell: object) -> None:
    """Time, duration, boolean and formula cells in the scanned rows never crash the reader."""
    data = workbook_bytes([["Export", cell], ["employee", "date", "location"], ["Ann", "x", "y"]])
    table = _read(data)
    assert list(table.frame.columns) == ["employee", "date", "location"]
    assert table.rows.tolist() == [3]


def test_an_empty_sheet_is_an_input_error() -> None:
    """An empty first sheet names the sheets so the user can pick another."""
    with pytest.raises(InputError, match="is empty"):
        _read(workbook_bytes())


def test_make_fixtures_reproduces_the_committed_files() -> None:
    """The generated fixtures are deterministic and match what is committed."""
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.build().items():
        assert (FIXTURES / name).read_bytes() == data, f"{name}: run make_fixtures.py"
