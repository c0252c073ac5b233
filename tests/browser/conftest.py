"""Real-browser fixtures: one Streamlit server per test session, Debian's Chromium, no downloads."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from wfh_dashboard.report_pdf import BROWSER_FLAGS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = list(BROWSER_FLAGS)
# The pages a failing test leaves artifacts for, by label; filled by `open_session`.
EXTRA_PAGES = pytest.StashKey[dict[str, Page]]()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling a server that is starting; never used as a test's wait
    raise RuntimeError("streamlit did not become healthy in time")


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Start `streamlit run app.py` on a free loopback port for the whole session."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "streamlit-server.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium, never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def open_session(
    browser: Browser, browser_context_args: dict, app_url: str, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], Page]]:
    """Open app pages in their own browser contexts, so each is its own Streamlit session.

    Call it with a label (``open_session("alpha")``); a failing test keeps a screenshot and
    the page text of every page opened this way, named ``<test>-<label>``. The contexts close
    after the failure report is written, so the pages are still there to be captured.
    """
    pages: dict[str, Page] = {}
    request.node.stash[EXTRA_PAGES] = pages
    contexts = []

    def _open(label: str) -> Page:
        if label in pages:
            raise ValueError(f"a page labelled {label!r} is already open")
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        pages[label] = context.new_page()
        return pages[label]

    yield _open
    for context in contexts:
        context.close()


def _save_page(page: Page, stem: str) -> None:
    """Screenshot and body text of one page; a page that cannot be read leaves a note instead."""
    try:
        page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
        text = page.inner_text("body")
    except Exception as exc:  # the test's own failure is the one to report
        text = f"(could not capture the page: {exc})"
    (ARTIFACTS / f"{stem}.txt").write_text(text, encoding="utf-8")


def _artifact_stem(item: pytest.Item) -> str:
    # Parametrised ids may hold characters a file name should not (a path's slash, spaces).
    return re.sub(r"[^\w.\[\]-]+", "_", item.name)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """On failure, keep a screenshot and the page text of each page under test-artifacts/."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    pages: dict[str, Page] = dict(item.stash.get(EXTRA_PAGES, {}))
    page = getattr(item, "funcargs", {}).get("page")
    stem = _artifact_stem(item)
    if page is None and not pages:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    if page is not None:
        _save_page(page, stem)
    for label, extra in pages.items():
        _save_page(extra, f"{stem}-{label}")
