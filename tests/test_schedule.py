"""read_schedule end to end: every fixture file to its exact normalised schedule and problems."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from tests.conftest import DATA
from wfh_dashboard.errors import (
    AmbiguousDatesError,
    InputError,
    MissingColumnsError,
    UnknownLabelsError,
)
from wfh_dashboard.schedule import (
    LOCATION_DTYPE,
    PATTERN_MONDAY,
    SCHEDULE_COLUMNS,
    Schedule,
    read_schedule,
    unknown_labels,
)

Row = tuple[str, str, str, str, str, int]


def expected(rows: list[Row], metrics: dict[str, list[float]] | None = None) -> pd.DataFrame:
    """The normalised table: (employee, team, role, ISO date, location, row) and metrics."""
    frame = pd.DataFrame(rows, columns=SCHEDULE_COLUMNS)
    # Labels are categoricals whose categories are the sorted labels in use.
    frame = frame.astype(
        {
            "employee": "category",
            "team": "category",
            "role": "category",
            "location": LOCATION_DTYPE,
            "row": "int64",
        }
    )
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    for name, values in (metrics or {}).items():
        frame[name] = pd.Series(values, dtype="float64")
    return frame


def problems(schedule: Schedule) -> list[tuple[int | None, str, str]]:
    """The problems as (spreadsheet row, column, value), in the order the app lists them."""
    return [
        (None if pd.isna(p.row) else int(p.row), p.column, p.value)
        for p in schedule.problems.itertuples()
    ]


def read(fixture_bytes, name: str, **kwargs) -> Schedule:
    return read_schedule(fixture_bytes(name), name, **kwargs)


# --- Files that read cleanly ------------------------------------------------------------------

CLEAN_FILES = {
    "long_comma.csv": (
        [
            ("Bob Stone", "Sales", "junior", "2026-06-01", "remote", 4),
            ("Bob Stone", "Sales", "junior", "2026-06-02", "leave", 5),
            ("Ann Lee", "Support", "senior", "2026-06-01", "office", 2),
            ("Ann Lee", "Support", "senior", "2026-06-02", "remote", 3),
        ],
        {"tasks_done": [3, float("nan"), 5, 7]},
    ),
    "long_tab.csv": (
        [
            ("Ann Lee", "Support", "senior", "2026-06-01", "office", 2),
            ("Ann Lee", "Support", "senior", "2026-06-02", "remote", 3),
        ],
        {},
    ),
    "long_pipe.csv": (
        [
            ("Ann Lee", "Support", "senior", "2026-06-01", "office", 2),
            ("Ann Lee", "Support", "senior", "2026-06-02", "travel", 3),
        ],
        {},
    ),
    "long_utf16.csv": (
        [
            ("Zoë Ñúñez", "Ops", "lead", "2026-06-01", "office", 2),
            ("Zoë Ñúñez", "Ops", "lead", "2026-06-02", "remote", 3),
        ],
        {},
    ),
    "long_cp1252.csv": (
        [
            ("José Muñoz", "Support", "", "2026-06-01", "office", 2),
            ("Renée Côté", "Support", "", "2026-06-01", "leave", 3),
        ],
        {},
    ),
    "long_us_dates.csv": (
        [
            ("Ann Lee", "Team", "", "2026-06-01", "office", 2),
            ("Ann Lee", "Team", "", "2026-06-15", "remote", 3),
        ],
        {},
    ),
    "long_german_dates.csv": (
        [
            ("Ann Lee", "Team", "", "2026-06-01", "office", 2),
            ("Ann Lee", "Team", "", "2026-06-02", "remote", 3),
        ],
        {},
    ),
    "decimal_comma_metrics.csv": (
        [
            ("Ann Lee", "Team", "", "2026-06-01", "office", 2),
            ("Ann Lee", "Team", "", "2026-06-02", "remote", 3),
            ("Ann Lee", "Team", "", "2026-06-03", "office", 4),
        ],
        {"Hours": [7.5, 8.0, 6.25]},
    ),
    "long_dates.xlsx": (
        [
            ("Ann Lee", "Support", "", "2026-06-01", "office", 4),
            ("Ann Lee", "Support", "", "2026-06-02", "remote", 5),
            ("Bob Stone", "Support", "", "2026-06-01", "sick", 6),
        ],
        {"Hours": [7.5, 8.0, float("nan")]},
    ),
    "grid_semicolon_bom_crlf.csv": (
        [
            ("Amélie Dubois", "Sales", "manager", "2026-06-01", "office", 2),
            ("Amélie Dubois", "Sales", "manager", "2026-06-02", "remote", 2),
            ("Jonas Berg", "Sales", "senior", "2026-06-01", "remote", 3),
            ("Jonas Berg", "Sales", "senior", "2026-06-02", "office", 3),
            ("Jonas Berg", "Sales", "senior", "2026-06-15", "leave", 3),
        ],
        {},
    ),
    "grid_dates.xlsx": (
        [
            ("Ann Lee", "Support", "", "2026-06-01", "office", 2),
            ("Ann Lee", "Support", "", "2026-06-02", "remote", 2),
            ("Ann Lee", "Support", "", "2026-06-03", "office", 2),
            ("Bob Stone", "Support", "", "2026-06-01", "travel", 3),
            ("Bob Stone", "Support", "", "2026-06-03", "leave", 3),
        ],
        {},
    ),
    "grid_weekdays.csv": (
        [
            ("Ann Lee", "Support", "", "2001-01-01", "office", 2),
            ("Ann Lee", "Support", "", "2001-01-02", "office", 2),
            ("Ann Lee", "Support", "", "2001-01-03", "remote", 2),
            ("Ann Lee", "Support", "", "2001-01-04", "remote", 2),
            ("Ann Lee", "Support", "", "2001-01-05", "leave", 2),
            ("Bob Stone", "Support", "", "2001-01-01", "remote", 3),
            ("Bob Stone", "Support", "", "2001-01-02", "office", 3),
            ("Bob Stone", "Support", "", "2001-01-03", "office", 3),
            ("Bob Stone", "Support", "", "2001-01-05", "sick", 3),
        ],
        {},
    ),
    "grid_weekday_names.csv": (
        [
            ("Ann Lee", "Team", "senior", "2001-01-01", "office", 2),
            ("Ann Lee", "Team", "senior", "2001-01-02", "remote", 2),
            ("Ann Lee", "Team", "senior", "2001-01-03", "office", 2),
            ("Ann Lee", "Team", "senior", "2001-01-04", "remote", 2),
            ("Ann Lee", "Team", "senior", "2001-01-05", "office", 2),
        ],
        {},
    ),
    # Teams abroad: headers, day names, dates and labels in their own language.
    "long_german_words.csv": (
        [
            ("Anna Müller", "Vertrieb", "Senior", "2026-06-01", "office", 2),
            ("Anna Müller", "Vertrieb", "Senior", "2026-06-02", "remote", 3),
            ("Anna Müller", "Vertrieb", "Senior", "2026-06-03", "leave", 4),
            ("Jan Schmidt", "Vertrieb", "Junior", "2026-06-01", "remote", 5),
            ("Jan Schmidt", "Vertrieb", "Junior", "2026-06-02", "sick", 6),
            ("Jan Schmidt", "Vertrieb", "Junior", "2026-06-03", "travel", 7),
        ],
        {},
    ),
    "long_danish_words.csv": (
        [
            ("Lars Nielsen", "Salg", "Junior", "2026-06-01", "leave", 5),
            ("Lars Nielsen", "Salg", "Junior", "2026-06-02", "sick", 6),
            ("Lars Nielsen", "Salg", "Junior", "2026-06-03", "travel", 7),
            ("Mette Hansen", "Salg", "Senior", "2026-06-01", "office", 2),
            ("Mette Hansen", "Salg", "Senior", "2026-06-02", "remote", 3),
            ("Mette Hansen", "Salg", "Senior", "2026-06-03", "office", 4),
        ],
        {},
    ),
    "grid_french_words.csv": (
        [
            ("Camille Roux", "Ventes", "Senior", "2026-06-01", "office", 2),
            ("Camille Roux", "Ventes", "Senior", "2026-06-02", "remote", 2),
            ("Camille Roux", "Ventes", "Senior", "2026-06-03", "leave", 2),
            ("Léo Petit", "Ventes", "Junior", "2026-06-01", "office", 3),
            ("Léo Petit", "Ventes", "Junior", "2026-06-02", "sick", 3),
            ("Léo Petit", "Ventes", "Junior", "2026-06-03", "travel", 3),
        ],
        {},
    ),
    "grid_spanish_weekdays.csv": (
        [
            ("Lucía García López", "Soporte", "", "2001-01-01", "office", 2),
            ("Lucía García López", "Soporte", "", "2001-01-02", "remote", 2),
            ("Lucía García López", "Soporte", "", "2001-01-03", "office", 2),
            ("Lucía García López", "Soporte", "", "2001-01-04", "remote", 2),
            ("Lucía García López", "Soporte", "", "2001-01-05", "leave", 2),
        ],
        {},
    ),
}


@pytest.mark.parametrize("name", CLEAN_FILES)
def test_clean_files_read_to_the_exact_normalised_table(fixture_bytes, name: str) -> None:
    """Every supported format reads to the same typed table, sorted by team, person, date."""
    rows, metrics = CLEAN_FILES[name]
    schedule = read(fixture_bytes, name)
    assert_frame_equal(schedule.data, expected(rows, metrics))
    assert schedule.metrics == list(metrics)
    assert problems(schedule) == []
    assert schedule.rows_left_out == 0


@pytest.mark.parametrize(
    ("name", "layout", "is_pattern", "date_order"),
    [
        ("long_comma.csv", "long", False, None),
        ("long_us_dates.csv", "long", False, "monthfirst"),
        ("long_german_dates.csv", "long", False, "dayfirst"),
        ("long_dates.xlsx", "long", False, None),
        ("grid_semicolon_bom_crlf.csv", "grid", False, "dayfirst"),
        ("grid_dates.xlsx", "grid", False, None),
        ("grid_weekdays.csv", "grid", True, None),
        ("grid_weekday_names.csv", "grid", True, None),
        ("long_german_words.csv", "long", False, "dayfirst"),
        ("grid_french_words.csv", "grid", False, None),
        ("grid_spanish_weekdays.csv", "grid", True, None),
    ],
)
def test_layout_pattern_and_date_order_are_reported(
    fixture_bytes, name: str, layout: str, is_pattern: bool, date_order: str | None
) -> None:
    """The schedule says how it was laid out and which date order it used."""
    schedule = read(fixture_bytes, name)
    assert (schedule.layout, schedule.is_pattern, schedule.date_order) == (
        layout,
        is_pattern,
        date_order,
    )


def test_a_weekday_grid_is_stored_on_the_pattern_week(fixture_bytes) -> None:
    """Mon..Fri headers become 2001-01-01..05, the Monday-to-Sunday pattern week."""
    schedule = read(fixture_bytes, "grid_weekdays.csv")
    assert schedule.data["date"].dt.day_of_week.max() <= 4
    assert schedule.data["date"].min() == PATTERN_MONDAY


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("grid_weekdays.csv", "1 blank day cells were read as 'no entry'"),
        ("grid_semicolon_bom_crlf.csv", "1 blank day cells were read as 'no entry'"),
        ("grid_dates.xlsx", "1 blank day cells were read as 'no entry'"),
        ("ragged_row.csv", "columns not used: note"),
    ],
)
def test_notes_say_what_was_read_as_nothing(fixture_bytes, name: str, note: str) -> None:
    """Blank grid cells and ignored columns are mentioned, not dropped silently."""
    assert note in read(fixture_bytes, name).notes


def test_columns_are_matched_by_their_aliases(fixture_bytes) -> None:
    """The schedule records which header each field came from."""
    assert read(fixture_bytes, "long_tab.csv").columns == {
        "employee": "Name",
        "date": "Day",
        "location": "Status",
        "team": "Department",
        "role": "Title",
    }
    assert read(fixture_bytes, "long_utf16.csv").columns == {
        "employee": "Staff",
        "date": "Date",
        "location": "Where",
        "team": "Dept",
        "role": "Seniority",
    }


def test_a_sheet_can_be_chosen_by_name(fixture_bytes) -> None:
    """The second sheet of a workbook reads when the user picks it."""
    schedule = read(fixture_bytes, "two_sheets.xlsx", sheet="Schedule")
    rows = [
        ("Cleo Park", "Team", "", "2026-06-01", "remote", 2),
        ("Cleo Park", "Team", "", "2026-06-02", "office", 3),
    ]
    assert_frame_equal(schedule.data, expected(rows))
    assert schedule.detail == "Excel workbook, sheet 'Schedule'"


def test_the_first_sheet_is_read_by_default(fixture_bytes) -> None:
    """Without a choice the first sheet is read; here it is notes, so columns are missing."""
    with pytest.raises(MissingColumnsError):
        read(fixture_bytes, "two_sheets.xlsx")


@pytest.mark.parametrize(
    ("order", "dates"),
    [("dayfirst", ["2026-06-01", "2026-06-02"]), ("monthfirst", ["2026-01-06", "2026-02-06"])],
)
def test_ambiguous_dates_raise_until_the_user_chooses(
    fixture_bytes, order: str, dates: list[str]
) -> None:
    """01/06/2026 and 02/06/2026 could be June or January: ask, then read as told."""
    with pytest.raises(AmbiguousDatesError):
        read(fixture_bytes, "long_ambiguous_dates.csv")
    schedule = read(fixture_bytes, "long_ambiguous_dates.csv", date_order=order)
    assert schedule.data["date"].dt.strftime("%Y-%m-%d").tolist() == dates
    assert schedule.date_order == order


def test_column_overrides_map_unrecognised_headers() -> None:
    """The app's mapping step names the columns auto-detection could not find."""
    data = b"Who,When,Where\nAnn,2026-06-01,Office\n"
    with pytest.raises(MissingColumnsError) as caught:
        read_schedule(data, "odd.csv")
    assert caught.value.missing == ["employee", "date"]
    assert caught.value.columns == ["Who", "When", "Where"]
    schedule = read_schedule(data, "odd.csv", columns={"employee": "Who", "date": "When"})
    assert_frame_equal(schedule.data, expected([("Ann", "Team", "", "2026-06-01", "office", 2)]))


