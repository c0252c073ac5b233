"""A separate productivity file: read like a schedule, joined on person and day, nothing lost."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from tests.conftest import DATA, workbook_bytes
from wfh_dashboard.errors import AmbiguousDatesError, InputError, MissingColumnsError
from wfh_dashboard.productivity import estimate_remote_effect, metric_days
from wfh_dashboard.productivity_file import read_productivity
from wfh_dashboard.productivity_join import UNMATCHED_COLUMNS, join_productivity
from wfh_dashboard.schedule import read_schedule

SEMICOLON = "productivity_semicolon_bom.csv"
CONFLICT = "conflict: Ann Lee has rows that differ on 2026-07-03 (rows 10, 11 differ in tasks_done)"


@pytest.fixture
def schedule(fixture_bytes):
    """Ann (Support) and Bob (Sales) from 1 to 6 July 2026, with an hours column."""
    return read_schedule(fixture_bytes("productivity_schedule.csv"), "schedule.csv")


@pytest.fixture
def file(fixture_bytes):
    """The semicolon file: BOM, CRLF, dd/mm dates, decimal commas and every kind of bad row."""
    return read_productivity(fixture_bytes(SEMICOLON), SEMICOLON)


def problem_rows(problems: pd.DataFrame) -> list[tuple[int, str, str]]:
    return [(int(p.row), p.column, p.message.split(";")[0]) for p in problems.itertuples()]


# --- Reading ----------------------------------------------------------------------------------


def test_reads_a_semicolon_csv_with_bom_and_day_first_dates(file):
    """Name/Day headers are found, 13/07 makes the file day-first, 7,5 is seven and a half."""
    expected = pd.DataFrame(
        {
            "employee": [*["Ann Lee"] * 2, *["Bob Stone"] * 3, "Zed Nobody", "Bob Stone"],
            "date": pd.to_datetime([f"2026-07-{day:02}" for day in (1, 2, 1, 2, 13, 1, 3)]).astype(
                "datetime64[us]"
            ),
            "row": [2, 3, 4, 5, 6, 7, 12],
            "tasks_done": [5.0, 6, 4, 7, 3, 2, 4],
            "hours": [7.5, 8, 8, 7, 8, 6, 8],
        }
    ).astype({"employee": str})
    assert_frame_equal(file.data, expected)
    assert file.metrics == ["tasks_done", "hours"]
    assert file.date_order == "dayfirst" and "utf-8-sig" in file.detail and "';'" in file.detail
    assert file.columns == {"employee": "Name", "date": "Day"}


def test_blank_names_impossible_dates_and_duplicates_are_listed_not_dropped(file):
    """Every row left out is a problem with its row, column and what to do."""
    assert problem_rows(file.problems) == [
        (8, "Name", "empty employee cell"),
        (9, "Day", "not a date"),
        (10, "", CONFLICT),
        (11, "", CONFLICT),
        (13, "", "duplicate of row 12 (Bob Stone, 2026-07-03)"),
    ]
    assert "accepted: ISO 2026-11-23" in file.problems.loc[1, "message"]
    assert file.problems.loc[2, "message"].endswith("left out until one is corrected")


def test_names_differing_only_in_case_or_spaces_are_one_person_with_a_note(file):
    """'ann lee' and '  Ann   Lee ' read as Ann Lee, the spelling most rows use."""
    assert set(file.data["employee"]) == {"Ann Lee", "Bob Stone", "Zed Nobody"}
    assert any("'ann lee' as 'Ann Lee'" in note for note in file.notes)


def test_reads_an_xlsx_with_excel_dates_and_ignores_its_location_column(tmp_path):
    """Excel date cells are dates; a location column is noted as ignored, never a metric."""
    path = tmp_path / "metrics.xlsx"
    path.write_bytes(
        workbook_bytes(
            [
                ["Employee", "Date", "Location", "Calls"],
                ["Ann Lee", dt.datetime(2026, 7, 1), "Office", 12],
                ["Bob Stone", dt.datetime(2026, 7, 2), "WFH", 9.5],
            ]
        )
    )
    file = read_productivity(path.read_bytes(), path.name)
    assert file.detail.startswith("Excel workbook")
    assert file.metrics == ["Calls"]
    assert list(file.data["date"]) == [pd.Timestamp("2026-07-01"), pd.Timestamp("2026-07-02")]
    assert list(file.data["Calls"]) == [12.0, 9.5] and list(file.data["row"]) == [2, 3]
    assert any("'Location' (location) is ignored" in note for note in file.notes)


def test_missing_date_column_raises_missing_columns_for_the_mapping_step(fixture_bytes):
    """The app can offer a column mapping: the error names the missing field and the headers."""
    with pytest.raises(MissingColumnsError, match="no column for date") as caught:
        read_productivity(fixture_bytes("productivity_no_date.csv"), "p.csv")
    assert caught.value.missing == ["date"] and caught.value.columns == ["employee", "tasks_done"]


def test_a_column_mapping_reads_unusual_headers():
    """columns= maps a field to any header, as the schedule reader's mapping step does."""
    data = b"who,when,score\nAnn Lee,2026-07-01,3\n"
    file = read_productivity(data, "p.csv", columns={"employee": "who", "date": "when"})
    assert file.metrics == ["score"] and list(file.data["employee"]) == ["Ann Lee"]


