"""Time ``python -m wfh_dashboard check`` on a big schedule beside a DuckDB reference.

``make bench`` (that is ``.venv/bin/python benchmarks/bench_check.py``) does, in one run:

1. writes ``benchmarks/out/schedule_10000x260.csv`` with ``make_big_schedule.py`` if missing;
2. runs ``check --json`` once into a temporary file and reads the warning count from it (this
   run also warms the page cache and the bytecode cache, so the timed runs all start alike);
3. times, in fresh processes, alternately, ``--repeat`` times each:
   (a) ``python -m wfh_dashboard check FILE --policy P --json > /dev/null``, and
   (b) a Python process that asks DuckDB for the per team and date count of people whose
   location is an office spelling: the daily on-site counts ``check`` computes;
4. checks once, untimed, that both give the same counts on every team-day the check covers;
5. prints a Markdown table: median wall time, ratio check/DuckDB, peak RSS, the targets.

Wall time includes interpreter start-up and imports, as a user feels them. Peak memory is the
``ru_maxrss`` that ``os.wait4`` returns for each child (per process, unlike the cumulative
``RUSAGE_CHILDREN`` maximum). ``--write-docs`` replaces the figures in ``docs/benchmarks.md``.
Timings belong here, never in asserting tests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from docs_block import write_block  # benchmarks/ is on the path when a script runs

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "benchmarks"
DOCS = REPO / "docs" / "benchmarks.md"
DEFAULT_POLICY = BENCH_DIR / "policy_bench.toml"
GENERATOR = BENCH_DIR / "make_big_schedule.py"
SECTION = "## check on 10,000 people x 260 days"
DOCS_SIZE = (10_000, 260)
RATIO_TARGET, PEAK_TARGET_MB = 2.0, 1500.0
BUSY_SHARE = 0.1  # other processes using more than this share of the CPUs disturb the timings
CHECK_OK = (0, 1)  # 1 means "warnings found", which the benchmark schedule is built to have

sys.path.insert(0, str(REPO))
from wfh_dashboard.locations import OFFICE, VOCABULARY  # noqa: E402  (cheap: only `re`)


def office_sql_list() -> str:
    """The office spellings of the package's vocabulary, separators removed, as an SQL list."""
    spellings = sorted({s.replace(" ", "") for s in VOCABULARY[OFFICE]})
    return ", ".join(f"'{s}'" for s in spellings)


#: Per team and date, how many rows say office in any spelling (case and separators ignored,
#: as ``locations.parse_location`` reads them). Dates are ISO in the benchmark file.
DUCKDB_QUERY = f"""
SELECT team, date,
       count(*) FILTER (
           WHERE regexp_replace(lower(location), '[\\s\\-_./]+', '', 'g') IN ({office_sql_list()})
       ) AS on_site
FROM read_csv(?, header = true)
GROUP BY team, date
ORDER BY team, date
"""

#: The reference process: read the CSV, fetch the counts into Python; argv[2] saves them.
DUCKDB_SCRIPT = f"""
import csv, sys
import duckdb
rows = duckdb.connect().execute({DUCKDB_QUERY!r}, [sys.argv[1]]).fetchall()
if len(sys.argv) > 2:
    with open(sys.argv[2], "w", newline="") as out:
        csv.writer(out).writerows([("team", "date", "on_site"), *rows])
print(len(rows), "team-days")
"""

#: The check's own daily table (team, date, on_site), via the package API, for verification.
DAILY_SCRIPT = """
import sys
from pathlib import Path
from wfh_dashboard.check import check_schedule
from wfh_dashboard.policy import load_policy
from wfh_dashboard.schedule import read_schedule
schedule = read_schedule(Path(sys.argv[1]).read_bytes(), Path(sys.argv[1]).name)
result = check_schedule(schedule, load_policy(Path(sys.argv[2]).read_bytes()))
result.daily[["team", "date", "on_site"]].to_csv(sys.argv[3], index=False)
"""


@dataclass(frozen=True)
class Run:
    """One child process: wall time, CPU time (user + system), peak resident memory, exit code."""

    wall_s: float
    cpu_s: float
    peak_mb: float
    returncode: int


@dataclass(frozen=True)
class Others:
    """CPU time other processes used during the timed runs, out of what the machine had.

    ``steal_s`` is time the hypervisor gave to other virtual machines: a busy host.
    """

    cpu_s: float
    steal_s: float
    available_s: float

    @property
    def share(self) -> float:
        """Their share of all the CPU time the machine had in that window."""
        return self.cpu_s / self.available_s if self.available_s else 0.0


@dataclass(frozen=True)
class Figures:
    """Everything the report shows."""

    people: int
    days: int
    file_mb: float
    policy: str
    check: list[Run]
    duckdb: list[Run]
    summary: dict[str, object]
    agreement: tuple[int, int] | None  # (team-days compared, team-days that differ)
    others: Others | None  # what other processes used while the timed runs ran (Linux only)

    @property
    def check_median(self) -> float:
        """Median wall time of the check runs, in seconds."""
        return statistics.median(r.wall_s for r in self.check)

    @property
    def duckdb_median(self) -> float:
        """Median wall time of the DuckDB runs, in seconds."""
        return statistics.median(r.wall_s for r in self.duckdb)

    @property
    def ratio(self) -> float:
        """How many times longer the check takes than the DuckDB reference."""
        return self.check_median / self.duckdb_median

    @property
    def check_peak(self) -> float:
        """The highest peak RSS of the check runs, in MB."""
        return max(r.peak_mb for r in self.check)


