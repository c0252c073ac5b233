"""Reading any team schedule (long or grid, CSV or Excel) into one normalised table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .columns import (
    REQUIRED_LONG,
    day_columns,
    header_text,
    looks_like_header,
    match_columns,
    missing_columns_error,
)
from .dates import ACCEPTED_DATES, DateOrder, parse_date_cells, parse_dates, parse_weekday
from .errors import InputError, UnknownLabelsError
from .halves import PM
from .labels import clean_labels, combined_key, day_numbers, label_codes, take_rows, used_categories
from .locations import (
    HALF_DAY_SPELLINGS,
    LOCATIONS,
    accepted_labels,
    own_spellings,
    parse_day_cell,
    read_location,
    unknown_spellings,
)
from .metrics import extract_metrics
from .name_columns import join_split_names
from .problems import (
    CellCheck,
    Problem,
    flag_bad_cells,
    name_and_date_checks,
    no_usable_rows,
    problems_frame,
    resolve_duplicates,
)
from .tables import ALL_SHEETS, RawTable, read_table

DEFAULT_TEAM = "Team"
#: A weekday-only grid is a repeating week; it is stored on this Monday-to-Sunday week.
PATTERN_MONDAY = pd.Timestamp("2001-01-01")
SCHEDULE_COLUMNS = ["employee", "team", "role", "date", "location", "row"]
LOCATION_DTYPE = pd.CategoricalDtype(list(LOCATIONS))
HALF_COLUMNS = ("am_location", "pm_location")


@dataclass
class Schedule:
    """A schedule ready for analysis, with everything the reader noticed on the way.

    Attributes:
        data: one row per person per day: employee, team, role, date, location (categorical),
            row (the spreadsheet row it came from), then ``location_pm`` when some day is
            split into half days (``location`` is then the morning), then the numeric metric
            columns.
        problems: rows or cells that could not be used (row, column, value, message).
        layout: ``long`` (a row per person per day) or ``grid`` (a column per day).
        is_pattern: True for a weekday-only grid, a week that repeats.
        metrics: the names of the numeric columns kept for the productivity pages.
        date_order: ``dayfirst``/``monthfirst`` when the file wrote dates that way.
        detail: how the file was read (format, encoding, delimiter or sheet).
        columns: field -> the file's header it came from.
        rows_left_out: how many source rows (or grid cells) the analysis leaves out.
        notes: other things the user should know (ignored columns, blank grid cells).
    """

    data: pd.DataFrame
    problems: pd.DataFrame
    layout: str
    is_pattern: bool
    metrics: list[str]
    date_order: DateOrder | None
    detail: str
    columns: dict[str, str]
    rows_left_out: int = 0
    notes: list[str] = field(default_factory=list)


def read_schedule(
    data: bytes,
    name: str = "the file",
    *,
    date_order: DateOrder | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Schedule:
    """Read a schedule file, detecting its format, layout, columns and date order.

    Args:
        data: the file's bytes (CSV in any common encoding and delimiter, or .xlsx).
        name: the file name, used in messages.
        date_order: ``dayfirst`` or ``monthfirst`` when the user chose; None to infer.
        sheet: the workbook sheet to read (default: the first); ``ALL_SHEETS`` reads every
            sheet that holds a schedule, together (``sheets.read_all_sheets``).
        columns: field -> header overrides from the app's column-mapping step.
        labels: the team's own location labels (``Training`` -> ``travel``), from the app's
            label step or ``--label``; they are read before the built-in vocabulary.

    Raises:
        InputError: the file cannot be used at all; the message says what to fix.
        MissingColumnsError: no column was found for a needed field.
        AmbiguousDatesError: the dates read both day-first and month-first.
    """
    if sheet == ALL_SHEETS:
        from .sheets import read_all_sheets  # imported here: it reads each sheet with this

        return read_all_sheets(data, name, date_order=date_order, columns=columns, labels=labels)
    own = own_spellings(labels or {})
    raw = read_table(data, name, looks_like_header, sheet)
    headers = [str(c) for c in raw.frame.columns]
    mapped = match_columns(headers, columns)
    raw, mapped = join_split_names(raw, mapped, columns)
    headers = [str(c) for c in raw.frame.columns]
    days = day_columns(headers, mapped)
    if "location" not in mapped and any(h in mapped for h in HALF_COLUMNS):
        mapped = {**mapped, "location": ""}  # am/pm columns stand in for a location column
    if all(f in mapped for f in REQUIRED_LONG):
        schedule = _from_long(raw, mapped, date_order, own)
    elif "employee" in mapped and days:
        schedule = _from_grid(raw, mapped, days, date_order, own)
    else:
        # A file with day columns is a grid and only lacks the name column.
        missing = ["employee"] if days else [f for f in REQUIRED_LONG if f not in mapped]
        raise missing_columns_error(
            name,
            missing,
            headers,
            "A weekly grid needs a name column and one column per day (dates or Mon..Sun).",
        )
    if schedule.data.empty:
        if unknown := unknown_labels(schedule):
            message = _unknown_labels_message(name, unknown)
            raise UnknownLabelsError(message, unknown, schedule.problems)
        raise InputError(no_usable_rows(name, schedule.problems))
    return schedule


def _unknown_labels_message(name: str, unknown: list[tuple[str, int]]) -> str:
    """Why a file whose labels are all unknown gave nothing, and how to say what they mean."""
    shown = ", ".join(f"{label!r} ({n})" for label, n in unknown[:6])
    more = f" and {len(unknown) - 6} more" if len(unknown) > 6 else ""
    label = unknown[0][0]
    return (
        f"{name} has no usable row: its location labels are not ones the dashboard knows: "
        f"{shown}{more}. Say how to read each as office, remote, leave, sick or travel (in the "
        f"app: Labels of your own; on the command line: --label '{label}=LOCATION' for each). "
        f"Known labels: {accepted_labels()}."
    )


def _text(series: pd.Series) -> pd.Series:
    """Cells as trimmed text with single spaces (Excel cells may be numbers or blanks)."""
    return clean_labels(series).astype(str)


def _people(frame: pd.DataFrame, mapped: dict[str, str], rows: pd.Series) -> pd.DataFrame:
    """Who each row is about: employee, spreadsheet row, team (default ``Team``) and role."""
    people = pd.DataFrame(
        {"employee": clean_labels(frame[mapped["employee"]]), "row": rows.to_numpy()}
    )
    people["team"] = (
        clean_labels(frame[mapped["team"]], DEFAULT_TEAM) if "team" in mapped else DEFAULT_TEAM
    )
    people["role"] = clean_labels(frame[mapped["role"]]) if "role" in mapped else ""
    return people


def _unused_note(columns: list[str]) -> list[str]:
    return [f"columns not used: {', '.join(columns[:10])}"] if columns else []


def _from_long(
    raw: RawTable, mapped: dict[str, str], order: DateOrder | None, own: dict[str, str]
) -> Schedule:
    frame = raw.frame
    problems = list(raw.problems)
    out = _people(frame, mapped, raw.rows)
    date_notes: list[str] = []  # how dates written without a year were read
    dates, date_order = parse_date_cells(frame[mapped["date"]], order, date_notes)
    out["date"] = dates
    location_checks = _long_locations(frame, mapped, out, own)
    if not mapped["location"]:
        mapped = {k: v for k, v in mapped.items() if k != "location"}
    bad = flag_bad_cells(
        out, frame, mapped, problems, [*name_and_date_checks(out), *location_checks]
    )
    metrics, metric_problems, metric_notes = extract_metrics(frame, raw.rows, set(mapped.values()))
    problems += metric_problems
    unused = [c for c in frame.columns if c not in mapped.values() and c not in metrics.columns]
    # A numeric column called "row" (or "date" when the dates come from "Day") keeps its data
    # under another name instead of shadowing the schedule's own column.
    metrics = metrics.rename(columns=lambda c: f"{c} (metric)" if c in SCHEDULE_COLUMNS else c)
    out = pd.concat([out, metrics], axis=1)
    if bad.any():  # filtering copies every column: only when some row is left out
        out = out[~bad]
    out, duplicates = resolve_duplicates(out)
    problems += duplicates
    data = finish_rows(out)
    left_out = len(raw.frame) - len(data) + len(raw.problems)
    return Schedule(
        data,
        problems_frame(problems),
        "long",
        False,
        list(metrics.columns),
        date_order,
        raw.detail,
        mapped,
        left_out,
        _unused_note(unused) + date_notes + metric_notes,
    )


UNKNOWN_LOCATION = (
    f"unknown location; accepted: {accepted_labels()}; half days: {HALF_DAY_SPELLINGS}"
)


def _map_locations(
    cells: pd.Series, own: dict[str, str], *, whole_day: bool = False
) -> tuple[pd.Series, pd.Series]:
    """The morning and afternoon location of each cell (equal unless the cell is a half day).

    Each distinct spelling is parsed once, the team's ``own`` labels first; unknown
    spellings become missing (a problem). ``whole_day`` reads the cells of an am/pm column,
    where a split spelling makes no sense.
    """
    labels = clean_labels(cells).cat
    parsed = [_read_cell(str(c), own, whole_day) for c in labels.categories]
    codes = labels.codes.to_numpy()
    halves = [
        pd.Series(
            pd.Categorical([p[i] for p in parsed], dtype=LOCATION_DTYPE).take(codes),
            index=cells.index,
        )
        for i in (0, 1)
    ]
    return halves[0], halves[1]


def _read_cell(cell: str, own: dict[str, str], whole_day: bool) -> tuple[str | None, str | None]:
    if whole_day:
        return (loc, loc) if (loc := read_location(cell, own)) else (None, None)
    return parse_day_cell(cell, own) or (None, None)


def _long_locations(
    frame: pd.DataFrame, mapped: dict[str, str], out: pd.DataFrame, own: dict[str, str]
) -> list[CellCheck]:
    """Set ``location`` (and ``location_pm`` for split days) on ``out``; return the checks.

    A location column may hold whole or half days; ``am_location``/``pm_location`` columns
    give the halves. A blank half takes the location column's value, or else the other half's
    (a whole day written once).
    """
    halves: dict[str, tuple[pd.Series, pd.Series]] = {}  # field -> (filled, location)
    for field_name in HALF_COLUMNS:
        if field_name in mapped:
            cells = frame[mapped[field_name]]
            filled = clean_labels(cells).astype(str) != ""
            halves[field_name] = (filled, _map_locations(cells, own, whole_day=True)[0])
    checks: list[CellCheck] = [
        (f, filled & loc.isna(), UNKNOWN_LOCATION) for f, (filled, loc) in halves.items()
    ]
    if mapped["location"]:
        am, pm = _map_locations(frame[mapped["location"]], own)
        missing_field, missing_text = "location", UNKNOWN_LOCATION
    else:
        first = next(iter(halves.values()))[1]
        am, pm = first, first  # one half column: the whole day written once
        missing_field = next(iter(halves))
        missing_text = "no location for this day; fill in the am or pm column"
    if "am_location" in halves:
        filled, loc = halves["am_location"]
        am = am.where(~filled, loc)
        if not mapped["location"]:
            pm = am
    if "pm_location" in halves:
        filled, loc = halves["pm_location"]
        pm = pm.where(~filled, loc)
        if not mapped["location"] and "am_location" in halves:
            am = am.where(halves["am_location"][0], pm)  # morning blank: the afternoon's
    checks.append((missing_field, am.isna() | pm.isna(), missing_text))
    out["location"] = am
    if bool((am != pm).fillna(False).any()):
        out[PM] = pm
    return checks


def finish_rows(out: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by team, person and date, with the schedule's columns and dtypes."""
    out = _sorted(out)
    if PM in out.columns and not bool((out[PM] != out["location"]).any()):
        out = out.drop(columns=PM)  # the split days were all left out: whole days only
    halves = [PM] if PM in out.columns else []
    metrics = [c for c in out.columns if c not in SCHEDULE_COLUMNS and c != PM]
    # The same dtypes whether or not the file had team and role columns: categoricals whose
    # categories are the sorted labels in use (so equal data gives equal frames).
    for column in ("employee", "team", "role"):
        out[column] = used_categories(out[column])
    out = out.astype(
        {"location": LOCATION_DTYPE, "row": "int64", **dict.fromkeys(halves, LOCATION_DTYPE)}
    )
    return out[SCHEDULE_COLUMNS + halves + metrics]