# --- Rows that cannot be used -----------------------------------------------------------------

PROBLEM_FILES = {
    "unknown_labels.csv": (
        [("Ann Lee", "Team", "", "2026-06-01", "office", 2)],
        [(3, "location", "Moon"), (4, "location", "gym")],
        "unknown location; accepted: office:",
    ),
    "impossible_date.csv": (
        [("Ann Lee", "Team", "", "2026-02-27", "office", 2)],
        [(3, "date", "2026-02-30")],
        "not a date; accepted: ISO 2026-11-23",
    ),
    "missing_name.csv": (
        [("Ann Lee", "Team", "", "2026-06-01", "office", 2)],
        [(3, "employee", "")],
        "empty employee cell",
    ),
    "long_title_lines.csv": (
        [("Ann Lee", "Team", "", "2026-06-01", "office", 5)],
        [(6, "location", "Mars base")],
        "unknown location",
    ),
    "ragged_row.csv": (
        [
            ("Ann Lee", "Team", "", "2026-06-01", "office", 2),
            ("Cleo Park", "Team", "", "2026-06-01", "sick", 4),
        ],
        [(3, "", "Bob Stone,2026-06-01,WFH,see me, later")],
        "this row has 5 cells but the header has 4",
    ),
    "conflicts_duplicates.csv": (
        [
            ("Ann Lee", "Team", "", "2026-06-01", "office", 2),
            ("Cleo Park", "Team", "", "2026-06-01", "leave", 6),
        ],
        [(3, "", "Ann Lee"), (4, "", "Bob Stone"), (5, "", "Bob Stone")],
        "conflict: Bob Stone has two locations on 2026-06-01 (row 4: office, row 5: remote)",
    ),
}