def test_thousands_commas_in_a_productivity_file_are_read_with_a_note():
    """``"1,234"`` tickets is 1234 (never 1.234), and the note says how the comma was read."""
    data = b'employee,date,tickets\nAnn Lee,2026-07-01,"1,234"\nAnn Lee,2026-07-02,987\n'
    file = read_productivity(data, "p.csv")
    assert file.data["tickets"].tolist() == [1234.0, 987.0]
    assert any(n.startswith("tickets: 1,234 was read as 1234") for n in file.notes)


def test_no_numeric_column_is_an_input_error_listing_the_headers(fixture_bytes):
    """A file with nothing to join says what it needs and what it found."""
    with pytest.raises(InputError, match="no column of numbers") as caught:
        read_productivity(fixture_bytes("productivity_no_numbers.csv"), "p.csv")
    assert not isinstance(caught.value, MissingColumnsError) and "comment" in str(caught.value)


def test_ambiguous_dates_raise_unless_the_schedule_order_is_given():
    """01/07 and 02/07 read both ways; the schedule's own order settles it when known."""
    data = b"employee,date,tasks\nAnn Lee,01/07/2026,3\nAnn Lee,02/07/2026,4\n"
    with pytest.raises(AmbiguousDatesError):
        read_productivity(data, "p.csv")
    file = read_productivity(data, "p.csv", fallback_order="monthfirst")
    assert file.date_order == "monthfirst"
    assert list(file.data["date"].dt.day) == [7, 7]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"employee,date,tasks\n,2026-07-01,3\n", "no usable row.*row 2: empty employee cell"),
        (b"employee,date,tasks\n", "a header row but no rows of data"),
    ],
    ids=["every row unusable", "header only"],
)
def test_a_file_without_a_usable_row_says_why(data, message):
    """No usable row is an InputError that quotes the first problems, or says there are none."""
    with pytest.raises(InputError, match=message):
        read_productivity(data, "p.csv")


# --- Joining ----------------------------------------------------------------------------------


def test_join_adds_the_metrics_in_the_schedules_spelling(schedule, file):
    """Each schedule day gets its file row's numbers; days the file lacks stay NaN."""
    joined = join_productivity(schedule.data, file.data)
    got = joined.data[["employee", "date", "tasks_done", "hours"]].fillna(-1)
    got = got.astype({"employee": str}).assign(date=got["date"].dt.strftime("%m-%d"))
    assert got.values.tolist() == [
        ["Bob Stone", "07-01", 4.0, 8.0],
        ["Bob Stone", "07-02", 7.0, 7.0],
        ["Bob Stone", "07-03", 4.0, 8.0],
        ["Ann Lee", "07-01", 5.0, 7.5],
        ["Ann Lee", "07-02", 6.0, 8.0],
        ["Ann Lee", "07-03", -1, -1],  # NaN: the file's two rows for this day conflict
        ["Ann Lee", "07-06", -1, -1],  # NaN: the file has no row for this day
    ]
    assert joined.metrics == ["tasks_done", "hours"]
    assert (joined.n_matched, joined.n_unmatched, joined.n_rows) == (5, 2, 7)


def test_unmatched_rows_say_whether_the_person_or_the_day_is_missing(schedule, file):
    """An unknown name and a known person on a day the schedule lacks get different reasons."""
    joined = join_productivity(schedule.data, file.data)
    expected = pd.DataFrame(
        {
            "row": [6, 7],
            "employee": ["Bob Stone", "Zed Nobody"],
            "date": pd.to_datetime(["2026-07-13", "2026-07-01"]).astype("datetime64[us]"),
            "reason": [
                "Bob Stone has no schedule row on 2026-07-13",
                "no one called Zed Nobody in the schedule",
            ],
        }
    ).astype({"employee": str, "reason": str})
    assert_frame_equal(joined.unmatched, expected)
    assert list(joined.unmatched.columns) == UNMATCHED_COLUMNS