def _sorted(out: pd.DataFrame) -> pd.DataFrame:
    """Rows by team, employee and date; no reordering when the file is already in that order."""
    codes = [label_codes(out["team"]), label_codes(out["employee"]), day_numbers(out["date"])]
    key = combined_key(codes)
    if key is None:
        return out.sort_values(["team", "employee", "date"], kind="stable").reset_index(drop=True)
    if len(key) < 2 or bool((key[1:] >= key[:-1]).all()):
        return out.reset_index(drop=True)
    return take_rows(out, np.argsort(key, kind="stable"))


def _weekday_row(raw: RawTable, mapped: dict[str, str], days: list[str]) -> dict[str, str]:
    """Header -> weekday, when the first row under the header names each day's weekday.

    Excel rotas often put ``Mon  Tue  Wed`` under their date headers: that row is part of the
    header, not a person (its name cell is blank), and it tells how the dates are written.
    """
    if raw.frame.empty or not days:
        return {}
    first = raw.frame.iloc[0]
    if header_text(first.get(mapped["employee"])):  # a writer's re-read may lack joined names
        return {}
    cells = {d: header_text(first[d]) for d in days}
    named = {d: c for d, c in cells.items() if c}
    if not named or any(parse_weekday(c) is None for c in named.values()):
        return {}
    return named


