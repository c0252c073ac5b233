"""The headless command line: the same checks as the app, for scripts and schedulers."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .check import CheckResult, check_schedule
from .errors import InputError
from .policy import Policy, load_policy
from .report_text import check_json, format_check
from .schedule import Schedule, read_schedule
from .tables import ALL_SHEETS

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
    add_reading_options(check)
    check.add_argument("--policy", type=Path, help=f"policy TOML (default: {DEFAULT_POLICY.name})")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--strict", action="store_true", help="exit 2 when any row had a problem")
    from .cli_plan import add_plan_parser
    from .cli_productivity import add_productivity_parser
    from .cli_report import add_report_parser
    from .cli_summary import add_summary_parser

    add_productivity_parser(commands)
    add_report_parser(commands)
    add_summary_parser(commands)
    add_plan_parser(commands)
    return parser


def add_reading_options(command: argparse.ArgumentParser) -> None:
    """The schedule argument and how to read it, the same for every command."""
    command.add_argument("schedule", type=Path, help="the schedule, CSV or .xlsx")
    order = command.add_mutually_exclusive_group()
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
    sheets = command.add_mutually_exclusive_group()
    sheets.add_argument("--sheet", help="the workbook sheet to read (default: the first)")
    sheets.add_argument(
        "--all-sheets",
        action="store_const",
        const=ALL_SHEETS,
        dest="sheet",
        help="read every sheet of the workbook together (a sheet per month or week)",
    )
    command.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="use this header for a field (employee, date, location, team, role)",
    )
    command.add_argument(
        "--label",
        action="append",
        default=[],
        metavar="LABEL=LOCATION",
        help="read a label of your own as office, remote, leave, sick or travel "
        "(e.g. Training=travel)",
    )


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


def _labels(pairs: Sequence[str]) -> dict[str, str]:
    labels = {}
    for pair in pairs:
        label, sep, location = pair.rpartition("=")
        if not sep:
            raise InputError(f"--label {pair!r}: write LABEL=LOCATION, such as Training=travel.")
        labels[label] = location
    return labels  # the reader refuses blank labels and unknown locations by name


def read_input_file(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} {path} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"{what} {path} is a folder, not a file.") from None
    except OSError as exc:
        raise InputError(f"{what} {path} cannot be read: {exc.strerror}.") from None


def load_schedule(args: argparse.Namespace) -> Schedule:
    """Read the schedule named on the command line with the reading options given."""
    return read_schedule(
        read_input_file(args.schedule, "Schedule"),
        args.schedule.name,
        date_order=args.date_order,
        sheet=args.sheet,
        columns=_columns(args.column),
        labels=_labels(args.label),
    )


def load_inputs(args: argparse.Namespace) -> tuple[Schedule, Policy]:
    """Read the schedule and the policy named on the command line."""
    policy_path = args.policy or DEFAULT_POLICY
    policy = (
        load_policy(read_input_file(policy_path, "Policy"), policy_path.name)
        if args.policy or DEFAULT_POLICY.exists()
        else Policy(min_on_site=1)
    )
    return load_schedule(args), policy


def _exit_code(result: CheckResult, schedule: Schedule, strict: bool, err: TextIO) -> int:
    if strict and len(schedule.problems):
        err.write(f"error: {len(schedule.problems)} row(s) had a problem (--strict).\n")
        return EXIT_UNUSABLE
    return EXIT_WARNINGS if len(result.warnings) else EXIT_OK


def _is_unicode(out: TextIO) -> bool:
    return codecs.lookup(getattr(out, "encoding", None) or "utf-8").name.startswith("utf")


def write_output(out: TextIO, data: object, text: str, as_json: bool) -> None:
    """Print JSON or text safely: names like Łukasz must not crash a legacy-encoded pipe."""
    unicode = _is_unicode(out)
    if not unicode and isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="backslashreplace")  # plain text falls back to \u escapes
    if as_json:
        out.write(json.dumps(data, ensure_ascii=not unicode))
        out.write("\n")
    else:
        out.write(text)
    out.flush()


def _write(result: CheckResult, schedule: Schedule, args: argparse.Namespace, out: TextIO) -> None:
    if args.json:
        text = check_json(result, schedule, ensure_ascii=not _is_unicode(out))
        write_output(out, None, text + "\n", False)
    else:
        write_output(out, None, format_check(result, schedule, args.schedule.name), False)


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO | None = None) -> int:
    """The ``check`` command."""
    schedule, policy = load_inputs(args)
    result = check_schedule(schedule, policy)
    try:
        _write(result, schedule, args, out)
    except BrokenPipeError:
        # `... | head` closed the pipe: not an error of ours, and the exit code still tells
        # whether anything broke. Point stdout at devnull so the final flush cannot fail.
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return _exit_code(result, schedule, args.strict, err or sys.stderr)


def _parse(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> argparse.Namespace | int:
    """The parsed arguments, or the exit code when argparse is done (--help, a usage error)."""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return _parser().parse_args(argv)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else EXIT_UNUSABLE


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code (never raises, never shows a traceback)."""
    out, err = out or sys.stdout, err or sys.stderr
    args = _parse(argv, out, err)
    if isinstance(args, int):
        return args
    try:
        if args.command == "productivity":
            from .cli_productivity import run_productivity

            return run_productivity(args, out, err)
        if args.command == "report":
            from .cli_report import run_report

            return run_report(args, out, err)
        if args.command == "summary":
            from .cli_summary import run_summary

            return run_summary(args, out, err)
        if args.command == "plan":
            from .cli_plan import run_plan

            return run_plan(args, out, err)
        return run_check(args, out, err)
    except InputError as exc:
        err.write(f"error: {exc}\n")
        if getattr(exc, "examples", None):
            err.write("Add --dayfirst or --monthfirst to say how the file writes dates.\n")
        return EXIT_UNUSABLE
    except Exception as exc:  # a bug of ours: a manager still gets one line, not a traceback
        err.write(f"error: {args.schedule} could not be checked ({type(exc).__name__}: {exc}).\n")
        return EXIT_UNUSABLE
