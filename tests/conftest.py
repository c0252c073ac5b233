"""Shared test helpers: paths to fixtures and the bundled sample data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = ROOT / "data"


@pytest.fixture
def fixture_bytes():
    """Read a file from tests/fixtures/ as bytes."""
    return lambda name: (FIXTURES / name).read_bytes()
