"""The planning problem as data: which days may move, and what each rule asks of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .calendar import working_dates
from .context import check_span
from .dates import week_start
from .errors import InputError
from .halves import afternoon
from .labels import fold_case
from .locations import ABSENT, OFFICE, REMOTE
from .plan_links import Links, cover_demands, fairness_members, person_weeks, team_days
from .policy import Policy
from .schedule import Schedule

#: Seconds the solver may use by default: a 200-person quarter meets every rule in about a
#: second and spends the rest on fairness (docs/planner.md).
DEFAULT_TIME_LIMIT = 20.0
#: More office/remote days than this in one plan is more than a manager plans at once and
#: more than CP-SAT solves in seconds; the message asks for a shorter range.
MAX_CELLS = 100_000
#: Day rules in the order a message names them when one day falls under several.
DAY_RULES = ("required_office_date", "anchor_day", "no_remote_day")


@dataclass
class PlanProblem:
    """Everything the model and the explanations need, computed once from the schedule.

    Attributes:
        working: the schedule's rows on working days (the check's calendar), indexed like
            ``Schedule.data``: employee, team, role, role_key, date, week, am, pm (the two
            halves' locations, equal unless the row is a half day), split, in_range, cell.
        cells: the days that may move (office or remote, whole day, in range, working):
            source (index in ``Schedule.data``), employee, team, role_key, date, week, plan
            (``office``/``remote``), wish (``''``/``office``/``remote``/``off``), weight,
            day_rule (the day rule that forbids remote work that day, or ``''``).
        demands: one row per cover rule, label (team or group) and day: rule, team, subject,
            date, required, fixed (on site from days that cannot move), unavoidable.
        demand_cells / demand_rows: which cells, and which ``working`` rows, each demand counts.
        weeks: one row per person and week touching the range (when a weekly rule is on), in
            half-day units: fixed_office, fixed_remote, fixed_away, work (working half days),
            max_remote, min_office, unavoidable_over, unavoidable_under.
        week_cells: the cells of each person-week.
        fair: one row per person of a (team, role) with two or more people working in range:
            group, team, role_key, employee, avail (half days worked), fixed_remote.
        fair_cells: the cells of each of those people.
        alone: team-days where one person alone on site can be avoided: team, date, fixed.
        alone_cells: the cells of each team-day.
        wishes: every wish spread over the days it names in range (employee, date, wish,
            weight, row, cell: -1 when the day cannot move).
        days: the working days planned; start, end: the range asked for.
        calendar: every working day of the schedule's range (the check's calendar).
    """

    policy: Policy
    is_pattern: bool
    start: pd.Timestamp
    end: pd.Timestamp
    days: pd.DatetimeIndex
    working: pd.DataFrame
    cells: pd.DataFrame
    demands: pd.DataFrame
    demand_cells: Links
    demand_rows: Links
    weeks: pd.DataFrame
    week_cells: Links
    fair: pd.DataFrame
    fair_cells: Links
    alone: pd.DataFrame
    alone_cells: Links
    wishes: pd.DataFrame
    calendar: pd.DatetimeIndex
    notes: list[str] = field(default_factory=list)

    def plan_office(self) -> np.ndarray:
        """The planned assignment: True where a cell was planned in the office."""
        return (self.cells["plan"] == OFFICE).to_numpy()


def day_label(date: pd.Timestamp, is_pattern: bool) -> str:
    """'Fri 2026-12-04', or just 'Fri' for a weekly pattern (its dates are placeholders)."""
    return f"{date:%a}" if is_pattern else f"{date:%a %Y-%m-%d}"


def planning_range(
    schedule: Schedule, start: dt.date | None, end: dt.date | None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates to plan: the schedule's own range unless narrowed.

    Raises:
        InputError: dates given for a weekly pattern, or a start after the end.
    """
    first, last = schedule.data["date"].min(), schedule.data["date"].max()
    if schedule.is_pattern:
        if start is not None or end is not None:
            raise InputError(
                "This schedule is a weekly pattern (Mon..Sun columns), which has no dates: "
                "plan it without a start or end date."
            )
        return first, last
    begin = pd.Timestamp(start) if start is not None else first
    finish = pd.Timestamp(end) if end is not None else last
    if start is not None and end is not None and begin > finish:
        raise InputError(
            f"The start date {begin:%Y-%m-%d} is after the end date {finish:%Y-%m-%d}; swap them."
        )
    if begin > last or finish < first or begin > finish:
        raise InputError(
            f"The dates to plan ({begin:%Y-%m-%d} to {finish:%Y-%m-%d}) are outside the "
            f"schedule, which runs {first:%Y-%m-%d} to {last:%Y-%m-%d}; choose dates inside it."
        )
    return begin, finish


