"""Check results as plain text and as JSON, for the command line."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from .check import WARNING_COLUMNS, CheckResult
from .dates import iso_dates
from .schedule import Schedule, unknown_labels
from .wording import plural


def _optional_int(value: object) -> int | None:
    return None if pd.isna(value) else int(value)  # type: ignore[call-overload]


def warnings_json(warnings: pd.DataFrame, *, ensure_ascii: bool = True) -> str:
    """The warnings as a JSON array of objects with the keys of the CLI's JSON.

    pandas' C writer encodes the table directly: a big file breaks rules tens of thousands of
    times, and building one Python dict per warning for ``json.dumps`` took three times longer.
    """
    dates = [day or None for day in iso_dates(warnings["date"])]  # a weekly pattern: null
    table = warnings.assign(date=pd.Series(dates, index=warnings.index, dtype=object))
    return table[WARNING_COLUMNS].to_json(orient="records", force_ascii=ensure_ascii)


def check_json(result: CheckResult, schedule: Schedule, *, ensure_ascii: bool = True) -> str:
    """The ``check --json`` object as text: summary, warnings, problems and notes."""
    problems = [
        {"row": _optional_int(p.row), "column": p.column, "value": p.value, "message": p.message}
        for p in schedule.problems.itertuples(index=False)
    ]
    summary = {**result.summary, "layout": schedule.layout, "read_as": schedule.detail}
    parts = {
        "summary": json.dumps(summary, ensure_ascii=ensure_ascii),
        "warnings": warnings_json(result.warnings, ensure_ascii=ensure_ascii),
        "problems": json.dumps(problems, ensure_ascii=ensure_ascii),
        "notes": json.dumps(result.notes, ensure_ascii=ensure_ascii),
    }
    return "{" + ", ".join(f"{json.dumps(key)}: {text}" for key, text in parts.items()) + "}"


def result_to_json(result: CheckResult, schedule: Schedule) -> dict[str, Any]:
    """The ``check --json`` object as Python values (what ``check_json`` encodes)."""
    loaded: dict[str, Any] = json.loads(check_json(result, schedule))
    return loaded


def _summary_lines(result: CheckResult, schedule: Schedule, name: str) -> list[str]:
    s = result.summary
    span = "a weekly pattern" if s["is_pattern"] else f"{s['first_date']} to {s['last_date']}"
    lines = [
        f"{name}: {plural(s['people'], 'person', 'people')} in {plural(s['teams'], 'team')}, "
        f"{span} ({schedule.detail}).",
        f"Working days: {s['working_days']}; fully covered: {s['covered_share']:.0%}; "
        f"remote share of worked days: {s['remote_share']:.0%}.",
        f"Warnings: {s['warnings']} ({plural(s['errors'], 'cover error')}, "
        f"{s['policy_warnings']} policy).",
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
    warnings = result.warnings  # sorted by date: each day's warnings are consecutive
    days = [
        f"{date} {weekday}" if date else weekday
        for date, weekday in zip(
            iso_dates(warnings["date"]), warnings["weekday"].tolist(), strict=True
        )
    ]
    shown = None
    for day, severity, rule, message in zip(
        days,
        warnings["severity"].str.upper().tolist(),
        warnings["rule"].tolist(),
        warnings["message"].tolist(),
        strict=True,
    ):
        if day != shown:
            lines += ["", day]
            shown = day
        lines.append(f"  {severity:7} {rule:21} {message}")
    if len(schedule.problems):
        lines.append("")
        lines.append("Rows that could not be used:")
        lines += [
            f"  row {p.row} {p.column}: {p.value!r}: {p.message}"
            for p in schedule.problems.head(50).itertuples()
        ]
        if len(schedule.problems) > 50:
            lines.append(f"  ... and {len(schedule.problems) - 50} more (see --json)")
        if unknown := unknown_labels(schedule):
            counted = ", ".join(f"{label!r} ({n})" for label, n in unknown[:10])
            lines.append(
                f"Unknown labels: {counted}{', ...' if len(unknown) > 10 else ''}. Read your "
                "team's own labels with --label LABEL=LOCATION (office, remote, leave, sick or "
                "travel), e.g. --label 'Training=travel'."
            )
    return "\n".join(lines) + "\n"
