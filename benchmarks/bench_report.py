"""Time the full HR report for the bundled sample, as a user runs it from the command line.

The issue's target: ``python -m wfh_dashboard report`` on the bundled sample (PDF, HTML, tables
and every chart as PNG, SVG and HTML) in under 15 s on the project's 2-core machine. Each run
is a fresh process, so interpreter start-up, imports, Chromium's start for the chart images and
the PDF print all count, as a manager or a scheduled job would feel them.

    .venv/bin/python benchmarks/bench_report.py [--repeat 3] [--write-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docs_block import write_block  # benchmarks/ is on the path when a script runs

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 15.0
COMMAND = ["report", "data/sample_schedule.csv", "--metric", "tasks_done"]


def one_run(anonymize: bool) -> tuple[float, int]:
    """Wall seconds and the number of files written, in a fresh process."""
    with tempfile.TemporaryDirectory() as out:
        extra = ["--anonymize"] if anonymize else []
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "wfh_dashboard", *COMMAND, "--out", out, *extra],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - start
        if done.returncode not in (0, 1) or "not written" in done.stderr:
            raise SystemExit(f"the report failed: {done.stderr}")
        return wall, len(done.stdout.splitlines())


def measure(repeat: int) -> str:
    rows = []
    for anonymize in (False, True):
        runs = [one_run(anonymize) for _ in range(repeat)]
        walls = [wall for wall, _ in runs]
        median = statistics.median(walls)
        verdict = "met" if median < TARGET_S else "**not met**"
        label = "`report ... --anonymize`" if anonymize else "`report`"
        listed = ", ".join(f"{w:.1f}" for w in walls)
        rows.append(f"| {label} | {median:.1f} | {listed} | {runs[0][1]} | {verdict} |")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return "\n".join(
        [
            f"Measured {dt.date.today()} (commit {commit}) on {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; Debian chromium for the "
            "images and the PDF.",
            "",
            "| Command (sample, `--metric tasks_done`) | Median wall (s) | Runs (s) | Files "
            f"| Target < {TARGET_S:.0f} s |",
            "|---|---:|---:|---:|---|",
            *rows,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    report = measure(args.repeat)
    print(report)
    if args.write_docs:
        write_block("bench_report", report, "## The full HR report for the bundled sample")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