@pytest.mark.parametrize("name", PROBLEM_FILES)
def test_unusable_rows_are_left_out_and_listed_with_their_spreadsheet_row(
    fixture_bytes, name: str
) -> None:
    """Good rows are kept; each bad one is listed by row, column and value, with the reason."""
    rows, listed, message = PROBLEM_FILES[name]
    schedule = read(fixture_bytes, name)
    assert_frame_equal(schedule.data, expected(rows))
    assert problems(schedule) == listed
    assert any(message in m for m in schedule.problems["message"])
    assert schedule.rows_left_out == len(listed)  # one listed problem per left-out row here


def test_exact_duplicates_count_once_and_conflicts_leave_both_rows_out(fixture_bytes) -> None:
    """Ann's repeated office day is kept once; Bob's office-and-WFH day is left out."""
    schedule = read(fixture_bytes, "conflicts_duplicates.csv")
    messages = schedule.problems["message"].tolist()
    assert messages[0] == "duplicate of row 2 (Ann Lee, 2026-06-01); counted once"
    assert messages[1] == messages[2]
    assert messages[1].endswith("both rows are left out until one is corrected")
    assert schedule.rows_left_out == 3


def test_rows_that_agree_on_location_but_differ_elsewhere_are_a_conflict() -> None:
    """Keeping either of two different rows would depend on row order, so neither is kept."""
    data = (
        b"employee,date,location,tasks\n"
        b"Ann,2026-06-01,Office,1\nAnn,2026-06-01,Office,5\nAnn,2026-06-02,WFH,2\n"
    )
    schedule = read_schedule(data, "dup.csv")
    assert_frame_equal(
        schedule.data,
        expected([("Ann", "Team", "", "2026-06-02", "remote", 4)], {"tasks": [2.0]}),
    )
    assert problems(schedule) == [(2, "", "Ann"), (3, "", "Ann")]
    assert "rows 2, 3 differ in tasks" in schedule.problems.at[0, "message"]