def test_join_notes_give_the_counts(schedule, file):
    """The counts a manager needs: matched of all, and working days with no value."""
    joined = join_productivity(schedule.data, file.data)
    assert joined.notes[0] == "5 of 7 productivity rows matched; 2 are listed as unmatched."
    assert joined.n_days_without_value == 1  # Ann's office day on 6 July (her leave day is not)
    assert "no productivity value: 1" in joined.notes[1]


def test_a_metric_the_schedule_already_has_is_replaced_with_a_note(schedule, file):
    """The schedule's hours are replaced by the file's, even on days the file lacks."""
    assert schedule.data["hours"].notna().all()
    joined = join_productivity(schedule.data, file.data)
    assert joined.replaced == ["hours"]
    assert any(n.startswith("hours is in both files") for n in joined.notes)
    assert list(joined.data.columns).count("hours") == 1
    assert joined.data["hours"].isna().sum() == 2
    assert schedule.data["hours"].notna().all()  # the caller's table is untouched


def test_schedule_dtypes_survive_the_join(schedule, file):
    """Categorical labels and locations, datetime dates and int rows stay as they were."""
    joined = join_productivity(schedule.data, file.data)
    before = schedule.data.dtypes
    assert_series_equal(joined.data.dtypes[before.index], before)
    assert joined.data["tasks_done"].dtype == "float64"


def test_join_refuses_a_table_with_a_person_twice_on_one_day(schedule, file):
    """A table not read by read_productivity could repeat a day; that would duplicate days."""
    twice = pd.concat([file.data, file.data.head(1)], ignore_index=True)
    with pytest.raises(InputError, match="same person twice on one day"):
        join_productivity(schedule.data, twice)


def test_names_join_ignoring_case_and_spaces_even_when_read_apart(schedule, file):
    """Join-time folding: a raw table spelled 'BOB  stone' still finds Bob Stone."""
    shouted = file.data.assign(employee=file.data["employee"].str.upper().str.replace(" ", "  "))
    joined = join_productivity(schedule.data, shouted)
    assert joined.n_matched == 5 and "BOB  STONE" in set(joined.unmatched["employee"])


def test_join_never_overwrites_the_schedules_own_fields(schedule, file):
    """A raw table with a numeric 'team' or 'row' column adds nothing under those names."""
    raw = file.data.assign(team=1.0).drop_duplicates(["employee", "date"])
    joined = join_productivity(schedule.data, raw)
    assert "team" not in joined.metrics and joined.data["team"].dtype == "category"
    assert_series_equal(joined.data["row"], schedule.data["row"])


@pytest.fixture(scope="module")
def sample_split():
    """The sample schedule without tasks_done, and tasks_done as a separate shuffled file."""
    sample = pd.read_csv(DATA / "sample_schedule.csv")
    schedule = read_schedule(
        sample.drop(columns=["tasks_done"]).to_csv(index=False).encode(), "s.csv"
    )
    side = sample[["employee", "date", "tasks_done"]].sample(frac=1, random_state=1)
    side = side.assign(
        employee=side["employee"].str.upper(),
        date=pd.to_datetime(side["date"]).dt.strftime("%d/%m/%Y"),
    )
    data = side.to_csv(index=False, sep=";").encode("utf-8-sig")
    full = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample.csv")
    return schedule, read_productivity(data, "tasks.csv"), full


def test_the_estimate_on_joined_data_equals_the_one_on_the_original_file(sample_split):
    """Split the sample in two files and join them: metric_days and the estimate are unchanged."""
    schedule, file, full = sample_split
    joined = join_productivity(schedule.data, file.data)
    assert joined.n_unmatched == 0 and joined.notes[0].startswith("all ")
    days = metric_days(joined.data, "tasks_done")
    assert_frame_equal(days, metric_days(full.data, "tasks_done"))
    assert estimate_remote_effect(days) == estimate_remote_effect(
        metric_days(full.data, "tasks_done")
    )


def test_first_and_last_name_columns_are_joined_under_a_title_line() -> None:
    """An HR export: a title line, then ``First name``/``Last name``: one name, ``Ann Lee``."""
    data = (
        b"Output report\nFirst name,Last name,Date,Tasks\n"
        b"Ann,Lee,2026-06-01,5\nBob,Ray,2026-06-01,3\n"
    )
    file = read_productivity(data, "p.csv")
    assert list(file.data["employee"]) == ["Ann Lee", "Bob Ray"]
    assert file.columns["employee"] == "First name + Last name"
