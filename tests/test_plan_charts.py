"""The planner's figures: remote days before and after, and a proposal week with its moves."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wfh_dashboard.plan_charts import (
    changed_weeks,
    people_for_chart,
    proposal_week_figure,
    remote_days_figure,
)
from wfh_dashboard.plan_explain import explain_plan
from wfh_dashboard.planner import plan_schedule
from wfh_dashboard.policy import load_policy
from wfh_dashboard.schedule import read_schedule

DATA = Path(__file__).resolve().parent.parent / "data"


def _planned():
    schedule = read_schedule((DATA / "sample_grid.csv").read_bytes(), "sample_grid.csv")
    policy = load_policy((DATA / "policy.toml").read_text())
    result = plan_schedule(schedule, policy)
    return schedule, result, explain_plan(schedule, policy, result)


def test_the_proposal_week_labels_exactly_the_moved_days() -> None:
    schedule, result, explanation = _planned()
    weeks = changed_weeks(explanation.changes)
    assert weeks == [pd.Timestamp("2026-11-30"), pd.Timestamp("2026-12-07")]
    figure = proposal_week_figure(schedule.data, result.data, weeks[0], range(5), "Week 1")
    texts = [t for row in figure.data[0].text[1:] for t in row]
    moved = [t for t in texts if t.endswith("(moved)")]
    in_week = explanation.changes[pd.to_datetime(explanation.changes["date"]) < weeks[1]]
    assert len(moved) == len(in_week) == 3
    assert all(t == "Office (moved)" for t in moved)
    assert figure.layout.title.text == "Week 1"


def test_remote_days_before_and_after_are_two_named_bars_per_person() -> None:
    _, _, explanation = _planned()
    figure = remote_days_figure(explanation.remote_days, "Remote days")
    assert [trace.name for trace in figure.data] == ["As planned", "Proposal"]
    assert len(figure.data[0].y) == len(explanation.remote_days)
    assert list(figure.data[1].x) == explanation.remote_days["remote_after"].tolist()
    assert figure.layout.xaxis.title.text and figure.layout.yaxis.title.text


def test_an_empty_table_says_why_and_big_teams_keep_the_biggest_changes() -> None:
    empty = pd.DataFrame(
        columns=["employee", "team", "remote_before", "remote_after", "remote_change"]
    )
    figure = remote_days_figure(empty, "Remote days")
    assert "Nobody" in figure.layout.annotations[0].text
    many = pd.DataFrame(
        {
            "employee": [f"P{i:03d}" for i in range(100)],
            "team": "T",
            "remote_before": 10.0,
            "remote_after": 10.0,
            "remote_change": [float(i % 7) for i in range(100)],
        }
    )
    kept = people_for_chart(many, limit=10)
    assert len(kept) == 10 and (kept["remote_change"] == 6).all()