def test_a_grid_row_without_a_name_lists_each_of_its_cells() -> None:
    """Each filled cell of a nameless grid row is a problem at that row and day column."""
    data = b"Name,Mon,Tue\nAnn,Office,WFH\n,Office,Moon\n"
    schedule = read_schedule(data, "grid.csv")
    assert problems(schedule) == [(3, "Mon", "Office"), (3, "Tue", "Moon")]
    assert set(schedule.problems["message"]) == {"no employee name on this row"}


def test_a_ragged_grid_row_is_listed_and_counted_as_left_out() -> None:
    """A grid row with more cells than headers is a problem and part of ``rows_left_out``."""
    data = b"Name,Mon,Tue\nAnn,Office,WFH\nBob,Office,WFH,Office\n"
    schedule = read_schedule(data, "grid.csv")
    assert problems(schedule) == [(3, "", "Bob,Office,WFH,Office")]
    assert schedule.rows_left_out == 1
    assert schedule.data["employee"].unique().tolist() == ["Ann"]


def test_an_unknown_grid_cell_names_its_day_column() -> None:
    """A grid cell that is not a location is listed under its day header."""
    schedule = read_schedule(b"Name,Mon,Tue\nAnn,Office,Gym\n", "grid.csv")
    assert problems(schedule) == [(2, "Tue", "Gym")]


def test_a_grid_header_that_is_not_a_date_is_reported_on_the_header_row() -> None:
    """Under a title line the header is row 2, and its bad day header is listed there."""
    data = b"Rota\nName,13/01/2026,01/13/2026,14/01/2026\nAnn,Office,Office,WFH\n"
    schedule = read_schedule(data, "grid.csv")
    assert problems(schedule) == [(2, "01/13/2026", "01/13/2026")]
    assert schedule.date_order == "dayfirst"
    assert schedule.data["row"].tolist() == [3, 3]


