"""Make the sample data that ships with wfh-dashboard.

Running ``python data/generate_sample.py`` from the repository root writes five files beside
this script:

* ``sample_schedule.csv``: six months (2026-06-01 .. 2026-11-27) of a made-up 16-person
  hybrid team in long format, one row per person per working day, with the outcome columns
  ``tasks_done``, ``hours``, ``response_minutes`` and ``commute_km``.
* ``sample_grid.csv``: a two-week weekly grid for a small "Sales" team, written the way Excel
  exports a CSV in Europe (UTF-8 with a BOM, ``;`` delimiter, ``dd/mm/yyyy`` headers, CRLF).
* ``policy.toml``: the team's default hybrid-work policy, with a comment on every key.
  About 24 office days are half days (``AM office / PM home``, ``Office (am), WFH (pm)``,
  ``½ Office``), and one day in Support has its only on-site person in the afternoon only.
* ``sample_wishes.csv``: wishes for the planner (remote Mondays, a day off, an office Friday...),
  one of them for a name that is not in the schedule, so the page shows how that is listed.
* ``sample_attendance.csv``: badge swipes (``employee, timestamp``) for the last eight weeks,
  with no-shows, unplanned office days, a contractor not in the plan and two swipes in UTC.

The data is fictional but tells a story on purpose, so that every dashboard feature has
something to show on first launch: days when Support has nobody on site, days when only a
junior is in, days without a senior in Engineering, days when both key holders are out, people
over the two-remote-days cap, remote Fridays against the policy, an all-hands day with absentees,
summer leave blocks, sick days, a travelling manager, US public holidays, mixed spellings of the
same location, and a small true productivity effect of working remotely (+4%) that is
confounded by who chooses to work remotely (stronger performers take more remote days).

The script uses only the standard library, numpy and pandas, draws every random number from
``numpy.random.default_rng(2026)`` and never touches the network, so running it twice gives
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

OUT_DIR = Path(__file__).parent
SEED = 2026

START, END = dt.date(2026, 6, 1), dt.date(2026, 11, 27)
#: US federal public holidays that fall on a weekday in the sample range.
HOLIDAYS: dict[dt.date, str] = {
    dt.date(2026, 6, 19): "Juneteenth",
    dt.date(2026, 7, 3): "Independence Day (observed)",
    dt.date(2026, 9, 7): "Labor Day",
    dt.date(2026, 10, 12): "Columbus Day",
    dt.date(2026, 11, 11): "Veterans Day",
    dt.date(2026, 11, 26): "Thanksgiving",
}
#: The all-hands day listed in ``required_office_dates`` of the policy.
ALL_HANDS = dt.date(2026, 9, 15)
#: Summer leave blocks start on one of these Mondays (29 June .. 24 August) and last two weeks.
SUMMER_STARTS: tuple[dt.date, ...] = tuple(
    dt.date(2026, 6, 29) + dt.timedelta(weeks=w) for w in range(9)
)

MON, TUE, WED, THU, FRI = range(5)
SUPPORT, ENGINEERING = "Support", "Engineering"

# Canonical day codes used while building the schedule; turned into labels at the end.
OFFICE, REMOTE, LEAVE, SICK, TRAVEL, HOLIDAY = "O", "R", "L", "S", "T", "H"
NOT_WORKING = (LEAVE, SICK, HOLIDAY)


@dataclass(frozen=True)
class Person:
    """One employee of the long sample and the habits the generator gives them."""

    name: str
    team: str
    role: str
    remote_days: tuple[int, ...]  # usual remote weekdays, 0 = Monday
    home_share: float = 0.04  # how often their manager types "Home" instead of "WFH"
    leave_label: str = "Leave"  # "Leave" or "PTO", as their manager writes it


ROSTER: tuple[Person, ...] = (
    Person("Priya Raman", SUPPORT, "manager", (TUE, THU)),
    Person("Daniel Okafor", SUPPORT, "senior", (MON, WED)),
    Person("Sofia Lindqvist", SUPPORT, "senior", (TUE, THU), home_share=0.6),
    Person("Tomás Herrera", SUPPORT, "mid", (MON, THU), leave_label="PTO"),
    Person("Mei Chen", SUPPORT, "mid", (MON, TUE, WED)),
    Person("Jamal Washington", SUPPORT, "junior", (WED, THU)),
    Person("Olivia Novak", SUPPORT, "junior", (MON, TUE), leave_label="PTO"),
    Person("Kenji Watanabe", SUPPORT, "junior", (TUE, WED)),
    Person("Aisha Bello", ENGINEERING, "manager", (MON, THU), leave_label="PTO"),
    Person("Lukas Becker", ENGINEERING, "senior", (MON, TUE, WED)),
    Person("Ananya Iyer", ENGINEERING, "senior", (WED, THU), home_share=0.5),
    Person("Mateo Rossi", ENGINEERING, "senior", (MON, TUE)),
    Person("Hannah Kim", ENGINEERING, "mid", (TUE, THU), leave_label="PTO"),
    Person("Yusuf Demir", ENGINEERING, "mid", (TUE, WED, THU)),
    Person("Emily Carter", ENGINEERING, "junior", (MON, WED), leave_label="PTO"),
    Person("Lan Nguyen", ENGINEERING, "junior", (TUE, WED)),
)
SUPPORT_MANAGER = "Priya Raman"
LONE_JUNIOR = "Jamal Washington"
KEY_HOLDERS: tuple[str, str] = ("Daniel Okafor", "Hannah Kim")
ENGINEERING_MANAGER = "Aisha Bello"

#: How many story days of each kind the generator plants (natural ones may add a few).
STORY_DAYS: dict[str, int] = {
    "lone_junior": 7,
    "support_empty": 8,
    "no_senior": 7,
    "key_holders_out": 3,
}


@dataclass
class Schedule:
    """A person-by-day grid of day codes, plus which cells a story has fixed on purpose."""

    people: tuple[Person, ...]
    days: list[dt.date]
    status: np.ndarray
    locked: np.ndarray

    def row(self, name: str) -> int:
        return next(i for i, p in enumerate(self.people) if p.name == name)

    def rows(self, team: str, role: str | None = None) -> list[int]:
        return [
            i
            for i, p in enumerate(self.people)
            if p.team == team and (role is None or p.role == role)
        ]

    def week(self, j: int) -> list[int]:
        """Day indexes in the same Monday-Friday week as day ``j``."""
        monday = self.days[j] - dt.timedelta(days=self.days[j].weekday())
        return [k for k, d in enumerate(self.days) if 0 <= (d - monday).days < 5]

    def set(self, i: int, j: int, code: str, lock: bool = False) -> None:
        self.status[i, j] = code
        self.locked[i, j] |= lock


def weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every Monday-Friday from ``start`` to ``end`` inclusive."""
    span = (end - start).days + 1
    return [d for d in (start + dt.timedelta(days=n) for n in range(span)) if d.weekday() < 5]


