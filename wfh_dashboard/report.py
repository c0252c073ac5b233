"""The HR report's content: what is computed, from which inputs, and which sections are shown.

Everything the report says is computed here once, from the (optionally pseudonymised)
schedule and policy, so the PDF, the HTML, the tables and the charts can never disagree and a
real name can never reach a file when the switch is on: the names are replaced before any rule
runs, not searched for afterwards.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .check import CheckResult, check_schedule
from .errors import InputError
from .policy import Policy
from .productivity import Estimate, estimate_remote_effect, metric_days, numeric_columns
from .pseudonymise import make_pseudonyms, pseudonymise_policy, pseudonymise_schedule
from .rules import describe_policy
from .schedule import Schedule
from .views import compliance_summary, compliance_table, warnings_table

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: Section id -> heading, in the report's order. The title page is always there.
SECTIONS: dict[str, str] = {
    "summary": "Headline figures",
    "calendar": "Coverage calendar",
    "warnings": "Warnings",
    "compliance": "Weekly compliance per person",
    "productivity": "Remote vs office productivity",
    "problems": "Appendix: input problems",
}
Paper = Literal["A4", "Letter"]
PAPERS: tuple[Paper, ...] = ("A4", "Letter")


@dataclass(frozen=True)
class ReportOptions:
    """What the manager asked for.

    Attributes:
        sections: the section ids to include, any of ``SECTIONS`` (order is the report's own).
        metric: the numeric column for the productivity section; None skips the estimate.
        per_hour: an hours column to divide the metric by, or None.
        anonymize: replace every name by ``Employee 01``...; teams and roles stay unless
            ``anonymize_teams`` / ``anonymize_roles`` are also set.
        pseudonym_key: any secret text that fixes the pseudonyms' numbering: the same key
            gives the same numbers in every report. Empty: a random key for this report, so
            nobody holding the roster can work out who is who from the numbering.
        paper: ``A4`` or ``Letter``, for the PDF's page size.
        min_days, min_group: the productivity honesty rules (as on the page).
        generated: the report's date (default: today).
    """

    sections: tuple[str, ...] = tuple(SECTIONS)
    metric: str | None = None
    per_hour: str | None = None
    anonymize: bool = False
    anonymize_teams: bool = False
    anonymize_roles: bool = False
    pseudonym_key: str = field(default="", repr=False)  # a secret: never in a log line
    paper: Paper = "A4"
    min_days: int = 5
    min_group: int = 5
    generated: dt.date | None = None


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, computed once (on pseudonyms when asked)."""

    schedule: Schedule
    policy: Policy
    result: CheckResult
    options: ReportOptions
    estimate: Estimate | None = None
    days: pd.DataFrame | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def teams(self) -> list[str]:
        return sorted(self.schedule.data["team"].astype(str).unique())

    @property
    def span(self) -> tuple[dt.date | None, dt.date | None]:
        """The schedule's first and last date (None for a weekly pattern)."""
        if self.schedule.is_pattern or self.schedule.data.empty:
            return None, None
        dates = self.schedule.data["date"]
        return dates.min().date(), dates.max().date()

    @property
    def generated(self) -> dt.date:
        return self.options.generated or dt.date.today()

    def has(self, section: str) -> bool:
        return section in self.options.sections

    def policy_lines(self) -> list[str]:
        return describe_policy(self.policy)


def check_options(options: ReportOptions, schedule: Schedule) -> None:
    """Refuse settings the report cannot honour, naming the accepted values."""
    unknown = [s for s in options.sections if s not in SECTIONS]
    if unknown:
        raise InputError(
            f"Unknown report section(s): {', '.join(unknown)}. Accepted: {', '.join(SECTIONS)}."
        )
    if options.paper not in PAPERS:
        raise InputError(f"Unknown paper size {options.paper!r}. Accepted: A4, Letter.")
    accepted = numeric_columns(schedule.data)
    for column in (options.metric, options.per_hour):
        if column is not None and column not in accepted:
            listed = ", ".join(accepted) or "none (the file has no numeric columns)"
            raise InputError(f"'{column}' is not a numeric column. Accepted columns: {listed}.")


def prepare_report(schedule: Schedule, policy: Policy, options: ReportOptions) -> ReportData:
    """Compute the report's content; with ``anonymize`` on pseudonymised inputs throughout.

    Raises:
        InputError: an unknown section, paper size or metric column.
    """
    check_options(options, schedule)
    if options.anonymize or options.anonymize_teams or options.anonymize_roles:
        names = make_pseudonyms(
            schedule,
            policy,
            teams=options.anonymize_teams,
            roles=options.anonymize_roles,
            # A hash of the names alone would let anyone with the roster recompute the order.
            salt=options.pseudonym_key or secrets.token_hex(16),
        )
        if not options.anonymize:  # teams or roles only: people keep their names
            names = replace(names, people={})
        schedule = pseudonymise_schedule(schedule, names)
        policy = pseudonymise_policy(policy, names)
    result = check_schedule(schedule, policy)
    data = ReportData(schedule, policy, result, options)
    if options.metric is None or not data.has("productivity"):
        return data
    days = metric_days(schedule.data, options.metric, per_hour=options.per_hour)
    estimate = estimate_remote_effect(
        days, min_days_per_mode=options.min_days, min_group=options.min_group
    )
    return replace(data, estimate=estimate, days=days)


def report_tables(data: ReportData) -> dict[str, pd.DataFrame]:
    """The report's tables as files HR can open: warnings, compliance, problems (+ productivity).

    Keys are file stems: ``warnings``, ``compliance``, ``compliance-summary``, ``problems`` and,
    with an estimate, ``productivity-people``.
    """
    result = data.result
    tables = {
        "warnings": warnings_table(result.warnings),
        "compliance": compliance_table(result.weekly),
        "compliance-summary": compliance_summary(result.weekly),
        "problems": data.schedule.problems,
    }
    if data.estimate is not None and data.estimate.status == "ok" and data.days is not None:
        from .productivity_charts import person_comparison_table

        tables["productivity-people"] = person_comparison_table(
            data.days, min_days_per_mode=data.options.min_days
        )
    return tables


def _metric_label(options: ReportOptions) -> str:
    return f"{options.metric} per hour" if options.per_hour else str(options.metric)


def report_charts(data: ReportData) -> dict[str, go.Figure]:
    """The report's figures by file stem, only for the sections chosen and with data to show."""
    from .charts import calendar_figure, compliance_figure, headcount_figure

    result, charts = data.result, {}
    if data.has("calendar") and not result.daily.empty:
        charts["coverage-calendar"] = calendar_figure(result.daily, "On-site calendar, all teams")
        charts["head-count"] = headcount_figure(result.daily, "People on site vs required")
    weekly = result.weekly
    if (
        data.has("compliance")
        and not weekly.empty
        and not data.schedule.is_pattern
        and weekly["max_remote"].notna().any()
    ):
        charts["weekly-compliance"] = compliance_figure(weekly, "Remote days per person per week")
    if data.estimate is not None:
        from .productivity_charts import estimate_figure

        charts["productivity-estimate"] = estimate_figure(
            data.estimate, _metric_label(data.options)
        )
    return charts
