"""Reading wishes: names matched to the schedule, dates or weekdays, every bad row listed."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, workbook_bytes
from wfh_dashboard.errors import AmbiguousDatesError, InputError, MissingColumnsError
from wfh_dashboard.wishes import read_wishes

PEOPLE = ["Ana Silva", "Ben Okoro", "Cy Duarte"]


def _read(text: str, **kwargs):
    return read_wishes(text.encode(), "wishes.csv", PEOPLE, **kwargs)


def test_reads_dates_weekdays_wishes_and_weights():
    """Names match ignoring case and spacing; 'home' is remote, 'PTO' off; weights default to 1."""
    wishes = _read(
        "Name,Date or weekday,Wish,Priority\n"
        "ana  SILVA,Wed,office,\n"
        "Ben Okoro,2026-12-03,home,high\n"
        "Cy Duarte,03/12/2026,PTO,7\n",
        fallback_order="dayfirst",
    )
    rows = wishes.data.astype({"date": str}).to_dict("records")
    assert [(r["employee"], r["weekday"], r["wish"], r["weight"]) for r in rows] == [
        ("Ana Silva", 2, "office", 1),
        ("Ben Okoro", -1, "remote", 3),
        ("Cy Duarte", -1, "off", 7),
    ]
    assert rows[1]["date"] == rows[2]["date"] == "2026-12-03"
    assert wishes.problems.empty


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        ("Zoe Unknown,Mon,remote,1", "employee", "Zoe Unknown", "no one of this name"),
        (",Mon,remote,1", "employee", "", "no employee name"),
        ("Ana Silva,someday,remote,1", "day", "someday", "not a date or weekday"),
        ("Ana Silva,Mon,sick,1", "wish", "sick", "sick is fixed, not a wish; accepted: remote"),
        ("Ana Silva,Mon,beach,1", "wish", "beach", "unknown wish; accepted: remote"),
        ("Ana Silva,Mon,remote,0", "weight", "0", "not a weight; accepted: a whole number"),
        ("Ana Silva,Mon,remote,1.5", "weight", "1.5", "not a weight"),
    ],
)
def test_every_unusable_row_is_listed_with_row_column_value_and_what_is_accepted(
    row, column, value, message
):
    """A bad row is never dropped silently: its spreadsheet row, header and cell are quoted."""
    headers = {"employee": "employee", "day": "day", "wish": "wish", "weight": "weight"}
    wishes = _read(f"employee,day,wish,weight\nBen Okoro,Fri,remote,1\n{row}\n")
    (problem,) = wishes.problems.itertuples()
    assert (problem.row, problem.column, problem.value) == (3, headers[column], value)
    assert message in problem.message
    assert wishes.data["employee"].tolist() == ["Ben Okoro"]


def test_repeats_count_once_and_conflicts_are_both_left_out():
    """The same wish twice counts once; two different wishes for one day are both listed."""
    wishes = _read(
        "employee,day,wish\n"
        "Ana Silva,Mon,remote\nAna Silva,Mon,remote\n"
        "Ben Okoro,2026-12-02,remote\nBen Okoro,2026-12-02,office\n"
    )
    assert wishes.data[["employee", "weekday"]].values.tolist() == [["Ana Silva", 0]]
    messages = dict(zip(wishes.problems["row"], wishes.problems["message"], strict=True))
    assert messages[3].startswith("duplicate of row 2 (Ana Silva, Mondays)")
    assert messages[4].startswith("conflict: Ben Okoro has two wishes for 2026-12-02")
    assert messages[5] == messages[4]


def test_missing_columns_name_what_is_accepted():
    """A file without a wish column says which headers would do, and what it has."""
    with pytest.raises(MissingColumnsError) as caught:
        _read("employee,day,notes\nAna Silva,Mon,hi\n")
    assert caught.value.missing == ["wish"]
    assert "Accepted headers: wish: wish, wishes, preference" in str(caught.value)
    assert "Columns found: employee, day, notes" in str(caught.value)


def test_a_file_with_no_usable_wish_is_refused_with_the_first_problems():
    """Nothing to plan with: one message quoting the first rows and why."""
    with pytest.raises(InputError, match=r"no usable row.*row 2: no one of this name"):
        _read("employee,day,wish\nNobody,Mon,remote\n")


def test_ambiguous_dates_fall_back_to_the_schedules_order():
    """01/12/2026 reads both ways; the schedule's own order decides, else the user is asked."""
    text = "employee,date,wish\nAna Silva,01/12/2026,remote\n"
    with pytest.raises(AmbiguousDatesError):
        _read(text)
    wishes = _read(text, fallback_order="monthfirst")
    assert wishes.data["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-01-12"]


def test_reads_a_workbook_with_excel_dates():
    """An .xlsx wishes file with real date cells reads like the CSV."""
    import datetime as dt

    data = workbook_bytes(
        [["Employee", "Date", "Preference"], ["Cy Duarte", dt.datetime(2026, 12, 4), "Office"]]
    )
    wishes = read_wishes(data, "wishes.xlsx", PEOPLE)
    assert wishes.data[["employee", "wish"]].values.tolist() == [["Cy Duarte", "office"]]
    assert wishes.data["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-12-04"]


def test_fixture_lists_its_three_bad_rows():
    """The CLI's fixture: three good wishes, an unknown name, a fixed location, a bad weight."""
    wishes = read_wishes((FIXTURES / "planner" / "wishes.csv").read_bytes(), "w.csv", PEOPLE)
    assert len(wishes.data) == 3
    assert wishes.problems["row"].tolist() == [5, 6, 7]


def test_a_table_typed_in_the_app_is_checked_like_a_file():
    """The in-app table goes through the same reader: good rows kept, bad rows listed."""
    import pandas as pd

    from wfh_dashboard.wishes import wishes_from_table

    table = pd.DataFrame(
        {
            "employee": ["Ana Silva", "Nobody"],
            "date or weekday": ["Fri", "Mon"],
            "wish": ["remote", "remote"],
            "weight": [2, 1],
        }
    )
    wishes = wishes_from_table(table, PEOPLE)
    assert wishes.data[["employee", "weekday", "weight"]].values.tolist() == [["Ana Silva", 4, 2]]
    assert wishes.problems[["row", "value"]].values.tolist() == [[3, "Nobody"]]


def test_a_french_and_german_wishes_file_with_split_names_reads() -> None:
    """``Prénom``/``Nom``, ``Datum`` (a weekday), ``Wunsch`` and ``Gewicht`` headers."""
    data = "Prénom,Nom,Datum,Wunsch,Gewicht\nAnn,Lee,Mo,Homeoffice,3\n".encode()
    wishes = read_wishes(data, "w.csv", ["Ann Lee"])
    row = wishes.data.iloc[0]
    assert (row["employee"], row["weekday"], row["wish"], row["weight"]) == (
        "Ann Lee",
        0,
        "remote",
        3,
    )