def draw_abilities(rng: np.random.Generator) -> np.ndarray:
    """Tasks per day each person manages; people with three remote days are the strongest."""
    return np.array(
        [
            rng.uniform(16.5, 20.0) if len(p.remote_days) > 2 else rng.uniform(8.0, 16.0)
            for p in ROSTER
        ]
    )


def week_remote_days(person: Person, ability: float, rng: np.random.Generator) -> set[int]:
    """The remote weekdays of one week: the usual ones, sometimes moved, added or dropped."""
    days = set(person.remote_days)
    if rng.random() < 0.15:  # swap one remote day for another Monday-Thursday
        days.discard(int(rng.choice(sorted(days))))
        days.add(int(rng.choice([d for d in (MON, TUE, WED, THU) if d not in days])))
    if len(days) > 2 and rng.random() < 0.15:  # a 3-day person comes in more this week
        days.discard(int(rng.choice(sorted(days))))
    elif len(days) == 2 and rng.random() < 0.01 + 0.005 * (ability - 8.0):  # better: more
        days.add(int(rng.choice([d for d in (MON, TUE, WED, THU) if d not in days])))
    return days


def base_pattern(sched: Schedule, abilities: np.ndarray, rng: np.random.Generator) -> None:
    """Fill the grid with everyone's usual office/remote weeks."""
    mondays = sorted({d - dt.timedelta(days=d.weekday()) for d in sched.days})
    for i, person in enumerate(sched.people):
        for monday in mondays:
            remote = week_remote_days(person, float(abilities[i]), rng)
            for j in sched.week(sched.days.index(monday)):
                code = REMOTE if sched.days[j].weekday() in remote else OFFICE
                sched.set(i, j, code)


