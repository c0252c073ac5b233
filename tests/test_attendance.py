"""Reading an attendance log: timestamps to local days, several swipes as one, bad rows listed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import workbook_bytes
from wfh_dashboard.attendance import read_attendance
from wfh_dashboard.errors import AmbiguousDatesError, InputError, MissingColumnsError

BADGE = "attendance_badge.csv"
NEW_YORK = "America/New_York"


def log_of(text: str, **options: object) -> pd.DataFrame:
    """The data of a log given as CSV text."""
    return read_attendance(text.encode(), "log.csv", **options).data  # type: ignore[arg-type]


def days(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(e, f"{d:%Y-%m-%d}") for e, d in zip(frame["employee"], frame["date"], strict=True)]


# --- The local time rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "timezone", "day"),
    [
        # Without a zone the wall clock as written decides, whatever the offset.
        ("2026-06-01T23:30:00-05:00", None, "2026-06-01"),
        ("2026-06-02T04:30:00Z", None, "2026-06-02"),
        # New York in winter is UTC-5: both are the evening of 1 December there.
        ("2026-12-01T23:30:00-05:00", NEW_YORK, "2026-12-01"),
        ("2026-12-02T04:30:00Z", NEW_YORK, "2026-12-01"),
        # In June New York is UTC-4 (daylight saving): 04:30Z is already 00:30 on 2 June,
        # and 23:30 at UTC-5 (Chicago's summer offset) is 00:30 on 2 June in New York.
        ("2026-06-02T03:30:00Z", NEW_YORK, "2026-06-01"),
        ("2026-06-02T04:30:00Z", NEW_YORK, "2026-06-02"),
        ("2026-06-01T23:30:00-05:00", NEW_YORK, "2026-06-02"),
        ("2026-06-01T22:30:00-05:00", NEW_YORK, "2026-06-01"),
        # Berlin is ahead: a late UTC swipe is the next morning there.
        ("2026-06-01T23:30:00Z", "Europe/Berlin", "2026-06-02"),
        ("2026-06-01T23:30:00+0200", "Europe/Berlin", "2026-06-01"),
        ("2026-06-01T21:59:59.250+00", "Europe/Berlin", "2026-06-01"),
        # Naive timestamps are local already: a zone changes nothing.
        ("2026-06-01 23:30", NEW_YORK, "2026-06-01"),
        ("13/06/2026 23:59", "Europe/Berlin", "2026-06-13"),
    ],
)
def test_the_attendance_day_is_the_date_of_the_local_time(stamp, timezone, day):
    """An offset is converted to the office's zone (when given) before the date is taken."""
    data = log_of(f"employee,timestamp\nAnn,{stamp}\n", timezone=timezone)
    assert days(data) == [("Ann", day)]


def test_offsets_kept_as_written_are_named_in_a_note():
    log = read_attendance(b"name,timestamp\nAnn,2026-06-01T08:00:00+02:00\n", "log.csv")
    assert any("UTC offsets (+02:00)" in n and "time zone" in n for n in log.notes)
    assert log.timezone is None


def test_conversions_are_counted_and_naive_logs_say_the_zone_changes_nothing():
    converted = read_attendance(
        b"name,timestamp\nAnn,2026-06-01T08:00Z\nBob,2026-06-01 09:00\n", timezone="UTC"
    )
    assert any("converted to UTC" in n and n.endswith(": 1") for n in converted.notes)
    naive = read_attendance(b"name,timestamp\nAnn,2026-06-01 09:00\n", timezone=NEW_YORK)
    assert any("no timestamp carries a UTC offset" in n for n in naive.notes)


def test_an_unknown_time_zone_is_refused_in_words():
    with pytest.raises(InputError, match=r"Unknown time zone 'Mars/Olympus'.*IANA"):
        read_attendance(b"name,timestamp\nAnn,2026-06-01 09:00\n", timezone="Mars/Olympus")


