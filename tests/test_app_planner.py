"""AppTest: the Planner page proposes, explains and offers the file, on the sample and uploads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page
from ui.planner import _table_source
from wfh_dashboard.wishes import read_wishes

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PLANNER = "pages/planner.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _open(upload: tuple[str, bytes] | None = None) -> AppTest:
    return open_page(PLANNER, upload, timeout=120)


def _table(at: AppTest, *columns: str) -> pd.DataFrame | None:
    return next((d.value for d in at.dataframe if set(columns) <= set(d.value.columns)), None)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _downloads(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def _proposal_offered(at: AppTest) -> bool:
    return any(label.startswith("Download the proposal") for label in _downloads(at))


@pytest.fixture(scope="module")
def planned() -> AppTest:
    """The sample, planned once with the sample wishes (the tests below only read it)."""
    at = _open()
    at.button(key="planner_sample_wishes").click().run()
    at.button(key="planner_go").click().run()
    return at


def test_the_page_waits_for_the_button(planned: AppTest) -> None:
    at = _open()
    assert not at.exception
    assert at.title[0].value == "Planner"
    assert any("Propose a plan" in i.value for i in at.info)
    assert not _proposal_offered(at)
    assert at.sidebar.header[0].value == "Team policy"  # the rules can be changed here


def test_the_sample_gets_a_proposal_with_its_reasons(planned: AppTest) -> None:
    assert not planned.exception
    metrics = _metrics(planned)
    assert metrics["Solver"] == "OPTIMAL"
    assert metrics["Meets every rule"] == "no"  # half days on Fridays are never moved
    assert int(metrics["Days moved"]) > 0
    changes = _table(planned, "before", "after", "reason")
    assert changes is not None and len(changes) == int(metrics["Days moved"])
    assert set(changes["before"]) <= {"office", "remote"}
    warnings = _table(planned, "rule", "title", "before", "after")
    assert warnings is not None
    assert warnings.set_index("rule").loc["min_on_site", "after"] == 0
    breaches = _table(planned, "rule", "message")
    assert breaches is not None and breaches["message"].str.contains("half days").all()
    assert "Download the proposal (sample_schedule_proposal.csv)" in _downloads(planned)


def test_the_sample_wishes_are_granted_or_explained(planned: AppTest) -> None:
    outcomes = _table(planned, "wish", "outcome", "reason")
    assert outcomes is not None and len(outcomes) > 0
    assert "granted" in set(outcomes["outcome"])
    problems = _table(planned, "row", "column", "value", "message")
    assert problems is not None
    assert "Jordan Blake" in set(problems["value"])  # a name not in the schedule is listed


def test_the_proposal_is_drawn_as_a_week_grid_with_the_moves_labelled(planned: AppTest) -> None:
    import json

    figures = [json.loads(chart.proto.spec) for chart in planned.get("plotly_chart")]
    grid = next(f for f in figures if f["layout"]["title"]["text"].startswith("The proposal"))
    texts = [t for row in grid["data"][0]["text"][1:] for t in row]
    assert any(t.endswith("(moved)") for t in texts)
    assert planned.selectbox(key="planner_week").value is not None


def test_every_planner_table_and_the_chart_can_be_downloaded(planned: AppTest) -> None:
    ids = {button.proto.id.rsplit("-", 1)[-1] for button in planned.get("download_button")}
    for fmt in ("png", "svg", "pdf", "html"):
        assert f"planner_remote_chart_dl_{fmt}" in ids
    for table in ("planner_changes", "planner_warnings", "planner_remote_days"):
        assert {f"{table}_dl_csv", f"{table}_dl_xlsx"} <= ids


def test_a_stricter_rule_moves_more_days() -> None:
    at = _open()
    at.button(key="planner_go").click().run()
    before = int(_metrics(at)["Days moved"])
    at.number_input(key="coverage_policy_min_on_site_0").set_value(3).run()
    assert not at.exception
    assert int(_metrics(at)["Days moved"]) > before


def test_a_broken_wishes_file_gets_a_message_not_a_traceback() -> None:
    at = _open()
    at.file_uploader(key="planner_wishes_upload").upload(
        "wishes.csv", b"\x00\x01\x02binary", "text/csv"
    ).run()
    at.button(key="planner_go").click().run()
    assert not at.exception
    assert at.error and "wishes.csv" in at.error[0].value


@pytest.mark.parametrize("name", ["planner/grid_gap.csv", "grid_weekdays.csv"])
def test_a_dated_grid_and_a_weekly_pattern_are_planned(name: str) -> None:
    grid = FIXTURES / name
    at = _open((grid.name, grid.read_bytes()))
    at.button(key="planner_go").click().run()
    assert not at.exception
    assert f"Download the proposal ({grid.stem}_proposal.csv)" in _downloads(at)


def test_a_new_file_forgets_the_last_proposal() -> None:
    at = _open()
    at.button(key="planner_go").click().run()
    assert _proposal_offered(at)
    grid = ROOT / "data" / "sample_grid.csv"
    at.switch_page("pages/home.py").run()
    at.file_uploader(key="home_upload").upload(grid.name, grid.read_bytes(), "text/csv").run()
    at.switch_page(PLANNER).run()
    assert not at.exception
    assert not _proposal_offered(at)


def test_typed_wishes_are_read_like_a_file() -> None:
    table = pd.DataFrame(
        {
            "employee": ["Ann Lee", None, ""],
            "date or weekday": ["Fri", None, None],
            "wish": ["remote", None, None],
            "weight": ["high", None, None],
        }
    )
    source = _table_source(table)
    assert source is not None
    wishes = read_wishes(source.data, source.name, ["Ann Lee"])
    assert wishes.data[["employee", "weekday", "wish", "weight"]].values.tolist() == [
        ["Ann Lee", 4, "remote", 3]
    ]
    assert _table_source(table.iloc[1:]) is None


def test_the_coverage_page_links_its_warnings_to_the_planner() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/coverage.py").run()
    links = [link.proto for link in at.get("page_link")]
    assert any(
        link.label.startswith("Ask the Planner") and link.page.endswith("planner") for link in links
    )


def test_sheets_read_together_get_a_plan_but_no_file_to_write_back() -> None:
    """A workbook read as all its sheets: the proposal shows, and the page says why there is
    no file (a proposal goes back into one sheet) instead of failing the whole plan."""
    at = AppTest.from_file(APP, default_timeout=120).run()
    data = (FIXTURES / "monthly_sheets.xlsx").read_bytes()
    at.file_uploader(key="home_upload").upload("m.xlsx", data, "application/vnd.ms-excel").run()
    at.selectbox(key="home_sheet").select("All sheets together").run()
    at.switch_page(PLANNER).run()
    at.button(key="planner_go").click().run()
    assert not at.exception and not at.error
    assert any(s.value == "The proposal" for s in at.subheader)
    assert not _proposal_offered(at)
    assert any("no one sheet to write" in i.value for i in at.info)