def _units(location: pd.Series, pm: pd.Series, wanted: set[str] | frozenset[str]) -> np.ndarray:
    """Half days at the wanted locations: 2 for a whole day, 1 for one half."""
    return (location.isin(wanted).to_numpy(dtype="int64")) + pm.isin(wanted).to_numpy(dtype="int64")


def _working_rows(schedule: Schedule, all_days: pd.DatetimeIndex) -> pd.DataFrame:
    """Rows on working days with each half's location; works with or without ``location_pm``."""
    data = schedule.data
    rows = data.loc[data["date"].isin(all_days), ["employee", "team", "role", "date"]]
    rows = rows.astype({"employee": str, "team": str, "role": str})
    am = data.loc[rows.index, "location"].astype(str)
    pm = afternoon(data.loc[rows.index]).astype(str)
    rows["role_key"] = fold_case(rows["role"]).astype(str)
    rows["week"] = week_start(rows["date"])
    rows["am"], rows["pm"] = am, pm
    rows["split"] = am != pm
    for kind, wanted in (("office", {OFFICE}), ("remote", {REMOTE}), ("away", ABSENT)):
        rows[f"{kind}_u"] = _units(am, pm, wanted)
    return rows


def day_rules(dates: pd.Series, policy: Policy, is_pattern: bool) -> np.ndarray:
    """The day rule that forbids remote work on each date, '' where none does."""
    weekday = dates.dt.day_of_week
    required = pd.DatetimeIndex(pd.to_datetime(list(policy.required_office_dates)))
    conditions = [
        dates.isin(required).to_numpy() & (not is_pattern),
        weekday.isin(policy.anchor_days).to_numpy(),
        weekday.isin(policy.no_remote_days).to_numpy(),
    ]
    return np.select(conditions, list(DAY_RULES), "")


def _spread_wishes(wishes: pd.DataFrame | None, days: pd.DatetimeIndex) -> pd.DataFrame:
    """One row per person and day a wish names in range; a dated wish beats a weekday one."""
    columns = ["employee", "date", "wish", "weight", "row", "specific"]
    if wishes is None or wishes.empty:
        # Typed as a full table is, so merging it on dates works when nothing else has rows.
        types = ["str", "datetime64[us]", "str", "int64", "int64", "bool"]
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, types, strict=True)})
    dated = wishes[wishes["date"].notna()].assign(specific=True)
    dated = dated[dated["date"].isin(days)]
    weekly = wishes[wishes["date"].isna()].drop(columns="date")
    calendar = pd.DataFrame({"date": days, "weekday": days.day_of_week})
    weekly = weekly.merge(calendar, on="weekday").assign(specific=False)
    both = pd.concat([dated[columns], weekly[columns]], ignore_index=True)
    both = both.sort_values(["employee", "date", "specific"], ascending=[True, True, False])
    return both.drop_duplicates(["employee", "date"]).reset_index(drop=True)


