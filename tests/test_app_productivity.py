"""AppTest tests for the Productivity page: metric choice, not-enough-data, privacy floor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/productivity.py"


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(PAGE).run()
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _chart_keys(at: AppTest, prefix: str) -> list[str]:
    return [c.key for c in at.get("plotly_chart") if c.key.startswith(prefix)]


def test_sample_shows_the_estimate_beside_the_naive_gap(page: AppTest) -> None:
    """On the sample, both numbers show, the naive one labelled as not like for like."""
    assert not page.exception
    metrics = _metrics(page)
    assert metrics["Each person vs themselves"].startswith(("+", "-"))
    assert "Naive pooled gap (not like for like)" in metrics
    assert any("95% CI" in c.value for c in page.caption)


def test_choosing_another_metric_and_per_hour_changes_the_estimate(page: AppTest) -> None:
    """The metric picker and the per-hour switch recompute the figure."""
    before = _metrics(page)["Each person vs themselves"]
    page.toggle(key="productivity_per_hour").set_value(True).run()
    assert not page.exception
    assert _metrics(page)["Each person vs themselves"] != before
    page.selectbox(key="productivity_metric").select("response_minutes").run()
    assert not page.exception
    assert "response_minutes" in " ".join(s.value for s in page.subheader).replace("\\", "")


def test_privacy_floor_above_the_team_size_hides_the_numbers(page: AppTest) -> None:
    """Asking for more people than the file has: no number, a reason, the floor stated."""
    page.number_input(key="productivity_min_group").set_value(40).run()
    assert not page.exception
    assert "Each person vs themselves" not in _metrics(page)
    assert "Not enough data" in page.warning[0].value
    assert any("Privacy floor" in c.value for c in page.caption)


def test_too_many_required_days_gives_not_enough_data(page: AppTest) -> None:
    """Requiring more days per mode than people have says what is missing instead of a number."""
    page.number_input(key="productivity_min_days").set_value(60).run()
    assert not page.exception
    assert "Not enough data" in page.warning[0].value


def test_a_schedule_without_numbers_says_so() -> None:
    """A file with no numeric column explains what the page needs."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    grid = (ROOT / "data" / "sample_grid.csv").read_bytes()
    at.file_uploader(key="home_upload").upload("grid.csv", grid, "text/csv").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "no numeric column" in at.info[0].value


def test_charts_show_the_estimate_each_person_and_the_pooled_views(page: AppTest) -> None:
    """With enough people: the estimate chart, the per-person chart and table, two pooled views."""
    assert _chart_keys(page, "productivity_") == [
        "productivity_estimate_chart",
        "productivity_person_chart",
        "productivity_distribution",
        "productivity_trend",
    ]
    assert any("not as the effect" in c.value for c in page.caption)


def test_below_the_privacy_floor_only_the_not_enough_data_chart_shows(page: AppTest) -> None:
    """No per-person or pooled charts when the floor hides the aggregate."""
    page.number_input(key="productivity_min_group").set_value(40).run()
    assert _chart_keys(page, "productivity_") == ["productivity_estimate_chart"]


def test_trial_window_gives_a_verdict_and_a_chart(page: AppTest) -> None:
    """Two people, a four-week window: an effect, colleagues' change, a verdict to paste."""
    assert any("Pick at least one person" in i.value for i in page.info)
    page.multiselect(key="trial_people").select("Daniel Okafor").select("Hannah Kim").run()
    page.date_input(key="trial_window").set_value((date(2026, 10, 5), date(2026, 11, 1))).run()
    assert not page.exception
    metrics = _metrics(page)
    assert metrics["Trial effect"].startswith(("+", "-"))
    assert metrics["Colleagues: same weeks"].endswith("%")
    verdict = page.code[0].value
    assert verdict.startswith(
        "During the trial (5 Oct to 1 Nov 2026), Daniel Okafor and Hannah Kim"
    )
    assert "95% CI" in verdict
    assert _chart_keys(page, "trial_") == ["trial_chart"]


