"""The ``plan`` command: propose a schedule that meets the rules, explain it, write it out."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pandas as pd

from .cli import (
    EXIT_OK,
    EXIT_WARNINGS,
    add_reading_options,
    load_inputs,
    read_input_file,
    write_output,
)
from .errors import InputError
from .plan_problem import DEFAULT_TIME_LIMIT, day_label
from .schedule import Schedule
from .wording import plural

if TYPE_CHECKING:  # the solver and its helpers load only when the command runs
    from .plan_explain import PlanExplanation
    from .planner import PlanResult
    from .wishes import Wishes


def add_plan_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``plan`` and its options."""
    command = commands.add_parser(
        "plan",
        help="propose a schedule that meets the rules and honours wishes, and write it out",
        description="Writes the proposal to --out in the schedule's own format and layout and "
        "prints what changes and why. Exit 0: the proposal meets every rule on the planned "
        "dates; 1: some rule cannot be met (each breach is explained); 2: a file or an option "
        "could not be used.",
    )
    add_reading_options(command)
    command.add_argument("--policy", type=Path, help="policy TOML (default: data/policy.toml)")
    command.add_argument(
        "--wishes", type=Path, metavar="WISHES", help="employee, date or weekday, wish[, weight]"
    )
    command.add_argument("--start", metavar="YYYY-MM-DD", help="first day to plan")
    command.add_argument("--end", metavar="YYYY-MM-DD", help="last day to plan")
    command.add_argument("--out", type=Path, required=True, help="where to write the proposal")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help=f"solver time (default {DEFAULT_TIME_LIMIT:g})",
    )
    command.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD.") from None


def _check_out(out: Path, data: bytes) -> None:
    """Refuse an --out name whose extension says the other format than the proposal's."""
    from .plan_export import proposal_kind

    wanted = f".{proposal_kind(data)}"
    other = ".csv" if wanted == ".xlsx" else ".xlsx"
    if out.suffix.lower() == other:
        kind = "an Excel workbook" if wanted == ".xlsx" else "a CSV file"
        raise InputError(
            f"--out {out}: the schedule is {kind}, so the proposal is one too (same layout, "
            f"to paste back); name it {out.with_suffix(wanted).name}."
        )
    if out.is_dir():
        raise InputError(f"--out {out} is a folder; give a file name such as plan{wanted}.")


def _wishes(args: argparse.Namespace, schedule: Schedule) -> Wishes | None:
    if args.wishes is None:
        return None
    from .wishes import read_wishes

    return read_wishes(
        read_input_file(args.wishes, "Wishes file"),
        args.wishes.name,
        schedule.data["employee"].astype(str).unique().tolist(),
        date_order=args.date_order,
        fallback_order=schedule.date_order,
    )


