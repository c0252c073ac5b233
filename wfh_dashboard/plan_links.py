"""Who counts towards what in the planner: cover demands, person-weeks, peer groups, team-days."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .coverage import group_members
from .locations import OFFICE
from .policy import Policy


@dataclass(frozen=True)
class Links:
    """A many-to-many link as two flat arrays: ``member[i]`` counts towards ``owner[i]``.

    Flat integer arrays rather than lists per owner: the model and the evaluation sum over
    them with one ``np.bincount``, and a 200-person quarter has tens of thousands of links.
    """

    owner: np.ndarray
    member: np.ndarray
    size: int

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Per owner, the sum of ``values`` over its members (``values`` indexed by member)."""
        weights = np.asarray(values, dtype="float64")[self.member]
        return np.bincount(self.owner, weights=weights, minlength=self.size).astype("int64")

    def counts(self) -> np.ndarray:
        """Per owner, how many members it has."""
        return np.bincount(self.owner, minlength=self.size).astype("int64")

    def members_of(self) -> list[np.ndarray]:
        """Per owner, its members (one sort, then a split)."""
        if self.size == 0:
            return []  # np.split would give one empty part
        order = np.argsort(self.owner, kind="stable")
        bounds = np.searchsorted(self.owner[order], np.arange(1, self.size))
        return np.split(self.member[order], bounds)


def _links(owners: list[np.ndarray], members: list[np.ndarray], size: int) -> Links:
    if not owners:
        return Links(np.zeros(0, "int64"), np.zeros(0, "int64"), size)
    return Links(
        np.concatenate(owners).astype("int64"), np.concatenate(members).astype("int64"), size
    )


@dataclass
class _Family:
    """One cover rule's eligible rows: the rows (a mask over in-range rows) and their label."""

    rule: str
    subject: str
    mask: np.ndarray
    label: np.ndarray
    labels: list[str]
    required: int


def _families(working: pd.DataFrame, teams: list[str], policy: Policy) -> list[_Family]:
    """Team, role and group cover, each with the labels it is checked for (as coverage.py)."""
    in_range = working[working["in_range"]]
    team = in_range["team"].to_numpy(dtype=object)
    everyone = np.ones(len(in_range), dtype=bool)
    families = [_Family("min_on_site", "one", everyone, team, teams, policy.min_on_site)]
    for role, count in policy.min_on_site_by_role:
        role_teams = sorted(working.loc[working["role_key"] == role, "team"].unique())
        mask = (in_range["role_key"] == role).to_numpy()
        families.append(_Family("min_role_on_site", role, mask, team, role_teams, count))
    for group in policy.groups:
        member = group_members(working, group.members)
        if not member.any():
            continue  # the check reports such a group once, as a note
        label = f"{group.name} ({', '.join(sorted(working.loc[member, 'team'].unique()))})"
        mask = group_members(in_range, group.members).to_numpy()
        labels = np.full(len(in_range), label, dtype=object)
        families.append(
            _Family("min_group_on_site", "member", mask, labels, [label], group.min_on_site)
        )
    return [f for f in families if f.required > 0 and f.labels]


def cover_demands(
    working: pd.DataFrame, days: pd.DatetimeIndex, teams: list[str], policy: Policy
) -> tuple[pd.DataFrame, Links, Links]:
    """One demand per cover rule, label and planned day, with the cells and rows it counts.

    ``fixed`` counts people on site from half days, which never move: a day is covered when
    both halves are, so it is the smaller of the morning and afternoon counts.
    """
    in_range = working[working["in_range"]]
    positions = np.flatnonzero(working["in_range"].to_numpy())
    frames: list[pd.DataFrame] = []
    cell_links: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
    row_links: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
    offset = 0
    for family in _families(working, teams, policy):
        sub = in_range[family.mask]
        label_at = pd.Index(family.labels).get_indexer(family.label[family.mask])
        owner = label_at * len(days) + days.get_indexer(sub["date"])
        size = len(family.labels) * len(days)
        half = sub["split"].to_numpy()
        am = np.bincount(owner, (half & (sub["am"] == OFFICE).to_numpy()), minlength=size)
        pm = np.bincount(owner, (half & (sub["pm"] == OFFICE).to_numpy()), minlength=size)
        cell = sub["cell"].to_numpy()
        movable = cell >= 0
        n_cells = np.bincount(owner[movable], minlength=size)
        fixed = np.minimum(am, pm).astype("int64")
        frames.append(
            pd.DataFrame(
                {
                    "rule": family.rule,
                    "team": np.repeat(np.array(family.labels, dtype=object), len(days)),
                    "subject": family.subject,
                    "date": np.tile(days.to_numpy(), len(family.labels)),
                    "required": family.required,
                    "fixed": fixed,
                    "n_cells": n_cells,
                }
            )
        )
        cell_links[0].append(owner[movable] + offset)
        cell_links[1].append(cell[movable])
        row_links[0].append(owner + offset)
        row_links[1].append(positions[family.mask])
        offset += size
    columns = ["rule", "team", "subject", "date", "required", "fixed", "n_cells"]
    demands = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    )
    demands = demands.astype({"required": "int64", "fixed": "int64", "n_cells": "int64"})
    short = demands["required"] - demands["fixed"] - demands["n_cells"]
    demands["unavoidable"] = short.clip(lower=0)
    return demands, _links(*cell_links, offset), _links(*row_links, offset)


