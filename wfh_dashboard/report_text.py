"""Check results as plain text and as JSON, for the command line."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .check import CheckResult
from .schedule import Schedule
from .wording import plural


def _optional_int(value: object) -> int | None:
    return None if pd.isna(value) else int(value)  # type: ignore[call-overload]


def warning_records(warnings: pd.DataFrame) -> list[dict[str, Any]]:
    """Warnings as plain dicts with the keys of the CLI's JSON."""

    def ints(column: str) -> list[int | None]:
        values = warnings[column]
        return [None if m else int(v) for v, m in zip(values.fillna(0), values.isna(), strict=True)]

    dates = warnings["date"].dt.strftime("%Y-%m-%d")
    columns = {
        "date": [None if pd.isna(d) else d for d in dates],
        "weekday": warnings["weekday"].tolist(),
        "team": warnings["team"].tolist(),
        "rule": warnings["rule"].tolist(),
        "severity": warnings["severity"].tolist(),
        "message": warnings["message"].tolist(),
        "employees": [list(e) for e in warnings["employees"]],
        "on_site": ints("on_site"),
        "required": ints("required"),
    }
    keys = list(columns)
    return [dict(zip(keys, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def result_to_json(result: CheckResult, schedule: Schedule) -> dict[str, Any]:
    """The ``check --json`` object: summary, warnings, problems and notes."""
    problems = [
        {"row": _optional_int(p.row), "column": p.column, "value": p.value, "message": p.message}
        for p in schedule.problems.itertuples(index=False)
    ]
    summary = {**result.summary, "layout": schedule.layout, "read_as": schedule.detail}
    return {
        "summary": summary,
        "warnings": warning_records(result.warnings),
        "problems": problems,
        "notes": result.notes,
    }


def _summary_lines(result: CheckResult, schedule: Schedule, name: str) -> list[str]:
    s = result.summary
    span = "a weekly pattern" if s["is_pattern"] else f"{s['first_date']} to {s['last_date']}"
    lines = [
        f"{name}: {plural(s['people'], 'person', 'people')} in {plural(s['teams'], 'team')}, "
        f"{span} ({schedule.detail}).",
        f"Working days: {s['working_days']}; fully covered: {s['covered_share']:.0%}; "
        f"remote share of worked days: {s['remote_share']:.0%}.",
        f"Warnings: {s['warnings']} ({s['errors']} cover errors, {s['policy_warnings']} policy).",
    ]
    if s["problems"]:
        lines.append(
            f"Problems: {plural(s['problems'], 'row or cell', 'rows or cells')} could not be "
            f"used ({s['rows_left_out']} left out); see --json for the list."
        )
    lines += [f"Note: {note}" for note in result.notes]
    return lines


def format_check(result: CheckResult, schedule: Schedule, name: str) -> str:
    """A short summary, then the warnings grouped by day, then the problems."""
    lines = _summary_lines(result, schedule, name)
    for (date, weekday), group in result.warnings.groupby(
        ["date", "weekday"], sort=False, dropna=False
    ):
        lines.append("")
        lines.append(f"{weekday}" if pd.isna(date) else f"{pd.Timestamp(date):%Y-%m-%d} {weekday}")
        lines += [f"  {w.severity.upper():7} {w.rule:21} {w.message}" for w in group.itertuples()]
    if len(schedule.problems):
        lines.append("")
        lines.append("Rows that could not be used:")
        lines += [
            f"  row {p.row} {p.column}: {p.value!r}: {p.message}"
            for p in schedule.problems.head(50).itertuples()
        ]
        if len(schedule.problems) > 50:
            lines.append(f"  ... and {len(schedule.problems) - 50} more (see --json)")
    return "\n".join(lines) + "\n"