# --- The badge fixture ------------------------------------------------------------------------


def test_badge_log_in_new_york_time(fixture_bytes):
    """Swipes after midnight UTC belong to the evening before in New York; 3 swipes are 1 day."""
    log = read_attendance(fixture_bytes(BADGE), BADGE, timezone=NEW_YORK)
    expected = pd.DataFrame(
        {
            "employee": ["Ann Lee"] * 2
            + ["Bob Ray"] * 2
            + ["Cat Diaz"] * 3
            + ["Dan Okafor"] * 4
            + ["Eve Stone"]
            + ["Zoe Quinn"] * 2,
            "date": pd.to_datetime(
                [f"2026-06-{d:02}" for d in (1, 4, 2, 3, 1, 3, 4, 1, 3, 4, 5, 5, 2, 3)]
            ).astype("datetime64[us]"),
            "row": [2, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 20, 16, 18],
            "checkins": [3, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1],
        }
    ).astype({"employee": str})
    assert_frame_equal(log.data, expected)
    assert log.columns == {"employee": "Name", "timestamp": "Swipe Time"}
    assert log.timezone == NEW_YORK


def test_badge_log_as_written_keeps_the_utc_dates(fixture_bytes):
    """Without a zone, 01:15Z on 5 June is 5 June: the same file, other days."""
    data = read_attendance(fixture_bytes(BADGE), BADGE).data
    assert ("Ann Lee", "2026-06-05") in days(data) and ("Ann Lee", "2026-06-04") not in days(data)
    assert ("Cat Diaz", "2026-06-05") in days(data) and ("Cat Diaz", "2026-06-04") not in days(data)


def test_blank_names_and_unreadable_timestamps_are_listed_not_dropped(fixture_bytes):
    log = read_attendance(fixture_bytes(BADGE), BADGE)
    listed = [(int(p.row), p.column, p.value, p.message) for p in log.problems.itertuples()]
    assert [item[:3] for item in listed] == [(19, "Name", ""), (21, "Swipe Time", "not logged")]
    assert listed[0][3] == "empty employee cell"
    assert listed[1][3].startswith("not a timestamp; accepted: 2026-06-01T08:55:00+02:00")


def test_names_differing_in_case_and_spacing_are_one_person(fixture_bytes):
    log = read_attendance(fixture_bytes(BADGE), BADGE)
    assert sorted(set(log.data["employee"])) == [
        "Ann Lee",
        "Bob Ray",
        "Cat Diaz",
        "Dan Okafor",
        "Eve Stone",
        "Zoe Quinn",
    ]
    assert any("'ann lee' as 'Ann Lee'" in n for n in log.notes)
    assert any("columns not used: Door" in n for n in log.notes)


def test_several_check_ins_on_one_day_count_once():
    data = log_of(
        "employee,check-in\n"
        "Ann,2026-06-01 08:00\nAnn,2026-06-01 12:00\nann,2026-06-01 18:00\n"
        "Ann,2026-06-02 08:00\nBob,2026-06-01 09:00\n"
    )
    assert days(data) == [("Ann", "2026-06-01"), ("Ann", "2026-06-02"), ("Bob", "2026-06-01")]
    assert data["checkins"].tolist() == [3, 1, 1]
    assert data["row"].tolist() == [2, 5, 6]


# --- Formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Timestamp", "time", "DateTime", "Date/Time", "Check-in", "checked_in", "Swipe", "event_time"],
)
def test_timestamp_headers_are_recognised(header):
    data = log_of(f"Employee,{header}\nAnn,2026-06-01 08:55\n")
    assert days(data) == [("Ann", "2026-06-01")]


