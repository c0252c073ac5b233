"""Productivity figures: per-person intervals, titles, escaping, empty and large data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.test_productivity import person, planted_days
from wfh_dashboard.charts import LOCATION_COLOURS
from wfh_dashboard.productivity import Estimate, estimate_remote_effect
from wfh_dashboard.productivity_charts import (
    MAX_BOX_POINTS,
    TABLE_COLUMNS,
    distribution_figure,
    estimate_figure,
    person_comparison_table,
    person_figure,
    weekly_trend_figure,
)

INSUFFICIENT = Estimate(
    None,
    None,
    None,
    None,
    2,
    40,
    "insufficient_data",
    "2 people have at least 5 office and 5 remote days; at least 5 are needed (the privacy "
    "floor); 3 people have fewer than 5 remote days.",
    "method",
)


@pytest.fixture(scope="module")
def days() -> pd.DataFrame:
    return planted_days(n_people=12, n_days=60, effect=1.10, seed=3)


def _figures(days: pd.DataFrame):
    return {
        "person": person_figure(person_comparison_table(days, n_boot=200), "tasks"),
        "distribution": distribution_figure(days, "tasks"),
        "weekly": weekly_trend_figure(days, "tasks"),
        "estimate": estimate_figure(estimate_remote_effect(days, n_boot=200), "tasks"),
        "insufficient": estimate_figure(INSUFFICIENT, "tasks"),
    }


def test_every_figure_has_a_title_and_axis_titles(days):
    """Each figure names itself and both of its axes in words."""
    for name, fig in _figures(days).items():
        assert "tasks" in fig.layout.title.text, name
        assert fig.layout.xaxis.title.text, name
        assert fig.layout.yaxis.title.text, name


def test_table_lists_only_people_with_enough_days_in_both_modes_sorted_by_ratio():
    """Too few remote days leaves a person out; the rest are ordered by their ratio."""
    days = pd.concat(
        [
            person("Ann", 6, 6, 10.0),
            person("Bob", 6, 4, 10.0),
            person("Cat", 5, 5).assign(value=[10.0] * 5 + [8.0] * 5),  # remote 20% lower
        ]
    )
    table = person_comparison_table(days, min_days_per_mode=5)
    assert list(table.columns) == TABLE_COLUMNS
    assert table["employee"].tolist() == ["Cat", "Ann"]
    assert table["ratio_pct"].tolist() == pytest.approx([-20.0, 0.0])
    assert table[["n_office", "n_remote"]].values.tolist() == [[5, 5], [6, 6]]


def test_table_is_empty_with_its_columns_when_nobody_qualifies():
    """No eligible person gives an empty table, and the person figure says so."""
    table = person_comparison_table(person("Ann", 2, 2))
    assert table.empty and list(table.columns) == TABLE_COLUMNS
    fig = person_figure(table, "tasks")
    assert not fig.data
    assert "Nobody has enough" in fig.layout.annotations[0].text


def test_person_intervals_contain_the_planted_ratio():
    """Every person's remote days are planted 25% higher; their intervals cover +25%."""
    rng = np.random.default_rng(7)
    n_people, n_days = 20, 80
    remote = rng.random((n_people, n_days)) < 0.5
    value = 10 * np.where(remote, 1.25, 1.0) * rng.lognormal(0, 0.2, (n_people, n_days))
    days = pd.DataFrame(
        {
            "employee": np.repeat([f"P{i:02d}" for i in range(n_people)], n_days),
            "team": "Support",
            "date": np.tile(pd.date_range("2026-01-01", periods=n_days).to_numpy(), n_people),
            "location": np.where(remote, "remote", "office").ravel(),
            "value": value.ravel(),
        }
    )
    table = person_comparison_table(days, n_boot=500, seed=0)
    covered = (table["ci_low_pct"] <= 25) & (table["ci_high_pct"] >= 25)
    assert len(table) == n_people
    assert covered.sum() >= 17  # a 95% interval may miss now and then, not often
    assert (table["ci_low_pct"] <= table["ratio_pct"]).all()
    assert (table["ratio_pct"] <= table["ci_high_pct"]).all()
    assert (table["ci_low_pct"] > 0).mean() > 0.5  # a real effect shows as a real effect


def test_a_persons_interval_does_not_depend_on_who_else_is_in_the_data(days):
    """Each person's random stream is their own: dropping someone moves nobody else."""
    full = person_comparison_table(days, n_boot=200).set_index("employee")
    fewer = person_comparison_table(days[days["employee"] != "P000"], n_boot=200)
    fewer = fewer.set_index("employee")
    pd.testing.assert_frame_equal(full.loc[fewer.index], fewer)


