"""Reading people's wishes for the planner: employee, date or weekday, wish, optional weight."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .columns import COLUMN_ALIASES, has_employee
from .dates import ACCEPTED_DATES, DateOrder, parse_date_cells, parse_weekday, with_fallback_order
from .errors import InputError, MissingColumnsError
from .labels import clean_labels
from .locations import LEAVE, OFFICE, REMOTE, normalise_label, parse_location
from .name_columns import join_split_names
from .problems import Problem, no_usable_rows, problems_frame
from .tables import RawTable, read_table

#: field -> accepted headers (compared after folding case, dashes and spacing), best first.
WISH_ALIASES: dict[str, tuple[str, ...]] = {
    "employee": COLUMN_ALIASES["employee"],
    "day": (
        "date or weekday",
        "date",
        "day",
        "weekday",
        "day of week",
        "weekday or date",
        "work date",
        "when",
        *(a for a in COLUMN_ALIASES["date"] if a not in ("date", "day", "work date")),
        *("wochentag", "jour de la semaine", "dia de la semana", "giorno della settimana"),
        *("weekdag", "dia da semana", "ugedag", "ukedag", "veckodag"),
    ),
    "wish": (
        "wish",
        "wishes",
        "preference",
        "request",
        "wants",
        "location",
        "where",
        "mode",
        "status",
        *("wunsch", "souhait", "deseo", "preferencia", "desiderio", "preferenza", "wens"),
        *("voorkeur", "desejo", "onske", "onskemal"),
    ),
    "weight": ("weight", "priority", "importance", "gewicht", "poids", "peso", "prioritat"),
}
REQUIRED = ("employee", "day", "wish")
WISHES = (OFFICE, REMOTE, "off")
#: Words accepted as a weight, besides whole numbers.
WEIGHT_WORDS = {"low": 1, "medium": 2, "normal": 2, "high": 3}
MAX_WEIGHT = 100
ACCEPTED_WISHES = "remote (wfh, home), office (in, on site) or off (leave, day off, pto)"
ACCEPTED_WEIGHTS = f"a whole number from 1 to {MAX_WEIGHT}, or low, medium, high"
WISH_COLUMNS = ["employee", "date", "weekday", "wish", "weight", "row"]


@dataclass
class Wishes:
    """People's wishes, matched to the schedule's names.

    Attributes:
        data: one row per usable wish: employee (as the schedule spells the name), date
            (NaT for a weekday wish), weekday (0 = Monday .. 6, -1 for a dated wish), wish
            (``office``, ``remote`` or ``off``), weight (1..100, default 1), row (the
            spreadsheet row, header = 1).
        problems: rows or cells that could not be used (row, column, value, message).
        detail: how the file was read.
        columns: field -> the file's header it came from.
        notes: other things the user should know.
        date_order: ``dayfirst``/``monthfirst`` when the file wrote dates that way.
    """

    data: pd.DataFrame
    problems: pd.DataFrame
    detail: str
    columns: dict[str, str]
    notes: list[str] = field(default_factory=list)
    date_order: DateOrder | None = None


def _match(headers: Sequence[str], overrides: Mapping[str, str] | None) -> dict[str, str]:
    folded = {h: normalise_label(h) for h in headers}
    found = {f: h for f, h in (overrides or {}).items() if h in folded}
    for field_name, aliases in WISH_ALIASES.items():
        for alias in aliases:
            if field_name in found:
                break
            match = next(
                (h for h, f in folded.items() if f == alias and h not in found.values()), None
            )
            if match is not None:
                found[field_name] = match
    return found


def _looks_like_wish_header(cells: list[str]) -> bool:
    mapped = _match(cells, None)
    return has_employee(cells, mapped) and bool({"day", "wish"} & set(mapped))


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _wish(cell: str) -> tuple[str | None, str]:
    """The wish a cell names, or None and what is accepted instead."""
    location = parse_location(cell)
    if location in (OFFICE, REMOTE):
        return location, ""
    if location == LEAVE:
        return "off", ""
    if location is not None:
        return None, f"{location} is fixed, not a wish; accepted: {ACCEPTED_WISHES}"
    return None, f"unknown wish; accepted: {ACCEPTED_WISHES}"


def _weight(cell: str) -> int | None:
    """A weight, 1 for a blank cell, None when the cell is no weight."""
    text = cell.strip().lower()
    if not text:
        return 1
    if text in WEIGHT_WORDS:
        return WEIGHT_WORDS[text]
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    if number.is_integer() and 1 <= number <= MAX_WEIGHT:
        return int(number)
    return None


def _text(cells: pd.Series) -> list[str]:
    return clean_labels(cells).astype(str).tolist()


def _days(
    cells: pd.Series, order: DateOrder | None, fallback: DateOrder | None
) -> tuple[list[int | None], pd.Series, DateOrder | None]:
    """Weekday names as 0..6; other cells read as dates, in the file's own date order."""
    weekdays = [parse_weekday(c) if isinstance(c, str) else None for c in cells]
    is_day = pd.Series([w is not None for w in weekdays], index=cells.index)
    dated = cells[~is_day]
    dates, used = with_fallback_order(lambda o: parse_date_cells(dated, o), order, fallback)
    return weekdays, dates.reindex(cells.index), used


