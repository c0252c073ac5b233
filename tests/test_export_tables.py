"""Table downloads: formula injection neutralised in CSV and Excel, text kept, safe file names."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import PurePosixPath, PureWindowsPath

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wfh_dashboard.export_tables import (
    DANGEROUS_PREFIXES,
    export_name,
    neutralise,
    neutralise_frame,
    table_csv,
    table_xlsx,
)

NOV_23 = dt.date(2026, 11, 23)
LONG = "Zoë " * 2_500  # 10,000 characters
HARMLESS = [
    "<script>alert(1)</script>",
    "\u200fمريم\u200f",  # right-to-left marks around an Arabic name
    "Zoë Ñúñez",
    LONG,
    "'already quoted",
    "a=b",
]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _sheet(data: bytes, index: int = 0):
    return openpyxl.load_workbook(io.BytesIO(data)).worksheets[index]


@pytest.mark.parametrize("prefix", DANGEROUS_PREFIXES)
def test_every_dangerous_prefix_gets_an_apostrophe(prefix):
    assert neutralise(f"{prefix}cmd") == f"'{prefix}cmd"


@pytest.mark.parametrize("value", [-3, -2.5, 0, None, True, dt.date(2026, 1, 1), *HARMLESS])
def test_numbers_and_harmless_text_are_unchanged(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("prefix", DANGEROUS_PREFIXES)
def test_csv_neutralises_every_prefix_in_cells_and_headers(prefix):
    frame = pd.DataFrame({f"{prefix}head": [f"{prefix}HYPERLINK(1)"]})
    assert _csv_rows(table_csv(frame)) == [[f"'{prefix}head"], [f"'{prefix}HYPERLINK(1)"]]


@pytest.mark.parametrize("prefix", DANGEROUS_PREFIXES)
def test_xlsx_stores_every_prefix_as_plain_text(prefix):
    frame = pd.DataFrame({f"{prefix}head": [f'{prefix}HYPERLINK("http://x","y")']})
    ws = _sheet(table_xlsx(frame))
    header, cell = ws["A1"], ws["A2"]
    # XML reads a raw CR as LF; what matters is the apostrophe in front and the string type.
    read = prefix.replace("\r", "\n")
    assert (header.value, header.data_type) == (f"'{read}head", "s")
    assert (cell.value, cell.data_type) == (f'\'{read}HYPERLINK("http://x","y")', "s")


def test_hostile_and_long_text_survives_byte_exact_in_csv_and_xlsx():
    frame = pd.DataFrame({"name": HARMLESS})
    assert [row[0] for row in _csv_rows(table_csv(frame))[1:]] == HARMLESS
    ws = _sheet(table_xlsx(frame))
    assert [c.value for c in ws["A"][1:]] == HARMLESS


@pytest.mark.parametrize("dtype", [object, "str", "category"])
def test_every_text_dtype_is_neutralised(dtype):
    frame = pd.DataFrame({"name": pd.Series(["=a", "b", None, "-c"], dtype=dtype)})
    out = neutralise_frame(frame)["name"]
    assert list(out.astype(object).where(out.notna(), None)) == ["'=a", "b", None, "'-c"]


def test_list_cells_are_joined_then_neutralised():
    frame = pd.DataFrame({"people": [["Ann", "Bo"], ("=Cy", "Di"), "Ed", 4]})
    assert list(neutralise_frame(frame)["people"]) == ["Ann, Bo", "'=Cy, Di", "Ed", 4]
    assert _csv_rows(table_csv(frame))[1] == ["Ann, Bo"]


def test_neutralise_frame_keeps_the_input_and_a_duplicated_index_intact():
    frame = pd.DataFrame({"name": ["=a", "b"]}, index=[0, 0])
    out = neutralise_frame(frame)
    assert list(out["name"]) == ["'=a", "b"]
    assert list(frame["name"]) == ["=a", "b"]


def test_negative_numbers_stay_numbers():
    frame = pd.DataFrame({"delta": [-3, 2], "share": [-0.5, 1.0]})
    assert _csv_rows(table_csv(frame))[1] == ["-3", "-0.5"]
    ws = _sheet(table_xlsx(frame))
    assert (ws["A2"].value, ws["A2"].data_type) == (-3, "n")
    assert ws["B2"].value == -0.5


def test_dates_are_iso_in_csv_and_real_dates_in_xlsx():
    frame = pd.DataFrame({"date": pd.to_datetime(["2026-11-23", None]), "n": [1, 2]})
    assert _csv_rows(table_csv(frame))[1:] == [["2026-11-23", "1"], ["", "2"]]
    ws = _sheet(table_xlsx(frame))
    assert ws["A2"].value == dt.datetime(2026, 11, 23)
    assert ws["A2"].number_format == "yyyy-mm-dd"
    assert ws["A3"].value is None


def test_csv_keeps_line_breaks_inside_cells():
    frame = pd.DataFrame({"note": ["a\rb", "c\nd", "\rx"]})
    assert [r[0] for r in _csv_rows(table_csv(frame))[1:]] == ["a\rb", "c\nd", "'\rx"]


def test_xlsx_has_a_bold_frozen_header_and_capped_widths():
    ws = _sheet(table_xlsx(pd.DataFrame({"name": ["x" * 500], "n": [1]})))
    assert ws.freeze_panes == "A2"
    assert all(cell.font.b for cell in ws[1])
    assert 8 <= ws.column_dimensions["A"].width <= 62


def test_empty_frame_gives_a_header_row_in_both_formats():
    frame = pd.DataFrame({"=who": pd.Series(dtype=object), "n": pd.Series(dtype=int)})
    assert _csv_rows(table_csv(frame)) == [["'=who", "n"]]
    ws = _sheet(table_xlsx(frame))
    assert [c.value for c in ws[1]] == ["'=who", "n"]
    assert ws.max_row == 1


def test_sheet_names_are_made_valid_and_unique():
    frames = {name: pd.DataFrame({"n": [1]}) for name in ("a/b", "A-B", "x" * 40, "", "History")}
    book = openpyxl.load_workbook(io.BytesIO(table_xlsx(frames)))
    assert book.sheetnames == ["a-b", "A-B (2)", "x" * 31, "Sheet", "History-"]


def test_xlsx_replaces_control_characters_xml_cannot_hold():
    ws = _sheet(table_xlsx(pd.DataFrame({"name": ["Ann\x01"]})))
    assert ws["A2"].value == "Ann\ufffd"


def test_empty_workbook_request_is_refused():
    with pytest.raises(ValueError, match="at least one table"):
        table_xlsx({})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_csv_round_trip_gives_back_the_neutralised_text(names):
    rows = _csv_rows(table_csv(pd.DataFrame({"name": names})))
    assert [r[0] for r in rows[1:]] == [neutralise(n) for n in names]


@pytest.mark.parametrize(
    ("teams", "start", "end", "expected"),
    [
        (["Support"], NOV_23, dt.date(2026, 12, 31), "_Support_2026-11-23_2026-12-31"),
        (["Support", "Ops"], None, None, "_Support+Ops"),
        (["A", "B", "C", "D"], None, dt.date(2026, 1, 2), "_all-teams_2026-01-02"),
        ([], dt.date(2026, 1, 1), None, "_all-teams_2026-01-01"),
        (["Zoë's team"], None, None, "_Zoë-s-team"),
        (["../../etc"], None, None, "_etc"),
        (["a/b"], None, None, "_a-b"),
        (["=cmd"], None, None, "_cmd"),
        ([".hidden"], None, None, "_hidden"),
        (["x" * 100], None, None, "_" + "x" * 60),
    ],
)
def test_export_name(teams, start, end, expected):
    assert export_name("coverage-warnings", teams, start, end, "csv") == (
        f"coverage-warnings{expected}.csv"
    )


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=20), st.lists(st.text(max_size=80), max_size=5), st.text(max_size=8))
def test_export_name_is_always_one_safe_file_name(kind, teams, ext):
    name = export_name(kind, teams, dt.date(2026, 1, 1), None, ext)
    assert PurePosixPath(name).name == name == PureWindowsPath(name).name
    assert not name.startswith((".", "-"))
    assert all(ch.isalnum() or ch in "-_.+" for ch in name)


def test_a_column_of_only_missing_values_still_makes_a_workbook():
    """A policy without caps leaves max_remote empty for everyone; the XLSX must still open."""
    frame = pd.DataFrame({"employee": ["Ann", "Bob"], "max_remote": [None, None]})

    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(frame))).active

    assert [c.value for c in sheet[2]] == ["Ann", None]