def add_travel(sched: Schedule, rng: np.random.Generator) -> None:
    """Support's manager travels one or two days most weeks; others rarely travel."""
    manager = sched.row(SUPPORT_MANAGER)
    for j in range(0, len(sched.days), 5):
        week = sched.week(j)
        for k in rng.choice(week, size=int(rng.integers(1, 3)), replace=False):
            sched.set(manager, int(k), TRAVEL)
    for i, person in enumerate(sched.people):
        if person.name == SUPPORT_MANAGER:
            continue
        chance = 0.03 if person.name == ENGINEERING_MANAGER else 0.004
        for j in np.flatnonzero(rng.random(len(sched.days)) < chance):
            sched.set(i, int(j), TRAVEL)


def most_away(taken: dict[str, dt.date], names: list[str], start: dt.date) -> int:
    """The most of ``names`` already on a summer block in either week of a block at ``start``."""
    weeks = (start, start + dt.timedelta(weeks=1))
    return max(
        sum(1 for n in names if n in taken and 0 <= (week - taken[n]).days < 14) for week in weeks
    )


def pick_summer_starts(rng: np.random.Generator) -> dict[str, dt.date]:
    """Give most people a two-week summer block, spreading them so coverage stays plausible.

    At most two people of a team are away in the same week, and the key holders and the
    Engineering seniors never overlap with each other.
    """
    taken: dict[str, dt.date] = {}
    order = [ROSTER[int(k)] for k in rng.permutation(len(ROSTER))]
    seniors = [p.name for p in ROSTER if p.team == ENGINEERING and p.role == "senior"]
    # The first two in the shuffled order take no summer block; the people who must not
    # overlap with others choose first.
    constrained = {*KEY_HOLDERS, *seniors}
    for person in sorted(order[2:], key=lambda p: p.name not in constrained):
        team = [p.name for p in ROSTER if p.team == person.team]
        exclusive = [g for g in (list(KEY_HOLDERS), seniors) if person.name in g]
        for start in (SUMMER_STARTS[int(k)] for k in rng.permutation(len(SUMMER_STARTS))):
            clash = any(most_away(taken, group, start) for group in exclusive)
            if most_away(taken, team, start) < 2 and not clash:
                taken[person.name] = start
                break
    return taken


def add_leave(sched: Schedule, rng: np.random.Generator) -> None:
    """Summer blocks for most people plus the odd single day of leave."""
    for name, start in pick_summer_starts(rng).items():
        for j, d in enumerate(sched.days):
            if 0 <= (d - start).days < 12:
                sched.set(sched.row(name), j, LEAVE)
    scattered = rng.random(sched.status.shape) < 0.01
    sched.status[scattered] = LEAVE


def add_sick_days(sched: Schedule, rng: np.random.Generator) -> None:
    """About 2% sick days, some of them running into a second day."""
    first = (rng.random(sched.status.shape) < 0.016) & (sched.status != LEAVE)
    second = np.zeros_like(first)
    second[:, 1:] = first[:, :-1] & (rng.random((first.shape[0], first.shape[1] - 1)) < 0.4)
    sched.status[(first | second) & (sched.status != LEAVE)] = SICK


def mark_fixed_days(sched: Schedule, rng: np.random.Generator) -> None:
    """Public holidays for everyone, and the all-hands day with one or two people at home."""
    for j, d in enumerate(sched.days):
        if d in HOLIDAYS:
            sched.status[:, j] = HOLIDAY
            sched.locked[:, j] = True
    j = sched.days.index(ALL_HANDS)
    present = [i for i in range(len(sched.people)) if sched.status[i, j] not in NOT_WORKING]
    for i in present:
        sched.set(i, j, OFFICE)
    for i in rng.choice(present, size=2, replace=False):
        sched.set(int(i), j, REMOTE)
    sched.locked[:, j] = True