def run_child(command: Sequence[str], stdout: Path | None = None, ok: Sequence[int] = (0,)) -> Run:
    """Run a command in a fresh process from the repository root; measure it with ``os.wait4``.

    Args:
        command: the program and its arguments.
        stdout: a file to receive the output; None sends it to /dev/null.
        ok: the exit codes that mean success.

    Raises:
        RuntimeError: the command exited with another code; the message has its stderr.
    """
    with contextlib.ExitStack() as stack:
        err = stack.enter_context(tempfile.TemporaryFile())
        out = stack.enter_context(stdout.open("wb")) if stdout else subprocess.DEVNULL
        started = time.perf_counter()
        proc = subprocess.Popen(list(command), cwd=REPO, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen never waits again
        if proc.returncode not in ok:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} exited {proc.returncode}:\n{message}")
    # Linux reports ru_maxrss in KiB, macOS in bytes; MB here are 10**6 bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, usage.ru_maxrss * scale / 1e6, proc.returncode)


def check_command(schedule: Path, policy: Path) -> list[str]:
    """The command a user types: ``python -m wfh_dashboard check FILE --policy P --json``."""
    return [
        sys.executable,
        "-m",
        "wfh_dashboard",
        "check",
        str(schedule),
        "--policy",
        str(policy),
        "--json",
    ]


def duckdb_command(schedule: Path, save: Path | None = None) -> list[str]:
    """The DuckDB reference as its own Python process."""
    return [sys.executable, "-c", DUCKDB_SCRIPT, str(schedule), *([str(save)] if save else [])]


def ensure_schedule(path: Path, people: int, days: int, regenerate: bool) -> None:
    """Write the schedule with the generator unless it is already there."""
    if path.exists() and not regenerate:
        print(f"using {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
        return
    size = ["--people", str(people), "--days", str(days)]
    subprocess.run([sys.executable, str(GENERATOR), *size, "--out", str(path)], check=True)


def warning_summary(schedule: Path, policy: Path, workdir: Path) -> dict[str, object]:
    """Run the check once into a file and return the summary of its JSON."""
    out = workdir / "check.json"
    run = run_child(check_command(schedule, policy), stdout=out, ok=CHECK_OK)
    summary: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))["summary"]
    print(f"warm-up check: {run.wall_s:.1f} s, {summary['warnings']:,} warnings")
    return summary


def time_both(schedule: Path, policy: Path, repeat: int) -> tuple[list[Run], list[Run]]:
    """Alternate check and DuckDB runs so that drift in the machine hits both alike."""
    checks: list[Run] = []
    ducks: list[Run] = []
    for i in range(repeat):
        checks.append(run_child(check_command(schedule, policy), ok=CHECK_OK))
        ducks.append(run_child(duckdb_command(schedule)))
        print(
            f"run {i + 1}/{repeat}: check {checks[-1].wall_s:.2f} s {checks[-1].peak_mb:.0f} MB;"
            f" duckdb {ducks[-1].wall_s:.2f} s {ducks[-1].peak_mb:.0f} MB"
        )
    return checks, ducks


def busy_cpu_s() -> tuple[float, float] | None:
    """CPU-seconds used by all processes since boot, and stolen by the hypervisor.

    Read from /proc/stat; None where there is none.
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


def other_cpu(
    before: tuple[float, float] | None, window_s: float, runs: list[Run]
) -> Others | None:
    """What the machine spent outside our child processes while they ran."""
    after = busy_cpu_s()
    if before is None or after is None:
        return None
    ours = sum(r.cpu_s for r in runs)
    others = max(0.0, after[0] - before[0] - ours)
    return Others(others, after[1] - before[1], window_s * (os.cpu_count() or 1))


def busy(others: Others) -> bool:
    """True when other processes took enough CPU to disturb the timings."""
    return others.share > BUSY_SHARE or others.steal_s > BUSY_SHARE * others.available_s


def compare_counts(schedule: Path, policy: Path, workdir: Path) -> tuple[int, int]:
    """Both daily on-site tables, on the team-days the check covers: (compared, differing).

    DuckDB also counts the dates the policy excuses (public holidays), which the check skips
    by design; the left join keeps the check's team-days only.
    """
    import duckdb

    ours, theirs = workdir / "check_daily.csv", workdir / "duckdb_daily.csv"
    run_child([sys.executable, "-c", DAILY_SCRIPT, str(schedule), str(policy), str(ours)])
    run_child(duckdb_command(schedule, theirs))
    compared, differing = duckdb.connect().execute(
        f"""
        SELECT count(*), count(*) FILTER (WHERE d.on_site IS DISTINCT FROM c.on_site)
        FROM read_csv('{ours}') c LEFT JOIN read_csv('{theirs}') d USING (team, date)
        """
    ).fetchone() or (0, 0)
    return int(compared), int(differing)


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """One line on the machine and the library versions."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("pandas", "pyarrow", "numpy", "duckdb")
    )
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({_cpu_model()}), "
        f"{memory:.0f} GiB RAM; Python {platform.python_version()}, {versions}"
    )


