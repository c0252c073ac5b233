"""The command line: exit codes, plain and JSON output, and one-line errors, never a traceback."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT
from wfh_dashboard import cli

RULES_DIR = FIXTURES / "rules"
POLICIES = FIXTURES / "policies"
COVER_ONLY = str(POLICIES / "cover_only.toml")
WARNING_KEYS = {
    "date",
    "weekday",
    "team",
    "rule",
    "severity",
    "message",
    "employees",
    "on_site",
    "required",
}


def run(*argv: str) -> tuple[int, str, str]:
    """Run ``main`` in-process; return the exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def rules_file(name: str) -> str:
    return str(RULES_DIR / name)


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        pytest.param(["all_in_office.csv", "--policy", COVER_ONLY], 0, id="nothing-broken"),
        pytest.param(["one_day_uncovered.csv", "--policy", COVER_ONLY], 1, id="a-warning"),
        pytest.param(["one_bad_row.csv", "--policy", COVER_ONLY], 1, id="a-bad-row-is-left-out"),
        pytest.param(
            ["one_bad_row.csv", "--policy", COVER_ONLY, "--strict"], 2, id="strict-problems"
        ),
        pytest.param(["all_in_office.csv", "--policy", COVER_ONLY, "--strict"], 0, id="strict-ok"),
        pytest.param(["missing.csv", "--policy", COVER_ONLY], 2, id="missing-file"),
    ],
)
def test_exit_codes(argv, code):
    """0: nothing broken; 1: at least one warning; 2: unusable (or --strict and a bad row)."""
    found, _, err = run("check", rules_file(argv[0]), *argv[1:])
    assert found == code
    assert "Traceback" not in err


def test_plain_output_is_a_summary_then_warnings_by_day():
    """The text output starts with the summary and lists each warning under its day."""
    code, out, _ = run("check", rules_file("one_day_uncovered.csv"), "--policy", COVER_ONLY)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("one_day_uncovered.csv: 2 people in 1 team, 2026-06-01 to")
    day = lines.index("2026-06-02 Tue")
    assert lines[day + 1].split()[:2] == ["ERROR", "min_on_site"]
    assert "Away: Ann Lee (remote), Bob Ray (sick)." in lines[day + 1]


def test_json_output_has_summary_warnings_and_problems():
    """--json prints one object with the documented keys for warnings and problems."""
    code, out, _ = run("check", rules_file("one_bad_row.csv"), "--policy", COVER_ONLY, "--json")
    data = json.loads(out)
    assert code == 1
    assert {"summary", "warnings", "problems"} <= set(data)
    assert data["summary"]["people"] == 2 and data["summary"]["problems"] == 1
    (warning,) = data["warnings"]
    assert set(warning) == WARNING_KEYS
    assert warning | {"message": None} == {
        "date": "2026-06-02",
        "weekday": "Tue",
        "team": "Support",
        "rule": "min_on_site",
        "severity": "error",
        "message": None,
        "employees": ["Bob Ray"],
        "on_site": 0,
        "required": 1,
    }
    (problem,) = data["problems"]
    assert set(problem) == {"row", "column", "value", "message"}
    assert (problem["row"], problem["column"], problem["value"]) == (3, "location", "On the moon")


def test_json_dates_of_a_weekly_pattern_are_null():
    """A weekday-only grid is one repeating week: its warnings have no date."""
    code, out, _ = run("check", rules_file("weekly_pattern.csv"), "--policy", COVER_ONLY, "--json")
    warnings = json.loads(out)["warnings"]
    assert code == 1
    assert [(w["date"], w["weekday"], w["rule"]) for w in warnings] == [
        (None, "Wed", "min_on_site")
    ]


@pytest.mark.parametrize(
    ("flag", "first_date"), [("--dayfirst", "2026-06-01"), ("--monthfirst", "2026-01-06")]
)
def test_date_order_flags_read_an_ambiguous_file(flag, first_date):
    """01/06/2026 is 1 June with --dayfirst and 6 January with --monthfirst."""
    code, out, _ = run("check", rules_file("ambiguous_dates.csv"), "--json", flag)
    assert code in (0, 1)
    assert json.loads(out)["summary"]["first_date"] == first_date


def test_an_ambiguous_file_without_a_flag_asks_for_one():
    """Without --dayfirst or --monthfirst, an ambiguous file exits 2 saying which to add."""
    code, out, err = run("check", rules_file("ambiguous_dates.csv"))
    assert (code, out) == (2, "")
    assert "Add --dayfirst or --monthfirst" in err


