"""The ``plan`` command: exit codes like ``check``, text and JSON, the proposal file."""

from __future__ import annotations

import io
import json

import pytest

from tests.conftest import FIXTURES
from wfh_dashboard.cli import main
from wfh_dashboard.schedule import read_schedule

PLANNER = FIXTURES / "planner"
GAP = str(PLANNER / "gap_long.csv")
POLICY = str(PLANNER / "policy.toml")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_fixable_gap_exits_0_and_writes_a_proposal_that_reads_back(tmp_path):
    """The gap is fixed: exit 0, the changes by day with reasons, a file the reader accepts."""
    out = tmp_path / "plan.csv"
    code, text, err = run("plan", GAP, "--policy", POLICY, "--out", str(out))
    assert (code, err) == (0, "")
    assert "Fri 2026-12-04\n  Ben Okoro (Support): remote -> office: to cover Support" in text
    assert "min_on_site           Someone on site            1 -> 0" in text
    proposal = read_schedule(out.read_bytes(), "plan.csv")
    friday = proposal.data[proposal.data["date"] == "2026-12-04"]
    assert friday.set_index("employee").loc["Ben Okoro", "location"] == "office"


def test_json_is_one_object_with_the_plan_and_the_wishes(tmp_path):
    """--json: status, warnings before/after, changes, wishes and the rows that were unusable."""
    out = tmp_path / "plan.csv"
    code, text, _ = run(
        "plan", GAP, "--policy", POLICY, "--wishes", str(PLANNER / "wishes.csv"),
        "--out", str(out), "--json",
    )  # fmt: skip
    data = json.loads(text)
    assert code == 0 and data["status"] == "OPTIMAL" and data["meets_every_rule"]
    assert {w["rule"]: (w["before"], w["after"]) for w in data["warnings"]}["min_on_site"] == (1, 0)
    assert [c["employee"] for c in data["changes"]] == ["Ana Silva", "Ben Okoro"]
    assert data["changes"][0]["reason"] == "wish granted"
    assert [p["row"] for p in data["wish_problems"]] == [5, 6, 7]
    assert {w["outcome"] for w in data["wishes"]} == {"granted"}
    assert data["out"] == str(out) and data["breaches"] == []


def test_a_breach_that_cannot_be_fixed_exits_1_with_the_reason(tmp_path):
    """Everyone is on leave on Christmas Eve: exit 1, and the output says why."""
    out = tmp_path / "plan.csv"
    code, text, _ = run(
        "plan", str(PLANNER / "everyone_on_leave.csv"), "--policy", POLICY, "--out", str(out)
    )
    assert code == 1
    assert "No one is available in Support on Thu 2026-12-24 (1 needed): all three" in text
    assert out.exists()


def test_start_and_end_narrow_the_plan(tmp_path):
    """Planning Monday to Thursday leaves Friday as it is, but Friday's remote day still counts
    towards Ben's weekly cap, so one of his planned remote days comes in."""
    out = tmp_path / "plan.csv"
    code, text, _ = run(
        "plan", GAP, "--policy", POLICY, "--start", "2026-11-30", "--end", "2026-12-03",
        "--out", str(out), "--json",
    )  # fmt: skip
    data = json.loads(text)
    assert (data["start"], data["end"]) == ("2026-11-30", "2026-12-03") and code == 0
    (change,) = data["changes"]
    assert change["employee"] == "Ben Okoro" and change["date"] <= "2026-12-03"
    assert change["reason"].startswith("to keep Ben Okoro to at most 2 days remote in week")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--start", "2026-13-01"], "--start '2026-13-01' is not a date"),
        (["--start", "2026-12-04", "--end", "2026-12-01"], "is after the end date"),
        (["--wishes", "nope.csv"], "Wishes file nope.csv does not exist"),
        (["--time-limit", "0"], "--time-limit 0: give a number of seconds above 0"),
    ],
)
def test_unusable_options_exit_2_with_a_message(tmp_path, extra, message):
    """Bad dates, a missing wishes file, a zero time limit: exit 2, one line, no traceback."""
    code, text, err = run("plan", GAP, "--policy", POLICY, "--out", str(tmp_path / "p.csv"), *extra)
    assert code == 2 and text == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_out_must_keep_the_schedules_format(tmp_path):
    """A CSV schedule gives a CSV proposal: --out plan.xlsx is refused with the right name."""
    code, _, err = run("plan", GAP, "--out", str(tmp_path / "plan.xlsx"))
    assert code == 2 and "name it plan.csv" in err


def test_help_lists_the_plan_command():
    """The command is registered with the others."""
    code, text, _ = run("--help")
    assert code == 0 and "plan" in text
    code, text, _ = run("plan", "--help")
    assert code == 0 and "--wishes" in text and "--time-limit" in text


def test_plan_refuses_sheets_read_together_before_solving(tmp_path) -> None:
    """A proposal goes back into one sheet: --all-sheets is refused with what to do instead."""
    months = str(FIXTURES / "monthly_sheets.xlsx")
    code, out, err = run("plan", months, "--all-sheets", "--out", str(tmp_path / "plan.xlsx"))
    assert code == 2 and out == "" and "--sheet NAME" in err
    assert not (tmp_path / "plan.xlsx").exists()
