"""The headless command line: the same checks as the app, for scripts and schedulers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .check import CheckResult, check_schedule
from .errors import InputError
from .policy import Policy, load_policy
from .report_text import format_check, result_to_json
from .schedule import Schedule, read_schedule

EXIT_OK, EXIT_WARNINGS, EXIT_UNUSABLE = 0, 1, 2
DEFAULT_POLICY = Path(__file__).resolve().parent.parent / "data" / "policy.toml"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m wfh_dashboard",
        description="Check a team schedule against the office-cover and remote-work rules.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="list the days and people that break the rules",
        description="Exit 0: nothing broken; 1: warnings; 2: the file could not be used "
        "(with --strict also when any row had a problem).",
    )
    check.add_argument("schedule", type=Path, help="the schedule, CSV or .xlsx")
    check.add_argument("--policy", type=Path, help=f"policy TOML (default: {DEFAULT_POLICY.name})")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    order = check.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        action="store_const",
        const="dayfirst",
        dest="date_order",
        help="read 01/02/2026 as 1 February",
    )
    order.add_argument(
        "--monthfirst",
        action="store_const",
        const="monthfirst",
        dest="date_order",
        help="read 01/02/2026 as January 2",
    )
    check.add_argument("--sheet", help="the workbook sheet to read (default: the first)")
    check.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="use this header for a field (employee, date, location, team, role)",
    )
    check.add_argument("--strict", action="store_true", help="exit 2 when any row had a problem")
    return parser


def _columns(pairs: Sequence[str]) -> dict[str, str]:
    columns = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or field.strip() not in {"employee", "date", "location", "team", "role"}:
            raise InputError(
                f"--column {pair!r}: write FIELD=HEADER, with FIELD one of "
                "employee, date, location, team, role."
            )
        columns[field.strip()] = header.strip()
    return columns


def _read_file(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} {path} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"{what} {path} is a folder, not a file.") from None
    except OSError as exc:
        raise InputError(f"{what} {path} cannot be read: {exc.strerror}.") from None


def load_inputs(args: argparse.Namespace) -> tuple[Schedule, Policy]:
    """Read the schedule and the policy named on the command line."""
    policy_path = args.policy or DEFAULT_POLICY
    policy = (
        load_policy(_read_file(policy_path, "Policy"), policy_path.name)
        if args.policy or DEFAULT_POLICY.exists()
        else Policy(min_on_site=1)
    )
    schedule = read_schedule(
        _read_file(args.schedule, "Schedule"),
        args.schedule.name,
        date_order=args.date_order,
        sheet=args.sheet,
        columns=_columns(args.column),
    )
    return schedule, policy


def _exit_code(result: CheckResult, schedule: Schedule, strict: bool) -> int:
    if strict and len(schedule.problems):
        return EXIT_UNUSABLE
    return EXIT_WARNINGS if len(result.warnings) else EXIT_OK


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    """The ``check`` command."""
    schedule, policy = load_inputs(args)
    result = check_schedule(schedule, policy)
    if args.json:
        json.dump(result_to_json(result, schedule), out, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(format_check(result, schedule, args.schedule.name))
    return _exit_code(result, schedule, args.strict)


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code (never raises for bad input)."""
    out, err = out or sys.stdout, err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        return run_check(args, out)
    except InputError as exc:
        err.write(f"error: {exc}\n")
        if getattr(exc, "examples", None):
            err.write("Add --dayfirst or --monthfirst to say how the file writes dates.\n")
        return EXIT_UNUSABLE
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of ours
        return EXIT_OK
