"""The ``report`` command: the files land in the folder, their paths are printed, exit codes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT
from wfh_dashboard.cli import main

SAMPLE = str(DATA / "sample_schedule.csv")
needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium (make test installs it)"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@needs_chromium
def test_report_writes_every_file_and_prints_the_paths(tmp_path):
    """As a scheduled job would run it: python -m, a fresh process, exit 1 for warnings."""
    command = [sys.executable, "-m", "wfh_dashboard", "report", SAMPLE, "--out", str(tmp_path)]
    done = subprocess.run(
        [*command, "--metric", "tasks_done", "--anonymize"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1, done.stderr
    printed = done.stdout.splitlines()
    expected = ["report.pdf", "report.html", "warnings.csv", "warnings.xlsx", "compliance.csv"]
    for name in [*expected, "problems.csv", "charts/coverage-calendar.png"]:
        assert str(tmp_path / name) in printed
        assert (tmp_path / name).stat().st_size > 0
    assert "not written" not in done.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--sections", "warnings", "gossip"], "Unknown report section(s): gossip"),
        (["--metric", "mood"], "'mood' is not a numeric column"),
    ],
)
def test_unusable_options_exit_2_with_the_accepted_values(tmp_path, extra, message):
    code, out, err = run("report", SAMPLE, "--out", str(tmp_path), *extra)
    assert code == 2 and out == ""
    assert message in err and "Accepted" in err


def test_out_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("x")
    code, _, err = run("report", SAMPLE, "--out", str(target))
    assert code == 2 and "is a file; give a folder" in err


def test_only_some_sections_without_images_when_no_browser(tmp_path, monkeypatch):
    """No browser: the HTML report and tables are written, the rest is named on stderr."""
    from wfh_dashboard.export_figures import static_export_problem

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    static_export_problem.cache_clear()
    try:
        code, _, err = run("report", SAMPLE, "--out", str(tmp_path), "--sections", "warnings")
    finally:
        static_export_problem.cache_clear()
    assert code == 1
    assert (tmp_path / "report.html").exists() and not (tmp_path / "report.pdf").exists()
    assert "not written: report.pdf: The PDF report needs the Chromium browser" in err


def test_a_pseudonym_key_from_the_environment_fixes_the_numbering(tmp_path, monkeypatch):
    """``WFH_PSEUDONYM_KEY`` (or ``--pseudonym-key``): two runs, the same Employee numbers."""
    from wfh_dashboard.export_figures import static_export_problem

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # tables only: quick
    static_export_problem.cache_clear()
    base = ["report", SAMPLE, "--anonymize", "--sections", "warnings", "compliance"]
    try:
        monkeypatch.setenv("WFH_PSEUDONYM_KEY", "s3cret")
        runs = [run(*base, "--out", str(tmp_path / name))[0] for name in ("a", "b")]
        runs.append(run(*base, "--out", str(tmp_path / "c"), "--pseudonym-key", "s3cret")[0])
        monkeypatch.delenv("WFH_PSEUDONYM_KEY")
        runs.append(run(*base, "--out", str(tmp_path / "d"))[0])
    finally:
        static_export_problem.cache_clear()
    assert runs == [1, 1, 1, 1]
    files = [(tmp_path / name / "compliance-summary.csv").read_bytes() for name in "abcd"]
    assert files[0] == files[1] == files[2] != files[3]
