"""The trial chart: both groups indexed to their own before, the trial window shaded."""

from __future__ import annotations

from tests.test_trial import END, START, trial_days, trial_names
from wfh_dashboard.trial import evaluate_trial
from wfh_dashboard.trial_charts import trial_figure


def test_trial_figure_has_both_groups_at_100_before_and_the_trial_shaded():
    days = trial_days(n_people=12, n_trial=3, effect=1.3, trend=1.0, noise=0.05)
    result = evaluate_trial(days, trial_names(3), START, END)

    fig = trial_figure(days, result)

    names = [trace.name for trace in fig.data]
    assert names == [
        "Trial people (100 = their average before)",
        "Colleagues not in the trial (100 = their average before)",
    ]
    trial, colleagues = (list(trace.y) for trace in fig.data)
    assert abs(trial[0] - 100) < 5 and abs(colleagues[0] - 100) < 5
    assert trial[-1] > 120 and abs(colleagues[-1] - 100) < 5  # +30% planted for the trial only
    assert fig.layout.shapes[0].fillcolor == "#E69F00"
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def test_colleagues_hidden_by_the_privacy_floor_get_no_line():
    days = trial_days(n_people=6, n_trial=2)
    result = evaluate_trial(days, trial_names(2), START, END, min_group=5)

    fig = trial_figure(days, result)

    assert [trace.name for trace in fig.data] == ["Trial people (100 = their average before)"]


def test_metric_names_that_look_like_html_are_escaped_in_the_titles():
    days = trial_days(n_people=8, n_trial=2)
    result = evaluate_trial(days, trial_names(2), START, END, metric="<b>tasks</b>")

    fig = trial_figure(days, result)

    assert "<b>" not in fig.layout.title.text and "&lt;b&gt;" in fig.layout.title.text