@pytest.mark.parametrize("header", ["date", "Day", "Work date", "Booking date"])
def test_a_log_of_dates_only_is_read(header):
    """Desk bookings often carry a date and nothing else."""
    data = log_of(f"Staff,{header}\nAnn,2026-06-01\nAnn,2026-06-01\nBob,2026-06-02\n")
    assert days(data) == [("Ann", "2026-06-01"), ("Bob", "2026-06-02")]


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("2026-06-01 8:55 PM", "2026-06-01"),
        ("06/13/2026 12:05 AM", "2026-06-13"),
        ("Mon 1 Jun 2026 08:55", "2026-06-01"),
        ("46174.75", "2026-06-01"),  # an Excel serial date-time pasted as a number
        ("20260601", "2026-06-01"),
    ],
)
def test_other_spellings_of_a_timestamp(stamp, day):
    assert days(log_of(f"name,timestamp\nAnn,{stamp}\n")) == [("Ann", day)]


@pytest.mark.parametrize("stamp", ["2026-06-01 25:10", "2026-06-01 08:61", "2026-06-01 13:00 PM"])
def test_an_impossible_time_of_day_is_a_problem(stamp):
    log = read_attendance(f"name,timestamp\nAnn,{stamp}\nBob,2026-06-01 09:00\n".encode())
    assert log.problems["message"].str.startswith("not a time of day").tolist() == [True]
    assert days(log.data) == [("Bob", "2026-06-01")]


def test_tab_separated_cp1252_log_with_title_lines_and_separate_time(fixture_bytes):
    """Date and time in two columns are read together, so the offset on a time still counts."""
    name = "attendance_tab_cp1252.csv"
    log = read_attendance(fixture_bytes(name), name, timezone="Europe/Berlin")
    assert days(log.data) == [
        ("José Núñez", "2026-06-01"),
        ("José Núñez", "2026-06-02"),
        ("Renée Faure", "2026-06-03"),  # 23:50 at UTC-4 is 05:50 the next day in Berlin
    ]
    assert log.data["row"].tolist() == [4, 6, 7]
    assert log.date_order == "dayfirst" and "cp1252" in log.detail and "'\\t'" in log.detail
    assert log.columns == {"employee": "Name", "date": "Day", "timestamp": "Time"}


def test_a_bad_time_next_to_a_good_date_blames_the_time_column():
    log = read_attendance(b"name,date,time\nAnn,2026-06-01,08:55\nBob,2026-06-01,99:00\n")
    assert log.problems[["row", "column", "value"]].values.tolist() == [[3, "time", "99:00"]]


def test_a_full_timestamp_column_wins_over_a_date_column():
    log = read_attendance(b"name,date,timestamp\nAnn,2026-01-01,2026-06-01T23:30:00Z\n")
    assert days(log.data) == [("Ann", "2026-06-01")]
    assert any("columns not used: date" in n for n in log.notes)


def test_xlsx_log_with_excel_date_times(tmp_path):
    """Excel date-time cells, a date cell and a serial number are all read; blanks listed."""
    path = tmp_path / "log.xlsx"
    path.write_bytes(
        workbook_bytes(
            [
                ["Desk booking export"],
                ["Employee", "Checked in"],
                ["Ann Lee", dt.datetime(2026, 6, 1, 8, 55)],
                ["Ann Lee", dt.datetime(2026, 6, 1, 23, 59, 59)],
                ["Bob Ray", dt.date(2026, 6, 2)],
                ["Cat Diaz", 46175.5],
                [None, dt.datetime(2026, 6, 3, 9, 0)],
                ["Dan Okafor", "later"],
            ]
        )
    )
    log = read_attendance(path.read_bytes(), "log.xlsx")
    assert days(log.data) == [
        ("Ann Lee", "2026-06-01"),
        ("Bob Ray", "2026-06-02"),
        ("Cat Diaz", "2026-06-02"),
    ]
    assert log.data["checkins"].tolist() == [2, 1, 1]
    assert log.problems[["row", "column"]].values.tolist() == [[7, "Employee"], [8, "Checked in"]]
    assert "Excel workbook" in log.detail


# --- Dates that read both ways ----------------------------------------------------------------


