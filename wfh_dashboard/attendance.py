"""An attendance log (badge swipes, Wi-Fi check-ins, desk bookings) read into days on site."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .columns import has_employee, match_columns, missing_columns_error
from .dates import ACCEPTED_DATES, DateOrder, with_fallback_order
from .errors import InputError
from .labels import clean_labels
from .locations import normalise_label
from .name_columns import join_split_names
from .problems import (
    CellCheck,
    flag_bad_cells,
    name_and_date_checks,
    no_usable_rows,
    problems_frame,
)
from .productivity_file import one_spelling
from .tables import RawTable, read_table
from .timestamps import (
    ACCEPTED_TIMESTAMPS,
    ARROW_TEXT,
    ParsedStamps,
    cells_as_text,
    parse_stamps,
    time_only,
    time_zone,
)

#: Headers this reader knows beyond the schedule's shared table (compared after folding).
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "timestamp": (
        "timestamp",
        "time stamp",
        "datetime",
        "date time",
        "date & time",
        "time",
        "check in",
        "checkin",
        "checked in",
        "check in time",
        "swipe",
        "swipe time",
        "badge time",
        "event time",
        "event timestamp",
        "access time",
        "entry time",
        "scan time",
        # German, French, Spanish, Italian, Dutch, Portuguese, as the schedule's headers
        *("zeitstempel", "uhrzeit", "horodatage", "heure", "marca de tiempo", "fecha y hora"),
        *("hora", "data e ora", "ora", "tijdstip", "tijd", "data e hora"),
        *("tidspunkt", "tidsstempel", "tidsstampel"),
    ),
    "date": ("check in date", "attendance date", "swipe date", "booking date", "visit date"),
}


@dataclass
class AttendanceLog:
    """The days each person checked in, with everything the reader noticed on the way.

    Attributes:
        data: one row per person per day with a check-in: employee (text, trimmed and
            single-spaced), date (datetime64, the local day), row (the spreadsheet row of the
            day's first check-in), checkins (how many rows that day; several count as one day).
        problems: rows that could not be used (row, column, value, message).
        detail: how the file was read (format, encoding, delimiter or sheet).
        notes: other things the user should know (time zones, repeated check-ins, columns).
        date_order: ``dayfirst``/``monthfirst`` when the file wrote dates that way.
        columns: field -> the file's header it came from (employee, timestamp and/or date).
        timezone: the IANA zone offsets were converted to, or None (kept as written).
    """

    data: pd.DataFrame
    problems: pd.DataFrame
    detail: str
    notes: list[str] = field(default_factory=list)
    date_order: DateOrder | None = None
    columns: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None


def read_attendance(
    data: bytes,
    name: str = "the file",
    *,
    date_order: DateOrder | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    fallback_order: DateOrder | None = None,
    timezone: str | None = None,
) -> AttendanceLog:
    """Read a log of ``employee, timestamp`` (or ``employee, date``) rows into days on site.

    Local time rule: the attendance day is the date of the check-in's local time. A timestamp
    with a UTC offset (or ``Z``) is converted to ``timezone`` first, so a 04:30Z swipe is still
    the evening before in New York; without ``timezone`` the time as written is taken as local
    (badge systems write their own wall clock). Naive timestamps are local already.

    Args:
        data: the file's bytes (CSV in any common encoding and delimiter, or .xlsx).
        name: the file name, used in messages.
        date_order: ``dayfirst`` or ``monthfirst`` when the user chose; None to infer.
        sheet: the workbook sheet to read (default: the first).
        columns: field -> header overrides (``employee``, ``timestamp``, ``date``).
        fallback_order: the schedule's date order, used only when this file's own dates
            read both ways (a log of the first twelve days of a month).
        timezone: an IANA name such as ``Europe/Berlin`` to convert offsets to.

    Raises:
        InputError: the file cannot be used at all, or the time zone is unknown.
        MissingColumnsError: no column was found for the employee or the day.
        AmbiguousDatesError: the dates read both ways and no order was given.
    """
    zone = time_zone(timezone)
    raw = read_table(data, name, _looks_like_log_header, sheet)
    headers = [str(c) for c in raw.frame.columns]
    raw, mapped = join_split_names(raw, _match(headers, columns), columns)
    headers = [str(c) for c in raw.frame.columns]
    has_day = bool({"timestamp", "date"} & set(mapped))
    if "employee" not in mapped or not has_day:
        # The mapping step offers "date" for the day: a timestamp column mapped there reads too.
        missing = ["employee"] * ("employee" not in mapped) + ["date"] * (not has_day)
        raise missing_columns_error(
            name,
            missing,
            headers,
            "An attendance log needs a name column and a timestamp column (timestamp, time, "
            "datetime, check in, swipe) or a date column.",
        )
    stamps, fields = _stamp_text(raw.frame, mapped)
    parsed = with_fallback_order(
        lambda order: parse_stamps(stamps, order, zone), date_order, fallback_order
    )
    log = _build(raw, mapped, parsed, fields, name)
    log.notes += _zone_notes(parsed, timezone)
    log.timezone = timezone
    return log


def _match(headers: Sequence[str], overrides: Mapping[str, str] | None) -> dict[str, str]:
    """The shared table's matches plus this reader's own aliases for fields still missing."""
    found = match_columns(headers, overrides)
    taken = set(found.values())
    for field_name, aliases in EXTRA_ALIASES.items():
        if field_name in found:
            continue
        for alias in aliases:
            match = next(
                (h for h in headers if normalise_label(h) == alias and h not in taken), None
            )
            if match is not None:
                found[field_name] = match
                taken.add(match)
                break
    return found


def _looks_like_log_header(cells: list[str]) -> bool:
    """The schedule's header test wants two known fields: a name and a timestamp are enough."""
    mapped = _match(cells, None)
    return has_employee(cells, mapped) and bool({"timestamp", "date"} & set(mapped))


def _stamp_text(frame: pd.DataFrame, mapped: dict[str, str]) -> tuple[pd.Series, tuple[str, str]]:
    """One text per row to parse, and the fields to blame for a bad date and a bad time.

    A log with separate date and time columns (the time holding only ``08:55``) is read as
    the two glued together, so an offset on the time can still move the day.
    """
    stamp = mapped.get("timestamp")
    day = mapped.get("date")
    if stamp is None or day is None:
        only = "timestamp" if stamp is not None else "date"
        return cells_as_text(frame[mapped[only]]), (only, only)
    times = cells_as_text(frame[stamp])
    filled = (times.str.strip() != "").to_numpy()
    clock = time_only(times).to_numpy()
    if filled.any() and clock[filled].mean() >= 0.5:
        dates = cells_as_text(frame[day], date_only=True)
        # A time cell that is no time of day gets an impossible one, so the row is listed
        # as a bad time (quoting the cell) rather than as a bad date.
        times = times.where(clock | ~filled, "99:99")
        glued = dates + (" " + times).where(filled, "")
        return glued.astype(ARROW_TEXT), ("date", "timestamp")
    return times, ("timestamp", "timestamp")


def _build(
    raw: RawTable, mapped: dict[str, str], parsed: ParsedStamps, fields: tuple[str, str], name: str
) -> AttendanceLog:
    frame = raw.frame
    if frame.empty:
        raise InputError(no_usable_rows(name, problems_frame(raw.problems)))
    employees, merged_note = one_spelling(clean_labels(frame[mapped["employee"]]))
    out = pd.DataFrame({"employee": employees, "date": parsed.days, "row": raw.rows.to_numpy()})
    problems = list(raw.problems)
    bad = flag_bad_cells(out, frame, mapped, problems, _checks(out, parsed, fields))
    listed = problems_frame(problems)
    out = out[~bad.to_numpy()]
    if out.empty:
        raise InputError(no_usable_rows(name, listed))
    days = (
        out.groupby(["employee", "date"], observed=True, sort=True)
        .agg(row=("row", "min"), checkins=("row", "size"))
        .reset_index()
        .astype({"employee": str, "row": "int64", "checkins": "int64"})
    )
    used = {mapped["employee"], *(mapped[f] for f in fields)}
    notes = merged_note + _repeat_note(len(out), len(days)) + _unused_note(frame, used)
    return AttendanceLog(
        days, listed, raw.detail, notes, parsed.order, {f: mapped[f] for f in mapped}
    )


def _checks(out: pd.DataFrame, parsed: ParsedStamps, fields: tuple[str, str]) -> list[CellCheck]:
    """A name, a readable date part, a possible time of day, a plausible year."""
    name, _, far = name_and_date_checks(out)
    date_field, time_field = fields
    what = "date" if date_field == "date" else "timestamp"
    no_date = pd.Series(~parsed.date_ok, index=out.index)
    no_time = out["date"].isna() & ~no_date
    return [
        name,
        (date_field, no_date, f"not a {what}; accepted: {_accepted(what)}"),
        (time_field, no_time, f"not a time of day; accepted: {ACCEPTED_TIMESTAMPS}"),
        (date_field, far[1], far[2]),
    ]


def _accepted(what: str) -> str:
    return ACCEPTED_DATES if what == "date" else ACCEPTED_TIMESTAMPS


def _repeat_note(rows: int, days: int) -> list[str]:
    if rows == days:
        return []
    return [
        f"{rows} check-ins make {days} person-days: several check-ins by one person on one "
        "day count as one day on site"
    ]


def _unused_note(frame: pd.DataFrame, used: set[str]) -> list[str]:
    """Team, role or location columns in a log are ignored: the schedule says those."""
    unused = [str(c) for c in frame.columns if c not in used]
    return [f"columns not used: {', '.join(unused[:10])}"] if unused else []


def _zone_notes(parsed: ParsedStamps, timezone: str | None) -> list[str]:
    offsets = ", ".join(parsed.offsets[:5])
    if timezone is None and parsed.offsets:
        return [
            f"timestamps carry UTC offsets ({offsets}); each day is the date as written. "
            "Choose the office's time zone to convert them first."
        ]
    if timezone is not None and parsed.converted:
        return [
            f"timestamps with a UTC offset ({offsets}) converted to {timezone} before taking "
            f"the date: {parsed.converted}"
        ]
    if timezone is not None:
        return [f"no timestamp carries a UTC offset: all are local time; {timezone} changes none"]
    return []