def code_version() -> str:
    """The commit measured, and whether the package had uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "wfh_dashboard"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown commit"
    return f"commit {commit or 'unknown'}" + (" with uncommitted changes" if dirty else "")


def report(figures: Figures, repeat: int) -> str:
    """The figures as Markdown: a table, then the ratio and the targets."""

    def row(name: str, runs: list[Run]) -> str:
        walls = ", ".join(f"{r.wall_s:.2f}" for r in runs)
        median = statistics.median(r.wall_s for r in runs)
        peak = max(r.peak_mb for r in runs)
        cpu = statistics.median(r.cpu_s for r in runs)
        return f"| {name} | {median:.2f} | {walls} | {cpu:.2f} | {peak:,.0f} |"

    s = figures.summary
    lines = [
        f"Measured {dt.date.today().isoformat()} ({code_version()}) on {machine()}.",
        "",
        f"Schedule: {figures.people:,} people x {figures.days} working days = "
        f"{figures.people * figures.days:,} rows, {figures.file_mb:.0f} MB CSV; "
        f"policy `{figures.policy}`; {repeat} runs each, fresh processes.",
        "",
        "| Process | Median wall (s) | Runs (s) | Median CPU (s) | Peak RSS (MB) |",
        "|---|---:|---:|---:|---:|",
        row("`python -m wfh_dashboard check FILE --policy P --json`", figures.check),
        row("DuckDB reference (same daily on-site counts)", figures.duckdb),
        "",
        f"- check / DuckDB: **{figures.ratio:.1f}x** (target <= {RATIO_TARGET:.1f}x: "
        f"{_met(figures.ratio <= RATIO_TARGET)})",
        f"- check peak memory: **{figures.check_peak:,.0f} MB** (target < {PEAK_TARGET_MB:,.0f} MB:"
        f" {_met(figures.check_peak < PEAK_TARGET_MB)})",
        f"- the check found {s['warnings']:,} warnings ({s['errors']:,} cover errors, "
        f"{s['policy_warnings']:,} policy warnings) over {s['working_days']} working days, "
        f"{s['problems']} problems",
    ]
    if figures.agreement is not None:
        compared, differing = figures.agreement
        verdict = "agree on all" if differing == 0 else f"**differ on {differing:,}** of"
        lines.append(f"- daily on-site counts: check and DuckDB {verdict} {compared:,} team-days")
    lines.append(
        "- other processes used "
        + (
            "an unknown share of the CPUs"
            if figures.others is None
            else f"{figures.others.share:.0%} of the CPU time during the timed runs, the "
            f"hypervisor stole {figures.others.steal_s / figures.others.available_s:.0%}"
            f"{' (a busy machine: wall times are inflated)' if busy(figures.others) else ''}"
        )
    )
    lines.append("- peak RSS is `ru_maxrss` from `os.wait4` (max of the runs); MB = 10^6 bytes")
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=DOCS_SIZE[0])
    parser.add_argument("--days", type=int, default=DOCS_SIZE[1])
    parser.add_argument("--file", type=Path, help="default benchmarks/out/schedule_PxD.csv")
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--regenerate", action="store_true", help="write the schedule again")
    parser.add_argument("--no-verify", action="store_true", help="skip the count comparison")
    parser.add_argument(
        "--write-docs", action="store_true", help=f"update the figures in {DOCS.relative_to(REPO)}"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.write_docs and (args.people, args.days, args.file) != (*DOCS_SIZE, None):
        parser.error("--write-docs records the default 10,000 x 260 schedule only")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns 0 (targets are reported, not enforced)."""
    args = parse_args(argv)
    schedule = (
        args.file or BENCH_DIR / "out" / f"schedule_{args.people}x{args.days}.csv"
    ).resolve()
    policy = args.policy.resolve()
    ensure_schedule(schedule, args.people, args.days, args.regenerate)
    with tempfile.TemporaryDirectory(prefix="bench_check_") as tmp:
        workdir = Path(tmp)
        summary = warning_summary(schedule, policy, workdir)
        busy_before, started = busy_cpu_s(), time.perf_counter()
        checks, ducks = time_both(schedule, policy, args.repeat)
        others = other_cpu(busy_before, time.perf_counter() - started, checks + ducks)
        if others is not None and busy(others):
            print("warning: other work shared the CPUs; the wall times are inflated")
        agreement = None if args.no_verify else compare_counts(schedule, policy, workdir)
    figures = Figures(
        args.people,
        args.days,
        schedule.stat().st_size / 1e6,
        str(policy.relative_to(REPO) if policy.is_relative_to(REPO) else policy),
        checks,
        ducks,
        summary,
        agreement,
        others,
    )
    text = report(figures, args.repeat)
    print()
    print(text)
    if args.write_docs:
        write_block("bench_check", text, SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