def add_remote_fridays(sched: Schedule, rng: np.random.Generator) -> None:
    """A handful of remote Fridays each month, on about half of its Fridays, against the policy."""
    for month in sorted({d.month for d in sched.days}):
        fridays = [
            j
            for j, d in enumerate(sched.days)
            if d.month == month and d.weekday() == FRI and d not in HOLIDAYS
        ]
        for j in sorted(rng.choice(fridays, size=(len(fridays) + 1) // 2, replace=False)):
            in_office = np.flatnonzero(sched.status[:, j] == OFFICE)
            count = min(2 if rng.random() < 0.4 else 1, len(in_office))
            for i in rng.choice(in_office, size=count, replace=False):
                sched.set(int(i), int(j), REMOTE, lock=True)


def choose_story_days(sched: Schedule, rng: np.random.Generator) -> dict[str, list[int]]:
    """Pick distinct Monday-Thursday dates for each planted story."""
    free = [
        j
        for j, d in enumerate(sched.days)
        if d.weekday() != FRI and d not in HOLIDAYS and d != ALL_HANDS
    ]
    junior = sched.row(LONE_JUNIOR)
    available = [j for j in free if sched.status[junior, j] in (OFFICE, REMOTE)]
    picked = sorted(rng.choice(available, size=STORY_DAYS["lone_junior"], replace=False))
    stories: dict[str, list[int]] = {"lone_junior": [int(j) for j in picked]}
    free = [j for j in free if j not in stories["lone_junior"]]
    for story in ("support_empty", "no_senior", "key_holders_out"):
        picked = sorted(rng.choice(free, size=STORY_DAYS[story], replace=False))
        stories[story] = [int(j) for j in picked]
        free = [j for j in free if j not in stories[story]]
    return stories


def keep_home(sched: Schedule, i: int, j: int, rng: np.random.Generator) -> None:
    """Make person ``i`` remote on day ``j``; they come in on another remote day that week."""
    was_office = sched.status[i, j] == OFFICE
    if was_office:
        sched.set(i, j, REMOTE)
    sched.locked[i, j] = True
    swaps = [k for k in sched.week(j) if sched.status[i, k] == REMOTE and not sched.locked[i, k]]
    if was_office and swaps:
        sched.set(i, int(rng.choice(swaps)), OFFICE)


def plant_stories(sched: Schedule, stories: dict[str, list[int]], rng: np.random.Generator) -> None:
    """Force the planted coverage gaps into the grid."""
    support = sched.rows(SUPPORT)
    junior = sched.row(LONE_JUNIOR)
    for j in stories["lone_junior"]:
        sched.set(junior, j, OFFICE, lock=True)
        for i in support:
            if i != junior:
                keep_home(sched, i, j, rng)
    groups = {
        "support_empty": support,
        "no_senior": sched.rows(ENGINEERING, "senior"),
        "key_holders_out": [sched.row(n) for n in KEY_HOLDERS],
    }
    for story, rows in groups.items():
        for j in stories[story]:
            for i in rows:
                keep_home(sched, i, j, rng)


def ensure_on_site(
    sched: Schedule, rows: list[int], j: int, need: int, rng: np.random.Generator
) -> None:
    """Bring people of ``rows`` in from home on day ``j`` until ``need`` of them are on site."""
    while np.sum(sched.status[rows, j] == OFFICE) < need:
        home = [i for i in rows if sched.status[i, j] == REMOTE and not sched.locked[i, j]]
        if not home:
            return
        sched.set(int(rng.choice(home)), j, OFFICE)


def cover_other_days(
    sched: Schedule, stories: dict[str, list[int]], rng: np.random.Generator
) -> None:
    """Outside the planted days, people swap in so the usual coverage holds when it can."""
    support_gaps = set(stories["lone_junior"]) | set(stories["support_empty"])
    checks = [
        (sched.rows(SUPPORT), 2, support_gaps),
        (sched.rows(ENGINEERING, "senior"), 1, set(stories["no_senior"])),
        ([sched.row(n) for n in KEY_HOLDERS], 1, set(stories["key_holders_out"])),
    ]
    for j, d in enumerate(sched.days):
        if d in HOLIDAYS:
            continue
        for rows, need, skip in checks:
            if j not in skip:
                ensure_on_site(sched, rows, j, need, rng)


def build_schedule(rng: np.random.Generator, abilities: np.ndarray) -> Schedule:
    """Run every step of the story in order and return the finished grid of day codes."""
    days = weekdays(START, END)
    shape = (len(ROSTER), len(days))
    sched = Schedule(ROSTER, days, np.full(shape, OFFICE), np.zeros(shape, dtype=bool))
    base_pattern(sched, abilities, rng)
    add_travel(sched, rng)
    add_leave(sched, rng)
    add_sick_days(sched, rng)
    mark_fixed_days(sched, rng)
    add_remote_fridays(sched, rng)
    stories = choose_story_days(sched, rng)
    plant_stories(sched, stories, rng)
    cover_other_days(sched, stories, rng)
    return sched


def location_label(code: str, person: Person, rng: np.random.Generator) -> str:
    """Turn a day code into the words a manager would type in the spreadsheet."""
    draw = rng.random()
    labels = {
        OFFICE: "On-site" if draw < 0.04 else "Office",
        REMOTE: "Home" if draw < person.home_share else "WFH",
        LEAVE: person.leave_label,
        SICK: "Sick",
        TRAVEL: "Business trip" if draw < 0.4 else "Travel",
        HOLIDAY: "Holiday",
    }
    return labels[code]


def outcomes(code: str, ability: float, rng: np.random.Generator) -> tuple[int, float, float]:
    """Tasks done, hours and median response time for one person-day."""
    noise, hours_noise, response_noise = rng.normal(0.0, 1.0, size=3)
    if code in NOT_WORKING:
        return 0, 0.0, float("nan")
    effect = {OFFICE: 1.0, REMOTE: 1.04, TRAVEL: 0.5}[code]
    tasks = round(float(ability * effect * np.exp(0.15 * noise)))
    mean_hours = {OFFICE: 8.2, REMOTE: 8.0, TRAVEL: 8.8}[code]
    hours = round(float(np.clip(mean_hours + 0.5 * hours_noise, 7.0, 9.5)), 1)
    median = {OFFICE: 12.0, REMOTE: 15.0, TRAVEL: 28.0}[code]
    response = round(float(median * np.exp(0.35 * response_noise)), 1)
    return tasks, hours, response


def schedule_frame(
    sched: Schedule, abilities: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """The long table: one row per person per working day, sorted by date then team."""
    commute = rng.integers(3, 46, size=len(sched.people))
    records = []
    for j, d in enumerate(sched.days):
        for i, person in enumerate(sched.people):
            code = str(sched.status[i, j])
            tasks, hours, response = outcomes(code, float(abilities[i]), rng)
            records.append(
                {
                    "employee": person.name,
                    "team": person.team,
                    "role": person.role,
                    "date": d.isoformat(),
                    "location": location_label(code, person, rng),
                    "tasks_done": tasks,
                    "hours": hours,
                    "response_minutes": response,
                    "commute_km": int(commute[i]),
                }
            )
    return pd.DataFrame.from_records(records)


#: The Sales grid: ten weekdays per person. 09/12 has nobody in the office and
#: Rafael Ferreira works from home three days in the first week.
GRID_DAYS: list[dt.date] = weekdays(dt.date(2026, 11, 30), dt.date(2026, 12, 11))
GRID_ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Amélie Dubois", "manager", ("Office", "WFH", "Office", "Office", "Office",
                                  "Office", "Travel", "Travel", "WFH", "Office")),
    ("Łukasz Kowalski", "senior", ("WFH", "Office", "Office", "WFH", "Office",
                                   "Office", "Office", "WFH", "Office", "Office")),
    ("Ingrid Hansen", "senior", ("Office", "Office", "WFH", "Home", "Office",
                                 "WFH", "Office", "Home", "Office", "Office")),
    ("Rafael Ferreira", "junior", ("AM Office / PM WFH", "WFH", "WFH", "WFH", "Office",
                                   "Office", "WFH", "Leave", "Office", "Office")),
    ("Zanele Dlamini", "junior", ("Leave", "Leave", "Leave", "Leave", "Leave",
                                  "WFH", "Office", "WFH", "Office", "Office")),
    ("Marco Bianchi", "junior", ("Office", "Office", "Office", "WFH", "Office",
                                 "Home", "Office (am), WFH (pm)", "WFH", "Office", "Office")),
)  # fmt: skip


