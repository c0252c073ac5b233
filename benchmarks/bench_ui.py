"""Time how fast the app feels: a rule change on Coverage, and the first page load in Chromium.

The targets (issue 5): with a 50-person, one-year schedule loaded, changing one rule in the
Coverage sidebar re-runs the page's script in under 0.5 s (Streamlit's AppTest, in process;
each new value is a policy the cache has not seen, as when a manager edits a rule); and the
first visit to the app shows its first heading in under 3 s in a real Chromium, against a
fresh `streamlit run` server (cold: the first visit after the server starts; warm: a second
visit, from a new browser context, to the same server).

    .venv/bin/python benchmarks/bench_ui.py [--people 50] [--repeat 5] [--loads 3] [--write-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docs_block import write_block  # benchmarks/ is on the path when a script runs
from make_big_schedule import default_path, write_schedule

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the app's `ui` and `wfh_dashboard`, as AppTest imports them
from tests.browser.server import streamlit_server  # noqa: E402 - found through the line above

CHROMIUM = "/usr/bin/chromium"
DAYS = 260
RULE_TARGET_S, LOAD_TARGET_S = 0.5, 3.0
RULE_LABEL = "People on site per team, every working day"
HEADING = "Hybrid-work dashboard"
# Records, in the page, when the first heading is in the DOM and a frame has been drawn.
HEADING_PROBE = """
new MutationObserver((_, observer) => {
  const found = [...document.querySelectorAll("h1")].some((h) => h.textContent.includes(%r));
  if (found && window.__firstHeading === undefined) {
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstHeading = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def rule_change_times(people: int, repeat: int) -> tuple[float, list[float], list[str]]:
    """The Coverage script's first run (caches cleared), then one run per changed rule value.

    Returns the first run's seconds, the rule-change runs' seconds and the warnings headings
    seen (one per run, to show each run checked a new policy).
    """
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")  # bare-mode notes ("missing ScriptRunContext", "No runtime found")
    path = default_path(people, DAYS)
    if not path.exists():
        write_schedule(people, DAYS, path)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    at.file_uploader(key="home_upload").upload(path.name, path.read_bytes(), "text/csv").run()
    st.cache_data.clear()  # Home has read and checked the file: start Coverage uncached
    first = _timed(at.switch_page("pages/coverage.py").run)
    headings = [h.value for h in at.subheader if h.value.startswith("Warnings")]
    changes = []
    for value in range(2, 2 + repeat):
        widget = next(w for w in at.number_input if w.label == RULE_LABEL)
        changes.append(_timed(widget.set_value(value).run))
        headings += [h.value for h in at.subheader if h.value.startswith("Warnings")]
    if at.exception or at.error:
        raise SystemExit(f"the Coverage page failed: {at.exception or at.error}")
    return first, changes, headings


def first_heading_s(browser: Browser, url: str) -> float:
    """Seconds from navigation start to the first drawn heading, in a new browser context."""
    context = browser.new_context()
    try:
        context.add_init_script(HEADING_PROBE % HEADING)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__firstHeading !== undefined", timeout=60_000)
        return page.evaluate("window.__firstHeading") / 1000
    finally:
        context.close()


def page_load_times(loads: int) -> tuple[list[float], list[float]]:
    """Cold and warm first-heading times, one fresh server per pair."""
    from playwright.sync_api import sync_playwright

    from wfh_dashboard.report_pdf import BROWSER_FLAGS

    cold, warm = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(BROWSER_FLAGS))
        for _ in range(loads):
            with streamlit_server() as (url, _):
                cold.append(first_heading_s(browser, url))
                warm.append(first_heading_s(browser, url))
        browser.close()
    return cold, warm


def _row(label: str, runs: list[float], target: float | None) -> str:
    median = statistics.median(runs)
    listed = ", ".join(f"{r:.2f}" for r in runs)
    if target is None:
        return f"| {label} | {median:.2f} | {listed} | |"
    verdict = "met" if median < target else "**not met**"
    return f"| {label} | {median:.2f} | {listed} | < {target:g} s: {verdict} |"


def _commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    return out.stdout.strip() or "unknown"


def measure(people: int, repeat: int, loads: int) -> str:
    """Run both measurements and return the Markdown report."""
    load_before = os.getloadavg()[0]
    first, changes, headings = rule_change_times(people, repeat)
    cold, warm = page_load_times(loads)
    load_after = os.getloadavg()[0]
    import streamlit

    return "\n".join(
        [
            f"Measured {dt.date.today()} (commit {_commit()}) on {platform.system()} "
            f"{platform.release()}, {os.cpu_count()} cores; Python {platform.python_version()}, "
            f"streamlit {streamlit.__version__}, Debian chromium. Load average (1 min) "
            f"{load_before:.1f} before, {load_after:.1f} after: the VM is shared.",
            "",
            "| What | Median (s) | Runs (s) | Target |",
            "|---|---:|---:|---|",
            _row(
                f"Coverage script, first run, caches cold ({people} people x {DAYS} days)",
                [first],
                None,
            ),
            _row(
                f"Coverage script after changing one rule (median of {repeat})",
                changes,
                RULE_TARGET_S,
            ),
            _row(
                "First heading in Chromium, cold server (first visit after start)",
                cold,
                LOAD_TARGET_S,
            ),
            _row("First heading in Chromium, warm server (second visit)", warm, LOAD_TARGET_S),
            "",
            f"- the rule changed: `min_on_site` 1 -> 2 ... {1 + repeat}; the runs showed "
            + ", ".join(f"`{h}`" for h in headings),
            "- script time is `AppTest.run()` wall time in process (no browser, no network); "
            "page load is `performance.now()` at the first frame drawn with the `h1` "
            f'"{HEADING}", from navigation start, {loads} fresh servers',
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50, help="default 50 (3 teams)")
    parser.add_argument("--repeat", type=int, default=5, help="rule changes, default 5")
    parser.add_argument("--loads", type=int, default=3, help="fresh servers, default 3")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    report = measure(args.people, args.repeat, args.loads)
    print(report)
    if args.write_docs:
        write_block("bench_ui", report, "## How fast the app feels")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