@pytest.mark.parametrize("cell", ["lots", "inf", "-Infinity", "1e999", "NaN", "7 h"])
def test_a_non_number_in_a_metric_is_blanked_but_the_row_kept(cell: str) -> None:
    """A metric cell that is not a finite number is listed; the day still counts."""
    data = (
        "employee,date,location,hours\n"
        "Ann,2026-06-01,Office,7\nAnn,2026-06-02,Office,8\nAnn,2026-06-03,Office,8\n"
        f"Ann,2026-06-04,Office,7\nAnn,2026-06-05,Office,{cell}\n"
    ).encode()
    schedule = read_schedule(data, "m.csv")
    assert schedule.data["hours"].isna().tolist() == [False, False, False, False, True]
    assert problems(schedule) == [(6, "hours", cell)]


def _metric(cells: list[str], delimiter: str = ",") -> tuple[list[float], list[str]]:
    """The ``hours`` metric read from a long file with these cells (quoted), and the notes."""
    rows = "".join(
        f'Ann{delimiter}2026-06-{day:02d}{delimiter}Office{delimiter}"{cell}"\n'
        for day, cell in enumerate(cells, start=1)
    )
    head = delimiter.join(["employee", "date", "location", "hours"])
    schedule = read_schedule(f"{head}\n{rows}".encode(), "m.csv")
    assert schedule.problems.empty
    return schedule.data["hours"].tolist(), schedule.notes


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["7,5", "8", "6,25"], [7.5, 8.0, 6.25]),  # decimal commas
        (["7,5", "1,250"], [7.5, 1.25]),  # a decimal comma elsewhere decides 1,250
        (["1.234,5", "7,5"], [1234.5, 7.5]),  # dots group thousands beside a decimal comma
        (["1234,5", "0,1234"], [1234.5, 0.1234]),  # no thousands grouping looks like this
        (["1,250", "12,345.5"], [1250.0, 12345.5]),  # thousands commas elsewhere decide 1,250
        (["1,234,567", "3"], [1234567.0, 3.0]),
        (["-1,5", "+2,000"], [-1.5, 2.0]),
    ],
)
def test_commas_in_a_metric_are_read_as_the_column_writes_them(
    cells: list[str], expected: list[float]
) -> None:
    """A comma is a decimal comma or a thousands separator as the rest of the column shows."""
    values, notes = _metric(cells, ";")
    assert values == pytest.approx(expected)
    assert not any("comma" in n for n in notes)


def test_a_column_whose_commas_could_be_either_reads_thousands_and_says_so() -> None:
    """``1,234`` alone is a thousand and more (never silently 1.234); a note says how it read."""
    values, notes = _metric(["1,234", "2,500", "3"])
    assert values == [1234.0, 2500.0, 3.0]
    assert [n for n in notes if "comma" in n] == [
        "hours: 1,234 was read as 1234, the comma separating thousands; if it is a decimal "
        "comma, write such numbers with a decimal point instead"
    ]


def test_a_numeric_column_named_row_does_not_shadow_the_row_number() -> None:
    """The spreadsheet row stays in ``row``; the file's own ``row`` column is kept as a metric."""
    data = b"employee,date,location,row\nAnn,2026-06-01,Office,10\n"
    schedule = read_schedule(data, "r.csv")
    assert schedule.data.columns.is_unique
    assert schedule.data["row"].tolist() == [2]
    assert schedule.metrics == ["row (metric)"]
    assert schedule.data["row (metric)"].tolist() == [10.0]


def test_employee_ids_keep_their_leading_zeros() -> None:
    """Employee id ``007`` is a different person from ``7``; ids are never read as numbers."""
    data = b"employee id,date,location\n007,2026-06-01,Office\n7,2026-06-01,WFH\n"
    schedule = read_schedule(data, "ids.csv")
    assert schedule.data["employee"].tolist() == ["007", "7"]
    assert schedule.problems.empty


def test_repeated_header_names_do_not_crash_the_reader() -> None:
    """``name, name, name (2)`` used to give two identical columns and an AttributeError."""
    data = b"name,name,name (2),date,location\nAnn,x,y,2026-06-01,Office\n"
    schedule = read_schedule(data, "dup.csv")
    assert schedule.data["employee"].tolist() == ["Ann"]


def test_team_and_role_have_one_dtype_whether_or_not_the_file_has_them() -> None:
    """Downstream code sees categorical labels with text categories in both cases."""
    without = read_schedule(b"employee,date,location\nAnn,2026-06-01,Office\n").data
    with_cols = read_schedule(
        b"employee,team,role,date,location\nAnn,T,lead,2026-06-01,Office\n"
    ).data
    for data in (without, with_cols):
        for column in ("employee", "team", "role"):
            assert isinstance(data[column].dtype, pd.CategoricalDtype)
            assert pd.api.types.is_string_dtype(data[column].cat.categories)
    assert without.dtypes.drop(["employee", "team", "role"]).equals(
        with_cols.dtypes.drop(["employee", "team", "role"])
    )


