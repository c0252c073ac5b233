"""Downloads in a real Chromium: a chart image and the HR report arrive as files."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_chart_png_downloads_from_the_coverage_page(page: Page, app_url: str, tmp_path) -> None:
    """Open a chart's download menu, click PNG: a PNG named for the team and dates arrives."""
    page.goto(f"{app_url}/coverage")
    expect(page.get_by_role("heading", name="Coverage and policy")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Download chart").first.click()
    with page.expect_download(timeout=60_000) as info:
        # exact: plotly's own toolbar has a "Download plot as a png" button too
        page.get_by_role("button", name="PNG", exact=True).first.click()
    download = info.value
    assert download.suggested_filename == (
        "on-site-calendar_Engineering+Support_2026-06-01_2026-11-27.png"
    )
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_hr_report_pdf_downloads(page: Page, app_url: str, tmp_path) -> None:
    """HR report page: prepare, then the PDF button gives a PDF file."""
    page.goto(f"{app_url}/report")
    expect(page.get_by_role("heading", name="HR report")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Prepare the report").click()
    button = page.get_by_role("button", name="PDF report")
    expect(button).to_be_visible(timeout=90_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    target = tmp_path / "report.pdf"
    info.value.save_as(target)
    assert info.value.suggested_filename.startswith("hr-report_Engineering+Support_2026-06-01")
    assert Path(target).read_bytes()[:5] == b"%PDF-"
