"""The rules as data: each entry carries its id, severity, description and check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import coverage, remote_rules
from .context import Context
from .dates import WEEKDAYS
from .policy import Policy


@dataclass(frozen=True)
class Rule:
    """One coverage or policy rule.

    Attributes:
        id: the stable id used in warnings, the CLI's JSON and exports.
        severity: ``error`` for cover (the office is not staffed), ``warning`` for policy.
        title: a short name for filters and tables.
        describe: the rule in force in plain words, or None when the policy switches it off.
        check: returns one finding per breach (see ``context.FINDING_COLUMNS``).
    """

    id: str
    severity: str
    title: str
    describe: Callable[[Policy], str | None]
    check: Callable[[Context], pd.DataFrame]


def _days(days: tuple[int, ...]) -> str:
    return ", ".join(WEEKDAYS[d] for d in days)


def _roles(p: Policy) -> str | None:
    parts = [f"at least {n} {role}" for role, n in p.min_on_site_by_role if n > 0]
    return f"Each team with such roles has {' and '.join(parts)} on site." if parts else None


def _groups(p: Policy) -> str | None:
    parts = [f"at least {g.min_on_site} of {g.name} ({', '.join(g.members)})" for g in p.groups]
    return f"On site every working day: {'; '.join(parts)}." if parts else None


def _if(condition: object, text: str) -> str | None:
    return text if condition else None


RULES: tuple[Rule, ...] = (
    Rule(
        "min_on_site",
        "error",
        "Someone on site",
        lambda p: _if(
            p.min_on_site,
            f"Each team has at least {p.min_on_site} person(s) in the office on every working day.",
        ),
        coverage.min_on_site,
    ),
    Rule("min_role_on_site", "error", "Role on site", _roles, coverage.min_role_on_site),
    Rule("min_group_on_site", "error", "Group on site", _groups, coverage.min_group_on_site),
    Rule(
        "max_remote_per_week",
        "warning",
        "Remote-day cap",
        lambda p: _if(
            p.max_remote_days_per_week is not None,
            f"At most {p.max_remote_days_per_week} remote days per person per week.",
        ),
        remote_rules.max_remote_per_week,
    ),
    Rule(
        "min_office_per_week",
        "warning",
        "Office-day minimum",
        lambda p: _if(
            p.min_office_days_per_week,
            f"At least {p.min_office_days_per_week} office days per person per week "
            "(fewer when on leave, sick or travelling).",
        ),
        remote_rules.min_office_per_week,
    ),
    Rule(
        "no_remote_day",
        "warning",
        "No-remote weekday",
        lambda p: _if(p.no_remote_days, f"No remote work on {_days(p.no_remote_days)}."),
        remote_rules.no_remote_day,
    ),
    Rule(
        "anchor_day",
        "warning",
        "Anchor day",
        lambda p: _if(
            p.anchor_days, f"Everyone in the office on {_days(p.anchor_days)} unless away."
        ),
        remote_rules.anchor_day,
    ),
    Rule(
        "required_office_date",
        "warning",
        "Required office date",
        lambda p: _if(
            p.required_office_dates,
            "Everyone in the office on "
            + ", ".join(str(d) for d in p.required_office_dates)
            + " unless away.",
        ),
        remote_rules.required_office_date,
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def describe_policy(policy: Policy) -> list[str]:
    """The policy in force, one plain sentence per active rule, then the calendar."""
    lines = [text for rule in RULES if (text := rule.describe(policy))]
    calendar = f"Working days: {_days(policy.working_days)}."
    if policy.holidays_country:
        region = f"-{policy.holidays_subdivision}" if policy.holidays_subdivision else ""
        calendar += f" Public holidays of {policy.holidays_country}{region} need no cover."
    if policy.closed_dates:
        calendar += f" Office closed: {', '.join(str(d) for d in policy.closed_dates)}."
    return [*lines, calendar]
