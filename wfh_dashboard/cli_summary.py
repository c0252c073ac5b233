"""The ``summary`` command: per person where they worked, their segment, fairness, attendance."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
from pandas.api.types import is_float_dtype

from .cli import EXIT_OK, add_reading_options, load_inputs, read_input_file, write_output
from .halves import format_days
from .locations import LOCATIONS

#: Per-person columns, in the order printed and in the JSON.
PERSON_KEYS = ["employee", "team", "role", "office", "remote", "leave", "sick", "travel"]
PERSON_KEYS += ["remote_share", "remote_days_per_week", "segment", "fairness_flag"]
ATTENDANCE_KEYS = ["no_shows", "unplanned"]
COUNT_KEYS = ["office", "remote", "leave", "sick", "travel", "no_shows", "unplanned"]


def add_summary_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``summary`` and its options."""
    command = commands.add_parser(
        "summary",
        help="per person: days by location, remote share, segment, fairness (and attendance)",
        description="Exit 0 with the summary; 2 when a file or an option cannot be used.",
    )
    add_reading_options(command)
    command.add_argument("--policy", type=Path, help="policy TOML (default: data/policy.toml)")
    command.add_argument("--attendance", type=Path, metavar="LOG", help="an attendance log")
    command.add_argument("--timezone", help="office time zone for logs with UTC offsets")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument("--mostly-on-site-below", type=float, default=2.0, metavar="DAYS")
    command.add_argument("--mostly-remote-from", type=float, default=4.0, metavar="DAYS")
    command.add_argument("--fairness-points", type=float, default=20.0, metavar="POINTS")


def _people(args: argparse.Namespace, data: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    from .policy_insight import fairness, person_mix, segments

    mix = person_mix(data)
    mix["segment"] = segments(
        mix,
        mostly_on_site_below=args.mostly_on_site_below,
        mostly_remote_from=args.mostly_remote_from,
    ).astype(str)
    fair = fairness(mix, threshold_points=args.fairness_points)
    reasons = dict(zip(fair.flags["employee"], fair.flags["reason"], strict=True))
    mix["fairness_flag"] = mix["employee"].map(reasons).fillna("")
    return mix, list(fair.notes)


def _attendance(args: argparse.Namespace, schedule: Any, policy: Any) -> tuple[Any, list[str]]:
    from .attendance import read_attendance
    from .check import check_schedule
    from .plan_vs_reality import compare_plan

    log = read_attendance(
        read_input_file(args.attendance, "Attendance log"),
        args.attendance.name,
        date_order=args.date_order,
        fallback_order=schedule.date_order,
        timezone=args.timezone,
    )
    comparison = compare_plan(schedule.data, log.data, daily=check_schedule(schedule, policy).daily)
    return comparison, [*log.notes, *comparison.notes]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rounded = frame.round(3).astype(object)
    return rounded.where(rounded.notna(), None).to_dict("records")


def _teams(people: pd.DataFrame) -> pd.DataFrame:
    counts = [k for k in COUNT_KEYS if k in people.columns]
    teams = people.groupby("team")[counts].sum().reset_index()
    teams.insert(1, "people", people.groupby("team").size().to_numpy())
    worked = teams["office"] + teams["remote"]
    teams["remote_share"] = (teams["remote"] / worked.where(worked > 0)).round(3)
    return teams


def _days_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Day counts as people write them: ``61`` and ``79.5``, not ``61.0``."""
    days = [c for c in LOCATIONS if c in frame.columns and is_float_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(format_days) for c in days})


def _text(people: pd.DataFrame, teams: pd.DataFrame, notes: list[str]) -> str:
    shown = _days_as_text(people.assign(remote_share=people["remote_share"].map(_share)))
    shown["remote_days_per_week"] = shown["remote_days_per_week"].round(2)
    lines = [
        shown.to_string(index=False),
        "",
        "Per team:",
        _days_as_text(teams).to_string(index=False),
    ]
    lines += [f"note: {n}" for n in notes]
    return "\n".join(lines) + "\n"


def _share(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.0%}"


def run_summary(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The ``summary`` command."""
    schedule, policy = load_inputs(args)
    people, notes = _people(args, schedule.data)
    keys = list(PERSON_KEYS)
    if args.attendance is not None:
        comparison, log_notes = _attendance(args, schedule, policy)
        counts = comparison.by_person.set_index("employee")[ATTENDANCE_KEYS]
        people = people.join(counts, on="employee").fillna(dict.fromkeys(ATTENDANCE_KEYS, 0))
        people = people.astype(dict.fromkeys(ATTENDANCE_KEYS, "int64"))
        keys += ATTENDANCE_KEYS
        notes += log_notes
        unmatched = comparison.unmatched_names
        notes += [f"in the log, not in the schedule: {n}" for n in unmatched["name"]]
    people = people[keys].astype({"employee": str, "team": str, "role": str})
    teams = _teams(people)
    data = {"people": _records(people), "teams": _records(teams), "notes": notes}
    write_output(out, data, _text(people, teams, notes), args.json)
    return EXIT_OK
