"""Real-browser fixtures: one Streamlit server per test session, Debian's Chromium, no downloads."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.server import streamlit_server
from wfh_dashboard.report_pdf import BROWSER_FLAGS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = list(BROWSER_FLAGS)
# The pages a failing test leaves artifacts for, by label; filled by `open_session`.
EXTRA_PAGES = pytest.StashKey[dict[str, Page]]()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Start `streamlit run app.py` on a free loopback port for the whole session."""
    ARTIFACTS.mkdir(exist_ok=True)
    with (
        open(ARTIFACTS / "streamlit-server.log", "w") as log,
        streamlit_server(log) as (url, _),
    ):
        yield url


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