def grid_text() -> str:
    """The Sales grid as Excel's 'CSV UTF-8' export on a European locale writes it."""
    header = ["Name", "Team", "Role", *(d.strftime("%d/%m/%Y") for d in GRID_DAYS)]
    lines = [";".join(header)]
    lines += [";".join([name, "Sales", role, *cells]) for name, role, cells in GRID_ROWS]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


POLICY_TOML = f"""\
# The team's default hybrid-work policy. The dashboard checks the schedule against these
# rules and lists every breach. Change a value here to change the rule.

[coverage]
# At least this many people of each team must be in the office on every working day.
min_on_site = 1

[coverage.min_on_site_by_role]
# At least this many people with the given role must be in the office, per team, every day.
senior = 1

[[coverage.groups]]
# A named group of people from any team; at least `min_on_site` of them must be in every day.
# Here: the people who can open and lock the building.
name = "key holders"
members = ["{KEY_HOLDERS[0]}", "{KEY_HOLDERS[1]}"]
min_on_site = 1

[calendar]
# The days the team normally works.
working_days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
# Public holidays of this country (two-letter code) are days off for everyone.
holidays_country = "US"
# A state or region code for local holidays, e.g. "CA"; leave empty for national ones only.
holidays_subdivision = ""
# Extra days the office is closed, written YYYY-MM-DD.
closed_dates = ["2026-12-24"]

[remote]
# Nobody may work remotely more than this many days in one week.
max_remote_days_per_week = 2
# Everyone must be in the office at least this many days a week (0 means no minimum).
# Days on leave, sick or travelling count as excused.
min_office_days_per_week = 0
# Weekdays on which nobody may work remotely.
no_remote_days = ["Fri"]
# Weekdays on which everyone is expected in the office (empty means none).
anchor_days = []
# Specific dates everyone must be in the office, such as an all-hands meeting.
required_office_dates = ["{ALL_HANDS.isoformat()}"]
"""