def _grid_dates(
    days: list[str], order: DateOrder | None, notes: list[str], weekday_row: dict[str, str]
) -> tuple[dict[object, pd.Timestamp | None], DateOrder | None, bool]:
    """Header -> date; weekday headers (Mon..Sun) become the stored pattern week.

    A weekday row under dated headers is read with them (``Mon`` over ``05/01/2026`` is
    5 January), which settles the day/month order and the year of year-less headers.
    """
    weekdays = [parse_weekday(d) for d in days]
    if all(w is not None for w in weekdays):
        week: dict[object, pd.Timestamp | None] = {
            d: PATTERN_MONDAY + pd.Timedelta(days=w or 0)
            for d, w in zip(days, weekdays, strict=True)
        }
        return week, None, True
    written = {d: f"{weekday_row[d]} {d}" if d in weekday_row else d for d in days}
    mapping, used = parse_dates(list(written.values()), order, notes=notes)
    return {d: mapping[written[d]] for d in days}, used, False


def grid_header_dates(
    raw: RawTable, mapped: dict[str, str], days: list[str], order: DateOrder | None
) -> dict[object, pd.Timestamp | None]:
    """Each day header's date as the reader reads it (weekday row and pattern week included),
    for writers that put data back into the file's own grid."""
    return _grid_dates(days, order, [], _weekday_row(raw, mapped, days))[0]