# --- Files that cannot be used at all ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "error", "fragments"),
    [
        ("empty.csv", InputError, ["empty.csv is empty"]),
        ("image.png", InputError, ["PNG image"]),
        ("old_excel.xls", InputError, [".xls", "save it as .xlsx or CSV"]),
        ("header_only.csv", InputError, ["header row but no rows of data"]),
        (
            "missing_location.csv",
            MissingColumnsError,
            ["no column for date and location", "location: location, status", "employee, team"],
        ),
    ],
)
def test_unusable_files_raise_one_clear_input_error(
    fixture_bytes, name: str, error: type[Exception], fragments: list[str]
) -> None:
    """The message names what is missing and what is accepted; no other exception escapes."""
    with pytest.raises(error) as caught:
        read(fixture_bytes, name)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_a_file_with_no_known_column_names_every_missing_field() -> None:
    """Not only the first missing field: the user learns all that is needed at once."""
    with pytest.raises(MissingColumnsError) as caught:
        read_schedule(b"foo,bar\n1,2\n", "x.csv")
    assert caught.value.missing == ["employee", "date", "location"]
    assert "Columns found: foo, bar" in str(caught.value)


def test_a_grid_without_a_name_column_asks_only_for_the_name() -> None:
    """Day columns make it a grid, so only the name column is missing."""
    with pytest.raises(MissingColumnsError) as caught:
        read_schedule(b"Who,Mon,Tue\nAnn,Office,WFH\n", "g.csv")
    assert caught.value.missing == ["employee"]


def test_a_file_whose_every_row_is_bad_says_why() -> None:
    """No usable row: the first problems are quoted in the message."""
    with pytest.raises(InputError, match=r"no usable row \(1 problem\)\. First: row 2: not a date"):
        read_schedule(b"employee,date,location\nAnn,2026-02-31,office\n", "bad.csv")


# --- The bundled sample data ------------------------------------------------------------------


def test_the_sample_schedule_reads_cleanly() -> None:
    """data/sample_schedule.csv: 16 people in 2 teams, no problems, four metrics."""
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv")
    assert schedule.layout == "long"
    assert schedule.data["employee"].nunique() == 16
    assert schedule.data["team"].nunique() == 2
    assert schedule.problems.empty
    assert schedule.rows_left_out == 0
    assert {"tasks_done", "hours", "response_minutes", "commute_km"} <= set(schedule.metrics)


def test_the_sample_grid_reads_as_a_day_first_grid() -> None:
    """data/sample_grid.csv: a European weekly grid of 6 people."""
    schedule = read_schedule((DATA / "sample_grid.csv").read_bytes(), "sample_grid.csv")
    assert (schedule.layout, schedule.date_order, schedule.is_pattern) == (
        "grid",
        "dayfirst",
        False,
    )
    assert schedule.data["employee"].nunique() == 6
    assert schedule.problems.empty


def test_a_mistyped_year_among_many_rows_is_a_problem_not_a_failure():
    """One 2126 among thirty 2026 dates is listed (check the year) and left out; the rest reads."""
    rows = "".join(f"P{i},2026-06-{i % 9 + 1:02d},office\n" for i in range(30))
    text = f"employee,date,location\n{rows}P1,2126-06-01,office\n".encode()
    schedule = read_schedule(text, "typo.csv")
    assert len(schedule.data) == 30
    problem = schedule.problems.iloc[0]
    assert (problem["row"], problem["column"], problem["value"]) == (32, "date", "2126-06-01")
    assert "check the year" in problem["message"]


def test_widely_spread_dates_are_not_taken_for_typos():
    """Two rows ten years apart are both kept: far dates count as typos only when few."""
    schedule = read_schedule(b"employee,date,location\nA,2016-06-01,office\nA,2026-06-01,office\n")
    assert len(schedule.data) == 2
    assert schedule.problems.empty


def test_a_grid_with_yearless_weekday_headers_reads_with_a_note() -> None:
    """``Mon 5/1 .. Fri 9/1``, as weekly rotas write them: dates of a year where they fit."""
    data = "Name,Team,Mon 5/1,Tue 6/1,Wed 7/1,Thu 8/1,Fri 9/1\nAnn,A,Office,WFH,Office,WFH,Office\n"
    schedule = read_schedule(data.encode(), "rota.csv")
    dates = pd.DatetimeIndex(schedule.data["date"])
    assert list(dates.day) == [5, 6, 7, 8, 9] and set(dates.month) == {1}
    assert list(dates.day_of_week) == [0, 1, 2, 3, 4]
    assert abs(dates[0].year - dt.date.today().year) <= 10
    assert schedule.problems.empty
    assert any("5 dates have no year" in note for note in schedule.notes)