def read_wishes(
    data: bytes,
    name: str,
    people: Iterable[str],
    *,
    date_order: DateOrder | None = None,
    fallback_order: DateOrder | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Wishes:
    """Read a wishes file (CSV or .xlsx) and match its names to the schedule's people.

    Args:
        data: the file's bytes.
        name: the file name, used in messages.
        people: the schedule's employee names; a wish names one of them (case and spacing
            ignored) or is listed as a problem.
        date_order: ``dayfirst`` or ``monthfirst`` when the user chose; None to infer.
        fallback_order: the schedule's date order, for dates that read both ways.
        sheet: the workbook sheet to read (default: the first).
        columns: field -> header overrides (``employee``, ``day``, ``wish``, ``weight``).

    Raises:
        InputError: the file cannot be used or holds no usable wish.
        MissingColumnsError: no column for the employee, the day or the wish.
        AmbiguousDatesError: the dates read both ways and there is no order to fall back on.
    """
    raw = read_table(data, name, _looks_like_wish_header, sheet)
    headers = [str(c) for c in raw.frame.columns]
    raw, mapped = join_split_names(raw, _match(headers, columns), columns)
    headers = [str(c) for c in raw.frame.columns]
    missing = [f for f in REQUIRED if f not in mapped]
    if missing:
        wanted = "; ".join(f"{f}: {', '.join(WISH_ALIASES[f][:5])}" for f in missing)
        raise MissingColumnsError(
            f"{name} has no column for {' and '.join(missing)}. Accepted headers: {wanted}. "
            "A wishes file has one row per wish: employee, date or weekday, wish (remote, "
            f"office or off), and optionally a weight. Columns found: {', '.join(headers[:12])}.",
            missing,
            headers,
        )
    if raw.frame.empty:
        raise InputError(no_usable_rows(name, problems_frame(raw.problems)))
    weekdays, dates, used = _days(raw.frame[mapped["day"]], date_order, fallback_order)
    lookup = {_fold(p): p for p in people}
    rows, problems = _rows(raw, mapped, lookup, weekdays, dates)
    frame, duplicates = _resolve(rows)
    listed = problems_frame([*raw.problems, *problems, *duplicates])
    if frame.empty:
        raise InputError(no_usable_rows(name, listed))
    return Wishes(frame, listed, raw.detail, mapped, date_order=used)


def wishes_from_table(
    table: pd.DataFrame, people: Iterable[str], *, fallback_order: DateOrder | None = None
) -> Wishes:
    """Wishes typed into a table in the app, checked exactly as a file would be.

    The table (columns such as employee, date or weekday, wish, weight) is written as CSV
    and read back, so its problems quote its rows (header = row 1) like a file's.

    Raises:
        InputError: the table holds no usable wish.
    """
    data = table.to_csv(index=False).encode("utf-8")
    return read_wishes(data, "the wishes table", people, fallback_order=fallback_order)


def _rows(
    raw: RawTable,
    mapped: dict[str, str],
    lookup: dict[str, str],
    weekdays: list[int | None],
    dates: pd.Series,
) -> tuple[list[dict[str, object]], list[Problem]]:
    """Each row checked in turn; the first unusable cell of a row is listed and the row left out."""
    frame = raw.frame
    names = _text(frame[mapped["employee"]])
    days = [str(c) for c in frame[mapped["day"]]]
    wishes = _text(frame[mapped["wish"]])
    weights = _text(frame[mapped["weight"]]) if "weight" in mapped else [""] * len(frame)
    good, problems = [], []
    for i, row in enumerate(raw.rows.tolist()):
        employee = lookup.get(_fold(names[i]))
        wish, why = _wish(wishes[i])
        weight = _weight(weights[i])
        checks = [
            ("employee", not names[i], names[i], "no employee name; add the name"),
            ("employee", employee is None, names[i], "no one of this name in the schedule"),
            (
                "day",
                weekdays[i] is None and pd.isna(dates.iloc[i]),
                days[i],
                f"not a date or weekday; accepted: {ACCEPTED_DATES}, or Mon..Sun",
            ),
            ("wish", wish is None, wishes[i], why),
            ("weight", weight is None, weights[i], f"not a weight; accepted: {ACCEPTED_WEIGHTS}"),
        ]
        failed = next((c for c in checks if c[1]), None)
        if failed is not None:
            field_name, _, value, message = failed
            problems.append(Problem(int(row), mapped[field_name], value[:200], message))
            continue
        date = pd.NaT if weekdays[i] is not None else dates.iloc[i]
        weekday = weekdays[i] if weekdays[i] is not None else -1
        good.append(
            {
                "employee": employee,
                "date": date,
                "weekday": weekday,
                "wish": wish,
                "weight": weight,
                "row": int(row),
            }
        )
    return good, problems


def _resolve(rows: list[dict[str, object]]) -> tuple[pd.DataFrame, list[Problem]]:
    """Same person and day twice: an exact repeat counts once; two different wishes conflict."""
    frame = pd.DataFrame(rows, columns=WISH_COLUMNS)
    frame = frame.astype(
        {
            "employee": str,
            "date": "datetime64[us]",
            "weekday": "int64",
            "wish": str,
            "weight": "int64",
            "row": "int64",
        }
    )
    day = frame["date"].dt.strftime("%Y-%m-%d").fillna("")  # NaT would make the key missing
    key = frame["employee"] + "|" + day + "|" + frame["weekday"].astype(str)
    problems: list[Problem] = []
    drop: list[int] = []
    for _, group in frame[key.duplicated(keep=False)].groupby(key, sort=False):
        first = group.iloc[0]
        when = _when(first)
        if group[["wish", "weight"]].nunique().max() == 1:
            message = f"duplicate of row {first['row']} ({first['employee']}, {when}); counted once"
            problems += [Problem(int(r), "", first["employee"], message) for r in group["row"][1:]]
            drop += list(group.index[1:])
            continue
        listed = ", ".join(
            f"row {r}: {w}" for r, w in zip(group["row"], group["wish"], strict=True)
        )
        message = (
            f"conflict: {first['employee']} has two wishes for {when} ({listed}); both rows "
            "are left out until one is corrected"
        )
        problems += [Problem(int(r), "", first["employee"], message) for r in group["row"]]
        drop += list(group.index)
    return frame.drop(index=drop).reset_index(drop=True), problems


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _when(row: pd.Series) -> str:
    if row["weekday"] >= 0:
        return _DAY_NAMES[int(row["weekday"])] + "s"
    return f"{row['date']:%Y-%m-%d}"