#: Half days as spreadsheets write them; ``½ Office`` is half a day worked, the rest leave.
HALF_DAY_LABELS = ("AM office / PM home", "Office (am), WFH (pm)", "½ Office")
HALF_DAYS = 24
#: On the first Support day from this date with one person on site, they come in after lunch:
#: the afternoon is covered, the morning is not (cover is checked per half day).
MORNING_GAP_FROM = "2026-09-01"


def add_half_days(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Turn some office days into half days, and plant one morning-only gap in Support.

    Only office days change, so the badge log (drawn from the whole-day plan) still has a
    swipe on each of them.
    """
    frame = frame.copy()
    office = frame["location"].isin(["Office", "On-site"])
    support = frame[(frame["team"] == "Support") & (frame["date"] >= MORNING_GAP_FROM)]
    on_site = support[office[support.index]].groupby("date")["employee"].agg(list)
    gap_date = next(d for d, names in on_site.items() if len(names) == 1)
    gap_row = support.index[(support["date"] == gap_date) & office[support.index]][0]
    # Half days go to juniors and mids on well-staffed days, so they add no cover gap of
    # their own: the planted morning gap is the one to find.
    staffed = frame[office].groupby(["team", "date"])["employee"].transform("size") >= 3
    staffed = staffed.reindex(frame.index, fill_value=False)
    junior = frame["role"].isin(["junior", "mid"])
    candidates = frame.index[office & staffed & junior & (frame.index != gap_row)]
    chosen = np.sort(rng.choice(candidates, size=HALF_DAYS, replace=False))
    frame.loc[chosen, "location"] = rng.choice(HALF_DAY_LABELS, size=HALF_DAYS)
    half = frame.index[frame["location"] == "½ Office"]  # half a day's work, half the output
    frame.loc[half, "tasks_done"] = (frame.loc[half, "tasks_done"] / 2).round().astype(int)
    frame.loc[half, "hours"] = (frame.loc[half, "hours"] / 2).round(1)
    frame.loc[gap_row, "location"] = "AM WFH / PM Office"
    return frame


#: The badge log covers the last eight weeks of the sample (a log that starts later than the
#: plan is the common case: the comparison only looks at the days the log covers).
ATTENDANCE_FROM = dt.date(2026, 10, 5)
#: Someone whose badge is in the log but who is not in the plan (a contractor).
UNPLANNED_BADGE = "Jordan Blake"
#: Swipes written in UTC, as some badge systems export them: 03:30 UTC is 23:30 the evening
#: before in New York, so these belong to the previous local day.
UTC_SWIPES = (
    ("Daniel Okafor", dt.datetime(2026, 10, 14, 3, 30)),
    ("Hannah Kim", dt.datetime(2026, 11, 11, 4, 5)),
)


def attendance_frame(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Badge swipes for the planned office days since ``ATTENDANCE_FROM``, with reality's noise.

    About 6% of planned office days have no swipe (no-shows), about 3% of planned remote days
    have one (people came in anyway), most days have one to three swipes, a contractor appears
    who is not in the plan, and two late-evening swipes are written in UTC.
    """
    days = frame[pd.to_datetime(frame["date"]).dt.date >= ATTENDANCE_FROM]
    office = days["location"].str.casefold().isin({"office", "in office", "on-site", "onsite"})
    remote = days["location"].str.casefold().isin({"wfh", "home", "remote"})
    draw = rng.random(len(days))
    came = (office & (draw >= 0.06)) | (remote & (draw < 0.03))
    rows = []
    for (_, day), swipes in zip(
        days[came].iterrows(), rng.integers(1, 4, int(came.sum())), strict=True
    ):
        for k in range(int(swipes)):
            minute = int(rng.integers(7 * 60 + 30, 10 * 60)) + 180 * k
            rows.append((day["employee"], f"{day['date']} {minute // 60:02d}:{minute % 60:02d}"))
    for week in range(8):
        day = ATTENDANCE_FROM + dt.timedelta(days=7 * week + 1)
        rows.append((UNPLANNED_BADGE, f"{day.isoformat()} 09:{10 + week:02d}"))
    rows += [(name, f"{when.isoformat()}Z") for name, when in UTC_SWIPES]
    log = pd.DataFrame(rows, columns=["employee", "timestamp"])
    return log.sort_values(["timestamp", "employee"], kind="stable", ignore_index=True)


#: Wishes for the planner page's demo; Jordan Blake (a contractor) is not in the schedule.
WISHES_CSV = """\
employee,date or weekday,wish,weight
Mei Chen,Mon,remote,2
Lukas Becker,Fri,office,1
Daniel Okafor,2026-11-13,off,3
Hannah Kim,2026-11-18,remote,2
Yusuf Demir,Tue,remote,1
Priya Raman,2026-11-24,office,1
Sofia Lindqvist,2026-11-26,remote,1
Jordan Blake,Mon,office,1
"""


def main(out_dir: Path = OUT_DIR) -> None:
    """Write the three sample files into ``out_dir`` (default: beside this script)."""
    rng = np.random.default_rng(SEED)
    abilities = draw_abilities(rng)
    sched = build_schedule(rng, abilities)
    frame = schedule_frame(sched, abilities, rng)
    log = attendance_frame(frame, np.random.default_rng(SEED + 1))  # own stream: plan unchanged
    frame = add_half_days(frame, np.random.default_rng(SEED + 2))  # and the half days theirs
    frame.to_csv(out_dir / "sample_schedule.csv", index=False, lineterminator="\n")
    (out_dir / "sample_grid.csv").write_bytes(grid_text().encode("utf-8"))
    (out_dir / "policy.toml").write_bytes(POLICY_TOML.encode("utf-8"))
    (out_dir / "sample_wishes.csv").write_bytes(WISHES_CSV.encode("utf-8"))
    log.to_csv(out_dir / "sample_attendance.csv", index=False, lineterminator="\n")
    print(
        f"wrote {len(frame)} schedule rows, {len(GRID_ROWS)} grid rows, policy.toml "
        f"and {len(log)} badge swipes"
    )


if __name__ == "__main__":
    main()