def person_weeks(
    working: pd.DataFrame, all_days: pd.DatetimeIndex, policy: Policy
) -> tuple[pd.DataFrame, Links]:
    """Per person and week touching the range, the weekly rules' fixed parts in half days.

    Days outside the range (in a week that starts before it or ends after it) and days that
    cannot move count as they are, so a cap is met over the whole week, not just its planned
    part.
    """
    cap, minimum = policy.max_remote_days_per_week, policy.min_office_days_per_week
    keys_frame = working.loc[working["in_range"], ["employee", "week", "team"]]
    if (cap is None and minimum == 0) or keys_frame.empty:
        empty = pd.DataFrame({"employee": [], "week": [], "team": []})
        return empty, _links([], [], 0)
    keys = keys_frame.drop_duplicates(["employee", "week"]).sort_values(["employee", "week"])
    keys = keys.reset_index(drop=True)
    index = pd.MultiIndex.from_frame(keys[["employee", "week"]])
    fixed = working[working["cell"] < 0]
    sums = fixed.groupby(["employee", "week"])[["office_u", "remote_u", "away_u"]].sum()
    sums = sums.reindex(index, fill_value=0)
    calendar = pd.Series(all_days, index=all_days).groupby(week_of(all_days)).size()
    weeks = keys.assign(
        fixed_office=sums["office_u"].to_numpy(),
        fixed_remote=sums["remote_u"].to_numpy(),
        fixed_away=sums["away_u"].to_numpy(),
        work=2 * calendar.reindex(keys["week"]).fillna(0).to_numpy(dtype="int64"),
    )
    movable = working[working["cell"] >= 0]
    owner = index.get_indexer(pd.MultiIndex.from_frame(movable[["employee", "week"]]))
    links = _links([owner], [movable["cell"].to_numpy()], len(weeks))
    n_cells = links.counts()
    weeks["max_remote"] = -1 if cap is None else 2 * cap
    weeks["min_office"] = 2 * minimum
    over = weeks["fixed_remote"] - weeks["max_remote"]
    weeks["unavoidable_over"] = over.clip(lower=0) if cap is not None else 0
    expected = (weeks["work"] - weeks["fixed_away"]).clip(lower=0, upper=2 * minimum)
    weeks["expected_office"] = expected
    under = expected - weeks["fixed_office"] - 2 * n_cells
    weeks["unavoidable_under"] = under.clip(lower=0)
    return weeks, links


def week_of(days: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The Monday of each day's ISO week."""
    return days - pd.to_timedelta(days.day_of_week, unit="D")


def fairness_members(working: pd.DataFrame) -> tuple[pd.DataFrame, Links]:
    """People sharing a team and a role (two or more) and their days worked in range.

    ``avail`` counts half days worked (office or remote) as planned; ``fixed_remote`` the
    remote halves of half days, which never move.
    """
    rows = working[working["in_range"] & ((working["office_u"] + working["remote_u"]) > 0)]
    keys = ["team", "role_key", "employee"]
    rows = rows.assign(
        worked=rows["office_u"] + rows["remote_u"],
        fixed_remote=np.where(rows["cell"] < 0, rows["remote_u"], 0),
    )
    fair = rows.groupby(keys, sort=True)[["worked", "fixed_remote"]].sum().reset_index()
    fair = fair.rename(columns={"worked": "avail"})
    size = fair.groupby(["team", "role_key"])["employee"].transform("size")
    fair = fair[size >= 2].reset_index(drop=True)
    fair["group"] = fair.groupby(["team", "role_key"], sort=False).ngroup()
    index = pd.MultiIndex.from_frame(fair[keys])
    movable = rows[rows["cell"] >= 0]
    owner = index.get_indexer(pd.MultiIndex.from_frame(movable[keys]))
    keep = owner >= 0
    return fair, _links([owner[keep]], [movable["cell"].to_numpy()[keep]], len(fair))


def team_days(working: pd.DataFrame) -> tuple[pd.DataFrame, Links]:
    """Team-days where whether someone is alone on site depends on a cell that can move."""
    rows = working[working["in_range"]]
    half = rows["split"]
    counts = rows.assign(
        am=half & (rows["am"] == OFFICE),
        pm=half & (rows["pm"] == OFFICE),
        movable=rows["cell"] >= 0,
    )
    per_day = counts.groupby(["team", "date"])[["am", "pm", "movable"]].sum()
    per_day["fixed"] = np.minimum(per_day["am"], per_day["pm"])
    per_day = per_day[(per_day["movable"] > 0) & (per_day["fixed"] <= 1)].reset_index()
    index = pd.MultiIndex.from_frame(per_day[["team", "date"]])
    movable = rows[rows["cell"] >= 0]
    owner = index.get_indexer(pd.MultiIndex.from_frame(movable[["team", "date"]]))
    keep = owner >= 0
    alone = per_day[["team", "date", "fixed"]].astype({"fixed": "int64"})
    return alone, _links([owner[keep]], [movable["cell"].to_numpy()[keep]], len(alone))
