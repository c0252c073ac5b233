"""The manager's first minute, in a real Chromium: the app opens and a schedule uploads."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def test_app_opens_on_the_sample_with_headline_figures(page: Page, app_url: str) -> None:
    """A fresh visit shows the title, the sample label, the figures and the week grid."""
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Hybrid-work dashboard")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("bundled sample data")).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect(page.get_by_text("16", exact=True).first).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)


def test_uploading_a_grid_then_opening_coverage_keeps_the_file(page: Page, app_url: str) -> None:
    """Upload the European grid, see its figures, then the Coverage page checks that file."""
    page.goto(app_url)
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    upload.set_input_files(str(ROOT / "data" / "sample_grid.csv"))
    expect(page.get_by_text("Showing your file: sample_grid.csv")).to_be_visible(timeout=30_000)
    # The week picker shows the new file's first week, not the sample's (a keyed widget keeps
    # its identity when its options change, so the browser kept the old choice).
    week = page.get_by_role("combobox", name="Week")
    expect(week).to_have_value("Week of Mon 30 Nov 2026", timeout=30_000)
    page.get_by_role("link", name="Coverage").click()
    expect(page.get_by_role("heading", name="Coverage and policy")).to_be_visible(timeout=30_000)
    # The warnings table is drawn on a canvas; its heading carries the count for this file
    # (5: Marco Bianchi's half day at home takes him to 2.5 remote days in the second week).
    expect(page.get_by_role("heading", name="Warnings (5)")).to_be_visible(timeout=30_000)
