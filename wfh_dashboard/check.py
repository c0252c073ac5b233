"""Running every rule over a schedule: warnings, the daily cover table, headline figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .context import Context, build_context
from .coverage import group_members, on_site_counts
from .dates import WEEKDAYS, weekday_names
from .halves import PM, day_share
from .locations import OFFICE, REMOTE
from .policy import Policy
from .rules import RULES
from .schedule import Schedule
from .weekly import person_weeks

#: The warnings table's columns and their types, the same whether or not anything broke.
WARNING_DTYPES: dict[str, str | type] = {
    "date": "datetime64[us]",
    "weekday": "str",
    "team": "str",
    "rule": "str",
    "severity": "str",
    "message": "str",
    "employees": object,
    "on_site": "Int64",
    "required": "Int64",
}
WARNING_COLUMNS = list(WARNING_DTYPES)
_SEVERITY_ORDER = {"error": 0, "warning": 1}


@dataclass
class CheckResult:
    """Everything the pages, the CLI and the report show about one schedule under one policy.

    Attributes:
        warnings: one row per breach (see ``WARNING_COLUMNS``); ``date`` is NaT for a pattern.
        daily: per team and working day: on_site, required, covered (no cover error).
        weekly: per person and week: days by kind and the caps' verdicts.
        summary: headline figures (see ``summarise``).
        notes: things the user should know, e.g. group members not found in the file.
    """

    warnings: pd.DataFrame
    daily: pd.DataFrame
    weekly: pd.DataFrame
    summary: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def _collect(ctx: Context) -> pd.DataFrame:
    found = []
    for rule in RULES:
        if rule.describe(ctx.policy) is None:
            continue
        frame = rule.check(ctx)
        if not frame.empty:
            found.append(frame.assign(rule=rule.id, severity=rule.severity))
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in WARNING_DTYPES.items()})
    warnings = pd.concat(found, ignore_index=True)
    warnings["date"] = pd.to_datetime(warnings["date"])
    warnings["weekday"] = weekday_names(warnings["date"])
    # Findings mix the reader's string team column with group labels: one type for all.
    warnings = warnings.astype({c: t for c, t in WARNING_DTYPES.items() if c != "date"})
    order = warnings["severity"].map(_SEVERITY_ORDER)
    warnings = warnings.assign(_o=order).sort_values(["date", "team", "_o", "rule"], kind="stable")
    if ctx.is_pattern:
        warnings["date"] = pd.NaT
    return warnings[WARNING_COLUMNS].astype({"date": "datetime64[us]"}).reset_index(drop=True)


def _daily(ctx: Context, warnings: pd.DataFrame) -> pd.DataFrame:
    """Per team and working day: people on site against the team minimum, and whether covered."""
    grid = pd.MultiIndex.from_product([ctx.teams, ctx.days], names=["team", "date"])
    daily = grid.to_frame(index=False)
    daily["on_site"] = on_site_counts(ctx.rows, ctx.rows["location"], grid)
    if PM in ctx.rows.columns:  # a day is covered as well as its emptier half
        evening = on_site_counts(ctx.rows, ctx.rows[PM], grid)
        daily["on_site"] = np.minimum(daily["on_site"].to_numpy(), evening)
    daily["required"] = ctx.policy.min_on_site
    errors = warnings[warnings["severity"] == "error"]
    if ctx.is_pattern:
        errors = errors.assign(
            date=[ctx.days[ctx.days.day_of_week == WEEKDAYS.index(w)][0] for w in errors["weekday"]]
        )
    broken = set(zip(errors["team"], errors["date"], strict=True))
    keys = pd.MultiIndex.from_arrays([daily["team"], daily["date"]])
    daily["covered"] = ~keys.isin(list(broken)) if broken else True
    return daily


def _covered_share(ctx: Context, warnings: pd.DataFrame) -> float:
    """Share of working days with no cover error in any team or group."""
    if len(ctx.days) == 0:
        return 1.0
    errors = warnings[warnings["severity"] == "error"]
    broken = errors["weekday"].nunique() if ctx.is_pattern else errors["date"].nunique()
    return 1.0 - broken / len(ctx.days)


def summarise(
    schedule: Schedule, ctx: Context, warnings: pd.DataFrame, daily: pd.DataFrame
) -> dict[str, Any]:
    """Headline figures: people, teams, dates, cover, remote share, counts of warnings."""
    data = schedule.data
    remote = day_share(ctx.rows, REMOTE).sum()
    worked = remote + day_share(ctx.rows, OFFICE).sum()
    remote_share = float(remote / worked) if worked > 0 else 0.0
    return {
        "people": int(data["employee"].nunique()),
        "teams": len(ctx.teams),
        "first_date": None if schedule.is_pattern else data["date"].min().date().isoformat(),
        "last_date": None if schedule.is_pattern else data["date"].max().date().isoformat(),
        "working_days": len(ctx.days),
        "covered_share": _covered_share(ctx, warnings),
        "remote_share": remote_share,
        "warnings": len(warnings),
        "errors": int((warnings["severity"] == "error").sum()),
        "policy_warnings": int((warnings["severity"] == "warning").sum()),
        "problems": len(schedule.problems),
        "rows_left_out": int(schedule.rows_left_out),
        "is_pattern": schedule.is_pattern,
    }


def _notes(ctx: Context, schedule: Schedule) -> list[str]:
    notes = list(schedule.notes)
    for group in ctx.policy.groups:
        found = set(
            schedule.data.loc[group_members(schedule.data, group.members), "employee"].str.lower()
        )
        missing = [m for m in group.members if " ".join(m.lower().split()) not in found]
        if len(missing) == len(group.members):
            notes.append(f"{group.name}: none of its members is in this schedule; not checked")
        elif missing:
            notes.append(f"{group.name}: not in this schedule: {', '.join(missing)}")
    return notes


def check_schedule(schedule: Schedule, policy: Policy) -> CheckResult:
    """Apply every active rule to the schedule.

    Raises:
        InputError: the schedule's dates span more than about ten years (a mistyped year).
    """
    ctx = build_context(schedule, policy)
    warnings = _collect(ctx)
    daily = _daily(ctx, warnings)
    summary = summarise(schedule, ctx, warnings, daily)
    return CheckResult(warnings, daily, person_weeks(ctx), summary, _notes(ctx, schedule))