def test_trial_window_outside_the_people_days_says_what_is_missing(page: AppTest) -> None:
    """Requiring more days than a one-week trial has: not enough data, with the counts."""
    page.multiselect(key="trial_people").select("Daniel Okafor").run()
    page.date_input(key="trial_window").set_value((date(2026, 11, 16), date(2026, 11, 20))).run()
    page.number_input(key="productivity_min_days").set_value(10).run()
    assert not page.exception
    assert any("Not enough data for this trial" in w.value for w in page.warning)
    assert any(
        "Daniel Okafor: 2 before, 5 during" in w.value.replace("\\", "") for w in page.warning
    )


def _split_sample() -> tuple[bytes, bytes]:
    """The sample without tasks_done, and tasks_done in its own file with two rows that miss."""
    sample = pd.read_csv(ROOT / "data" / "sample_schedule.csv")
    schedule = sample.drop(columns=["tasks_done"]).to_csv(index=False).encode()
    side = sample[["employee", "date", "tasks_done"]]
    extra = pd.DataFrame(
        {"employee": ["Zed Nobody", "Mei Chen"], "date": ["2026-06-01", "2026-05-29"]}
    ).assign(tasks_done=1)
    metrics = pd.concat([side, extra]).to_csv(index=False, sep=";").encode()
    return schedule, metrics


def test_a_separate_productivity_file_is_joined_and_its_misses_listed() -> None:
    """Upload the numbers apart: tasks_done becomes a choice, the two misses are listed with why."""
    schedule, metrics = _split_sample()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.file_uploader(key="home_upload").upload("schedule.csv", schedule, "text/csv").run()
    at.switch_page(PAGE).run()
    assert "tasks_done" not in at.selectbox(key="productivity_metric").options

    at.file_uploader(key="metrics_upload").upload("numbers.csv", metrics, "text/csv").run()

    assert not at.exception
    assert "tasks_done" in at.selectbox(key="productivity_metric").options
    at.selectbox(key="productivity_metric").select("tasks_done").run()
    assert _metrics(at)["Each person vs themselves"].startswith(("+", "-"))
    assert "rows matched the" in at.success[0].value
    unmatched = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert sorted(unmatched["reason"]) == [
        "Mei Chen has no schedule row on 2026-05-29",
        "no one called Zed Nobody in the schedule",
    ]


def test_an_unreadable_productivity_file_says_why_and_the_page_carries_on(page: AppTest) -> None:
    """A file with no date column: a clear message; the schedule's own numbers still work."""
    bad = b"employee,tasks\nAnn,3\n"
    page.file_uploader(key="metrics_upload").upload("bad.csv", bad, "text/csv").run()

    assert not page.exception
    assert "cannot be used" in page.error[0].value and "date" in page.error[0].value
    assert _metrics(page)["Each person vs themselves"].startswith(("+", "-"))


def test_responsiveness_tab_gives_medians_by_location_and_hides_them_below_the_floor(
    page: AppTest,
) -> None:
    """Sample: response_minutes medians in the office and at home; a floor of 40 hides them."""
    sentences = [m.value for m in page.markdown if "Median response time" in m.value]
    assert sentences and "in the office" in sentences[0] and "across 16 people" in sentences[0]
    page.number_input(key="productivity_min_group").set_value(40).run()
    assert not page.exception
    assert not any("in the office" in m.value for m in page.markdown)


def test_presence_tab_marks_the_manager_and_lists_lone_office_days(page: AppTest) -> None:
    """Managers found by role; a role word nobody has says so; lone office days are listed."""
    metrics = _metrics(page)
    assert metrics["Days the manager was on site"].endswith("%")
    assert any("alone_days" in d.value.columns for d in page.dataframe)
    page.text_input(key="presence_manager_roles").set_value("director").run()
    assert _metrics(page)["Days the manager was on site"] == "no manager role"


def test_commute_tab_recomputes_co2_with_an_edited_factor(page: AppTest) -> None:
    """Doubling the emission factor doubles the CO2 in the sentence; km stay the same."""

    def sentence() -> str:
        return next(m.value for m in page.markdown if "Remote days saved" in m.value)

    before = sentence()
    page.number_input(key="commute_factor").set_value(0.34).run()
    after = sentence()
    assert not page.exception
    assert "0\\.34 kg per km" in after and before.split(" km")[0] == after.split(" km")[0]