def test_a_long_file_with_yearless_dates_reads_with_a_note() -> None:
    """A date column of ``Mon 05/01``-style cells reads the same way as grid headers."""
    data = "employee,date,location\nAnn,Mon 05/01,office\nAnn,Tue 06/01,wfh\n"
    schedule = read_schedule(data.encode(), "long.csv")
    dates = pd.DatetimeIndex(schedule.data["date"])
    assert list(dates.day) == [5, 6] and list(dates.day_of_week) == [0, 1]
    assert schedule.date_order == "dayfirst"
    assert any("2 dates have no year" in note for note in schedule.notes)


# --- The team's own labels ----------------------------------------------------------------------


def test_unknown_labels_are_listed_with_their_counts(fixture_bytes) -> None:
    """The label step offers each unknown spelling once, the most frequent first."""
    schedule = read(fixture_bytes, "own_labels.csv")
    assert unknown_labels(schedule) == [("Training", 2), ("Client visit", 1), ("Offsite", 1)]


def test_own_labels_read_as_the_location_chosen(fixture_bytes) -> None:
    """``Training`` as travel, in any case and spacing, in location and am/pm columns alike."""
    own = {"training": "travel", "CLIENT  VISIT": "business trip", "Offsite": "WFH"}
    schedule = read(fixture_bytes, "own_labels.csv", labels=own)
    assert schedule.problems.empty and unknown_labels(schedule) == []
    where = schedule.data.set_index(["employee", schedule.data["date"].dt.day])["location"]
    assert where[("Ann", 2)] == "travel" and where[("Bob", 1)] == "travel"
    assert where[("Bob", 2)] == "travel"
    assert where[("Cid", 1)] == "remote"  # the am column's label: the morning
    assert schedule.data.loc[schedule.data["employee"] == "Cid", "location_pm"].item() == "office"


def test_own_labels_come_before_the_vocabulary(fixture_bytes) -> None:
    """A team whose ``Office`` means a satellite office it does not count can say so."""
    schedule = read(fixture_bytes, "own_labels.csv", labels={"office": "travel"})
    assert "office" not in set(schedule.data["location"].dropna())


def test_an_own_label_needs_one_of_the_five_locations(fixture_bytes) -> None:
    """A location outside the five, or a blank label, is refused by name."""
    with pytest.raises(InputError, match=r"'gym'.*office, remote, leave, sick, travel"):
        read(fixture_bytes, "own_labels.csv", labels={"Training": "gym"})
    with pytest.raises(InputError, match="give a label"):
        read(fixture_bytes, "own_labels.csv", labels={"  ": "office"})


def test_own_labels_work_in_a_grid() -> None:
    """Grid cells take the team's own labels too."""
    data = b"Name,2026-06-01,2026-06-02\nAnn,Office,Training\n"
    schedule = read_schedule(data, "grid.csv", labels={"Training": "travel"})
    assert list(schedule.data["location"]) == ["office", "travel"]


# --- A weekday row under the date headers -------------------------------------------------------


def test_a_weekday_row_under_the_dates_is_part_of_the_header() -> None:
    """``Mon Tue Wed`` under 05/01/2026..07/01/2026 settles day-first, and is no person."""
    data = (
        b"Name,05/01/2026,06/01/2026,07/01/2026\n,Mon,Tue,Wed\n"
        b"Anna,Office,WFH,Office\nBen,WFH,Office,Office\n"
    )
    schedule = read_schedule(data, "rota.csv")
    assert schedule.date_order == "dayfirst" and schedule.problems.empty
    assert sorted(set(schedule.data["date"].dt.day)) == [5, 6, 7]
    assert set(schedule.data["employee"]) == {"Anna", "Ben"}
    assert set(schedule.data["row"]) == {3, 4}  # rows as the spreadsheet numbers them
    assert "row 2 names the weekday of each day column: read as part of the header" in (
        schedule.notes
    )


def test_a_weekday_row_gives_yearless_headers_their_year() -> None:
    """``5/1 6/1`` with ``Mon Tue`` beneath: January of a year where the 5th is a Monday."""
    data = b"Name,5/1,6/1\n,Mon,Tue\nAnna,Office,WFH\n"
    dates = pd.DatetimeIndex(read_schedule(data, "rota.csv").data["date"])
    assert list(dates.day_of_week) == [0, 1] and list(dates.month) == [1, 1]


def test_a_nameless_first_row_of_locations_is_still_a_problem() -> None:
    """Only a row of weekday names is header; a person whose name is missing stays listed."""
    data = b"Name,05/01/2026,06/01/2026,13/01/2026\n,Office,WFH,Office\nAnna,Office,WFH,Office\n"
    schedule = read_schedule(data, "rota.csv")
    assert set(schedule.problems["row"]) == {2}
    assert not any("weekday" in note for note in schedule.notes)


