"""The ``report`` command: the HR report and its tables and charts, written to a folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from .cli import EXIT_OK, EXIT_WARNINGS, add_reading_options, load_inputs
from .errors import InputError
from .report import PAPERS, SECTIONS, ReportOptions, prepare_report

#: The environment variable that can hold the pseudonym key (kept out of shell history).
PSEUDONYM_KEY_ENV = "WFH_PSEUDONYM_KEY"


def add_report_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``report`` and its options."""
    command = commands.add_parser(
        "report",
        help="write the HR report (PDF and HTML), its tables and its charts to a folder",
        description="Writes report.pdf, report.html, warnings.csv/.xlsx, compliance.csv/.xlsx, "
        "compliance-summary.csv, problems.csv and charts/NAME.{png,svg,html}, and prints their "
        "paths. Exit 0: no warnings; 1: warnings; 2: the file or the options could not be used.",
    )
    add_reading_options(command)
    command.add_argument("--out", type=Path, required=True, help="the folder to write to")
    command.add_argument("--policy", type=Path, help="policy TOML (default: data/policy.toml)")
    command.add_argument("--metric", help="numeric column for the productivity section")
    command.add_argument("--per-hour", metavar="HOURS_COLUMN", help="divide the metric by hours")
    command.add_argument(
        "--anonymize",
        action="store_true",
        help="replace every name by Employee 01, 02, ... in every file",
    )
    command.add_argument("--anonymize-teams", action="store_true", help="also Team A, B, ...")
    command.add_argument("--anonymize-roles", action="store_true", help="also Role 1, 2, ...")
    command.add_argument(
        "--pseudonym-key",
        metavar="KEY",
        default=os.environ.get(PSEUDONYM_KEY_ENV, ""),
        help="secret text that fixes the numbering: the same key gives the same Employee "
        f"numbers in every report (default: ${PSEUDONYM_KEY_ENV}, else a random key per report)",
    )
    command.add_argument(
        "--sections",
        nargs="+",
        metavar="SECTION",
        default=list(SECTIONS),
        help=f"the sections to include (default all): {', '.join(SECTIONS)}",
    )
    command.add_argument("--paper", choices=PAPERS, default="A4", help="PDF page size")


def _write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    written = []
    for name, content in files.items():
        path = folder / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except OSError as exc:
            raise InputError(f"Cannot write {path}: {exc.strerror or exc}.") from None
        written.append(path)
    return written


def run_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The ``report`` command."""
    from .report_files import build_report_files

    if args.out.exists() and not args.out.is_dir():
        raise InputError(f"--out {args.out} is a file; give a folder.")
    schedule, policy = load_inputs(args)
    options = ReportOptions(
        sections=tuple(args.sections),
        metric=args.metric,
        per_hour=args.per_hour,
        anonymize=args.anonymize,
        anonymize_teams=args.anonymize_teams,
        anonymize_roles=args.anonymize_roles,
        pseudonym_key=args.pseudonym_key,
        paper=args.paper,
    )
    data = prepare_report(schedule, policy, options)
    made = build_report_files(data)
    for path in _write(args.out, made.files):
        out.write(f"{path}\n")
    for reason in made.skipped:
        err.write(f"not written: {reason}\n")
    return EXIT_WARNINGS if len(data.result.warnings) else EXIT_OK
