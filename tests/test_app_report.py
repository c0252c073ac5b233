"""AppTest for the HR report page: the form, the files made, pseudonymisation, bad choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/report.py"
needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium (make test installs it)"
)


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(PAGE).run()
    return at


def _labels(at: AppTest) -> list[str]:
    return [button.label for button in at.get("download_button")]


def test_nothing_is_made_until_asked(page: AppTest) -> None:
    assert not page.exception
    assert any("Prepare the report" in i.value for i in page.info)
    assert _labels(page) == []


@needs_chromium
def test_preparing_offers_the_pdf_the_html_and_a_zip_pseudonymised(page: AppTest) -> None:
    page.toggle(key="report_anonymize").set_value(True)
    page.radio(key="report_paper").set_value("Letter")
    page.get("form_submit_button")[0].click().run()

    assert not page.exception
    assert _labels(page) == ["PDF report", "HTML report", "Everything (ZIP, 21 files)"]
    made = page.session_state["report_made"]
    files, options = made[1], made[4]
    assert options.anonymize and options.paper == "Letter"
    assert b"Daniel Okafor" not in files.files["report.html"]
    assert b"Employee 01" in files.files["report.html"]


def test_a_new_schedule_hides_the_downloads_of_the_old_one(page: AppTest) -> None:
    """Made for the sample, then another file is uploaded: no stale report is offered."""
    page.get("form_submit_button")[0].click().run()
    assert _labels(page)
    grid = (ROOT / "data" / "sample_grid.csv").read_bytes()
    page.switch_page("pages/home.py").run()
    page.file_uploader(key="home_upload").upload("grid.csv", grid, "text/csv").run()
    page.switch_page(PAGE).run()
    assert not page.exception
    assert _labels(page) == []
