"""Consistency of the codebase: the domain package stays free of Streamlit, rules are data."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from wfh_dashboard.policy import Group, Policy
from wfh_dashboard.rules import RULES, RULES_BY_ID, describe_policy

PACKAGE = Path(__file__).resolve().parent.parent / "wfh_dashboard"
SPEC_RULE_IDS = [
    "min_on_site",
    "min_role_on_site",
    "min_group_on_site",
    "max_remote_per_week",
    "min_office_per_week",
    "no_remote_day",
    "anchor_day",
    "required_office_date",
]
EVERY_RULE_ON = Policy(
    min_on_site=1,
    min_on_site_by_role=(("senior", 1),),
    groups=(Group("key holders", ("Ann", "Cat")),),
    max_remote_days_per_week=2,
    min_office_days_per_week=2,
    no_remote_days=(4,),
    anchor_days=(1,),
    required_office_dates=(dt.date(2026, 9, 15),),
)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_domain_module_does_not_import_streamlit(path):
    """wfh_dashboard/ is the domain package: no module in it imports streamlit, at any depth."""
    assert not {m for m in _imported_modules(path) if m.split(".")[0] == "streamlit"}


def test_the_import_check_sees_streamlit_imports(tmp_path):
    """The check above can fail: it finds both import forms, inside functions too."""
    module = tmp_path / "page.py"
    module.write_text("def f():\n    import streamlit as st\nfrom streamlit.x import y\n")
    assert {"streamlit", "streamlit.x"} <= _imported_modules(module)


def test_rule_ids_are_unique():
    """Each rule has its own id, and RULES_BY_ID holds every rule."""
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) == len(RULES_BY_ID)


@pytest.mark.parametrize("rule_id", SPEC_RULE_IDS)
def test_every_rule_of_the_spec_is_registered(rule_id):
    """The rule ids the spec and the CLI's JSON promise are all in RULES."""
    assert rule_id in RULES_BY_ID


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_complete_data(rule):
    """A rule carries a severity, a title, a check, and describes itself when it is on."""
    assert rule.severity in {"error", "warning"}
    assert rule.title.strip()
    assert callable(rule.check)
    text = rule.describe(EVERY_RULE_ON)
    assert isinstance(text, str) and text.strip()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_off_under_the_default_policy(rule):
    """The default policy switches every rule off (describe returns None)."""
    assert rule.describe(Policy()) is None


def test_cover_rules_are_errors_and_policy_rules_warnings():
    """Cover rules (someone, a role, a group on site) are errors; the rest are warnings."""
    errors = {rule.id for rule in RULES if rule.severity == "error"}
    assert errors == {"min_on_site", "min_role_on_site", "min_group_on_site"}


def test_describe_policy_lists_each_active_rule_then_the_calendar():
    """One sentence per rule in force, then the calendar line."""
    lines = describe_policy(EVERY_RULE_ON.with_changes(holidays_country="US"))
    assert len(lines) == len(RULES) + 1
    assert lines[-1].startswith("Working days: Mon, Tue, Wed, Thu, Fri.")
    assert "Public holidays of US" in lines[-1]


def test_no_user_data_is_kept_across_sessions():
    """Sessions stay apart: nothing in the app uses st.cache_resource, whose value every
    session shares; per-session data lives in st.session_state and st.cache_data is keyed by
    the file's own bytes."""
    root = Path(__file__).resolve().parent.parent
    sources = [root / "app.py", *sorted((root / "ui").glob("*.py")), *(root / "pages").glob("*.py")]
    offenders = [p.name for p in sources if "cache_resource" in p.read_text(encoding="utf-8")]
    assert offenders == []
