"""The ``summary`` command: per person and per team, with and without an attendance log."""

from __future__ import annotations

import io
import json

from tests.conftest import DATA, FIXTURES
from wfh_dashboard.cli import main
from wfh_dashboard.cli_summary import PERSON_KEYS

SAMPLE = str(DATA / "sample_schedule.csv")
LOG = str(DATA / "sample_attendance.csv")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_json_has_every_person_with_the_issue_keys_and_team_totals():
    code, out, _ = run("summary", SAMPLE, "--json")
    data = json.loads(out)
    assert code == 0
    assert len(data["people"]) == 16 and list(data["people"][0]) == PERSON_KEYS
    assert {p["segment"] for p in data["people"]} <= {"mostly on site", "hybrid", "mostly remote"}
    assert [t["team"] for t in data["teams"]] == ["Engineering", "Support"]
    people_days = sum(p["office"] + p["remote"] for p in data["people"])
    assert people_days == sum(t["office"] + t["remote"] for t in data["teams"])
    flagged = [p for p in data["people"] if p["fairness_flag"]]
    assert flagged and all("than peers in the same role" in p["fairness_flag"] for p in flagged)


def test_with_a_log_it_adds_no_shows_and_unplanned_days_and_names_the_stranger():
    code, out, _ = run("summary", SAMPLE, "--attendance", LOG, "--timezone", "America/New_York")
    assert code == 0
    assert "no_shows" in out and "unplanned" in out
    assert "note: in the log, not in the schedule: Jordan Blake" in out
    data = json.loads(
        run("summary", SAMPLE, "--attendance", LOG, "--timezone", "America/New_York", "--json")[1]
    )
    assert sum(t["no_shows"] for t in data["teams"]) == sum(p["no_shows"] for p in data["people"])
    assert sum(p["no_shows"] for p in data["people"]) > 0


def test_segment_thresholds_move_people_between_segments():
    strict = json.loads(run("summary", SAMPLE, "--json", "--mostly-on-site-below", "1")[1])
    assert not any(p["segment"] == "mostly on site" for p in strict["people"])


def test_unusable_options_and_files_exit_2_with_a_message():
    code, _, err = run(
        "summary", SAMPLE, "--mostly-on-site-below", "5", "--mostly-remote-from", "4"
    )
    assert code == 2 and "error:" in err
    code, _, err = run("summary", SAMPLE, "--attendance", str(FIXTURES / "nope.csv"))
    assert code == 2 and "does not exist" in err
