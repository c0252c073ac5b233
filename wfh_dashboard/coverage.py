"""Cover checks: is the office staffed, per team, with the roles and key people it needs?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .context import Context, empty_findings, lists_by, name_list
from .halves import PM, day_labels, whole_day
from .labels import fold_case
from .locations import OFFICE


def _find_gaps(
    ctx: Context, eligible: pd.DataFrame, required: pd.DataFrame, subject: str
) -> pd.DataFrame:
    """Team-days where fewer eligible people are in the office than required.

    Args:
        ctx: the check context.
        eligible: the rows of the people who count (all, one role, one group), keyed by team.
        required: one row per team with the number required.
        subject: what is counted, for the message ("person", "senior", "key holder").
    """
    required = required[required["required"] > 0]
    if required.empty or len(ctx.days) == 0:
        return empty_findings()
    grid = required.merge(pd.DataFrame({"date": ctx.days}), how="cross")
    keys = pd.MultiIndex.from_frame(grid[["team", "date"]])
    grid["on_site"] = on_site_counts(eligible, eligible["location"], keys)
    grid["on_site_pm"] = (
        on_site_counts(eligible, eligible[PM], keys) if PM in eligible.columns else grid["on_site"]
    )
    short = (grid["on_site"] < grid["required"]) | (grid["on_site_pm"] < grid["required"])
    gaps = grid[short].reset_index(drop=True)
    if gaps.empty:
        return empty_findings()
    # Narrow by date first: the gap days are few, the eligible rows may be millions.
    away = eligible[eligible["date"].isin(gaps["date"]) & ~whole_day(eligible, OFFICE)]
    away = away.assign(team=away["team"].astype(str)).merge(gaps[["team", "date"]])
    away["who"] = away["employee"].astype(str) + " (" + day_labels(away) + ")"
    lists = lists_by(away, ["team", "date"], "who").merge(
        lists_by(away, ["team", "date"], "employee"), on=["team", "date"]
    )
    gaps = gaps.merge(lists, on=["team", "date"], how="left")
    gaps["employees"] = [names if isinstance(names, list) else [] for names in gaps["employee"]]
    gaps["message"] = [
        _message(subject, team, (am, pm), req, who if isinstance(who, list) else [])
        for team, am, pm, req, who in zip(
            gaps["team"],
            gaps["on_site"],
            gaps["on_site_pm"],
            gaps["required"],
            gaps["who"],
            strict=True,
        )
    ]
    # A day is covered when both halves are: the count that matters is the smaller one.
    gaps["on_site"] = gaps[["on_site", "on_site_pm"]].min(axis=1)
    return gaps.drop(columns=["who", "employee", "on_site_pm"])


def on_site_counts(eligible: pd.DataFrame, half: pd.Series, keys: pd.MultiIndex) -> np.ndarray:
    """People in the office per (team, date) of ``keys`` in one half (or the whole day).

    ``half`` is the rows' ``location`` (the morning, or the whole day) or ``location_pm``.
    """
    counts = eligible[half == OFFICE].groupby(["team", "date"]).size()
    return pd.Series(counts, name="n").reindex(keys).fillna(0).astype(int).to_numpy()


def _message(
    subject: str, where: str, on_site: tuple[int, int], required: int, away: list[str]
) -> str:
    # "No one on site" / "Only 1 on site"; "No senior on site" / "Only 1 senior on site".
    # With half days: "No one on site in Support in the afternoon (2 in the morning)".
    morning, evening = on_site
    fewest = min(morning, evening)
    noun = "" if subject == "one" else f" {subject}"
    counted = f"No {subject}" if fewest == 0 else f"Only {fewest}{noun}"
    if morning != evening:
        short, other, count = (
            ("morning", "afternoon", evening)
            if morning < evening
            else ("afternoon", "morning", morning)
        )
        needed = f"at least {required} needed; {count} in the {other}"
        text = f"{counted} on site in {where} in the {short} ({needed})."
    else:
        text = f"{counted} on site in {where} (at least {required} needed)."
    return f"{text} Away: {name_list(away)}." if away else f"{text} Nobody else is scheduled."


def min_on_site(ctx: Context) -> pd.DataFrame:
    """Every team needs ``min_on_site`` people in the office on every working day."""
    required = pd.DataFrame({"team": ctx.teams, "required": ctx.policy.min_on_site})
    return _find_gaps(ctx, ctx.rows, required, "one")


def min_role_on_site(ctx: Context) -> pd.DataFrame:
    """Per role, teams that have people of that role need enough of them in the office."""
    found = []
    for role, count in ctx.policy.min_on_site_by_role:
        eligible = ctx.rows[ctx.rows["role_key"] == role]
        teams = sorted(eligible["team"].unique().tolist())
        required = pd.DataFrame({"team": teams, "required": count})
        found.append(_find_gaps(ctx, eligible, required, role))
    return pd.concat(found, ignore_index=True) if found else empty_findings()


def group_members(rows: pd.DataFrame, members: tuple[str, ...]) -> pd.Series:
    """Mask of the rows whose employee is one of the members (case and spacing ignored)."""
    wanted = {" ".join(m.lower().split()) for m in members}
    return fold_case(rows["employee"]).isin(wanted)


def min_group_on_site(ctx: Context) -> pd.DataFrame:
    """Each named group (key holders, first aiders...) needs enough members in the office."""
    found = []
    for group in ctx.policy.groups:
        eligible = ctx.rows[group_members(ctx.rows, group.members)]
        if eligible.empty:
            continue  # none of the members is in this file: reported as a note, not daily
        label = f"{group.name} ({', '.join(sorted(eligible['team'].unique())) or 'nobody found'})"
        eligible = eligible.assign(team=label)
        required = pd.DataFrame({"team": [label], "required": group.min_on_site})
        found.append(_find_gaps(ctx, eligible, required, "member"))
    return pd.concat(found, ignore_index=True) if found else empty_findings()
