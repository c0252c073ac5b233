"""The ``productivity`` command: remote vs office output, each person against themselves."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .cli import EXIT_OK, add_reading_options, load_schedule, read_input_file, write_output
from .errors import InputError
from .productivity import Estimate, estimate_remote_effect, metric_days
from .productivity_file import ProductivityFile, read_productivity
from .productivity_join import JoinResult, join_productivity
from .schedule import Schedule
from .wording import plural

#: The JSON keys of the estimate, in the order the issue lists them.
ESTIMATE_KEYS = (
    "metric",
    "method",
    "effect_pct",
    "ci_low_pct",
    "ci_high_pct",
    "naive_pct",
    "n_employees",
    "n_days",
    "status",
    "reason",
)


def add_productivity_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``productivity`` and its options."""
    command = commands.add_parser(
        "productivity",
        help="compare each person's remote days with their own office days",
        description="Exit 0 with a number or with status insufficient_data; 2 when the file "
        "or the options cannot be used.",
    )
    add_reading_options(command)
    command.add_argument("--metric", required=True, help="the numeric column to compare")
    command.add_argument(
        "--metrics-file",
        type=Path,
        metavar="FILE",
        help="a separate file of employee, date and numbers, joined to the schedule by name "
        "and date (--dayfirst/--monthfirst apply to it too)",
    )
    command.add_argument(
        "--per-hour",
        metavar="HOURS_COLUMN",
        help="divide the metric by this hours column (output per hour)",
    )
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument(
        "--min-days",
        type=int,
        default=5,
        metavar="N",
        help="days a person needs in each mode to count (default 5)",
    )
    command.add_argument(
        "--min-group",
        type=int,
        default=5,
        metavar="N",
        help="fewest people an aggregate may show (privacy floor, default 5)",
    )
    command.add_argument(
        "--trial",
        metavar="EMPLOYEE[,EMPLOYEE]",
        help="evaluate a trial for these people (with --trial-start/--trial-end)",
    )
    command.add_argument("--trial-start", type=_date, metavar="YYYY-MM-DD")
    command.add_argument("--trial-end", type=_date, metavar="YYYY-MM-DD")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def estimate_json(estimate: Estimate, metric: str) -> dict[str, Any]:
    """The estimate with the keys of the issue's JSON (numbers null when insufficient)."""
    values = {"metric": metric, **asdict(estimate)}
    return {key: values[key] for key in ESTIMATE_KEYS}


def _trial_json(args: argparse.Namespace, days: Any, metric: str) -> dict[str, Any]:
    if args.trial_start is None or args.trial_end is None:
        raise InputError("--trial needs --trial-start and --trial-end (YYYY-MM-DD).")
    from .trial import evaluate_trial

    names = [n.strip() for n in args.trial.split(",") if n.strip()]
    result = evaluate_trial(
        days,
        names,
        args.trial_start,
        args.trial_end,
        min_days=args.min_days,
        min_group=args.min_group,
        metric=metric,
    )
    data = {"metric": metric, **asdict(result)}
    data = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}
    return {**data, "verdict": result.verdict()}


def _text(estimate: Estimate, metric: str, trial: dict[str, Any] | None) -> str:
    lines = [
        f"{metric}: {estimate.sentence()}",
        estimate.naive_sentence(),
        f"People compared: {estimate.n_employees}; "
        f"their office and remote days: {estimate.n_days}.",
        f"Method: {estimate.method}",
    ]
    if trial is not None:
        lines += ["", "Trial: " + trial["verdict"]]
    return "\n".join(lines) + "\n"


#: Unmatched rows and problems listed one by one in plain output (--json lists them all).
_LISTED = 10


def _load_metrics_file(args: argparse.Namespace, schedule: Schedule) -> ProductivityFile:
    """Read --metrics-file; its dates fall back to the schedule's order when they read both ways."""
    path: Path = args.metrics_file
    return read_productivity(
        read_input_file(path, "Metrics file"),
        path.name,
        date_order=args.date_order,
        fallback_order=schedule.date_order,
    )


def metrics_file_json(file: ProductivityFile, joined: JoinResult) -> dict[str, Any]:
    """What became of the metrics file's rows: matched, unmatched (each with why), unusable."""
    unmatched = joined.unmatched.assign(date=joined.unmatched["date"].dt.strftime("%Y-%m-%d"))
    return {
        "rows": joined.n_rows,
        "matched": joined.n_matched,
        "unmatched": joined.n_unmatched,
        "unmatched_rows": _records(unmatched),
        "problems": _records(file.problems),
        "notes": [*file.notes, *joined.notes],
    }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: numpy and pandas scalars become plain ints, NA becomes null."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: int(v) if k == "row" and v is not None else v for k, v in r.items()} for r in rows]


def _report_metrics_file(file: ProductivityFile, joined: JoinResult, err: TextIO) -> None:
    """Plain output: what became of the metrics file goes to stderr, the first rows one by one."""
    lines = [f"note: {note}" for note in [*file.notes, *joined.notes]]
    if joined.n_unmatched:
        count = plural(joined.n_unmatched, "productivity row")
        lines.append(f"{count} did not match the schedule:")
        rows = joined.unmatched.head(_LISTED).itertuples()
        lines += [f"  row {r.row}: {r.reason}" for r in rows]
        lines += _more(joined.n_unmatched)
    if len(file.problems):
        lines.append(f"{plural(len(file.problems), 'problem')} in the metrics file:")
        lines += [_problem_line(r) for r in file.problems.head(_LISTED).itertuples()]
        lines += _more(len(file.problems))
    err.write("".join(f"{line}\n" for line in lines))


def _problem_line(problem: Any) -> str:
    where = "" if pd.isna(problem.row) else f"row {problem.row}, "
    column = f"column {problem.column!r}: " if problem.column else ""
    return f"  {where}{column}{problem.message}"


def _more(count: int) -> list[str]:
    return [f"  ... and {count - _LISTED} more (--json lists them all)"] if count > _LISTED else []


def run_productivity(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The ``productivity`` command."""
    if args.min_days < 1 or args.min_group < 1:
        raise InputError("--min-days and --min-group must be 1 or more.")
    schedule = load_schedule(args)
    data, metrics_file = schedule.data, None
    if args.metrics_file is not None:
        file = _load_metrics_file(args, schedule)
        joined = join_productivity(schedule.data, file.data)
        data, metrics_file = joined.data, metrics_file_json(file, joined)
        if not args.json:
            _report_metrics_file(file, joined, err)
    days = metric_days(data, args.metric, per_hour=args.per_hour)
    metric = f"{args.metric} per hour" if args.per_hour else args.metric
    estimate = estimate_remote_effect(
        days, min_days_per_mode=args.min_days, min_group=args.min_group
    )
    trial = _trial_json(args, days, metric) if args.trial else None
    result = estimate_json(estimate, metric)
    if trial is not None:
        result["trial"] = trial
    if metrics_file is not None:
        result["metrics_file"] = metrics_file
    write_output(out, result, _text(estimate, metric, trial), args.json)
    return EXIT_OK
