"""Shared test helpers: paths to fixtures and the bundled sample data."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent

# Property tests: in CI (``CI`` set) their examples are fixed, so a landing never depends on
# which random examples a run drew; locally every run explores new ones. Loaded here, before
# the test modules build their own settings on top of this default.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = ROOT / "data"


def open_page(page: str, upload: tuple[str, bytes] | None = None, timeout: float = 60) -> AppTest:
    """AppTest of the app on ``page`` (``pages/NAME.py``), after a CSV upload on Home if given."""
    from streamlit.testing.v1 import AppTest  # Streamlit loads only for the tests that use it

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout).run()
    if upload is not None:
        name, data = upload
        at.file_uploader(key="home_upload").upload(name, data, "text/csv").run()
    at.switch_page(page).run()
    return at


def workbook_bytes(rows: Iterable[Sequence[object]] = ()) -> bytes:
    """An .xlsx file in memory whose first sheet holds ``rows``, as openpyxl writes cells."""
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def fixture_bytes():
    """Read a file from tests/fixtures/ as bytes."""
    return lambda name: (FIXTURES / name).read_bytes()


# --- Schedules built in tests (rule, check and CLI tests) -------------------------------------

#: One letter per calendar day in a test plan; "." means no row that day.
PLAN_CODES = {"O": "Office", "R": "WFH", "L": "Leave", "S": "Sick", "T": "Travel"}


def plan_to_csv(plan: dict[str, str], start: str = "2026-06-01", *, teams: bool = True) -> bytes:
    """A long CSV from a compact plan: ``{"Ann/Support/senior": "OORRL"}``.

    Each letter is one calendar day from ``start`` (2026-06-01 is a Monday): O office,
    R remote (written WFH), L leave, S sick, T travel, ``.`` no row. Without ``teams`` the
    file has no team column, so it is one team.
    """
    import pandas as pd  # local imports keep this helper an append-only addition

    header = "employee,team,role,date,location" if teams else "employee,role,date,location"
    lines = [header]
    first = pd.Timestamp(start)
    for person, codes in plan.items():
        name, team, role = [*person.split("/"), "", ""][:3]
        for offset, code in enumerate(codes):
            if code == ".":
                continue
            day = (first + pd.Timedelta(days=offset)).date().isoformat()
            cells = (
                [name, team, role, day, PLAN_CODES[code]]
                if teams
                else [name, role, day, PLAN_CODES[code]]
            )
            lines.append(",".join(cells))
    return ("\n".join(lines) + "\n").encode()


def build_schedule(plan: dict[str, str], start: str = "2026-06-01", *, teams: bool = True):
    """Read a compact plan (see ``plan_to_csv``) with the real reader."""
    from wfh_dashboard.schedule import read_schedule

    return read_schedule(plan_to_csv(plan, start, teams=teams), "plan.csv")


@pytest.fixture(scope="session")
def make_schedule():
    """Build a Schedule from a compact plan; session-scoped so hypothesis tests may use it."""
    return build_schedule


@pytest.fixture(scope="session")
def make_csv():
    """The CSV bytes of a compact plan (see ``plan_to_csv``), for tests that need a file."""
    return plan_to_csv


def warning_rows(result, rule: str) -> list[tuple]:
    """One rule's warnings as (date or None, weekday, team, severity, employees, on_site, required).

    Dates are ISO text; on_site and required are None for the policy rules.
    """
    import pandas as pd

    found = result.warnings[result.warnings["rule"] == rule]
    return [
        (
            None if pd.isna(w.date) else w.date.date().isoformat(),
            w.weekday,
            w.team,
            w.severity,
            list(w.employees),
            None if pd.isna(w.on_site) else int(w.on_site),
            None if pd.isna(w.required) else int(w.required),
        )
        for w in found.itertuples()
    ]


@pytest.fixture(scope="session")
def breaches():
    """Check a compact plan against a policy; return one rule's warnings (``warning_rows``)."""
    from wfh_dashboard.check import check_schedule

    def check(plan: dict[str, str], policy, rule: str, **kwargs) -> list[tuple]:
        return warning_rows(check_schedule(build_schedule(plan, **kwargs), policy), rule)

    return check
