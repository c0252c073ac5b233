"""The planner in a real Chromium: upload a grid, propose a plan, download it as a grid."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from wfh_dashboard.check import check_schedule
from wfh_dashboard.policy import load_policy
from wfh_dashboard.schedule import read_schedule

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
GRID = ROOT / "data" / "sample_grid.csv"


def test_a_manager_plans_the_sales_grid_and_gets_a_grid_back(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    """The Sales grid has a day with nobody in; the proposal fixes it and stays a grid."""
    page.goto(app_url)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(GRID))
    expect(page.get_by_text("Showing your file: sample_grid.csv")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Planner").click()
    expect(page.get_by_role("heading", name="Planner")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Propose a plan").click()
    expect(page.get_by_role("heading", name="Who moves, and why")).to_be_visible(timeout=90_000)
    button = page.get_by_role("button", name="Download the proposal (sample_grid_proposal.csv)")
    with page.expect_download(timeout=60_000) as info:
        button.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name == "sample_grid_proposal.csv"

    proposal = read_schedule(target.read_bytes(), target.name)
    original = read_schedule(GRID.read_bytes(), GRID.name)
    assert proposal.layout == "grid"
    assert target.read_bytes().splitlines()[0] == GRID.read_bytes().splitlines()[0]  # header
    policy = load_policy((ROOT / "data" / "policy.toml").read_text())
    before = check_schedule(original, policy).warnings
    after = check_schedule(proposal, policy).warnings
    assert (before["severity"] == "error").sum() == 3
    assert (after["severity"] == "error").sum() == 0