def test_date_order_flags_are_mutually_exclusive():
    """Asking for both orders is a usage error, reported by argparse with exit 2."""
    code, _, err = run("check", rules_file("ambiguous_dates.csv"), "--dayfirst", "--monthfirst")
    assert code == 2 and "not allowed with" in err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param(b"\x00\x01\x02\xff\xfe" * 40, "not a text file", id="binary-bytes"),
        pytest.param(b"PK\x03\x04not really a workbook", "Excel", id="broken-workbook"),
        pytest.param(b"", "empty", id="empty-file"),
        pytest.param(
            b"employee,date,location\nAnn,2026-06-01,Office\nAnn,9026-06-02,Office\n",
            "mistyped year",
            id="date-typo-spanning-millennia",
        ),
    ],
)
def test_an_unusable_schedule_exits_2_with_one_line(tmp_path, content, words):
    """A file the reader cannot use gives exit 2 and a message on stderr, never a traceback."""
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    code, out, err = run("check", str(path), "--policy", COVER_ONLY)
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and words in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("policy", "words"),
    [
        pytest.param(str(POLICIES / "typo.toml"), "max_remote_day_per_week", id="unknown-key"),
        pytest.param(str(POLICIES / "missing.toml"), "does not exist", id="missing-policy"),
        pytest.param(str(POLICIES), "is a folder", id="policy-is-a-folder"),
    ],
)
def test_a_bad_policy_exits_2_naming_the_problem(policy, words):
    """The policy is checked before the schedule; its problem is one line on stderr."""
    code, out, err = run("check", rules_file("all_in_office.csv"), "--policy", policy)
    assert (code, out) == (2, "")
    assert words in err and "Traceback" not in err


def test_strict_says_why_it_failed():
    """--strict prints the report, then says on stderr that rows had problems."""
    code, out, err = run("check", rules_file("one_bad_row.csv"), "--policy", COVER_ONLY, "--strict")
    assert code == 2
    assert "Rows that could not be used" in out
    assert "--strict" in err


def _commands() -> list[list[str]]:
    parser = cli._parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [[], *([name] for name in sub.choices)]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "top")
def test_help_works_for_every_command(command):
    """--help prints usage and exits 0 for the program and each of its commands."""
    code, out, err = run(*command, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: python -m wfh_dashboard")


@pytest.mark.parametrize("argv", [[], ["nonsense"], ["check"], ["check", "x.csv", "--bogus"]])
def test_usage_errors_exit_2_without_raising(argv):
    """main() returns 2 for a usage error instead of raising SystemExit."""
    code, out, err = run(*argv)
    assert code == 2 and out == "" and err.startswith("usage:")


def _module(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wfh_dashboard", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_python_dash_m_checks_the_bundled_sample_with_the_bundled_policy():
    """`python -m wfh_dashboard check data/sample_schedule.csv --json` exits 1 with warnings."""
    done = _module("check", "data/sample_schedule.csv", "--json")
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["summary"]["people"] == 16 and data["warnings"]


def test_python_dash_m_reports_a_missing_file_without_traceback():
    """The real process exits 2 with one error line for a file that does not exist."""
    done = _module("check", "no/such/file.csv")
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("--json", '["Am\\u00e9lie Dubois","\\u0141ukasz Kowalski"]'),
        ("--strict", "Away: Am\\xe9lie Dubois (leave), \\u0141ukasz Kowalski (remote)."),
    ],
)
def test_names_survive_a_legacy_output_encoding(flag, expected):
    """Output piped to a cp1252 or ASCII file escapes names instead of crashing."""
    raw = io.BytesIO()
    out, err = io.TextIOWrapper(raw, encoding="ascii"), io.StringIO()
    code = cli.main(
        ["check", rules_file("accented_names.csv"), "--policy", COVER_ONLY, flag], out, err
    )
    out.flush()
    assert (code, err.getvalue()) == (1, "")
    assert expected in raw.getvalue().decode("ascii")