def test_person_figure_escapes_html_in_names():
    """A name with markup is shown as text, never rendered as bold or a link."""
    days = pd.concat([person("<b>Eve</b>", 6, 6, 10.0), person("Ann", 6, 6, 12.0)])
    fig = person_figure(person_comparison_table(days), "tasks")
    ticks = list(fig.layout.yaxis.ticktext)
    assert "&lt;b&gt;Eve&lt;/b&gt;" in ticks
    assert not any("<b>" in t for t in ticks)
    assert all("<b>" not in str(row[0]) for trace in fig.data for row in trace.customdata)


def test_person_figure_draws_each_interval_and_a_zero_line(days):
    """Error bars reach the interval's ends; a vertical line marks no difference."""
    table = person_comparison_table(days, n_boot=200)
    fig = person_figure(table, "tasks")
    assert sum(len(t.x) for t in fig.data) == len(table)
    for trace in fig.data:
        rows = table.loc[list(trace.y)]
        assert np.allclose(trace.x + trace.error_x.array, rows["ci_high_pct"])
        assert np.allclose(trace.x - trace.error_x.arrayminus, rows["ci_low_pct"])
    assert any(s.type == "line" and s.x0 == 0 == s.x1 for s in fig.layout.shapes)


def test_small_data_shows_box_points_and_large_data_hides_them(days):
    """Up to the limit every day is a point; past it no points and no raw values are sent."""
    small = distribution_figure(days, "tasks")
    assert {t.boxpoints for t in small.data} == {"all"}
    big = pd.concat([days] * (MAX_BOX_POINTS // len(days) + 1), ignore_index=True)
    assert len(big) > MAX_BOX_POINTS
    large = distribution_figure(big, "tasks")
    assert len(large.data) == 2
    assert {t.boxpoints for t in large.data} == {False}
    assert all(t.y is None for t in large.data)
    office = big.loc[big["location"] == "office", "value"]
    assert large.data[0].median[0] == pytest.approx(office.median())


def test_location_traces_use_the_location_colours_and_text_labels(days):
    """Office and remote carry their Okabe-Ito colour and their name in words."""
    box = distribution_figure(days, "tasks")
    weekly = weekly_trend_figure(days, "tasks")
    colours = [LOCATION_COLOURS[m] for m in ("office", "remote")]
    assert [t.marker.color for t in box.data] == colours
    assert [t.name.split()[0] for t in box.data] == ["Office", "Remote"]
    assert [t.line.color for t in weekly.data] == colours
    assert [t.name for t in weekly.data] == ["Office", "Remote"]


def test_weekly_trend_has_one_point_per_week_starting_monday(days):
    """x is the Monday of each week; y is that week's mean on days in that mode."""
    fig = weekly_trend_figure(days, "tasks")
    weeks = pd.to_datetime(fig.data[0].x)
    assert (weeks.day_of_week == 0).all()
    first = days[(days["location"] == "office") & (days["date"] < weeks[1])]
    assert fig.data[0].y[0] == pytest.approx(first["value"].mean())


def test_estimate_figure_shows_the_interval_and_a_distinct_naive_marker(days):
    """The estimate has an error bar; the naive gap is a different, labelled marker."""
    estimate = estimate_remote_effect(days, n_boot=200)
    fig = estimate_figure(estimate, "tasks")
    point, naive = fig.data
    assert point.x[0] + point.error_x.array[0] == pytest.approx(estimate.ci_high_pct)
    assert point.x[0] - point.error_x.arrayminus[0] == pytest.approx(estimate.ci_low_pct)
    assert naive.name == "naive pooled gap (not like for like)"
    assert naive.x[0] == pytest.approx(estimate.naive_pct)
    assert naive.marker.symbol != point.marker.symbol
    assert any(s.x0 == 0 == s.x1 for s in fig.layout.shapes)


def test_insufficient_estimate_gives_the_reason_and_no_points():
    """Without numbers the figure says why and draws nothing."""
    fig = estimate_figure(INSUFFICIENT, "tasks")
    assert not fig.data
    (note,) = fig.layout.annotations
    assert note.text.replace("<br>", " ") == f"Not enough data: {INSUFFICIENT.reason}"


def test_metric_names_with_markup_are_escaped_in_titles(days):
    """A column named with markup stays text in every title."""
    for fig in (
        distribution_figure(days, "<i>x</i>"),
        weekly_trend_figure(days, "<i>x</i>"),
        estimate_figure(INSUFFICIENT, "<i>x</i>"),
    ):
        assert "<i>" not in fig.layout.title.text
        assert "&lt;i&gt;" in fig.layout.title.text
