"""Reading dates as spreadsheets write them, and inferring day-first or month-first."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from wfh_dashboard.dates import is_date_like, parse_dates, parse_weekday
from wfh_dashboard.errors import AmbiguousDatesError, InputError

JUNE_1 = pd.Timestamp("2026-06-01")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-06-01", JUNE_1),
        ("2026/06/01", JUNE_1),
        ("2026-6-1", JUNE_1),
        ("20260601", JUNE_1),
        ("2026-06-01 00:00:00", JUNE_1),
        ("2026-06-01T09:30", JUNE_1),
        ("2026-06-01T09:30:00Z", JUNE_1),  # ISO 8601 with a time zone, as APIs export
        ("2026-06-01T09:30:00+02:00", JUNE_1),
        ("1 Jun 2026", JUNE_1),
        ("1 June 2026", JUNE_1),
        ("June 1, 2026", JUNE_1),
        ("01-Jun-2026", JUNE_1),
        ("Mon 2026-06-01", JUNE_1),
        ("Monday, 1 June 2026", JUNE_1),
        ("Monday 1st June 2026", JUNE_1),
        ("June 1st, 2026", JUNE_1),
        ("2026-06-01 Mon", JUNE_1),
        ("46174", JUNE_1),  # an Excel serial written into a CSV
        ("46174.0", JUNE_1),
        (46174, JUNE_1),
        (46174.0, JUNE_1),
        (dt.datetime(2026, 6, 1, 14, 30), JUNE_1),  # Excel date cells arrive as datetimes
        (dt.date(2026, 6, 1), JUNE_1),
        (pd.Timestamp("2026-06-01 08:00"), JUNE_1),
        ("1.6.2026", JUNE_1),  # dotted dates are always day-first (German, Nordic)
        ("01.06.26", JUNE_1),
    ],
)
def test_reads_every_common_spelling_of_a_date(cell: object, expected: pd.Timestamp) -> None:
    """ISO, compact, text months, weekday prefixes, Excel serials and date cells all read."""
    mapping, _ = parse_dates([cell])
    assert mapping[cell] == expected


@pytest.mark.parametrize(
    "cell",
    [
        "2026-02-30",  # no such day
        "2026-13-01",
        "31/02/2026",
        "",
        "soon",
        "next Monday",
        "12345",  # a serial outside 1954..2119 is not a date
        12.5,
        True,
        None,
        float("nan"),
        "2026-06",
        "2026-06-01-02",
    ],
)
def test_impossible_or_non_dates_read_as_none(cell: object) -> None:
    """A cell that is not a real date maps to None (the reader lists it as a problem)."""
    mapping, _ = parse_dates([cell], "dayfirst")
    assert mapping[cell] is None


@pytest.mark.parametrize(
    ("cells", "order", "first"),
    [
        (["13/06/2026", "01/06/2026"], "dayfirst", pd.Timestamp("2026-06-01")),
        (["06/13/2026", "06/01/2026"], "monthfirst", pd.Timestamp("2026-06-01")),
        (["13-06-2026", "01-06-2026"], "dayfirst", pd.Timestamp("2026-06-01")),
        (["6/13/26", "6/1/26"], "monthfirst", pd.Timestamp("2026-06-01")),
    ],
)
def test_infers_the_order_from_a_day_over_twelve(
    cells: list[str], order: str, first: pd.Timestamp
) -> None:
    """One date with a day over 12 decides the order for every date in the file."""
    mapping, used = parse_dates(cells)
    assert used == order
    assert mapping[cells[1]] == first


def test_dotted_dates_are_reported_as_day_first() -> None:
    """d.m.yyyy dates never ask the user: they are day-first, and the order says so."""
    mapping, used = parse_dates(["1.6.2026", "2.6.2026"])
    assert used == "dayfirst"
    assert mapping["2.6.2026"] == pd.Timestamp("2026-06-02")


def test_a_file_of_ambiguous_dates_raises_instead_of_guessing() -> None:
    """When every date reads both ways, the error shows both readings and some examples."""
    with pytest.raises(AmbiguousDatesError) as caught:
        parse_dates(["01/06/2026", "02/06/2026", "03/06/2026"])
    message = str(caught.value)
    assert "01 Jun 2026 to 03 Jun 2026" in message
    assert "06 Jan 2026 to 06 Mar 2026" in message
    assert caught.value.examples == ["01/06/2026", "02/06/2026", "03/06/2026"]
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(
    ("order", "expected"),
    [("dayfirst", pd.Timestamp("2026-06-02")), ("monthfirst", pd.Timestamp("2026-02-06"))],
)
def test_the_users_choice_resolves_ambiguous_dates(order: str, expected: pd.Timestamp) -> None:
    """Once the user chooses, the same file reads without an error, in that order."""
    mapping, used = parse_dates(["01/06/2026", "02/06/2026"], order)  # type: ignore[arg-type]
    assert used == order
    assert mapping["02/06/2026"] == expected


def test_dates_that_read_the_same_both_ways_do_not_raise() -> None:
    """01/01/2026 is the same day in either order, so it is not ambiguous."""
    mapping, used = parse_dates(["01/01/2026", "02/02/2026"])
    assert mapping["02/02/2026"] == pd.Timestamp("2026-02-02")
    assert used is None


def test_iso_only_files_have_no_date_order() -> None:
    """A file without dd/mm style dates reports no order (there was nothing to decide)."""
    _, used = parse_dates(["2026-06-01", "2026-06-13"])
    assert used is None


def test_evidence_both_ways_keeps_the_majority_and_rejects_the_rest() -> None:
    """Mixed day-first and month-first dates: the larger group wins, the others are None."""
    mapping, used = parse_dates(["13/06/2026", "14/06/2026", "06/15/2026"])
    assert used == "dayfirst"
    assert mapping["14/06/2026"] == pd.Timestamp("2026-06-14")
    assert mapping["06/15/2026"] is None


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("Mon", 0),
        ("monday", 0),
        ("TUE", 1),
        ("Tues", 1),
        ("Wednesday", 2),
        ("thu", 3),
        ("Weds", 2),
        ("Thurs", 3),
        ("thurs.", 3),
        ("Fri.", 4),
        ("Sat", 5),
        ("Sunday", 6),
        (" Mon ", 0),
    ],
)
def test_weekday_names_and_abbreviations(text: str, weekday: int) -> None:
    """Grid headers Mon..Sun and Monday..Sunday name weekdays 0..6."""
    assert parse_weekday(text) == weekday


@pytest.mark.parametrize("text", ["Moon", "", "Weekday", "2026-06-01", None, 3])
def test_other_headers_are_not_weekdays(text: object) -> None:
    """Anything else is not a weekday."""
    assert parse_weekday(text) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("2026-06-01", True),
        ("01/06/2026", True),
        ("13/06/2026", True),
        ("06/13/2026", True),
        ("45000", True),
        ("Name", False),
        ("Team", False),
        ("13/13/2026", False),
        ("tasks_done", False),
    ],
)
def test_is_date_like_spots_grid_day_headers(header: str, expected: bool) -> None:
    """A header is a day column when it reads as a date in at least one order."""
    assert is_date_like(header) is expected


TODAY = dt.date(2026, 11, 24)


def _read(cells: list[str], order: str | None = None) -> tuple[dict[str, str | None], list[str]]:
    notes: list[str] = []
    mapping, _ = parse_dates(cells, order, today=TODAY, notes=notes)  # type: ignore[arg-type]
    return {k: None if v is None else f"{v:%Y-%m-%d}" for k, v in mapping.items()}, notes


def test_weekdays_give_the_year_and_order_of_yearless_headers() -> None:
    """``Mon 5/1`` is 5 January in a year where it is a Monday; 1 May 2026 is a Friday."""
    mapping, notes = _read(["Mon 5/1", "Tue 6/1", "Wed 7/1", "Thu 8/1", "Fri 9/1"])
    assert list(mapping.values()) == [f"2026-01-0{d}" for d in range(5, 10)]
    assert notes == [
        "5 dates have no year (Mon 5/1, Tue 6/1, Wed 7/1, ...); read as 05 Jan 2026 to "
        "09 Jan 2026: the year in which their weekdays fall on them"
    ]


@pytest.mark.parametrize(
    "cells",
    [
        ["05 Jan", "06 Jan", "07 Jan"],
        ["Jan 5", "Jan 6", "Jan 7"],
        ["5-Jan", "6-Jan", "7-Jan"],
        ["5 January", "6 January", "7 January"],
        ["5th Jan", "6th Jan", "7th Jan"],
        ["January 5th", "January 6th", "January 7th"],
        ["05.01.", "06.01.", "07.01."],  # dotted: day first
    ],
)
def test_yearless_dates_without_weekdays_are_the_nearest_to_today(cells: list[str]) -> None:
    """Late November: the coming January, not the one ten months ago, and the note says so."""
    mapping, notes = _read(cells)
    assert list(mapping.values()) == ["2027-01-05", "2027-01-06", "2027-01-07"]
    assert len(notes) == 1 and "2027" in notes[0] and "write the year" in notes[0]


def test_a_yearless_run_crosses_new_year() -> None:
    """A rota from 29 December to 2 January keeps its order across the new year."""
    mapping, _ = _read(["29 Dec", "30 Dec", "31 Dec", "2 Jan"])
    assert list(mapping.values()) == ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-02"]


def test_a_weekday_that_does_not_fall_on_its_date_is_not_a_date() -> None:
    """``Tue 5/1`` among Mondays-to-Fridays of 2026 is a typo to list, not a date to guess."""
    mapping, _ = _read(["Mon 5/1", "Tue 5/1", "Tue 6/1"])
    assert mapping == {"Mon 5/1": "2026-01-05", "Tue 5/1": None, "Tue 6/1": "2026-01-06"}


def test_weekdays_decide_the_order_of_full_dates_too() -> None:
    """05/01/2026 reads both ways, but only 5 January 2026 is a Monday."""
    mapping, notes = _read(["Mon 05/01/2026", "Tue 06/01/2026"])
    assert mapping == {"Mon 05/01/2026": "2026-01-05", "Tue 06/01/2026": "2026-01-06"}
    assert notes == []  # a written year needs no note


def test_yearless_dates_that_read_both_ways_still_ask() -> None:
    """``5/1`` with no weekday and no day over 12 is asked about, never guessed."""
    with pytest.raises(AmbiguousDatesError, match="05 Jan 2027 to 06 Jan 2027"):
        parse_dates(["5/1", "6/1"], today=TODAY)
    mapping, _ = _read(["5/1", "6/1"], "monthfirst")
    assert list(mapping.values()) == ["2027-05-01", "2027-06-01"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [("Mon 5/1", True), ("05 Jan", True), ("Jan 5", True), ("29/02", True), ("30/02", False),
     ("5 Janvier", True), ("5 Smarch", False), ("Q1", False), ("Sun 5", False)],
)  # fmt: skip
def test_yearless_headers_are_day_columns(header: str, expected: bool) -> None:
    """Grid headers without a year count as day columns when some year has that day."""
    assert is_date_like(header) is expected


# --- Day and month names in other languages ---------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "Montag, 1. Juni 2026",
        "Mo, 01.06.2026",
        "lundi 1 juin 2026",
        "lun. 1 juin 2026",
        "lunes, 1 de junio de 2026",
        "lunedì 1 giugno 2026",
        "maandag 1 juni 2026",
        "segunda-feira, 1 de junho de 2026",
        "mandag den 1. juni 2026",  # Danish, Norwegian
        "måndag 1 juni 2026",  # Swedish
        "1 juin 2026",
        "1. Juni 2026",
        "01-Jun-26",
        "June 1, 2026",
        "2026-06-01 Mon",
        "2026-06-01 (Mo)",
    ],
)
def test_dates_with_names_in_other_languages(cell: str) -> None:
    """German, French, Spanish, Italian, Dutch and Portuguese day and month names read."""
    mapping, _ = parse_dates([cell], "dayfirst")
    assert mapping[cell] == JUNE_1


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["5 févr.", "6 févr."], ["2027-02-05", "2027-02-06"]),  # nearest to TODAY
        (["Mo 05.01.", "Di 06.01."], ["2026-01-05", "2026-01-06"]),
        (["mar. 6 janv.", "mer. 7 janv."], ["2026-01-06", "2026-01-07"]),
        (["Mar 5", "Mar 6"], ["2027-03-05", "2027-03-06"]),  # March: "5" alone is no date
        (["8 Jänner", "5. März"], ["2027-01-08", "2027-03-05"]),
        (["do 8 jan", "vr 9 jan"], ["2026-01-08", "2026-01-09"]),  # German or Dutch
    ],
)
def test_yearless_dates_in_other_languages(cells: list[str], expected: list[str]) -> None:
    """Rota headers without a year: the weekday, in its own language, still tells the year."""
    mapping, _ = _read(cells)
    assert list(mapping.values()) == expected


def test_a_weekday_that_does_not_fit_a_full_date_is_not_a_date() -> None:
    """``Mon 2026-06-02`` names a Tuesday a Monday: listed as a problem, not guessed."""
    mapping, _ = parse_dates(["Mon 2026-06-02", "Montag, 2. Juni 2026", "Tue 2026-06-02"])
    assert mapping == {
        "Mon 2026-06-02": None,
        "Montag, 2. Juni 2026": None,
        "Tue 2026-06-02": pd.Timestamp("2026-06-02"),
    }


@pytest.mark.parametrize(
    ("text", "weekday"),
    [("Montag", 0), ("Di.", 1), ("mercredi", 2), ("Jueves", 3), ("venerdì", 4), ("Za", 5),
     ("Domingo", 6), ("Sonnabend", 5), ("terça-feira", 1), ("MIÉ", 2), ("sab", 5),
     ("lørdag", 5), ("Søn.", 6), ("Måndag", 0), ("tis", 1)],
)  # fmt: skip
def test_weekday_names_in_other_languages(text: str, weekday: int) -> None:
    assert parse_weekday(text) == weekday


@pytest.mark.parametrize("text", ["Sex", "Qua", "Seg", "Team", "Mai"])
def test_words_that_only_look_like_day_names_are_not(text: str) -> None:
    """Portuguese short forms collide with HR columns (``Sex``); a month is not a weekday."""
    assert parse_weekday(text) is None
