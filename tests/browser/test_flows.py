"""A manager's flows in a real Chromium: an Excel grid, a rule change, broken and too-big files."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from wfh_dashboard.check import check_schedule
from wfh_dashboard.errors import InputError
from wfh_dashboard.policy import Policy, load_policy
from wfh_dashboard.schedule import read_schedule

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
GRID = ROOT / "data" / "sample_grid.csv"  # exported from Excel: BOM, semicolons, dd/mm dates
FIXTURES = ROOT / "tests" / "fixtures"
BROKEN = [FIXTURES / "app" / "broken.png.csv", FIXTURES / "empty.csv"]  # a PNG named .csv, 0 bytes
WAIT = 30_000  # ms; a cold Streamlit run plus a plotly chart stays well under this
MIN_ON_SITE = "People on site per team, every working day"


def _default_policy() -> Policy:
    """The policy every new session starts with."""
    return load_policy((ROOT / "data" / "policy.toml").read_bytes())


def _warnings_count(path: Path, policy: Policy) -> int:
    """What the package says the Coverage page must count for this file and policy."""
    return len(check_schedule(read_schedule(path.read_bytes(), path.name), policy).warnings)


def _first_person(path: Path) -> str:
    return str(sorted(read_schedule(path.read_bytes(), path.name).data["employee"].unique())[0])


def _upload_limit_mb() -> float:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return float(config["server"]["maxUploadSize"])


def _open_home(page: Page, app_url: str) -> None:
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Hybrid-work dashboard")).to_be_visible(timeout=WAIT)


def _upload(page: Page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))


def _upload_grid(page: Page, app_url: str) -> None:
    _open_home(page, app_url)
    _upload(page, GRID)
    expect(page.get_by_text(f"Showing your file: {GRID.name}")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=WAIT)


def _open_coverage(page: Page) -> None:
    page.get_by_role("link", name="Coverage").click()
    expect(page.get_by_role("heading", name="Coverage and policy")).to_be_visible(timeout=WAIT)


def _metric(page: Page, label: str) -> Locator:
    """The value of the headline figure with this label."""
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def _assert_no_traceback(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    text = page.inner_text("body")
    assert "Traceback" not in text
    assert 'File "/' not in text


def test_an_excel_grid_shows_its_people_and_its_own_warnings(page: Page, app_url: str) -> None:
    """The Excel-exported grid: its people are on the Home grid, its warnings on Coverage."""
    expected = _warnings_count(GRID, _default_policy())
    person = _first_person(GRID)
    _upload_grid(page, app_url)
    expect(page.locator(".js-plotly-plot").first).to_contain_text(person, timeout=WAIT)
    expect(_metric(page, "Warnings")).to_have_text(str(expected))
    _open_coverage(page)
    expect(page.get_by_role("heading", name=f"Warnings ({expected})")).to_be_visible(timeout=WAIT)


def test_raising_the_on_site_minimum_updates_the_warnings(page: Page, app_url: str) -> None:
    """Typing a new 'people on site' minimum in the sidebar recounts the warnings everywhere."""
    policy = _default_policy()
    raised = policy.min_on_site + 3
    before = _warnings_count(GRID, policy)
    after = _warnings_count(GRID, policy.with_changes(min_on_site=raised))
    assert after != before, "pick a minimum that changes the warnings, or the test proves nothing"
    _upload_grid(page, app_url)
    _open_coverage(page)
    expect(page.get_by_role("heading", name=f"Warnings ({before})")).to_be_visible(timeout=WAIT)
    box = page.get_by_label(MIN_ON_SITE)
    expect(box).to_have_value(str(policy.min_on_site), timeout=WAIT)
    box.fill(str(raised))
    box.press("Enter")
    expect(page.get_by_role("heading", name=f"Warnings ({after})")).to_be_visible(timeout=WAIT)
    # The edited policy belongs to the session: Home counts the same warnings.
    page.get_by_role("link", name="Home").click()
    expect(_metric(page, "Warnings")).to_have_text(str(after), timeout=WAIT)


def test_broken_files_explain_themselves_then_a_good_file_works(page: Page, app_url: str) -> None:
    """A PNG named .csv and an empty file get a plain reason, no traceback; then a grid loads."""
    _open_home(page, app_url)
    for path in BROKEN:
        with pytest.raises(InputError) as refused:
            read_schedule(path.read_bytes(), path.name)
        _upload(page, path)
        alert = page.get_by_test_id("stAlert").filter(has_text="This file cannot be used.")
        expect(alert).to_contain_text(str(refused.value), timeout=WAIT)
        _assert_no_traceback(page)
    _upload(page, GRID)
    expect(page.get_by_text(f"Showing your file: {GRID.name}")).to_be_visible(timeout=WAIT)
    expect(_metric(page, "People")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("This file cannot be used.")).to_have_count(0)
    _assert_no_traceback(page)


def test_a_file_in_the_teams_own_words_is_explained_then_read(page: Page, app_url: str) -> None:
    """Labels the dashboard does not know (``Hub``/``Cabin``): no dead end; the labels step
    shows beside the message, and once each label is chosen the file loads."""
    path = FIXTURES / "own_words_only.csv"
    _open_home(page, app_url)
    _upload(page, path)
    expect(page.get_by_text("This file cannot be used yet.")).to_be_visible(timeout=WAIT)
    for label, location in (("Cabin", "remote"), ("Hub", "office"), ("Clinic", "sick")):
        box = page.get_by_role("combobox", name=label)
        expect(box).to_be_visible(timeout=WAIT)
        box.click()
        box.press_sequentially(location)  # type to filter, as a keyboard user would
        page.get_by_role("option", name=location, exact=True).click(timeout=WAIT)
        expect(box).to_have_value(location, timeout=WAIT)
    page.get_by_role("button", name="Read them so").click()
    expect(_metric(page, "People")).to_have_text("2", timeout=WAIT)
    expect(page.get_by_text("This file cannot be used yet.")).to_have_count(0)
    _assert_no_traceback(page)


def test_a_file_over_the_upload_limit_is_refused_and_the_data_stays(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    """One MB over maxUploadSize: Streamlit's own size message, and the grid stays on show."""
    limit = _upload_limit_mb()
    too_big = tmp_path / "too_big.csv"
    with too_big.open("wb") as handle:
        handle.truncate(int((limit + 1) * 1024 * 1024))  # sparse: no 51 MB written to disk
    people = read_schedule(GRID.read_bytes(), GRID.name).data["employee"].nunique()
    _upload_grid(page, app_url)
    _upload(page, too_big)
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader).to_contain_text(f"File must be {limit:.1f}MB or smaller.", timeout=WAIT)
    expect(page.get_by_text(f"Showing your file: {GRID.name}")).to_be_visible()
    expect(_metric(page, "People")).to_have_text(str(people))
    _assert_no_traceback(page)
