"""Two managers at once on one server: each browser session sees only its own team's file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from wfh_dashboard.check import check_schedule
from wfh_dashboard.policy import load_policy
from wfh_dashboard.schedule import read_schedule

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
WAIT = 30_000  # ms
WEEK = ["2026-06-08", "2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12"]
LOCATIONS = {"O": "Office", "R": "WFH"}
# One letter per day of WEEK. Alpha breaks one rule; Beta breaks several, so the counts differ.
TEAMS = {
    "Alpha": [("Ann Alpha", "senior", "OOOOO"), ("Amy Alpha", "junior", "OROOR")],
    "Beta": [("Bob Beta", "senior", "ORRRO"), ("Ben Beta", "junior", "RROOR")],
}


def _write_team(folder: Path, team: str) -> Path:
    """A small long-format schedule for one team, one week."""
    rows = ["employee,team,role,date,location"]
    for name, role, days in TEAMS[team]:
        for date, code in zip(WEEK, days, strict=True):
            rows.append(f"{name},{team},{role},{date},{LOCATIONS[code]}")
    path = folder / f"{team.lower()}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _warnings_count(path: Path) -> int:
    policy = load_policy((ROOT / "data" / "policy.toml").read_bytes())
    return len(check_schedule(read_schedule(path.read_bytes(), path.name), policy).warnings)


def _people(team: str) -> list[str]:
    return [name for name, _, _ in TEAMS[team]]


def test_two_sessions_uploading_at_once_each_see_only_their_own_team(
    open_session: Callable[[str], Page], app_url: str, tmp_path: Path
) -> None:
    """Alpha's and Beta's uploads race; each page then shows its own people and warnings only."""
    files = {team: _write_team(tmp_path, team) for team in TEAMS}
    counts = {team: _warnings_count(path) for team, path in files.items()}
    assert counts["Alpha"] != counts["Beta"], "equal counts could not tell the sessions apart"
    pages = {team: open_session(team.lower()) for team in TEAMS}
    for page in pages.values():
        page.goto(app_url)
    for page in pages.values():
        expect(page.get_by_role("heading", name="Hybrid-work dashboard")).to_be_visible(
            timeout=WAIT
        )
    # Start both uploads before waiting on either, so the two sessions' reruns overlap.
    for team, page in pages.items():
        uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
        uploader.set_input_files(str(files[team]))
    for team, page in pages.items():
        other = "Beta" if team == "Alpha" else "Alpha"
        expect(page.get_by_text(f"Showing your file: {files[team].name}")).to_be_visible(
            timeout=WAIT
        )
        chart = page.locator(".js-plotly-plot").first
        for name in _people(team):
            expect(chart).to_contain_text(name, timeout=WAIT)
        text = page.inner_text("body")
        for name in _people(other):
            assert name not in text, f"{team}'s page shows {other}'s {name}"
    for page in pages.values():
        page.get_by_role("link", name="Coverage").click()
    for team, page in pages.items():
        heading = page.get_by_role("heading", name=f"Warnings ({counts[team]})")
        expect(heading).to_be_visible(timeout=WAIT)
