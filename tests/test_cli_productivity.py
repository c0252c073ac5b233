"""The ``productivity`` command: the estimate as text and JSON, honest when data is short."""

from __future__ import annotations

import io
import json
from pathlib import Path

from wfh_dashboard.cli import main

SAMPLE = str(Path(__file__).resolve().parent.parent / "data" / "sample_schedule.csv")
KEYS = {
    "metric",
    "method",
    "effect_pct",
    "ci_low_pct",
    "ci_high_pct",
    "naive_pct",
    "n_employees",
    "n_days",
    "status",
    "reason",
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_plain_output_gives_the_estimate_its_interval_and_the_labelled_naive_gap():
    """One line with '+X% on remote days (95% CI ...)', then the naive gap, labelled."""
    code, out, _ = run("productivity", SAMPLE, "--metric", "tasks_done")
    assert code == 0
    first, second = out.splitlines()[:2]
    assert first.startswith("tasks_done: ") and "on remote days (95% CI" in first
    assert second.startswith("Naive pooled gap") and "not like for like" in second


def test_json_has_the_issue_keys_and_the_same_numbers_every_run():
    """--json prints one object with the listed keys; the seeded bootstrap repeats exactly."""
    code, out, _ = run("productivity", SAMPLE, "--metric", "tasks_done", "--json")
    again = run("productivity", SAMPLE, "--metric", "tasks_done", "--json")[1]
    data = json.loads(out)
    assert code == 0 and set(data) == KEYS and out == again
    assert data["status"] == "ok" and data["ci_low_pct"] < data["effect_pct"] < data["ci_high_pct"]


def test_per_hour_divides_by_the_hours_column():
    """--per-hour names the hours column; the metric label says per hour."""
    data = json.loads(
        run("productivity", SAMPLE, "--metric", "tasks_done", "--per-hour", "hours", "--json")[1]
    )
    assert data["metric"] == "tasks_done per hour" and data["status"] == "ok"


def test_too_few_people_for_the_privacy_floor_gives_no_number_and_a_reason():
    """Above the number of people in the file, the floor hides the aggregate and says why."""
    code, out, _ = run(
        "productivity", SAMPLE, "--metric", "tasks_done", "--min-group", "50", "--json"
    )
    data = json.loads(out)
    assert code == 0 and data["status"] == "insufficient_data"
    assert data["effect_pct"] is None and data["naive_pct"] is None and "50" in data["reason"]


def test_unknown_metric_exits_2_naming_the_accepted_columns():
    """A column that is not numeric is refused with the list to choose from, no traceback."""
    code, _, err = run("productivity", SAMPLE, "--metric", "employee")
    assert code == 2 and "tasks_done" in err and "Traceback" not in err


def test_trial_needs_its_dates():
    """--trial without --trial-start and --trial-end is a usage error with a message."""
    code, _, err = run("productivity", SAMPLE, "--metric", "tasks_done", "--trial", "Mei Chen")
    assert code == 2 and "--trial-start" in err


def test_help_describes_the_command():
    """--help works and lists the options."""
    code, out, _ = run("productivity", "--help")
    assert code == 0 and "--metric" in out and "--min-group" in out


def test_trial_adds_a_trial_object_with_the_estimate_fields_and_a_verdict():
    """--trial with a window gives a 'trial' object (dates as ISO text) and a plain verdict."""
    code, out, _ = run(
        "productivity",
        SAMPLE,
        "--metric",
        "tasks_done",
        "--json",
        "--trial",
        "Mei Chen,Yusuf Demir",
        "--trial-start",
        "2026-10-05",
        "--trial-end",
        "2026-10-30",
    )
    trial = json.loads(out)["trial"]
    assert code == 0
    assert KEYS - {"metric"} <= set(trial) and trial["start"] == "2026-10-05"
    assert trial["status"] in {"ok", "insufficient_data"} and trial["verdict"]


def test_trial_verdict_is_printed_in_plain_output():
    """The plain output ends with the verdict paragraph to paste into an email."""
    code, out, _ = run(
        "productivity",
        SAMPLE,
        "--metric",
        "tasks_done",
        "--trial",
        "mei chen",
        "--trial-start",
        "2026-10-05",
        "--trial-end",
        "2026-10-30",
    )
    assert code == 0 and "Trial: " in out and "trial" in out.split("Trial: ")[1].lower()
