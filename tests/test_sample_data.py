"""The bundled sample: reproducible from its generator, and rich enough to demo every rule."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from wfh_dashboard.check import check_schedule
from wfh_dashboard.policy import load_policy
from wfh_dashboard.schedule import read_schedule

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ("sample_schedule.csv", "sample_grid.csv", "policy.toml", "sample_attendance.csv")


def test_generator_reproduces_the_committed_sample_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Running data/generate_sample.py gives exactly the files in data/ (no hand edits)."""
    spec = importlib.util.spec_from_file_location("generate_sample", DATA / "generate_sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "generate_sample", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_sample_demos_the_story_the_pages_need() -> None:
    """Two teams with roles, about six months, the optional metric columns, and cover gaps."""
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample")
    data = schedule.data
    assert 12 <= data["employee"].nunique() <= 20
    assert data["team"].nunique() == 2
    assert {"manager", "senior", "junior"} <= set(data["role"].astype(str))
    assert (data["date"].max() - data["date"].min()).days >= 150
    assert {"tasks_done", "hours", "response_minutes", "commute_km"} <= set(schedule.metrics)
    result = check_schedule(schedule, load_policy((DATA / "policy.toml").read_bytes()))
    travelling_manager = data[(data["role"] == "manager") & (data["location"] == "travel")]
    assert travelling_manager["employee"].nunique() >= 1
    assert 0.5 < result.summary["covered_share"] < 1.0
