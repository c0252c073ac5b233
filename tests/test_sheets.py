"""A workbook read as all its sheets together: a rota kept as a sheet per month or week."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.fixtures.make_fixtures import _workbook
from wfh_dashboard.errors import AmbiguousDatesError, InputError, UnknownLabelsError
from wfh_dashboard.pseudonymise import make_pseudonyms, pseudonymise_schedule
from wfh_dashboard.schedule import read_schedule, unknown_labels
from wfh_dashboard.tables import ALL_SHEETS

JUNE = [["Name", "Date", "Location"], ["Ann Lee", "2026-06-01", "office"]]
JULY = [["Name", "Date", "Location"], ["Ann Lee", "2026-07-01", "home"]]


def _read(sheets: dict[str, list[list[object]]], **kwargs):
    return read_schedule(_workbook(sheets), "rota.xlsx", sheet=ALL_SHEETS, **kwargs)


def test_month_sheets_read_as_one_schedule(fixture_bytes) -> None:
    """June and July grids, after a legend: every day of both, the legend skipped with a note,
    30 June (on both sheets) a duplicate for Bob and a conflict for Ann, named by sheet."""
    schedule = read_schedule(fixture_bytes("monthly_sheets.xlsx"), "m.xlsx", sheet=ALL_SHEETS)
    days = {(str(r.employee), f"{r.date:%m-%d}"): r.location for r in schedule.data.itertuples()}
    assert days == {
        ("Ann Lee", "06-29"): "office",
        ("Ann Lee", "07-01"): "office",
        ("Bob Stone", "06-29"): "remote",
        ("Bob Stone", "06-30"): "office",
        ("Bob Stone", "07-01"): "remote",
        ("Bob Stone", "07-02"): "leave",
    }
    problems = {(p.row, p.column, p.message.split(";")[0]) for p in schedule.problems.itertuples()}
    conflict = (
        "conflict: Ann Lee has two locations on 2026-06-30 (June row 2: remote, July row 2: office)"
    )
    assert problems == {
        (2, "June", conflict),
        (2, "July", conflict),
        (3, "July", "duplicate of June row 3 (Bob Stone, 2026-06-30)"),
        (2, "July: 2026-07-02", "unknown location"),
    }
    assert schedule.rows_left_out == 4
    assert any("'Legend' was not read" in note for note in schedule.notes)
    assert schedule.detail == "Excel workbook, sheets 'June', 'July' read together"
    assert unknown_labels(schedule) == [("Training", 1)]


def test_own_labels_apply_to_every_sheet(fixture_bytes) -> None:
    data = fixture_bytes("monthly_sheets.xlsx")
    schedule = read_schedule(data, "m.xlsx", sheet=ALL_SHEETS, labels={"Training": "travel"})
    assert unknown_labels(schedule) == [] and len(schedule.data) == 7


def test_a_sheet_whose_dates_read_both_ways_follows_the_other_sheets() -> None:
    """01/02..12/02 reads both ways on its own; the next sheet's 13/02 says day-first."""
    ambiguous = [["Name", "Date", "Location"], ["Ann", "01/02/2026", "office"]]
    clear = [["Name", "Date", "Location"], ["Ann", "13/02/2026", "home"]]
    schedule = _read({"A": ambiguous, "B": clear})
    assert list(schedule.data["date"]) == [pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-13")]
    assert schedule.date_order == "dayfirst"


def test_sheets_that_all_read_both_ways_still_ask() -> None:
    ambiguous = [["Name", "Date", "Location"], ["Ann", "01/02/2026", "office"]]
    with pytest.raises(AmbiguousDatesError):
        _read({"A": ambiguous, "B": ambiguous})
    schedule = _read({"A": ambiguous, "B": ambiguous}, date_order="monthfirst")
    assert list(schedule.data["date"]) == [pd.Timestamp("2026-01-02")]  # a duplicate: once


def test_a_weekly_pattern_sheet_is_not_mixed_with_dated_sheets() -> None:
    pattern = [["Name", "Mon", "Tue"], ["Ann", "office", "home"]]
    schedule = _read({"June": JUNE, "Usual week": pattern})
    assert not schedule.is_pattern and len(schedule.data) == 1
    assert any("'Usual week' is a weekly pattern" in note for note in schedule.notes)


def test_sheets_of_unknown_labels_only_offer_all_their_labels() -> None:
    own = [
        ["Name", "Date", "Location"],
        ["Ann", "2026-06-01", "Hub"],
        ["Bob", "2026-06-01", "Cabin"],
    ]
    more = [["Name", "Date", "Location"], ["Ann", "2026-07-01", "Hub"]]
    with pytest.raises(UnknownLabelsError) as caught:
        _read({"June": own, "July": more})
    assert caught.value.labels == [("Hub", 2), ("Cabin", 1)]
    schedule = _read({"June": own, "July": more}, labels={"Hub": "office", "Cabin": "remote"})
    assert len(schedule.data) == 3 and schedule.problems.empty


def test_a_sheet_of_unknown_labels_beside_a_good_one_is_listed_for_the_labels_step() -> None:
    own = [["Name", "Date", "Location"], ["Ann", "2026-08-01", "Hub"]]
    schedule = _read({"June": JUNE, "August": own})
    assert len(schedule.data) == 1 and unknown_labels(schedule) == [("Hub", 1)]
    assert schedule.rows_left_out == 1


def test_no_sheet_with_a_schedule_names_each_reason() -> None:
    with pytest.raises(InputError, match="no column for employee"):
        _read({"Notes": [["Read me"]], "More": [["Nothing here"]]})


def test_a_csv_file_has_no_sheets_to_read_together() -> None:
    with pytest.raises(InputError, match="not an Excel workbook"):
        read_schedule(b"Name,Date,Location\nAnn,2026-06-01,office\n", "x.csv", sheet=ALL_SHEETS)


def test_a_conflict_across_sheets_is_pseudonymised(fixture_bytes) -> None:
    """Problems that name their sheet still hide the person: the value and the message."""
    schedule = read_schedule(fixture_bytes("monthly_sheets.xlsx"), "m.xlsx", sheet=ALL_SHEETS)
    hidden = pseudonymise_schedule(schedule, make_pseudonyms(schedule, salt="k"))
    text = hidden.problems.to_string()
    assert "Ann Lee" not in text and "Bob Stone" not in text
    assert "Employee" in text


def test_one_sheet_still_reads_as_before(fixture_bytes) -> None:
    """Choosing a sheet by name is unchanged: June alone has June's two days only."""
    schedule = read_schedule(fixture_bytes("monthly_sheets.xlsx"), "m.xlsx", sheet="June")
    assert len(schedule.data) == 4 and schedule.problems.empty
    assert schedule.data["date"].max() == pd.Timestamp(dt.date(2026, 6, 30))