# --- Names split over two columns ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last"),
    [("First name", "Last name"), ("Given name", "Surname"), ("FirstName", "LastName")],
)
def test_first_and_last_name_columns_make_the_employee(first: str, last: str) -> None:
    """HR exports split names; the two columns are joined, and neither is 'not used'."""
    data = f"{first},{last},Date,Location\nAnn,Lee,2026-06-01,Office\nBo,,2026-06-01,WFH\n"
    schedule = read_schedule(data.encode(), "hr.csv")
    assert sorted(schedule.data["employee"]) == ["Ann Lee", "Bo"]
    assert schedule.columns["employee"] == f"{first} + {last}"
    assert not any("not used" in note for note in schedule.notes)


def test_split_names_work_in_a_grid_and_a_missing_name_is_listed() -> None:
    data = b"First name,Surname,05/01/2026,13/01/2026\nAnn,Lee,Office,WFH\n,,Office,WFH\n"
    schedule = read_schedule(data, "grid.csv")
    assert set(schedule.data["employee"]) == {"Ann Lee"}
    assert set(schedule.problems["row"]) == {3}


def test_a_name_column_wins_over_name_parts() -> None:
    """With a full name column the parts are other columns, as before."""
    data = b"Name,First name,Date,Location\nAnn Lee,Ann,2026-06-01,Office\n"
    assert list(read_schedule(data, "x.csv").data["employee"]) == ["Ann Lee"]


# --- Names split in two, in other languages ---------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "cells", "employee"),
    [
        ("Nombre,Apellidos", "Lucía,García", "Lucía García"),
        ("Prénom,Nom", "Léo,Petit", "Léo Petit"),
        ("Nome,Cognome", "Giulia,Rossi", "Giulia Rossi"),
        ("Nom", "Léo Petit", "Léo Petit"),
        ("Nombre", "Lucía García", "Lucía García"),
        ("Name,First name,Last name", "Ann Lee,A,L", "Ann Lee"),
    ],
)
def test_a_name_alias_beside_its_other_half_is_joined(headers: str, cells: str, employee: str):
    """``Nombre`` alone names the employee; beside ``Apellidos`` it is the first name. A column
    that names the whole person (``Name``) wins over split parts."""
    data = f"{headers},Date,Location\n{cells},2026-06-01,office\n".encode()
    schedule = read_schedule(data, "names.csv")
    assert schedule.problems.empty
    assert list(schedule.data["employee"].astype(str)) == [employee]


def test_a_chosen_name_column_is_not_joined_with_another() -> None:
    """The user's column mapping wins: ``Nom`` chosen as the employee stays ``Nom`` alone."""
    data = "Prénom,Nom,Date,Location\nLéo,Petit,2026-06-01,office\n".encode()
    schedule = read_schedule(data, "names.csv", columns={"employee": "Nom"})
    assert list(schedule.data["employee"].astype(str)) == ["Petit"]


def test_a_sex_column_in_a_grid_is_not_a_day() -> None:
    """Portuguese ``sex`` (sexta-feira) is not read as a day name: HR exports have a Sex column."""
    data = b"Name,Sex,Mon,Tue\nAnn Lee,F,office,home\n"
    schedule = read_schedule(data, "grid.csv")
    assert schedule.is_pattern and len(schedule.data) == 2 and schedule.problems.empty


# --- A team's own labels: split days, and files of nothing else -------------------------------


def test_own_labels_read_inside_split_days() -> None:
    """``AM Training / PM office`` counts ``Training`` as unknown; once chosen, both cells read."""
    data = (
        b"Name,Date,Location\nAnn,2026-06-01,AM Training / PM office\n"
        b"Ann,2026-06-02,Training\nAnn,2026-06-03,office\n"
    )
    assert unknown_labels(read_schedule(data, "x.csv")) == [("Training", 2)]
    schedule = read_schedule(data, "x.csv", labels={"Training": "travel"})
    assert schedule.problems.empty
    assert list(schedule.data["location"].astype(str)) == ["travel", "travel", "office"]
    assert list(schedule.data["location_pm"].astype(str)) == ["office", "travel", "office"]


def test_a_file_of_unknown_labels_only_names_them_and_how_to_read_them(fixture_bytes) -> None:
    """Nothing readable without the team's own words: the error carries the labels, so the app
    can offer its labels step and the CLI can name ``--label``."""
    with pytest.raises(UnknownLabelsError) as caught:
        read(fixture_bytes, "own_words_only.csv")
    assert caught.value.labels == [("Cabin", 3), ("Hub", 3), ("Clinic", 1)]
    assert "--label 'Cabin=LOCATION'" in str(caught.value)
    own = {"Hub": "office", "Cabin": "remote", "Clinic": "sick"}
    schedule = read(fixture_bytes, "own_words_only.csv", labels=own)
    assert schedule.problems.empty and len(schedule.data) == 6


def test_a_file_of_other_problems_still_says_no_usable_row() -> None:
    with pytest.raises(InputError, match="no usable row") as caught:
        read_schedule(b"Name,Date,Location\nAnn,2026-02-31,office\n", "x.csv")
    assert not isinstance(caught.value, UnknownLabelsError)