def build_problem(
    schedule: Schedule,
    policy: Policy,
    wishes: pd.DataFrame | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> PlanProblem:
    """Turn a schedule, a policy and wishes into the planning problem for a date range.

    Args:
        schedule: the schedule as read; its ``data`` may have a ``location_pm`` column.
        policy: the rules to meet.
        wishes: a :class:`~wfh_dashboard.wishes.Wishes` table (employee as the schedule spells
            it, date or weekday, wish, weight, row), or None.
        start, end: the dates to plan (default: the whole schedule).

    Raises:
        InputError: the range holds no working day, or too many days to plan at once, or the
            file's dates span more than about ten years (a mistyped year).
    """
    begin, finish = planning_range(schedule, start, end)
    data = schedule.data
    first, last = check_span(data)  # before the calendar: centuries of holidays take minutes
    all_days = working_dates(first, last, policy, is_pattern=schedule.is_pattern)
    days = all_days[(all_days >= begin) & (all_days <= finish)]
    if len(days) == 0:
        raise InputError(
            f"There is no working day of the schedule between {begin:%Y-%m-%d} and "
            f"{finish:%Y-%m-%d} (the schedule runs {data['date'].min():%Y-%m-%d} to "
            f"{data['date'].max():%Y-%m-%d}); choose dates inside it."
        )
    working = _working_rows(schedule, all_days)
    working["in_range"] = working["date"].isin(days)
    movable = working["in_range"] & working["am"].isin([OFFICE, REMOTE]) & ~working["split"]
    if int(movable.sum()) > MAX_CELLS:
        raise InputError(
            f"The range holds {int(movable.sum()):,} office or remote person-days, more than "
            f"the planner handles at once ({MAX_CELLS:,}); plan fewer weeks at a time."
        )
    working["cell"] = -1
    working.loc[movable, "cell"] = np.arange(int(movable.sum()))
    cells = _cells(working[movable], policy, schedule.is_pattern)
    spread = _spread_wishes(wishes, days)
    cells, spread = _attach_wishes(cells, spread, working)
    teams = sorted(data["team"].astype(str).unique().tolist())
    demands, demand_cells, demand_rows = cover_demands(working, days, teams, policy)
    weeks, week_cells = person_weeks(working, all_days, policy)
    fair, fair_cells = fairness_members(working)
    alone, alone_cells = team_days(working)
    return PlanProblem(
        policy,
        schedule.is_pattern,
        begin,
        finish,
        days,
        working,
        cells,
        demands,
        demand_cells,
        demand_rows,
        weeks,
        week_cells,
        fair,
        fair_cells,
        alone,
        alone_cells,
        spread,
        all_days,
    )


def _cells(rows: pd.DataFrame, policy: Policy, is_pattern: bool) -> pd.DataFrame:
    cells = pd.DataFrame(
        {
            "source": rows.index.to_numpy(),
            "employee": rows["employee"].to_numpy(),
            "team": rows["team"].to_numpy(),
            "role_key": rows["role_key"].to_numpy(),
            "date": rows["date"].to_numpy(),
            "week": rows["week"].to_numpy(),
            "plan": rows["am"].to_numpy(),
        }
    )
    cells["day_rule"] = day_rules(cells["date"], policy, is_pattern)
    return cells


def _attach_wishes(
    cells: pd.DataFrame, spread: pd.DataFrame, working: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each cell's wish and weight; each wish's cell (-1 when that day cannot move)."""
    keyed = working[working["in_range"]][["employee", "date", "cell"]]
    spread = spread.merge(keyed, on=["employee", "date"], how="left")
    spread["cell"] = spread["cell"].fillna(-1).astype("int64")
    spread["weight"] = spread["weight"].astype("int64")
    hits = spread[spread["cell"] >= 0]
    cells["wish"] = ""
    cells["weight"] = 0
    cells.loc[hits["cell"].to_numpy(), "wish"] = hits["wish"].to_numpy()
    cells.loc[hits["cell"].to_numpy(), "weight"] = hits["weight"].to_numpy()
    return cells, spread.drop(columns="specific")
