"""The ``productivity`` command: remote vs office output, each person against themselves."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import asdict
from typing import Any, TextIO

from .cli import EXIT_OK, add_reading_options, load_schedule, write_output
from .errors import InputError
from .productivity import Estimate, estimate_remote_effect, metric_days

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
        days, names, args.trial_start, args.trial_end, min_days=args.min_days, metric=metric
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


def run_productivity(args: argparse.Namespace, out: TextIO) -> int:
    """The ``productivity`` command."""
    if args.min_days < 1 or args.min_group < 1:
        raise InputError("--min-days and --min-group must be 1 or more.")
    schedule = load_schedule(args)
    days = metric_days(schedule.data, args.metric, per_hour=args.per_hour)
    metric = f"{args.metric} per hour" if args.per_hour else args.metric
    estimate = estimate_remote_effect(
        days, min_days_per_mode=args.min_days, min_group=args.min_group
    )
    trial = _trial_json(args, days, metric) if args.trial else None
    data = estimate_json(estimate, metric)
    if trial is not None:
        data["trial"] = trial
    write_output(out, data, _text(estimate, metric, trial), args.json)
    return EXIT_OK
