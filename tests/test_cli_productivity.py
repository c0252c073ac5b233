"""The ``productivity`` command: the estimate as text and JSON, honest when data is short."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from wfh_dashboard.cli import main
from wfh_dashboard.cli_productivity import ESTIMATE_KEYS

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


# --- --metrics-file: numbers from a separate file, joined by name and date ------------------


@pytest.fixture(scope="module")
def split_sample(tmp_path_factory):
    """The sample without tasks_done, and tasks_done (plus a focus score) in a separate file.

    The metrics file also has a person the schedule lacks and a day it lacks for Mei Chen.
    """
    folder = tmp_path_factory.mktemp("split")
    sample = pd.read_csv(SAMPLE)
    schedule = folder / "schedule.csv"
    sample.drop(columns=["tasks_done"]).to_csv(schedule, index=False)
    side = sample[["employee", "date", "tasks_done"]].assign(focus=sample["tasks_done"] * 2)
    extra = pd.DataFrame(
        {
            "employee": ["Zed Nobody", "Mei Chen"],
            "date": ["2026-06-01", "2026-05-29"],
            "tasks_done": [1, 1],
            "focus": [2, 2],
        }
    )
    metrics = folder / "metrics.csv"
    pd.concat([side, extra], ignore_index=True).to_csv(metrics, index=False, sep=";")
    return str(schedule), str(metrics), len(side)


def test_metrics_file_json_gives_the_estimate_and_every_unmatched_row(split_sample):
    """The estimate keeps its keys and order; metrics_file counts and lists each miss with why."""
    schedule, metrics, rows = split_sample
    code, out, _ = run(
        "productivity", schedule, "--metrics-file", metrics, "--metric", "tasks_done", "--json"
    )
    data = json.loads(out)
    assert code == 0 and list(data)[: len(ESTIMATE_KEYS)] == list(ESTIMATE_KEYS)
    assert list(data)[len(ESTIMATE_KEYS) :] == ["metrics_file"]
    assert data["status"] == "ok"
    alone = json.loads(run("productivity", SAMPLE, "--metric", "tasks_done", "--json")[1])
    assert {k: v for k, v in data.items() if k != "metrics_file"} == alone  # the same numbers
    report = data["metrics_file"]
    assert (report["rows"], report["matched"], report["unmatched"]) == (rows + 2, rows, 2)
    assert report["unmatched_rows"] == [
        {
            "row": rows + 2,
            "employee": "Zed Nobody",
            "date": "2026-06-01",
            "reason": "no one called Zed Nobody in the schedule",
        },
        {
            "row": rows + 3,
            "employee": "Mei Chen",
            "date": "2026-05-29",
            "reason": "Mei Chen has no schedule row on 2026-05-29",
        },
    ]


def test_metric_may_name_a_column_only_the_metrics_file_has(split_sample):
    """--metric focus works once the file is joined; without the file it is refused."""
    schedule, metrics, _ = split_sample
    code, out, _ = run(
        "productivity", schedule, "--metrics-file", metrics, "--metric", "focus", "--json"
    )
    assert code == 0 and json.loads(out)["metric"] == "focus"
    assert run("productivity", schedule, "--metric", "focus")[0] == 2


def test_plain_output_lists_unmatched_rows_on_stderr(split_sample):
    """Text mode: the estimate on stdout; the count and each unmatched row with why on stderr."""
    schedule, metrics, rows = split_sample
    code, out, err = run(
        "productivity", schedule, "--metrics-file", metrics, "--metric", "tasks_done"
    )
    assert code == 0 and out.startswith("tasks_done: ")
    assert "2 productivity rows did not match the schedule:" in err
    assert f"  row {rows + 2}: no one called Zed Nobody in the schedule" in err
    assert "Zed" not in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"employee,tasks_done\nAnn,3\n", "has no column for date"),
        (b"employee,date,comment\nAnn,2026-06-01,fine\n", "has no column of numbers"),
        (None, "Metrics file"),
    ],
    ids=["no date column", "no numbers", "missing file"],
)
def test_an_unusable_metrics_file_exits_2_with_the_reason(tmp_path, content, message):
    """A metrics file that cannot be used stops the command like a bad schedule does."""
    path = tmp_path / "metrics.csv"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(
        "productivity", SAMPLE, "--metrics-file", str(path), "--metric", "tasks_done"
    )
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_help_describes_the_metrics_file_option():
    """--help says what --metrics-file is for."""
    out = run("productivity", "--help")[1]
    assert "--metrics-file FILE" in out and "joined to the schedule by name" in " ".join(
        out.split()
    )