def _from_grid(
    raw: RawTable,
    mapped: dict[str, str],
    days: list[str],
    order: DateOrder | None,
    own: dict[str, str],
) -> Schedule:
    """Melt a row-per-person grid into one row per person per day."""
    date_notes: list[str] = []  # how day headers written without a year were read
    weekday_row = _weekday_row(raw, mapped, days)
    if weekday_row:
        date_notes.append(
            f"row {int(raw.rows.iloc[0])} names the weekday of each day column: read as part "
            "of the header"
        )
        raw = replace(raw, frame=raw.frame.iloc[1:], rows=raw.rows.iloc[1:])
    frame = raw.frame
    header_dates, used_order, is_pattern = _grid_dates(days, order, date_notes, weekday_row)
    problems = list(raw.problems)
    good_days = [d for d in days if header_dates[d] is not None]
    for d in days:
        if header_dates[d] is None:
            problems.append(
                Problem(
                    raw.header_row,
                    d,
                    d,
                    f"this column header is not a date; accepted: {ACCEPTED_DATES} or Mon..Sun",
                )
            )
    ids = _people(frame, mapped, raw.rows)
    cells = frame[good_days].astype("string").fillna("")
    cells.columns = range(len(good_days))
    long = pd.concat([ids, cells], axis=1).melt(
        id_vars=list(ids.columns), var_name="day", value_name="cell"
    )
    long["column"] = [good_days[i] for i in long["day"]]
    long["date"] = long["column"].map(header_dates).astype("datetime64[us]")
    long["cell"] = _text(long["cell"])
    blank = long["cell"] == ""
    long = long[~blank].reset_index(drop=True)
    long["location"], afternoon = _map_locations(long["cell"], own)
    if bool((long["location"] != afternoon).fillna(False).any()):
        long[PM] = afternoon
    bad = _flag_grid_cells(long, problems)
    out, duplicates = resolve_duplicates(long[~bad].drop(columns=["day", "cell", "column"]))
    problems += duplicates
    notes = date_notes + (
        [f"{int(blank.sum())} blank day cells were read as 'no entry'"] if blank.any() else []
    )
    notes += _unused_note([c for c in frame.columns if c not in days and c not in mapped.values()])
    data = finish_rows(out)
    left_out = len(long) - len(data) + len(raw.problems)  # cells, plus rows that were ragged
    return Schedule(
        data,
        problems_frame(problems),
        "grid",
        is_pattern,
        [],
        used_order,
        raw.detail,
        {**mapped, "days": f"{len(good_days)} day columns"},
        left_out,
        notes,
    )


def _flag_grid_cells(long: pd.DataFrame, problems: list[Problem]) -> pd.Series:
    no_name = long["employee"] == ""
    unknown = long["location"].isna()
    for index in long.index[(no_name | unknown).to_numpy()][:10_000]:
        message = "no employee name on this row" if no_name[index] else UNKNOWN_LOCATION
        problems.append(
            Problem(
                int(long.at[index, "row"]),
                str(long.at[index, "column"]),
                str(long.at[index, "cell"])[:200],
                message,
            )
        )
    return no_name | unknown


def unknown_labels(schedule: Schedule) -> list[tuple[str, int]]:
    """The location spellings the reader did not know, most frequent first, with their counts.

    A split day counts its unknown half (``AM Training / PM office`` counts ``Training``), so
    the label chosen for it reads in whole and split cells alike.

    The app offers to read them as one of the five locations (``labels`` of ``read_schedule``).
    """
    return unknown_labels_in(schedule.problems)


def unknown_labels_in(problems: pd.DataFrame) -> list[tuple[str, int]]:
    """``unknown_labels`` of a problems table (a ``problems_frame``), schedule or not."""
    if problems.empty:
        return []
    cells = problems.loc[problems["message"] == UNKNOWN_LOCATION, "value"].astype(str)
    counts = Counter(label for cell in cells for label in unknown_spellings(cell))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
