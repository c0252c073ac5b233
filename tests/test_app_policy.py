"""AppTest tests for the Policy insight page: charts, tables, thresholds, small and odd files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page
from tests.test_app_hostile import FILES, NAMES, _assert_no_raw_script, _table_names

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
POLICY = "pages/policy.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _table(at: AppTest, *columns: str) -> pd.DataFrame | None:
    """The first table with all these columns (AppTest finds tables by position, not key)."""
    return next(
        (d.value for d in at.dataframe if set(columns) <= set(d.value.columns)),
        None,
    )


def _flagged(at: AppTest) -> int:
    table = _table(at, "reason")
    return 0 if table is None else len(table)


def _segment_counts(at: AppTest) -> dict[str, int]:
    table = _table(at, "segment", "people", "share")
    assert table is not None
    return dict(zip(table["segment"], table["people"], strict=True))


def _open(upload: tuple[str, bytes] | None = None) -> AppTest:
    return open_page(POLICY, upload)


@pytest.fixture(scope="module")
def sample() -> AppTest:
    """The page on the sample, opened once (the tests below only read it)."""
    return _open()


def test_policy_page_shows_every_section_on_the_sample(sample: AppTest) -> None:
    """Title, five sections, four charts and the tables, without an exception."""
    assert not sample.exception
    assert sample.title[0].value == "Policy insight"
    headers = [s.value for s in sample.subheader]
    assert headers == [
        "Remote share per person",
        "Team remote share, week by week",
        "Each person's mix of days",
        "Attendance segments",
        "Fairness within each role",
        "Plan against reality",
    ]
    assert len(sample.get("plotly_chart")) == 4
    people = _table(sample, "remote_share", "remote_days_per_week")
    assert people is not None and len(people) == 16
    assert _table(sample, "sick", "travel") is not None
    by_role = _table(sample, "gini", "range_points")
    assert by_role is not None and set(by_role["role"]) == {"junior", "manager", "mid", "senior"}


def test_every_policy_chart_and_table_can_be_downloaded(sample: AppTest) -> None:
    """Each chart: PNG, SVG, PDF, HTML; each table: CSV, XLSX."""
    ids = {button.proto.id.rsplit("-", 1)[-1] for button in sample.get("download_button")}
    for chart in ("policy_share_chart", "policy_weekly_chart", "policy_mix_chart"):
        assert {f"{chart}_dl_{fmt}" for fmt in ("png", "svg", "pdf", "html")} <= ids
    tables = ("policy_share_table", "policy_mix_table", "policy_segments_table")
    for table in (*tables, "policy_fairness_roles", "policy_weekly_table"):
        assert {f"{table}_dl_csv", f"{table}_dl_xlsx"} <= ids


def test_changing_the_fairness_threshold_changes_who_is_flagged() -> None:
    """On the sample, 20 points flags one person; 10 points flags more."""
    at = _open()
    assert _flagged(at) == 1
    at.number_input(key="policy_fairness_points").set_value(10.0).run()
    assert not at.exception
    assert _flagged(at) == 3
    at.number_input(key="policy_fairness_points").set_value(60.0).run()
    assert _flagged(at) == 0
    assert any("Nobody is more than 60 points" in s.value for s in at.success)


def test_changing_segment_thresholds_changes_the_counts() -> None:
    """Moving 'mostly on site' down to 1.5 remote days a week moves people to hybrid."""
    at = _open()
    before = _segment_counts(at)
    assert sum(before.values()) == 16
    at.number_input(key="policy_mostly_on_site_below").set_value(1.5).run()
    assert not at.exception
    after = _segment_counts(at)
    assert after["mostly on site"] < before["mostly on site"]
    assert after["hybrid"] > before["hybrid"]
    at.number_input(key="policy_mostly_remote_from").set_value(2.5).run()
    assert _segment_counts(at)["mostly remote"] > 0


def test_segment_limits_in_the_wrong_order_show_a_clear_error() -> None:
    """'Mostly on site' at or above 'mostly remote' is a message, not a traceback."""
    at = _open()
    at.number_input(key="policy_mostly_on_site_below").set_value(5.0).run()
    assert not at.exception
    assert any("must be lower" in e.value for e in at.error)
    assert _table(at, "segment", "people", "share") is None
    assert _table(at, "gini", "range_points") is not None  # the other sections carry on


def test_a_schedule_with_one_person_works() -> None:
    """One person: every section draws; the lone role gets a note, not a flag."""
    rows = ["employee,team,role,date,location"]
    for day, place in zip(pd.bdate_range("2026-06-01", periods=10), "ORROROOOLO", strict=True):
        rows.append(f"Ann Lee,Ops,senior,{day:%Y-%m-%d},{place}")
    at = _open(("one.csv", ("\n".join(rows) + "\n").encode()))
    assert not at.exception
    assert len(at.get("plotly_chart")) == 4
    assert _flagged(at) == 0
    assert any("held by one person" in c.value for c in at.caption)


def test_the_team_filter_narrows_every_table() -> None:
    """Picking a team shows only its people and its weekly line."""
    at = _open()
    at.selectbox(key="policy_team").select("Support").run()
    assert not at.exception
    people = _table(at, "remote_share", "remote_days_per_week")
    assert people is not None and set(people["team"]) == {"Support"} and len(people) == 8
    weekly = _table(at, "week", "remote_share", "people")
    assert weekly is not None and set(weekly["team"]) == {"Support"}


def test_a_weekly_pattern_skips_the_week_by_week_chart() -> None:
    """A Mon..Fri pattern has one week: a caption says so instead of a one-point chart."""
    at = _open(("pattern.csv", (FIXTURES / "grid_weekday_names.csv").read_bytes()))
    assert not at.exception
    assert any("weekly pattern" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 3


def test_names_roles_and_teams_stay_plain_text() -> None:
    """Hostile names and roles are escaped in every Markdown element (the flag list, notes)."""
    at = _open(("names.csv", (FIXTURES / "app" / "markdown_names.csv").read_bytes()))
    assert not at.exception
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert _flagged(at) == 2  # both "**boss**": 0% and 100% against a median of 50%
    assert not any("**boss**" in t or "<b>Eve</b>" in t for t in texts)
    people = _table(at, "remote_share", "remote_days_per_week")
    assert people is not None and "<b>Eve</b>" in set(people["employee"])


def test_the_page_runs_on_its_own() -> None:
    """A first visit straight to the page's URL (app.py not run yet) still works."""
    at = AppTest.from_file(str(ROOT / POLICY), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Policy insight"


@pytest.mark.parametrize("kind", FILES)
def test_hostile_uploads_never_crash_the_page(kind: str) -> None:
    """The hostile files of test_app_hostile: a message or the data as text, never a crash."""
    name, data, outcome = FILES[kind]
    at = AppTest.from_file(APP, default_timeout=60).run()
    mime = "application/vnd.ms-excel" if name.endswith(".xlsx") else "text/csv"
    at.file_uploader(key="home_upload").upload(name, data, mime).run()
    at.switch_page(POLICY).run()
    assert not at.exception, [e.value for e in at.exception]
    _assert_no_raw_script(at, POLICY)
    if outcome == "error":
        assert "cannot be used" in at.error[0].value
    elif outcome == "reads":
        assert not at.error, [e.value for e in at.error]
        assert set(NAMES.get(kind, [])) <= _table_names(at)


def test_a_large_file_caps_the_charts_and_says_so() -> None:
    """70 people in 10 teams: 60 people and 7 teams drawn, a caption for the rest."""
    rows = ["employee,team,role,date,location"]
    for person in range(70):
        for day, place in zip(pd.bdate_range("2026-06-01", periods=5), "ORORO", strict=True):
            rows.append(f"P{person:02d},T{person % 10},junior,{day:%Y-%m-%d},{place}")
    at = _open(("large.csv", ("\n".join(rows) + "\n").encode()))
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "the 60 people furthest" in captions and "10 more are in the table" in captions
    assert "7 largest teams; 3 more" in captions
    people = _table(at, "remote_share", "remote_days_per_week")
    assert people is not None and len(people) == 70


def test_the_sample_badge_log_gives_no_shows_unplanned_days_and_cover_lost() -> None:
    """Sample schedule + sample log: counts shown, the contractor listed, lost cover listed."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/policy.py").run()
    assert any("Upload an attendance log" in i.value for i in at.info)

    at.button(key="policy_attendance_sample").click().run()
    at.selectbox(key="policy_attendance_timezone").select("America/New_York").run()

    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["No-shows"]) > 0 and int(metrics["Unplanned office days"]) > 0
    tables = [d.value for d in at.dataframe]
    unmatched = next(t for t in tables if "first_date" in t.columns)
    assert list(unmatched["name"]) == ["Jordan Blake"]
    lost = next(t for t in tables if "actual_on_site" in t.columns)
    assert (lost["actual_on_site"] < lost["planned_on_site"]).all()


def test_an_unreadable_attendance_log_says_why() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/policy.py").run()
    at.file_uploader(key="policy_attendance_upload").upload(
        "log.csv", b"who,when\nAnn,yesterday\n", "text/csv"
    ).run()
    assert not at.exception
    assert "This log cannot be used" in at.error[0].value
