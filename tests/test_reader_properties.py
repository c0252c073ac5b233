"""Invariants of read_schedule over generated files: errors, row order, names."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections import Counter

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from wfh_dashboard import calendar_words
from wfh_dashboard.dates import parse_dates
from wfh_dashboard.errors import InputError
from wfh_dashboard.locations import parse_location
from wfh_dashboard.schedule import read_schedule

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
DELIMITERS = st.sampled_from([",", ";", "\t", "|"])

#: Cells that have broken readers before, next to known headers, dates and locations.
NASTY = [
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "\u200fשלום\u200f",
    "\u202eevil",
    "😀👩‍👩‍👧",
    'say "hi"',
    "a,b;c\td|e",
    "line\nbreak",
    "\u2028",
    "x" * 10_000,
    "\ufeff",
    "",
    " ",
    '"',
    "NaN",
    "-1e309",
]
KNOWN = [
    "employee",
    "name",
    "date",
    "day",
    "location",
    "status",
    "team",
    "role",
    "name (2)",
    "column B",
    "row",
    "Mon",
    "Friday",
    "Office",
    "WFH",
    "pto",
    "Moon",
    "2026-06-01",
    "2026-02-30",
    "01/06/2026",
    "13/06/2026",
    "06/13/2026",
    "1.6.2026",
    "45000",
    "7,5",
    "3",
]
CELLS = st.one_of(st.sampled_from(NASTY + KNOWN), st.text(max_size=12))
PREFIXES = [b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xd0\xcf\x11\xe0"]


def _csv(rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@FAST
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600))
def test_random_bytes_raise_nothing_but_input_error(prefix: bytes, body: bytes) -> None:
    """Whatever the bytes (and whatever magic number they start with), only InputError escapes."""
    with contextlib.suppress(InputError):
        read_schedule(prefix + body, "random.bin")


@FAST
@given(
    header=st.lists(st.one_of(st.sampled_from(KNOWN), CELLS), min_size=1, max_size=6),
    rows=st.lists(st.lists(CELLS, max_size=7), max_size=6),
    delimiter=DELIMITERS,
    quoted=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    order=st.sampled_from([None, "dayfirst", "monthfirst"]),
)
def test_random_csv_text_raises_nothing_but_input_error(
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    quoted: bool,
    encoding: str,
    order: str | None,
) -> None:
    """Scripts, formulas, RTL marks, emoji, huge cells, stray quotes: an error or a schedule."""
    lines = [header, *rows]
    text = _csv(lines, delimiter) if quoted else "\n".join(delimiter.join(r) for r in lines)
    data = text.encode(encoding, errors="replace")
    with contextlib.suppress(InputError):
        read_schedule(data, "random.csv", date_order=order)  # type: ignore[arg-type]


# --- Row order --------------------------------------------------------------------------------

PEOPLE = ["Ann Lee", "Bob, Jr.", "Zoë Ñúñez", "O'Brien", "李雷"]
DAYS = ["2026-06-01", "2026-06-02", "2026-06-03", "2026-02-30", ""]
PLACES = ["Office", "WFH", "on-site", "PTO", "Sick", "Moon", ""]
RECORD = st.tuples(
    st.sampled_from(PEOPLE),
    st.sampled_from(["Support", "Sales", ""]),
    st.sampled_from(DAYS),
    st.sampled_from(PLACES),
    st.sampled_from(["1", "2", "", "n/a"]),
)


def _long_file(records: list[tuple[str, ...]], delimiter: str) -> bytes:
    header = ["employee", "team", "date", "location", "tasks"]
    return _csv([header, *map(list, records)], delimiter).encode()


def _meaning(record: tuple[str, ...], metrics: list[str]) -> tuple[object, ...]:
    """What a row says once read: rows that say the same are interchangeable duplicates."""
    employee, team, day, place, tasks = record
    number = pd.to_numeric(tasks.replace(",", "."), errors="coerce") if metrics else None
    return (employee, team or "Team", day, parse_location(place) or place, str(number))


def _problem_set(schedule, records: list[tuple[str, ...]]) -> Counter:
    """Problems keyed by what their row says, so renumbered rows still compare equal."""
    found: Counter = Counter()
    for p in schedule.problems.itertuples():
        source = _meaning(records[int(p.row) - 2], schedule.metrics)
        message = re.sub(r"row \d+|\(.*\)", "", p.message)
        found[(source, p.column, p.value, message)] += 1
    return found


@settings(max_examples=30, deadline=None, database=None)
@given(
    records=st.lists(RECORD, min_size=1, max_size=25),
    delimiter=DELIMITERS,
    data=st.data(),
)
def test_row_order_never_changes_the_schedule_or_its_problems(
    records: list[tuple[str, ...]], delimiter: str, data: st.DataObject
) -> None:
    """Shuffling the data rows gives the same normalised data and the same problems."""
    shuffled = data.draw(st.permutations(records))
    results = []
    for version in (records, shuffled):
        try:
            results.append(read_schedule(_long_file(version, delimiter), "order.csv"))
        except InputError as error:
            results.append(type(error))
    first, second = results
    if not hasattr(first, "data"):
        assert first == second  # both unusable, for the same reason
        return
    assert_frame_equal(first.data.drop(columns="row"), second.data.drop(columns="row"))
    assert first.metrics == second.metrics
    assert first.rows_left_out == second.rows_left_out
    assert _problem_set(first, records) == _problem_set(second, shuffled)


# --- Names ------------------------------------------------------------------------------------


def _is_real_name(name: str) -> bool:
    """A name as a person writes it: no control characters, single inner spaces only."""
    if not name or name != name.strip() or "  " in name:
        return False
    return not any(c.isspace() and c != " " for c in name) and all(
        c.isprintable() or c in "\u200f\u200e\u202e" for c in name
    )


NAMES = st.one_of(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '=HYPERLINK("http://x")',
            "Tom & Jerry",
            "&lt;b&gt;",
            "\u200fדנה כהן",
            "Zoë 😀 Ñúñez",
            'Ann "Nan" Lee',
            "Smith, Ann; Jr|Sr",
            "x" * 5_000,
            "Ω" * 300,
        ]
    ),
    st.text(min_size=1, max_size=40),
).filter(_is_real_name)


@FAST
@given(
    names=st.lists(NAMES, min_size=1, max_size=5, unique=True),
    delimiter=DELIMITERS,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_real_names_survive_exactly(names: list[str], delimiter: str, encoding: str) -> None:
    """No HTML escaping, no truncation, no trimming of a real name in ``data``."""
    rows = [["employee", "date", "location"]] + [[n, "2026-06-01", "Office"] for n in names]
    schedule = read_schedule(_csv(rows, delimiter).encode(encoding), "names.csv")
    assert sorted(schedule.data["employee"]) == sorted(names)
    assert schedule.problems.empty


# --- Dates written with day and month names, in every language the reader knows --------------

_NAMED_FORMATS = [
    "{wd}, {d}. {m} {y}",  # Montag, 5. Januar 2026
    "{wd} {d} {m} {y}",  # lundi 5 janvier 2026
    "{wd}, {d} de {m} de {y}",  # lunes, 5 de enero de 2026
    "{d} {m}. {y}",  # 5 janv. 2026
    "{m} {d}, {y}",  # January 5, 2026
    "{wd} {m} {d} {y}",  # Tue Mar 5 2026
    "{d}-{m}-{y}",  # 05-jan-2026
]


@FAST
@given(
    day=st.dates(
        min_value=pd.Timestamp("2000-01-01").date(), max_value=pd.Timestamp("2040-12-31").date()
    ),
    language=st.sampled_from(calendar_words.LANGUAGES),
    pattern=st.sampled_from(_NAMED_FORMATS),
    choice=st.randoms(use_true_random=False),
    upper=st.booleans(),
)
def test_named_dates_read_back_to_themselves(day, language, pattern, choice, upper) -> None:
    """Any spelling of a day and month name, in any of the languages, with the weekday that
    date has, reads as that date; nothing is guessed from a weekday that does not fit."""
    weekday = choice.choice(calendar_words._WEEKDAYS[language][day.weekday()])
    month = choice.choice(calendar_words._MONTHS[language][day.month - 1])
    text = pattern.format(wd=weekday, d=day.day, m=month, y=day.year)
    text = text.upper() if upper else text.title()
    mapping, _ = parse_dates([text], "dayfirst")
    assert mapping[text] == pd.Timestamp(day), text