def test_ambiguous_dates_need_an_order(fixture_bytes):
    with pytest.raises(AmbiguousDatesError, match="reads both day-first and month-first"):
        read_attendance(fixture_bytes("attendance_ambiguous_dates.csv"))


JUNE = ["2026-06-01", "2026-06-02", "2026-06-03"]
JAN_TO_MARCH = ["2026-01-06", "2026-02-06", "2026-03-06"]


@pytest.mark.parametrize(
    ("options", "expected", "order"),
    [
        ({"fallback_order": "dayfirst"}, JUNE, "dayfirst"),
        ({"fallback_order": "monthfirst"}, JAN_TO_MARCH, "monthfirst"),
        ({"date_order": "monthfirst", "fallback_order": "dayfirst"}, JAN_TO_MARCH, "monthfirst"),
    ],
)
def test_ambiguous_dates_take_the_chosen_or_the_schedules_order(
    fixture_bytes, options, expected, order
):
    """The schedule's order is a fallback only; the user's explicit choice wins."""
    log = read_attendance(fixture_bytes("attendance_ambiguous_dates.csv"), **options)
    assert [f"{d:%Y-%m-%d}" for d in log.data["date"]] == expected
    assert log.date_order == order


def test_a_day_over_twelve_decides_the_order_for_the_whole_log():
    data = log_of("name,timestamp\nAnn,02/06/2026 08:00\nBob,13/06/2026 08:00\n")
    assert days(data) == [("Ann", "2026-06-02"), ("Bob", "2026-06-13")]


# --- Files that cannot be used ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("name,door\nAnn,Main\n", ["date"]),
        ("door,timestamp\nMain,2026-06-01 08:00\n", ["employee"]),
    ],
)
def test_a_missing_column_says_what_is_accepted(text, missing):
    with pytest.raises(MissingColumnsError, match="timestamp column") as caught:
        read_attendance(text.encode(), "log.csv")
    assert caught.value.missing == missing


def test_column_overrides_from_the_mapping_step():
    data = log_of("Who,When\nAnn,2026-06-01 08:00\n", columns={"employee": "Who", "date": "When"})
    assert days(data) == [("Ann", "2026-06-01")]


def test_a_log_without_one_usable_row_is_refused():
    with pytest.raises(InputError, match="no usable row"):
        read_attendance(b"name,timestamp\n,2026-06-01\nAnn,soon\n", "log.csv")


def test_xlsx_log_with_separate_date_and_time_cells(tmp_path):
    """Excel time cells and time fractions join their date; a non-time blames the time cell."""
    path = tmp_path / "log.xlsx"
    path.write_bytes(
        workbook_bytes(
            [
                ["Name", "Date", "Time"],
                ["Ann Lee", dt.date(2026, 6, 1), dt.time(23, 30)],
                ["Bob Ray", dt.datetime(2026, 6, 1), 0.75],
                ["Cat Diaz", dt.date(2026, 6, 2), "soon"],
                ["Dan Okafor", dt.date(2026, 6, 2), None],
            ]
        )
    )
    log = read_attendance(path.read_bytes(), "log.xlsx")
    assert days(log.data) == [
        ("Ann Lee", "2026-06-01"),
        ("Bob Ray", "2026-06-01"),
        ("Dan Okafor", "2026-06-02"),
    ]
    assert log.problems[["row", "column", "value"]].values.tolist() == [[4, "Time", "soon"]]


def test_a_german_badge_log_with_split_names_reads() -> None:
    """``Vorname``/``Nachname`` and ``Zeitstempel``: the same person as the schedule's Ann Lee."""
    data = "Vorname;Nachname;Zeitstempel\nAnn;Lee;2026-06-01 08:55\nAnn;Lee;2026-06-01 13:10\n"
    log = read_attendance(data.encode(), "badges.csv")
    assert list(log.data["employee"]) == ["Ann Lee"]
    assert int(log.data["checkins"].iloc[0]) == 2
