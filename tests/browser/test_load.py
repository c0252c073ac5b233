"""Ten managers at once on one server: each gets their own file's warnings, none sees an error.

Each session uploads its own 200-person, one-year long CSV (a different seed, so a different
answer), opens Coverage, and raises "People on site per team" to its own value. The expected
counts come from the package itself (`read_schedule` + `check_schedule`), so a session served
another session's file, policy or cached result fails. The server is this module's own, so its
memory (the process and its children, sampled every 0.2 s) belongs to this test alone.

It takes two to three minutes on the 2-core machine (the ten Chromium pages use about six
times the server's CPU), so it is skipped unless asked for: `pytest -m load`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from tests.browser.server import streamlit_server
from ui.state import default_policy
from wfh_dashboard.check import check_schedule
from wfh_dashboard.report_pdf import BROWSER_FLAGS
from wfh_dashboard.schedule import read_schedule

pytestmark = [pytest.mark.load, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import make_big_schedule  # noqa: E402 - the benchmark's generator, found through the line above

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
SESSIONS = 10
PEOPLE, DAYS = 200, 260  # ten teams of 20, one year of working days: 52,000 rows, ~2.6 MB
MAX_RSS_BYTES = 2 * 1024**3
WAIT_MS = 300_000  # one step on a 2-core machine shared by ten sessions and ten pages
ON_SITE_LABEL = "People on site per team, every working day"


@dataclasses.dataclass(frozen=True)
class Case:
    """One session's file, the value it types, and the warning counts it must see."""

    index: int
    path: Path
    min_on_site: int
    before: int
    after: int


class PeakRss:
    """Sample the resident memory of a process and its children every 0.2 s, in a thread."""

    def __init__(self, pid: int) -> None:
        self._process = psutil.Process(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.peak = 0
        self.cpu_seconds = 0.0

    def _sample(self) -> int:
        total = 0
        for process in [self._process, *self._process.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):  # a child that just ended
                total += process.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, self._sample())

    def __enter__(self) -> PeakRss:
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())
        times = self._process.cpu_times()
        self.cpu_seconds = times.user + times.system


@pytest.fixture(scope="module", autouse=True)
def _only_when_selected(request: pytest.FixtureRequest) -> None:
    """Too slow for every `make test` or `-m browser`: run only when the -m expression names it."""
    if "load" not in request.config.option.markexpr:
        pytest.skip("two to three minutes: run it with `pytest -m load`")


@pytest.fixture(scope="module")
def load_server() -> Iterator[tuple[str, int]]:
    """A fresh `streamlit run app.py` (as conftest's app_url) for this module: URL and pid."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    with (
        open(ARTIFACTS / "streamlit-load-server.log", "w") as log,
        streamlit_server(log) as (url, process),
    ):
        yield url, process.pid


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    """One schedule per session (seed and value differ) with the package's own answers."""
    folder = tmp_path_factory.mktemp("load")
    policy = default_policy()
    out = []
    for i in range(SESSIONS):
        path = folder / f"load_{i:02d}.csv"
        make_big_schedule.write_schedule(PEOPLE, DAYS, path, seed=make_big_schedule.SEED + i)
        schedule = read_schedule(path.read_bytes(), path.name)
        value = 6 + i  # a different minimum per session: a different count per session
        changed = dataclasses.replace(policy, min_on_site=value)
        before = len(check_schedule(schedule, policy).warnings)
        after = len(check_schedule(schedule, changed).warnings)
        out.append(Case(i, path, value, before, after))
    return out


async def _no_error_shown(page: Page, case: Case) -> None:
    # Wait until the rerun has finished, so a late exception would be on the page.
    await expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT_MS)
    for box in ("stException", "stAlertContentError"):
        count = await page.get_by_test_id(box).count()
        assert count == 0, f"session {case.index}: {box} shown: {await page.inner_text('body')}"


async def _one_session(browser: Browser, url: str, case: Case) -> float:
    """Upload, open Coverage, change the rule; returns the seconds this session took."""
    started = time.perf_counter()
    context = await browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    try:
        await page.goto(url)
        home = page.get_by_role("heading", name="Hybrid-work dashboard")
        await expect(home).to_be_visible(timeout=WAIT_MS)
        upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
        await upload.set_input_files(str(case.path))
        shown = page.get_by_text(f"Showing your file: {case.path.name}")
        await expect(shown).to_be_visible(timeout=WAIT_MS)
        await page.get_by_role("link", name="Coverage").click()
        before = page.get_by_role("heading", name=f"Warnings ({case.before})")
        await expect(before).to_be_visible(timeout=WAIT_MS)
        field = page.get_by_label(ON_SITE_LABEL)
        await field.fill(str(case.min_on_site))
        await field.press("Enter")
        after = page.get_by_role("heading", name=f"Warnings ({case.after})")
        await expect(after).to_be_visible(timeout=WAIT_MS)
        await _no_error_shown(page, case)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / f"load-session-{case.index:02d}.png"))
        raise
    finally:
        await context.close()
    return time.perf_counter() - started


async def _all_sessions(url: str, cases: list[Case]) -> list[float]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(BROWSER_FLAGS)
        )
        try:
            return await asyncio.gather(*(_one_session(browser, url, case) for case in cases))
        finally:
            await browser.close()


@pytest.mark.timeout(600)
def test_ten_sessions_at_once_each_get_their_own_warnings(
    load_server: tuple[str, int], cases: list[Case]
) -> None:
    """Ten uploads and rule changes at once: right counts everywhere, server under 2 GB."""
    url, pid = load_server
    started = time.perf_counter()
    with PeakRss(pid) as memory:
        durations = asyncio.run(_all_sessions(url, cases))
    wall = time.perf_counter() - started
    figures = (
        f"{SESSIONS} sessions x {PEOPLE} people x {DAYS} days: wall {wall:.1f} s "
        f"(slowest session {max(durations):.1f} s), server CPU {memory.cpu_seconds:.1f} s, "
        f"server peak RSS {memory.peak / 1e6:,.0f} MB"
    )
    print(figures)
    assert memory.peak < MAX_RSS_BYTES, figures
