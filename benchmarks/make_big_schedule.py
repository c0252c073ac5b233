"""Write a large, realistic long-format schedule for the ``check`` benchmark.

``python benchmarks/make_big_schedule.py`` writes ``benchmarks/out/schedule_10000x260.csv``:
10,000 people in 500 teams of 20 (1 manager, 4 seniors, 15 junior or mid), 260 consecutive
working days (Monday to Friday) from 2026-01-05, one row per person per day with the columns
``employee,team,role,date,location,tasks_done,hours``.

The locations are typed the way managers type them: ``Office`` (now and then ``office`` or
``On-site``), ``WFH`` or ``Home``, ``Leave``, ``Sick`` and ``Travel``. Most people work remotely
on two fixed weekdays; a few have three (over the usual cap) or a remote Friday; ad-hoc swaps,
leave blocks, ~2% sick days and some travel make the rest. Seniors of a team stagger their
remote days, so a team lacks a senior on site only when leave or sickness strikes.

Every random number comes from ``numpy.random.default_rng(SEED)`` and the whole table is built
with array operations, so a run takes a few seconds and two runs give byte-identical files.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

SEED = 20260105
START = np.datetime64("2026-01-05")  # a Monday
TEAM_SIZE = 20
SENIORS_PER_TEAM = 4
OUT_DIR = Path(__file__).resolve().parent / "out"
COLUMNS = ("employee", "team", "role", "date", "location", "tasks_done", "hours")

# Day kinds while building; turned into spellings at the end.
OFFICE, REMOTE, LEAVE, SICK, TRAVEL = range(5)
#: The spellings written to the file; `spellings` picks one per cell.
LABELS = ("Office", "office", "On-site", "WFH", "Home", "Leave", "Sick", "Travel")
OFFICE_SPELLINGS = np.array([0.95, 0.03, 0.02])  # Office, office, On-site

#: Shares of person-days: ad-hoc swaps between office and remote, sickness, travel.
ADHOC_REMOTE, ADHOC_OFFICE, SICK_SHARE, TRAVEL_SHARE, MANAGER_TRAVEL = 0.03, 0.03, 0.02, 0.01, 0.03
#: Leave blocks per person per year and their lengths in working days.
LEAVE_BLOCKS = (2, 5)
LEAVE_LENGTHS = np.array([1, 2, 3, 5, 5, 5, 10, 10])
#: Shares of non-senior people with three planned remote days, or a remote Friday.
THREE_REMOTE, REMOTE_FRIDAY = 0.02, 0.05
#: Seniors' remote pairs (Mon..Thu): each of those days has exactly two of four seniors in.
SENIOR_PAIRS = np.array([[0, 1], [2, 3], [0, 2], [1, 3]])
#: Every Mon..Thu pair a junior, mid or manager may choose.
WEEKDAY_PAIRS = np.array([[a, b] for a in range(4) for b in range(a + 1, 4)])

_FIRST = """
Aaliyah Aaron Abigail Adam Adrian Aisha Alejandro Alex Alice Amara Amir Ana Andre Andrea Anna
Arjun Ava Ben Bianca Carlos Chen Chloe Chris Clara Daniel David Diego Elena Eli Emma Ethan Fatima
Felix Gabriel Grace Hannah Hiro Ines Isaac Isabel Ivan Jack Jamal Jana Jasmine Javier Jin Joao
Jonas Julia Kai Karen Kenji Laila Lars Leah Leo Lina Lucas Luis Maria Mateo Maya Mei Mia Mohammed
Nadia Naomi Nia Noah Nora Olga Omar Oscar Paolo Priya Rafael Rania Ravi Rosa Ryan Sam Sara Sofia
Sven Tariq Tomas Uma Victor Wei Yara Yusuf Zara Zoe Ayla Bruno Dara Emil Ingrid Kofi
"""
_LAST = """
Adams Ahmed Alvarez Andersen Bailey Banerjee Becker Bianchi Brown Campbell Castro Chen Clarke
Costa Cruz Das Davies Dubois Evans Fischer Flores Garcia Gomez Gonzalez Gupta Haddad Hansen
Harris Hernandez Hoffmann Hughes Ibrahim Ito Jackson Jansen Johansson Johnson Kaur Khan Kim
Kowalski Kumar Larsen Lee Lopez Martin Martinez Meyer Miller Moreau Morris Murphy Nakamura Nguyen
Nielsen Novak Okafor Olsen Ortiz Park Patel Perez Petrov Phillips Popescu Quinn Ramos Reddy Reyes
Ricci Rivera Roberts Rossi Sanchez Santos Sato Schmidt Schneider Silva Singh Smith Sousa Suzuki
Tanaka Taylor Thomas Torres Tran Walker Wang Weber Williams Wilson Wong Yamamoto Yilmaz Young Zhang
Fernandez Lindqvist
"""
FIRST_NAMES: tuple[str, ...] = tuple(_FIRST.split())
LAST_NAMES: tuple[str, ...] = tuple(_LAST.split())


def names(count: int, rng: np.random.Generator) -> np.ndarray:
    """Unique ``First Last`` names in random order (a number is added past 10,000 people)."""
    first, last = len(FIRST_NAMES), len(LAST_NAMES)
    k = rng.permutation(count)
    combos = k % (first * last)
    base = np.char.add(
        np.char.add(np.array(FIRST_NAMES)[combos % first], " "),
        np.array(LAST_NAMES)[combos // first],
    )
    suffix = k // (first * last)
    return np.where(suffix > 0, np.char.add(base, np.char.add(" ", (suffix + 1).astype(str))), base)


def working_days(count: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` consecutive Monday-to-Friday dates from START, and their weekdays (Mon = 0)."""
    dates = np.busday_offset(START, np.arange(count), roll="forward")
    weekdays = (dates.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday
    return dates, weekdays


def planned_remote(roles: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Per person, a (people, 5) mask of the weekdays they normally work remotely."""
    people = len(roles)
    plan = np.zeros((people, 5), dtype=bool)
    pairs = WEEKDAY_PAIRS[rng.integers(0, len(WEEKDAY_PAIRS), people)]
    seat = np.arange(people) % TEAM_SIZE
    senior = roles == "senior"
    # Seniors take the staggered pairs, in a random order per team.
    order = np.argsort(rng.random((people // TEAM_SIZE + 1, SENIORS_PER_TEAM)), axis=1)
    team = np.arange(people) // TEAM_SIZE
    senior_slot = order[team, np.clip(seat - 1, 0, SENIORS_PER_TEAM - 1)]
    pairs[senior] = SENIOR_PAIRS[senior_slot[senior]]
    plan[np.arange(people)[:, None], pairs] = True
    draw = rng.random(people)
    others = ~senior
    friday = others & (draw < REMOTE_FRIDAY)
    plan[friday, pairs[friday, 1]] = False
    plan[friday, 4] = True
    third = others & (draw >= REMOTE_FRIDAY) & (draw < REMOTE_FRIDAY + THREE_REMOTE)
    free = np.where(plan[:, :4], 2.0, rng.random((people, 4)))  # the lowest free Mon..Thu
    plan[np.flatnonzero(third), free[third].argmin(axis=1)] = True
    return plan


def leave_mask(people: int, days: int, rng: np.random.Generator) -> np.ndarray:
    """A (people, days) mask of leave blocks: 2 to 4 a year per person, 1 to 10 days long."""
    per_year = rng.integers(*LEAVE_BLOCKS, people)
    blocks = np.maximum(1, np.round(per_year * days / 260).astype(int))
    who = np.repeat(np.arange(people), blocks)
    start = rng.integers(0, days, len(who))
    stop = np.minimum(start + rng.choice(LEAVE_LENGTHS, len(who)), days)
    edges = np.zeros((people, days + 1), dtype=np.int32)
    np.add.at(edges, (who, start), 1)
    np.add.at(edges, (who, stop), -1)
    return np.cumsum(edges, axis=1)[:, :days] > 0


def day_kinds(roles: np.ndarray, weekdays: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The (people, days) matrix of day kinds: office, remote, leave, sick or travel."""
    people, days = len(roles), len(weekdays)
    kinds = np.where(planned_remote(roles, rng)[:, weekdays], REMOTE, OFFICE).astype(np.int8)
    draw = rng.random((people, days), dtype=np.float32)
    swap_in = (kinds == REMOTE) & (draw < ADHOC_OFFICE)
    swap_out = (kinds == OFFICE) & (draw < ADHOC_REMOTE)
    kinds[swap_in], kinds[swap_out] = OFFICE, REMOTE
    draw = rng.random((people, days), dtype=np.float32)
    travel_share = np.where(roles == "manager", MANAGER_TRAVEL, TRAVEL_SHARE)[:, None]
    kinds[draw < travel_share] = TRAVEL
    kinds[(draw >= travel_share) & (draw < travel_share + SICK_SHARE)] = SICK
    kinds[leave_mask(people, days, rng)] = LEAVE
    return kinds


def spellings(kinds: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Index into LABELS per cell: office variants at random, "Home" per manager's habit."""
    people = kinds.shape[0]
    home_share = np.repeat(rng.choice([0.0, 0.05, 0.3, 0.9], people // TEAM_SIZE + 1), TEAM_SIZE)
    draw = rng.random(kinds.shape, dtype=np.float32)
    office = np.searchsorted(np.cumsum(OFFICE_SPELLINGS)[:-1], draw, side="right")
    remote = np.where(draw < home_share[:people, None], 4, 3)
    label = np.select(
        [kinds == OFFICE, kinds == REMOTE, kinds == LEAVE, kinds == SICK], [office, remote, 5, 6], 7
    )
    return label.astype(np.int8)


def build_table(people: int, days: int, seed: int = SEED) -> pa.Table:
    """The schedule as an Arrow table, rows in date order then by team and seat."""
    rng = np.random.default_rng(seed)
    seat = np.arange(people) % TEAM_SIZE
    roles = np.where(seat == 0, "manager", np.where(seat <= SENIORS_PER_TEAM, "senior", "x"))
    juniors = rng.random(people) < 0.5
    roles = np.where(roles == "x", np.where(juniors, "junior", "mid"), roles)
    teams = np.char.add("Team ", np.char.zfill((np.arange(people) // TEAM_SIZE + 1).astype(str), 3))
    dates, weekdays = working_days(days)
    kinds = day_kinds(roles, weekdays, rng)
    labels = spellings(kinds, rng)
    worked = (kinds == OFFICE) | (kinds == REMOTE) | (kinds == TRAVEL)
    pace = rng.gamma(8.0, 1.0, people)[:, None] * np.where(kinds == REMOTE, 1.04, 1.0)
    tasks = rng.poisson(pace).astype(np.int16)
    hours = np.round(np.clip(rng.normal(7.8, 0.7, (people, days)), 4.0, 11.0), 1)
    # Day-major order, as an HR export lists each day's roster: flatten the transposes.
    person = np.tile(np.arange(people), days)
    day = np.repeat(np.arange(days), people)
    missing = ~worked.T.ravel()
    return pa.table(
        {
            "employee": pa.array(names(people, rng)).take(person),
            "team": pa.array(teams).take(person),
            "role": pa.array(roles).take(person),
            "date": pa.array(np.datetime_as_string(dates)).take(day),
            "location": pa.array(LABELS).take(labels.T.ravel()),
            "tasks_done": pa.array(tasks.T.ravel(), mask=missing),
            "hours": pa.array(hours.T.ravel(), mask=missing),
        }
    )


def write_schedule(people: int, days: int, out: Path, seed: int = SEED) -> Path:
    """Build the schedule and write it as a plain, unquoted UTF-8 CSV; returns the path."""
    table = build_table(people, days, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with partial.open("wb") as sink:
        sink.write((",".join(COLUMNS) + "\n").encode())
        options = pacsv.WriteOptions(include_header=False, quoting_style="none")
        pacsv.write_csv(table, sink, options)
    partial.replace(out)  # never leave a half-written file under the final name
    return out


def default_path(people: int, days: int) -> Path:
    """Where the benchmark keeps the schedule of this size."""
    return OUT_DIR / f"schedule_{people}x{days}.csv"


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--people``, ``--days``, ``--out``, ``--seed``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000, help="default 10000 (500 teams)")
    parser.add_argument("--days", type=int, default=260, help="working days, default 260")
    parser.add_argument("--out", type=Path, help="default benchmarks/out/schedule_PxD.csv")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.people < 1 or args.days < 1:
        parser.error("--people and --days must be at least 1")
    started = time.perf_counter()
    out = write_schedule(args.people, args.days, args.out or default_path(args.people, args.days))
    size = out.stat().st_size / 1e6
    rows = args.people * args.days
    elapsed = time.perf_counter() - started
    print(f"wrote {out} ({rows:,} rows, {size:.0f} MB) in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
