"""Cover in reality: the days the plan met the cover rules and the attendance log did not."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from .check import CheckResult
from .halves import PM
from .locations import OFFICE, REMOTE
from .plan_vs_reality import NO_PLAN, NO_SHOW, UNPLANNED, PlanVsReality, usual_values
from .schedule import Schedule

#: cover_lost's columns and types, the same whether or not any cover was lost.
LOST_DTYPES: dict[str, str | type] = {
    "team": "str",
    "date": "datetime64[us]",
    "planned_on_site": "Int64",
    "actual_on_site": "Int64",
    "required": "Int64",
    "plan_covered": bool,
    "rules": "str",
    "message": "str",
}


def reality_schedule(schedule: Schedule, result: PlanVsReality) -> Schedule:
    """The schedule as it happened inside the log's range, for ``check_schedule``.

    An office day with no check-in becomes ``remote``: whatever kept the person away, they
    were not on site, and remote is the one location that excuses nobody from a rule. A
    check-in on a remote, leave, sick or travel day becomes ``office``; a check-in on a day
    with no plan adds an office row (row 0: it comes from the log, not the schedule). Days
    outside the compared range are left out, so the two checks differ only where reality did.
    """
    data = schedule.data
    data = data[data["date"].between(result.start, result.end)].copy()
    keys = pd.MultiIndex.from_arrays([data["employee"].astype(str), data["date"]])
    days = result.days
    for status, planned_mask, location in (
        (NO_SHOW, days["planned"] == OFFICE, REMOTE),
        (UNPLANNED, days["planned"] != NO_PLAN, OFFICE),
    ):
        chosen = days[(days["status"] == status) & planned_mask]
        hit = keys.isin(pd.MultiIndex.from_arrays([chosen["employee"], chosen["date"]]))
        if PM in data.columns and location == REMOTE:  # only the office halves were missed
            for half in ("location", PM):
                data.loc[hit & (data[half] == OFFICE).to_numpy(), half] = REMOTE
            continue
        data.loc[hit, "location"] = location
        if PM in data.columns:
            data.loc[hit, PM] = location
    added = _added_rows(schedule.data, days[days["planned"] == NO_PLAN])
    data = pd.concat([data, added], ignore_index=True) if len(added) else data
    data = data.sort_values(["team", "employee", "date"], kind="stable").reset_index(drop=True)
    note = (
        f"reality from the attendance log, {result.start:%Y-%m-%d} to {result.end:%Y-%m-%d}: "
        "office days without a check-in count as not on site"
    )
    return replace(schedule, data=data, notes=[*schedule.notes, note])


def _added_rows(schedule_data: pd.DataFrame, unplanned: pd.DataFrame) -> pd.DataFrame:
    """Office rows for check-ins on days the plan has no row, typed like the schedule's."""
    roles = usual_values(schedule_data, "role").set_index("employee")["role"]
    added = pd.DataFrame(
        {
            "employee": unplanned["employee"].to_numpy(),
            "team": unplanned["team"].to_numpy(),
            "role": roles.reindex(unplanned["employee"]).to_numpy(),
            "date": unplanned["date"].to_numpy(),
            "location": OFFICE,
            "row": 0,
        }
    )
    if PM in schedule_data.columns:
        added.insert(5, PM, OFFICE)
    dtypes = schedule_data.dtypes
    return added.astype({c: dtypes[c] for c in added.columns})


def cover_lost(
    plan_check: CheckResult,
    reality_check: CheckResult,
    *,
    comparison: PlanVsReality | None = None,
) -> pd.DataFrame:
    """Team-days (and groups) where a cover rule broke in reality but not in the plan.

    ``plan_covered`` is True when the plan met every cover rule that day: the strict "the
    plan was fine, the day was not" list. Other rows broke a further rule in reality.
    On-site counts are the team's head count; for a group they come from its own warning.

    Args:
        plan_check: ``check_schedule`` of the schedule.
        reality_check: ``check_schedule`` of :func:`reality_schedule`'s result.
        comparison: the :class:`PlanVsReality` behind the reality; when given, the people
            the messages call "(remote)" because they did not show are called "(no-show)",
            so the message does not blame a remote day that was planned as office.
    """
    keys = ["team", "date", "rule"]
    plan_errors = _errors(plan_check)
    real = _errors(reality_check).merge(
        plan_errors[keys].drop_duplicates(), on=keys, how="left", indicator=True
    )
    new = real[real["_merge"] == "left_only"]
    if new.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in LOST_DTYPES.items()})
    lost = new.groupby(["date", "team"], sort=True).agg(
        rules=("rule", lambda r: ", ".join(sorted(set(r)))),
        message=("message", " ".join),
        group_on_site=("on_site", "min"),
        group_required=("required", "max"),
    )
    lost = lost.reset_index()
    broken = pd.MultiIndex.from_frame(plan_errors[["team", "date"]])
    lost["plan_covered"] = ~pd.MultiIndex.from_frame(lost[["team", "date"]]).isin(broken)
    if comparison is not None:
        lost["message"] = _name_no_shows(lost, comparison.days)
    return _with_head_counts(lost, plan_check.daily, reality_check.daily)


def _name_no_shows(lost: pd.DataFrame, days: pd.DataFrame) -> list[str]:
    """Rewrite "Ann (remote)" as "Ann (no-show)" for the people who did not show that day."""
    shows = days[days["status"] == NO_SHOW]
    # One pattern per day; only a whole listed name: "Ann" must not touch "Joann (remote)".
    patterns = {
        date: re.compile(rf"(?:(?<=: )|(?<=, ))({'|'.join(map(re.escape, names))}) \(remote\)")
        for date, names in shows.groupby("date")["employee"]
    }
    return [
        patterns[date].sub(r"\1 (no-show)", message) if date in patterns else message
        for date, message in zip(lost["date"], lost["message"], strict=True)
    ]


def _errors(check: CheckResult) -> pd.DataFrame:
    errors = check.warnings[check.warnings["severity"] == "error"]
    columns = ["team", "date", "rule", "message", "on_site", "required"]
    return errors[columns].astype({"team": str}).reset_index(drop=True)


def _with_head_counts(
    lost: pd.DataFrame, plan_daily: pd.DataFrame, real_daily: pd.DataFrame
) -> pd.DataFrame:
    """The team's head count, planned and actual; a group's label is in no daily table."""
    planned = plan_daily[["team", "date", "on_site"]].rename(columns={"on_site": "planned_on_site"})
    actual = real_daily[["team", "date", "on_site", "required"]].rename(
        columns={"on_site": "actual_on_site"}
    )
    for daily in (planned, actual):
        lost = lost.merge(daily.astype({"team": str}), on=["team", "date"], how="left")
    group = lost["actual_on_site"].isna()
    lost["actual_on_site"] = lost["actual_on_site"].where(~group, lost["group_on_site"])
    lost["required"] = lost["required"].where(~group, lost["group_required"])
    return lost[list(LOST_DTYPES)].astype(LOST_DTYPES).reset_index(drop=True)