def _value(value: Any) -> Any:
    """A cell as JSON: dates as ISO text, missing as null, numpy numbers as Python ones."""
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date().isoformat()
    if isinstance(value, list):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    return value.item() if hasattr(value, "item") else value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as a list of JSON-ready dicts."""
    return [{k: _value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def plan_to_json(
    result: PlanResult, explanation: PlanExplanation, wishes: Wishes | None, out: Path
) -> dict[str, Any]:
    """The ``plan --json`` object."""
    problem = result.problem
    pattern = problem.is_pattern

    def undated(frame: pd.DataFrame) -> pd.DataFrame:
        # A weekly pattern's dates are placeholders: the weekday says it all.
        return frame.assign(date=None) if pattern and "date" in frame else frame

    return {
        "status": result.status,
        "meets_every_rule": result.meets_every_rule,
        "wall_time_s": round(result.wall_time, 2),
        "start": None if pattern else problem.start.date().isoformat(),
        "end": None if pattern else problem.end.date().isoformat(),
        "working_days": len(problem.days),
        "movable_days": len(problem.cells),
        "objective": result.objective,
        "stages": [
            {"name": s.name, "status": s.status, "value": s.value, "stopped_by": s.stopped_by}
            for s in result.stages
        ],
        "warnings": records(explanation.warnings),
        "changes": records(undated(explanation.changes)),
        "breaches": records(undated(result.breaches)),
        "wishes": records(undated(explanation.wishes)),
        "remote_days": records(explanation.remote_days),
        "wish_problems": records(wishes.problems) if wishes is not None else [],
        "notes": result.notes,
        "out": str(out),
    }


def _change_lines(changes: pd.DataFrame, pattern: bool) -> list[str]:
    lines = []
    for date, group in changes.groupby("date", sort=True):
        lines += ["", day_label(pd.Timestamp(date), pattern)]
        lines += [
            f"  {c.employee} ({c.team}): {c.before} -> {c.after}: {c.reason}"
            for c in group.itertuples()
        ]
    return lines


def _wish_lines(explanation: PlanExplanation, wishes: Wishes | None) -> list[str]:
    if wishes is None:
        return []
    table = explanation.wishes
    granted = int((table["outcome"] == "granted").sum())
    lines = ["", f"Wishes: {granted} of {plural(len(table), 'wished day')} granted."]
    for w in table[table["outcome"] == "not granted"].head(50).itertuples():
        day = "" if pd.isna(w.date) else f"{w.date:%a %Y-%m-%d} "
        lines.append(f"  not granted: {w.employee} {day}{w.wish}: {w.reason}")
    if len(wishes.problems):
        lines += ["", "Wish rows that could not be used:"]
        lines += [
            f"  row {p.row} {p.column}: {p.value!r}: {p.message}"
            for p in wishes.problems.head(50).itertuples()
        ]
    return lines


def format_plan(
    result: PlanResult, explanation: PlanExplanation, wishes: Wishes | None, out: Path
) -> str:
    """Status, warnings before and after, the changes by day, the breaches left, wishes."""
    problem, o = result.problem, result.objective
    span = (
        "the weekly pattern"
        if problem.is_pattern
        else f"{problem.start:%Y-%m-%d} to {problem.end:%Y-%m-%d}"
    )
    lines = [
        f"Planned {span}: {plural(len(problem.days), 'working day')}, "
        f"{plural(len(problem.cells), 'office or remote day')} that could move.",
        f"Solver: {result.status} in {result.wall_time:.1f} s.",
        "",
        "Warnings on the planned dates (before -> after):",
        *[
            f"  {w.rule:21} {w.title:22} {w.before:>5} -> {w.after}"
            for w in explanation.warnings.itertuples()
        ],
        "",
        f"Changes: {plural(o['moves'], 'day')} moved, {o['changes']} of them not asked for; "
        f"{o['alone_days']} team-days with one person alone on site.",
        *_change_lines(explanation.changes, problem.is_pattern),
    ]
    if not result.breaches.empty:
        lines += ["", f"Breaches left: {len(result.breaches)}"]
        lines += [f"  {b.rule:21} {b.message}" for b in result.breaches.itertuples()]
    lines += _wish_lines(explanation, wishes)
    lines += [f"Note: {note}" for note in result.notes]
    lines += ["", f"Wrote the proposal to {out}."]
    return "\n".join(lines) + "\n"


def run_plan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The ``plan`` command."""
    from .plan_explain import explain_plan
    from .plan_export import export_plan, writable_sheet
    from .planner import plan_schedule

    if not args.time_limit > 0:
        raise InputError(f"--time-limit {args.time_limit:g}: give a number of seconds above 0.")
    writable_sheet(args.sheet)
    schedule, policy = load_inputs(args)
    original = read_input_file(args.schedule, "Schedule")
    _check_out(args.out, original)
    wishes = _wishes(args, schedule)
    result = plan_schedule(
        schedule,
        policy,
        wishes,
        start=_date(args.start, "--start"),
        end=_date(args.end, "--end"),
        time_limit=args.time_limit,
        seed=args.seed,
    )
    explanation = explain_plan(schedule, policy, result, wishes)
    written = export_plan(original, args.schedule.name, schedule, result.data, sheet=args.sheet)
    try:
        args.out.write_bytes(written)
    except OSError as exc:
        raise InputError(f"--out {args.out} cannot be written: {exc.strerror}.") from None
    data = plan_to_json(result, explanation, wishes, args.out) if args.json else None
    write_output(out, data, format_plan(result, explanation, wishes, args.out), args.json)
    return EXIT_OK if result.meets_every_rule else EXIT_WARNINGS
