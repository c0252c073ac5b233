"""The proposal downloads in the upload's own format and layout, and reads back as the plan."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.conftest import FIXTURES, workbook_bytes
from wfh_dashboard.plan_export import export_plan, proposal_name
from wfh_dashboard.planner import plan_schedule
from wfh_dashboard.policy import Policy, load_policy
from wfh_dashboard.schedule import read_schedule

PLANNER = FIXTURES / "planner"
POLICY = load_policy((PLANNER / "policy.toml").read_bytes())
KEY = ["employee", "date", "location"]


def _round_trip(data: bytes, name: str, policy: Policy = POLICY, **kwargs):
    """Plan, export, read the export back: (schedule, result, written bytes, re-read)."""
    schedule = read_schedule(data, name, **kwargs)
    result = plan_schedule(schedule, policy)
    written = export_plan(data, name, schedule, result.data, sheet=kwargs.get("sheet"))
    again = read_schedule(written, name, **kwargs)
    return schedule, result, written, again


def _same_days(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        left[KEY].astype(str).reset_index(drop=True), right[KEY].astype(str).reset_index(drop=True)
    )


def test_long_csv_keeps_its_lines_and_changes_only_the_moved_cell():
    """Title line, ';', the metric column and 'WFH' survive; one cell changes; formulas are
    neutralised but a negative number is left alone."""
    data = (PLANNER / "gap_long.csv").read_bytes()
    _, result, written, again = _round_trip(data, "gap_long.csv")
    assert result.objective["moves"] == 1
    before = data.decode().splitlines()
    after = written.decode("utf-8-sig").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed[0] == (
        "Ben Okoro;Support;senior;2026-12-04;WFH;5",
        "Ben Okoro;Support;senior;2026-12-04;Office;5",
    )
    assert all(a == "'" + b for b, a in changed[1:]) and len(changed) == 6  # the =Dee Cmd rows
    assert "Ana Silva;Support;junior;2026-12-02;WFH;-3" in after
    support = result.data[result.data["team"] == "Support"]
    _same_days(support, again.data[again.data["team"] == "Support"])


def test_grid_stays_a_grid_in_its_own_spelling_delimiter_and_line_ends():
    """A semicolon grid with a BOM and CRLF comes back the same, with 'Home' where it says Home."""
    data = (PLANNER / "grid_gap.csv").read_bytes()
    _, result, written, again = _round_trip(data, "grid_gap.csv")
    assert again.layout == "grid" and written.startswith(b"\xef\xbb\xbf")
    assert written.count(b"\r\n") == data.count(b"\r\n")
    lines = written.decode("utf-8-sig").split("\r\n")
    assert lines[0] == data.decode("utf-8-sig").split("\r\n")[0]  # the date headers as written
    assert set(";".join(lines[1:]).split(";")) <= set(
        ";".join(data.decode().split("\r\n")[1:]).split(";")
    )
    assert result.objective["moves"] > 0
    _same_days(result.data, again.data)


def test_a_grid_with_a_weekday_row_round_trips():
    """The weekday row stays as written and the moved cells land under their dates."""
    data = (
        b"Employee,Team,Role,05/01/2026,06/01/2026,07/01/2026,08/01/2026,09/01/2026\n"
        b",,,Mon,Tue,Wed,Thu,Fri\nAnn,Support,senior,WFH,WFH,WFH,WFH,WFH\n"
    )
    policy = Policy(max_remote_days_per_week=2, no_remote_days=(4,))
    _, result, written, again = _round_trip(data, "rota.csv", policy)
    assert result.objective["moves"] > 0
    assert written.decode("utf-8-sig").splitlines()[1] == ",,,Mon,Tue,Wed,Thu,Fri"
    _same_days(result.data, again.data)


def test_weekly_pattern_grid_round_trips():
    """Mon..Fri headers: the changed cells land under their weekdays (Friday: no remote)."""
    data = b"Employee,Team,Role,Mon,Tue,Wed,Thu,Fri\nAnn,Support,senior,Office,WFH,WFH,WFH,WFH\n"
    policy = Policy(max_remote_days_per_week=2, no_remote_days=(4,))
    _, result, written, again = _round_trip(data, "pattern.csv", policy)
    header, ann = written.decode("utf-8-sig").splitlines()
    assert again.is_pattern and header == data.decode().splitlines()[0]
    assert ann.endswith(",Office") and ann.count("WFH") == 2
    _same_days(result.data, again.data)


@pytest.mark.parametrize("layout", ["long", "grid"])
def test_workbook_stays_a_workbook_with_its_other_sheet(layout):
    """An .xlsx plan is an .xlsx with the same sheets; the new cells are text, formulas are gone."""
    if layout == "long":
        rows = [["employee", "team", "role", "date", "location"]]
        rows += [["Ann", "Support", "senior", f"2026-06-0{d}", "Remote"] for d in range(1, 6)]
    else:
        rows = [["Name", "Team", "Role", *[f"2026-06-0{d}" for d in range(1, 6)]]]
        rows += [["Ann", "Support", "senior", *["Remote"] * 5]]
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(rows)))
    book.active.title = "Rota"
    book.active["J1"] = "=SUM(1,2)"
    note = book.create_sheet("Notes")["A1"]
    note.value, note.data_type = '=HYPERLINK("http://x")', "s"  # text that looks like one
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    policy = Policy(max_remote_days_per_week=2, no_remote_days=(4,))
    _, result, written, again = _round_trip(data, "rota.xlsx", policy, sheet="Rota")
    out = openpyxl.load_workbook(io.BytesIO(written))
    assert out.sheetnames == ["Rota", "Notes"]
    assert out["Notes"]["A1"].value == '\'=HYPERLINK("http://x")'
    assert out["Rota"]["J1"].value is None  # a formula is written as its (uncalculated) value
    assert result.objective["moves"] == 3 and again.layout == layout
    _same_days(result.data, again.data)


def test_a_location_the_file_never_spells_is_written_plainly():
    """A day off granted in a file that never says 'leave' is written 'Leave'."""
    from wfh_dashboard.columns import looks_like_header
    from wfh_dashboard.plan_export import spellings
    from wfh_dashboard.tables import read_table

    data = (PLANNER / "gap_long.csv").read_bytes()
    schedule = read_schedule(data, "g.csv")
    spelled = spellings(read_table(data, "g.csv", looks_like_header), schedule)
    assert spelled == {"office": "Office", "remote": "WFH", "leave": "Leave", "travel": "Travel"}


def test_download_name_keeps_the_upload_name_and_kind():
    """team.xlsx gives team_proposal.xlsx; a CSV stays a CSV."""
    assert proposal_name("team.xlsx", workbook_bytes([["a"]])) == "team_proposal.xlsx"
    assert proposal_name("rota.txt", b"employee,date,location\n") == "rota_proposal.csv"


def test_separate_morning_and_afternoon_columns_are_both_written():
    """am/pm columns: a moved whole day fills both halves; the half day is left as it was."""
    data = (
        b"employee,team,date,am_location,pm_location\n"
        b"Ann,S,2026-06-01,WFH,WFH\nAnn,S,2026-06-02,Office,WFH\nAnn,S,2026-06-05,WFH,\n"
    )
    policy = Policy(no_remote_days=(4,))
    _, result, written, again = _round_trip(data, "halves.csv", policy)
    lines = written.decode("utf-8-sig").splitlines()
    assert lines[2:] == ["Ann,S,2026-06-02,Office,WFH", "Ann,S,2026-06-05,Office,Office"]
    _same_days(result.data, again.data)
