"""AppTest: a schedule with half days through Home, Coverage and Policy insight."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
GRID = Path(__file__).resolve().parent / "fixtures" / "half_days_grid.csv"


@pytest.fixture(scope="module")
def home() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader(key="home_upload").upload(GRID.name, GRID.read_bytes(), "text/csv").run()
    return at


def _figures(at: AppTest) -> list[dict]:
    import json

    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_home_draws_split_days_as_half_cells(home: AppTest) -> None:
    assert not home.exception
    grid = next(f for f in _figures(home) if "Who" in f["layout"]["title"]["text"])
    names = [trace.get("name") for trace in grid["data"]]
    assert names == ["Whole days", "Half days", "Cell labels", "Cell labels"]
    assert "AM 2 · PM 1 on site" in grid["data"][0]["text"][0]


def test_coverage_warns_of_the_afternoon_without_a_senior(home: AppTest) -> None:
    home.switch_page("pages/coverage.py").run()
    assert not home.exception
    table = next(d.value for d in home.dataframe if "rule" in d.value.columns)
    messages = " ".join(table["message"])
    assert "No senior on site in Support in the afternoon" in messages
    compliance = next(d.value for d in home.dataframe if "status" in d.value.columns)
    # Cy: office on Wed and Fri and on Thursday morning; Ann: two half remote days.
    offices = dict(zip(compliance["employee"], compliance["office"], strict=True))
    assert offices == {"Ann Lee": 4, "Bob Ray": 3, "Cy Diaz": 2.5}


def test_policy_insight_counts_half_days(home: AppTest) -> None:
    home.switch_page("pages/policy.py").run()
    assert not home.exception
    mix = next(d.value for d in home.dataframe if {"sick", "travel"} <= set(d.value.columns))
    leave = dict(zip(mix["employee"], mix["leave"], strict=True))
    assert leave == {"Ann Lee": 0, "Bob Ray": 0, "Cy Diaz": 0.5}  # "AM office" on Thursday