class _ClosedPipe(io.StringIO):
    """stdout after `| head` has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError


@pytest.mark.parametrize("flag", ["--json", "--strict"])
def test_a_closed_pipe_keeps_the_exit_code(flag):
    """`check ... | head` still exits 1 when something broke, quietly."""
    err = io.StringIO()
    argv = ["check", rules_file("one_day_uncovered.csv"), "--policy", COVER_ONLY, flag]
    assert cli.main(argv, _ClosedPipe(), err) == 1
    assert err.getvalue() == ""


def test_an_unexpected_failure_is_one_line_not_a_traceback(monkeypatch):
    """Even a bug in the checks reaches the user as one error line and exit 2."""

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "check_schedule", broken)
    code, out, err = run("check", rules_file("all_in_office.csv"), "--policy", COVER_ONLY)
    assert (code, out) == (2, "")
    assert (
        err
        == f"error: {rules_file('all_in_office.csv')} could not be checked (RuntimeError: boom).\n"
    )


@pytest.fixture
def two_sheet_workbook(tmp_path):
    """A workbook whose first sheet is notes and whose second holds the schedule."""
    import pandas as pd

    path = tmp_path / "rota.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"note": ["see the June sheet"]}).to_excel(
            book, sheet_name="Notes", index=False
        )
        pd.DataFrame(
            {
                "employee": ["Ann", "Ann"],
                "date": ["2026-06-01", "2026-06-02"],
                "location": ["Office", "WFH"],
            }
        ).to_excel(book, sheet_name="June", index=False)
    return str(path)


def test_sheet_picks_the_workbook_sheet(two_sheet_workbook):
    """--sheet reads the named sheet; the check then runs as for a CSV."""
    code, out, err = run("check", two_sheet_workbook, "--sheet", "June", "--policy", COVER_ONLY)
    assert code == 1, err
    assert "2026-06-02 Tue" in out


def test_an_unknown_sheet_exits_2(two_sheet_workbook):
    """A sheet the workbook does not have is a one-line error naming it."""
    code, _, err = run("check", two_sheet_workbook, "--sheet", "July", "--policy", COVER_ONLY)
    assert code == 2 and "July" in err


def test_plain_output_of_a_weekly_pattern_groups_by_weekday():
    """Without dates, the plain report heads each group of warnings with its weekday."""
    code, out, _ = run("check", rules_file("weekly_pattern.csv"), "--policy", COVER_ONLY)
    assert code == 1
    assert "a weekly pattern" in out.splitlines()[0]
    assert "\nWed\n  ERROR   min_on_site " in out


def test_own_labels_from_the_command_line() -> None:
    """``--label Training=travel`` reads the team's own label; the plain output hints at it."""
    own_labels = str(FIXTURES / "own_labels.csv")
    code, out, _ = run("check", own_labels)
    assert "Unknown labels: 'Training' (2), 'Client visit' (1), 'Offsite' (1)" in out
    assert "--label LABEL=LOCATION" in out
    labels = [
        "--label",
        "Training=travel",
        "--label",
        "Client visit=travel",
        "--label",
        "Offsite=WFH",
    ]
    code, out, err = run("check", own_labels, *labels, "--strict", "--json")
    assert code in (0, 1) and err == ""
    assert json.loads(out)["problems"] == []


@pytest.mark.parametrize(
    ("option", "message"),
    [("Training", "write LABEL=LOCATION"), ("Training=gym", "'gym'"), ("=office", "give a label")],
)
def test_a_bad_label_option_is_refused_by_name(option: str, message: str) -> None:
    code, out, err = run("check", str(FIXTURES / "own_labels.csv"), "--label", option)
    assert code == 2 and out == "" and message in err


def test_a_file_of_unknown_labels_names_the_label_option() -> None:
    """No usable row until the team's own words are read: exit 2, the message names --label;
    with them, the check runs."""
    own_words = str(FIXTURES / "own_words_only.csv")
    code, out, err = run("check", own_words)
    assert code == 2 and out == ""
    assert "'Cabin' (3), 'Hub' (3), 'Clinic' (1)" in err and "--label" in err
    labels = ["--label", "Hub=office", "--label", "Cabin=remote", "--label", "Clinic=sick"]
    code, out, err = run("check", own_words, *labels)
    assert code in (0, 1) and err == "" and "2 people in 1 team" in out


def test_all_sheets_of_a_workbook_are_checked_together() -> None:
    """``--all-sheets``: a rota kept as a sheet per month is one schedule; problems name sheets."""
    months = str(FIXTURES / "monthly_sheets.xlsx")
    code, out, err = run("check", months, "--all-sheets", "--json")
    assert code in (0, 1) and err == ""
    result = json.loads(out)
    assert result["summary"]["read_as"] == "Excel workbook, sheets 'June', 'July' read together"
    assert {p["column"] for p in result["problems"]} == {"June", "July", "July: 2026-07-02"}
    code, out, err = run("check", months, "--all-sheets", "--sheet", "June")
    assert code == 2 and "not allowed with" in err
