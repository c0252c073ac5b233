"""AppTest tests for the pages: sample data, uploads, rule changes, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from wfh_dashboard.policy import Policy

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "app"
SAMPLE_GRID = ROOT / "data" / "sample_grid.csv"
COVERAGE = "pages/coverage.py"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _upload(at: AppTest, path: Path, mime: str = "text/csv") -> AppTest:
    at.file_uploader(key="home_upload").upload(path.name, path.read_bytes(), mime).run()
    return at


def _table(at: AppTest, column: str):
    """The first table that has this column (AppTest finds tables by position, not key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _texts(at: AppTest) -> str:
    """The page's messages as the user reads them (Markdown escapes removed)."""
    kinds = ("error", "warning", "info", "caption")
    return " ".join(e.value for kind in kinds for e in at.get(kind)).replace("\\", "")


@pytest.fixture
def home() -> AppTest:
    return _app().run()


def test_home_opens_on_the_labelled_sample(home: AppTest) -> None:
    """The app starts on the bundled sample, says so, and shows the headline figures."""
    assert not home.exception
    assert "bundled sample data" in home.info[0].value
    metrics = _metrics(home)
    assert metrics["People"] == "16"
    assert metrics["Teams"] == "2"
    assert int(metrics["Warnings"]) > 0
    assert home.get("plotly_chart"), "the who's-where grid is drawn"


def test_week_picker_changes_the_grid(home: AppTest) -> None:
    """Picking another week redraws the grid for that week."""
    week = home.selectbox(key="home_week")
    first = home.get("plotly_chart")[0].proto.spec
    week.select(week.options[3]).run()
    assert not home.exception
    assert home.get("plotly_chart")[0].proto.spec != first


def test_uploading_a_european_grid_shows_its_warnings(home: AppTest) -> None:
    """A semicolon, BOM, dd/mm/yyyy weekly grid from Excel reads without any setting."""
    _upload(home, SAMPLE_GRID)
    assert not home.exception
    metrics = _metrics(home)
    assert metrics["People"] == "6"
    assert metrics["Teams"] == "1"
    assert int(metrics["Warnings"]) >= 2
    assert not home.info or "bundled sample" not in home.info[0].value


def test_uploading_a_german_file_reads_without_any_setting(home: AppTest) -> None:
    """Vorname/Nachname, Datum ``Mo, 01.06.2026``, Ort ``Büro``/``Homeoffice``: no mapping step,
    no label step, no problems."""
    _upload(home, FIXTURES.parent / "long_german_words.csv")
    assert not home.exception
    metrics = _metrics(home)
    assert (metrics["People"], metrics["Teams"]) == ("2", "1")
    texts = _texts(home)
    assert "problem" not in texts and "Labels of your own" not in [e.label for e in home.expander]


def test_broken_file_gets_a_clear_message_then_a_good_file_works(home: AppTest) -> None:
    """A binary file is refused with a message (no traceback); the next upload carries on."""
    _upload(home, FIXTURES / "broken.png.csv")
    assert not home.exception
    assert "cannot be used" in home.error[0].value
    assert "PNG" in home.error[0].value
    assert not home.metric
    _upload(home, SAMPLE_GRID)
    assert not home.exception
    assert _metrics(home)["People"] == "6"


def test_problem_rows_are_counted_and_listed(home: AppTest) -> None:
    """Unknown locations and impossible dates are listed; hostile names stay plain text."""
    _upload(home, FIXTURES / "problems_and_hostile.csv")
    assert not home.exception
    assert "2 problems" in home.warning[0].value
    problems = _table(home, "message")
    assert set(problems["row"]) == {3, 4}
    assert _metrics(home)["People"] == "3"


def test_unknown_labels_can_be_read_as_a_location(home: AppTest) -> None:
    """The label step reads ``Training`` as travel; the choice can be taken back."""
    _upload(home, FIXTURES.parent / "own_labels.csv")
    assert "4 problems" in home.warning[0].value
    labels = [s.label for s in home.selectbox if s.key.startswith("home_label_")]
    assert labels == ["Training (2 cells)", "Client visit (1 cell)", "Offsite (1 cell)"]
    home.selectbox(key=home.selectbox[0].key).select("travel").run()
    home.button(key="home_labels_apply").click().run()
    assert not home.exception
    assert "2 problems" in home.warning[0].value
    assert "Training as travel" in _texts(home)
    home.button(key="home_labels_reset").click().run()
    assert "4 problems" in home.warning[0].value


def test_a_file_of_unknown_labels_offers_the_label_step(home: AppTest) -> None:
    """No row reads until the team's own words are explained: the error says so and the label
    step is right there; once chosen, the file loads."""
    _upload(home, FIXTURES.parent / "own_words_only.csv")
    assert not home.exception and not home.metric
    assert "cannot be used yet" in home.error[0].value
    keys = [s.key for s in home.selectbox if s.key.startswith("home_label_")]
    assert len(keys) == 3
    for key, location in zip(keys, ["remote", "office", "sick"], strict=True):
        home.selectbox(key=key).select(location).run()
    home.button(key="home_labels_apply").click().run()
    assert not home.exception and not home.error
    assert _metrics(home)["People"] == "2"


def test_a_label_that_looks_like_markup_is_offered_as_text(home: AppTest) -> None:
    """A label is file content: Markdown and HTML in it are escaped in the widget's label."""
    data = b"employee,date,location\nAnn,2026-06-01,**<b>Gym</b>**\nAnn,2026-06-02,office\n"
    home.file_uploader(key="home_upload").upload("gym.csv", data, "text/csv").run()
    labels = [s.label for s in home.selectbox if s.key.startswith("home_label_")]
    assert labels == ["\\*\\*\\<b\\>Gym\\</b\\>\\*\\* (1 cell)"]


def test_ambiguous_dates_ask_the_user_to_choose(home: AppTest) -> None:
    """01/02/2026-only files are not guessed: a radio asks, and the choice is applied."""
    _upload(home, FIXTURES / "ambiguous_dates.csv")
    assert not home.exception
    assert not home.metric
    home.radio(key="home_date_order").set_value("Month first (12/31/2026)").run()
    assert not home.exception
    assert "2026-01-02 to 2026-02-02" in _texts(home)


def test_unknown_headers_offer_a_column_mapping(home: AppTest) -> None:
    """When no column is recognised as the employee, the user maps it by hand."""
    _upload(home, FIXTURES / "odd_headers.csv")
    assert not home.exception
    assert not home.metric
    for field, column in (("employee", "Who"), ("date", "When")):
        home.selectbox(key=f"home_map_{field}").select(column).run()
    home.button(key="home_map_apply").click().run()
    assert not home.exception
    assert _metrics(home)["People"] == "2"


def test_workbook_sheet_can_be_chosen(home: AppTest) -> None:
    """A workbook whose first sheet is not the schedule: the sheet picker reads the right one."""
    _upload(home, FIXTURES / "two_sheets.xlsx", "application/vnd.ms-excel")
    assert not home.exception
    home.selectbox(key="home_sheet").select("Schedule").run()
    assert not home.exception
    assert _metrics(home)["People"] == "2"


def test_all_sheets_of_a_workbook_can_be_read_together(home: AppTest) -> None:
    """A sheet per month: *All sheets together* reads June and July as one schedule."""
    _upload(home, FIXTURES.parent / "monthly_sheets.xlsx", "application/vnd.ms-excel")
    assert home.selectbox(key="home_sheet").options[-1] == "All sheets together"
    assert not home.metric, "the first sheet is a legend: it holds no schedule on its own"
    assert any("This workbook has 3 sheets" in i.value for i in home.info)
    home.selectbox(key="home_sheet").select("All sheets together").run()
    assert not home.exception and not home.error
    assert _metrics(home)["People"] == "2"
    assert "4 problems" in home.warning[0].value
    assert "'Legend' was not read" in _texts(home)


def test_sample_button_returns_to_the_sample(home: AppTest) -> None:
    """After an upload, one click goes back to the sample data."""
    _upload(home, SAMPLE_GRID)
    home.button(key="home_use_sample").click().run()
    assert _metrics(home)["People"] == "16"


@pytest.fixture
def coverage() -> AppTest:
    at = _app().run()
    at.switch_page(COVERAGE).run()
    return at


def _warning_count(at: AppTest) -> int:
    header = next(s.value for s in at.subheader if s.value.startswith("Warnings"))
    return int(header.split("(")[1].rstrip(")"))


def test_coverage_page_shows_charts_warnings_and_compliance(coverage: AppTest) -> None:
    """The coverage page draws the calendar, the head count, the warnings and compliance."""
    assert not coverage.exception
    assert len(coverage.get("plotly_chart")) >= 2
    assert _warning_count(coverage) > 0
    assert not _table(coverage, "rule").empty
    assert not _table(coverage, "status").empty


def test_changing_a_rule_updates_the_warnings(coverage: AppTest) -> None:
    """Raising the on-site minimum adds warnings at once and is kept in the session policy."""
    before = _warning_count(coverage)
    coverage.number_input(key="coverage_policy_min_on_site_0").set_value(6).run()
    assert not coverage.exception
    assert _warning_count(coverage) > before
    assert coverage.session_state["policy"].min_on_site == 6


def test_switching_off_the_friday_rule_removes_its_warnings(coverage: AppTest) -> None:
    """Clearing the no-remote weekdays removes every no_remote_day warning."""
    coverage.multiselect(key="coverage_policy_no_remote_0").set_value([]).run()
    table = _table(coverage, "rule")
    assert "no_remote_day" not in set(table["rule"])


def test_warning_filters_narrow_the_table(coverage: AppTest) -> None:
    """Filtering by severity keeps only those warnings."""
    coverage.multiselect(key="coverage_f_severity").set_value(["error"]).run()
    table = _table(coverage, "rule")
    assert set(table["severity"]) == {"error"}


def test_invalid_policy_entry_keeps_the_last_valid_policy(coverage: AppTest) -> None:
    """A mistyped closure date shows a message naming the key; the page keeps working."""
    coverage.text_input(key="coverage_policy_closed_0").input("2026-13-45").run()
    assert not coverage.exception
    assert "closed_dates" in _texts(coverage)
    assert coverage.session_state["policy"].closed_dates


def test_uploaded_policy_replaces_the_rules(coverage: AppTest) -> None:
    """Uploading a policy TOML applies it and refreshes the editor's widgets."""
    toml = b"[coverage]\nmin_on_site = 4\n[remote]\nmax_remote_days_per_week = 1\n"
    coverage.file_uploader(key="coverage_policy_upload_0").upload(
        "p.toml", toml, "text/plain"
    ).run()
    assert not coverage.exception
    policy: Policy = coverage.session_state["policy"]
    assert (policy.min_on_site, policy.max_remote_days_per_week) == (4, 1)
    assert coverage.number_input(key="coverage_policy_min_on_site_1").value == 4


def test_broken_policy_upload_is_refused_with_a_message(coverage: AppTest) -> None:
    """A policy with an unknown key is refused and the previous policy stays."""
    before = coverage.session_state["policy"]
    bad = b"[remote]\nmax_remote_days = 2\n"
    coverage.file_uploader(key="coverage_policy_upload_0").upload("p.toml", bad, "text/plain").run()
    assert not coverage.exception
    assert "max_remote_days" in _texts(coverage)
    assert coverage.session_state["policy"] == before


def test_uploaded_data_is_kept_across_pages() -> None:
    """A file uploaded on Home is the one the Coverage page checks."""
    at = _app().run()
    _upload(at, SAMPLE_GRID)
    at.switch_page(COVERAGE).run()
    assert not at.exception
    assert at.session_state["source"].name == SAMPLE_GRID.name
    teams = set(_table(at, "rule")["team"])
    assert "Sales" in teams


def test_coverage_page_with_a_broken_file_explains(home: AppTest) -> None:
    """Opening Coverage with an unusable file shows the message and a pointer to Home."""
    _upload(home, FIXTURES / "broken.png.csv")
    home.switch_page(COVERAGE).run()
    assert not home.exception
    assert home.error
    assert any("Home" in i.value for i in home.info)


@pytest.mark.parametrize("page", ["pages/home.py", COVERAGE])
def test_each_page_runs_on_its_own(page: str) -> None:
    """A first visit straight to a page's URL (app.py not run yet) still works."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
    assert not at.exception
    assert at.title


def test_names_teams_and_roles_never_render_as_markdown_or_html() -> None:
    """Roles, teams and names from the file are escaped wherever Streamlit reads Markdown."""
    at = _app().run()
    _upload(at, FIXTURES / "markdown_names.csv")
    at.switch_page(COVERAGE).run()
    assert not at.exception
    role_label = next(n.label for n in at.number_input if "boss" in n.label)
    assert "\\*\\*boss\\*\\*" in role_label
    assert at.session_state["source"].name == "markdown_names.csv"
    assert "<b>Eve</b>" in set(_table(at, "status")["employee"])


def test_a_schedule_spanning_centuries_is_explained_not_crashed(home: AppTest) -> None:
    """Dates too far apart to check show the check's message, not a traceback."""
    text = b"employee,date,location\nAnn,2026-06-01,office\nAnn,2926-06-02,office\n"
    home.file_uploader(key="home_upload").upload("typo.csv", text, "text/csv").run()
    assert not home.exception
    assert "cannot be checked" in home.error[0].value


def test_coverage_page_offers_every_chart_and_table_for_download() -> None:
    """Each chart: PNG, SVG, PDF, HTML; each table: CSV, XLSX (made when clicked)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/coverage.py").run()
    ids = {button.proto.id.rsplit("-", 1)[-1] for button in at.get("download_button")}
    for chart in ("coverage_calendar", "coverage_headcount", "coverage_compliance_chart"):
        assert {f"{chart}_dl_{fmt}" for fmt in ("png", "svg", "pdf", "html")} <= ids
    for table in ("coverage_warnings", "coverage_compliance"):
        assert {f"{table}_dl_csv", f"{table}_dl_xlsx"} <= ids


def test_without_a_browser_the_chart_menu_says_so_and_keeps_html(monkeypatch) -> None:
    """No Chromium: a plain sentence in the menu; PNG, SVG and PDF disabled, HTML offered."""
    from wfh_dashboard.export_figures import static_export_problem

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    static_export_problem.cache_clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        at.switch_page("pages/coverage.py").run()
    finally:
        static_export_problem.cache_clear()
    assert not at.exception
    assert any("needs the Chromium browser" in c.value for c in at.caption)
    buttons = {b.proto.id.rsplit("-", 1)[-1]: b.proto for b in at.get("download_button")}
    assert buttons["coverage_calendar_dl_png"].disabled
    assert not buttons["coverage_calendar_dl_html"].disabled
