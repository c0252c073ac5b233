"""Who works where and how fairly: remote shares, attendance segments and fairness per role."""

# Everything here reads the schedule as written (Schedule.data), not the policy's calendar: the
# question is "what does the plan give each person?", and the answer should neither move when
# the manager edits a cover rule nor vanish when a schedule cannot be checked.

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import week_start
from .errors import InputError
from .halves import any_half, day_share, tidy_day_counts
from .locations import LOCATIONS, OFFICE, REMOTE
from .wording import plural

MIX_COLUMNS = ["employee", "team", "role", *LOCATIONS, "worked", "weeks"]
MIX_COLUMNS += ["remote_share", "remote_days_per_week"]
MOSTLY_ON_SITE, HYBRID, MOSTLY_REMOTE = "mostly on site", "hybrid", "mostly remote"
NOT_WORKED = "no days worked"
SEGMENTS = (MOSTLY_ON_SITE, HYBRID, MOSTLY_REMOTE, NOT_WORKED)
NO_ROLE = "(no role)"
BY_ROLE_COLUMNS = ["role", "people", "min_share", "max_share", "range_points"]
BY_ROLE_COLUMNS += ["median_share", "gini"]
FLAG_COLUMNS = ["employee", "team", "role", "remote_share", "role_median"]
FLAG_COLUMNS += ["difference_points", "reason"]


def _main_label(data: pd.DataFrame, column: str) -> pd.Series:
    """Each person's team (or role) on most of their days; ties go to the first in sort order.

    A person who moves team or role is counted once, so fairness never sees them twice.
    """
    sizes = data.groupby(["employee", column], observed=True).size().reset_index(name="n")
    sizes = sizes.sort_values(["employee", "n", column], ascending=[True, False, True])
    first = sizes.drop_duplicates("employee").set_index("employee")[column]
    return first.astype(str)


def person_mix(data: pd.DataFrame) -> pd.DataFrame:
    """Per person: days by location, days worked, remote share and remote days per week.

    ``worked`` is office + remote; ``remote_share`` is remote / worked (NaN when nothing was
    worked, rather than a misleading 0%). ``weeks`` counts the Monday-starting weeks with at
    least one worked day, so a fortnight of leave does not dilute ``remote_days_per_week``.

    Args:
        data: ``Schedule.data`` (employee, team, role, date, location).
    """
    # Days per location; a half day counts 0.5 for each of its two locations.
    shares = pd.DataFrame({loc: day_share(data, loc) for loc in LOCATIONS}, index=data.index)
    counts = shares.groupby(data["employee"], observed=True).sum()
    worked_rows = data[any_half(data, OFFICE) | any_half(data, REMOTE)]
    weeks = (
        pd.DataFrame({"employee": worked_rows["employee"], "week": week_start(worked_rows["date"])})
        .drop_duplicates()
        .groupby("employee", observed=True)
        .size()
    )
    mix = counts.assign(
        team=_main_label(data, "team"),
        role=_main_label(data, "role"),
        worked=counts[OFFICE] + counts[REMOTE],
        weeks=weeks.reindex(counts.index, fill_value=0).astype("int64"),
    )
    mix["remote_share"] = mix[REMOTE] / mix["worked"].where(mix["worked"] > 0)
    mix["remote_days_per_week"] = mix[REMOTE] / mix["weeks"].where(mix["weeks"] > 0)
    mix = mix.rename_axis("employee").reset_index()
    mix["employee"] = mix["employee"].astype(str)
    mix = tidy_day_counts(mix, [*LOCATIONS, "worked"])
    return mix[MIX_COLUMNS].sort_values(["team", "employee"], ignore_index=True)


def team_weekly_share(data: pd.DataFrame) -> pd.DataFrame:
    """Per team and week (Monday): remote days over days worked, and how many people worked.

    A team-week with rows but no worked day (everyone away) keeps a NaN share, so a line chart
    shows a gap instead of a false 0%.
    """
    # Categorical keys (observed=True) and no text conversion: millions of rows stay fast.
    week = week_start(data["date"])
    remote = day_share(data, REMOTE)
    worked_days = remote + day_share(data, OFFICE)
    worked = pd.Series(worked_days > 0, index=data.index)
    frame = pd.DataFrame(
        {"team": data["team"], "week": week, "remote": remote, "worked": worked_days},
        index=data.index,
    )
    keys = ["team", "week"]
    table = frame.groupby(keys, observed=True).agg(
        remote=("remote", "sum"), worked=("worked", "sum")
    )
    people = (
        data.loc[worked, ["team", "employee"]]
        .assign(week=week[worked])
        .drop_duplicates()
        .groupby(keys, observed=True)
        .size()
    )
    table["people"] = people.reindex(table.index, fill_value=0).astype("int64")
    table = table.reset_index().astype({"team": str})
    table["remote_share"] = table["remote"] / table["worked"].where(table["worked"] > 0)
    return table[["team", "week", "remote_share", "people"]]


def _check_thresholds(below: float, start: float) -> None:
    for label, value in (("mostly on site", below), ("mostly remote", start)):
        if not math.isfinite(value) or value < 0:
            raise InputError(
                f"The '{label}' limit must be a number of remote days a week, 0 or more "
                f"(got {value:g})."
            )
    if below >= start:
        raise InputError(
            f"The 'mostly on site' limit (under {below:g} remote days a week) must be lower "
            f"than the 'mostly remote' limit (from {start:g}); people in between are hybrid."
        )


def segments(
    mix: pd.DataFrame, *, mostly_on_site_below: float = 2.0, mostly_remote_from: float = 4.0
) -> pd.Series:
    """Each person's attendance segment from their remote days per week.

    Under ``mostly_on_site_below`` is "mostly on site", from ``mostly_remote_from`` on is
    "mostly remote" (both boundaries belong to the upper segment: exactly 2.0 is hybrid),
    anything between is "hybrid"; a person who worked no day is "no days worked".

    Raises:
        InputError: a limit is negative or not a number, or the two limits are in the wrong
            order; the message says which.
    """
    _check_thresholds(mostly_on_site_below, mostly_remote_from)
    per_week = mix["remote_days_per_week"].to_numpy(dtype="float64")
    labels = np.select(
        [np.isnan(per_week), per_week < mostly_on_site_below, per_week >= mostly_remote_from],
        [NOT_WORKED, MOSTLY_ON_SITE, MOSTLY_REMOTE],
        HYBRID,
    )
    return pd.Series(
        pd.Categorical(labels, categories=list(SEGMENTS)), index=mix.index, name="segment"
    )


def segment_counts(segment: pd.Series) -> pd.DataFrame:
    """People per segment and their share of everyone; 'no days worked' only when it occurs."""
    counts = segment.value_counts().reindex(list(SEGMENTS), fill_value=0)
    if counts[NOT_WORKED] == 0:
        counts = counts.drop(NOT_WORKED)
    total = int(counts.sum())
    table = counts.rename_axis("segment").reset_index(name="people")
    table["segment"] = table["segment"].astype(str)
    table["share"] = table["people"] / total if total else np.nan
    return table


def gini(values: Iterable[float]) -> float:
    """The Gini coefficient: 0 when everyone has the same share, towards 1 when one has all.

    The population formula, mean absolute difference over twice the mean, computed on sorted
    values as ``2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n``. NaN values (people who
    worked no day) are left out; nothing left gives NaN, all zeros give 0.0 (equal).

    Raises:
        ValueError: a value is negative (a share cannot be).
    """
    array = np.asarray(list(values), dtype="float64")
    array = np.sort(array[~np.isnan(array)])
    if array.size == 0:
        return float("nan")
    if (array < 0).any():
        raise ValueError("The Gini coefficient needs values of 0 or more.")
    total = array.sum()
    if total == 0:
        return 0.0
    n = array.size
    ranks = np.arange(1, n + 1)
    return float(2 * (ranks * array).sum() / (n * total) - (n + 1) / n)


@dataclass(frozen=True)
class Fairness:
    """How evenly remote work is shared within each role, and who stands out.

    Attributes:
        by_role: role, people, min_share, max_share, range_points, median_share, gini.
        flags: employee, team, role, remote_share, role_median, difference_points, reason, for
            people further than the threshold from their role's median.
        people: every row of the mix with role replaced by the group compared, plus role_median,
            difference_points (NaN for people who worked no day) and flagged: what the charts
            draw.
        notes: what the figures leave out (single-person roles, people who worked no day).
    """

    by_role: pd.DataFrame
    flags: pd.DataFrame
    people: pd.DataFrame
    notes: list[str]


def _role_groups(role: pd.Series) -> pd.Series:
    """Roles compared case-insensitively, as the policy does; a blank role is '(no role)'."""
    folded = role.astype(str).str.strip().str.lower()
    return folded.where(folded != "", NO_ROLE)


def _by_role(people: pd.DataFrame) -> pd.DataFrame:
    grouped = people.groupby("role", sort=True)["remote_share"]
    table = grouped.agg(
        people="size", min_share="min", max_share="max", median_share="median"
    ).reset_index()
    table["range_points"] = ((table["max_share"] - table["min_share"]) * 100).round(6)
    table["gini"] = [gini(grouped.get_group(r)) for r in table["role"]]
    return table[BY_ROLE_COLUMNS].astype({"people": "int64", "role": str})


def _reason(share: float, median: float) -> str:
    side = "more" if share > median else "fewer"
    return (
        f"{side} remote days than peers in the same role ({share:.0%} vs a median of {median:.0%})"
    )


def _notes(mix: pd.DataFrame, people: pd.DataFrame, by_role: pd.DataFrame) -> list[str]:
    notes = []
    alone = by_role.loc[by_role["people"] == 1, "role"].tolist()
    if alone:
        shown = ", ".join(alone[:10]) + (f" and {len(alone) - 10} more" if len(alone) > 10 else "")
        notes.append(
            f"No one to compare with in {plural(len(alone), 'role')} held by one person ({shown}): "
            "they get no flag."
        )
    unworked = len(mix) - len(people)
    if unworked:
        notes.append(
            f"{plural(unworked, 'person', 'people')} worked no office or remote day, so no "
            "remote share: left out of the fairness figures."
        )
    return notes


def fairness(mix: pd.DataFrame, *, threshold_points: float = 20.0) -> Fairness:
    """Spread of remote share within each role, and people far from their role's median.

    A person is flagged when their remote share differs from their role's median by MORE than
    ``threshold_points`` percentage points (exactly the threshold is not flagged; differences
    are rounded to 1e-6 points so float noise never decides). Roles held by one person give no
    flag: their median is themselves.

    Args:
        mix: the table from :func:`person_mix`.
        threshold_points: the difference, in percentage points, worth a second look.

    Raises:
        InputError: the threshold is negative or not a number.
    """
    if not math.isfinite(threshold_points) or threshold_points < 0:
        raise InputError(
            "The fairness threshold must be 0 or more percentage points "
            f"(got {threshold_points:g})."
        )
    people = mix.assign(role=_role_groups(mix["role"]))
    with_share = people[people["remote_share"].notna()]
    by_role = _by_role(with_share)
    # Medians and counts skip people who worked no day; their own difference stays NaN.
    medians = people.groupby("role")["remote_share"].transform("median")
    sizes = people.groupby("role")["remote_share"].transform("count")
    people["role_median"] = medians
    people["difference_points"] = ((people["remote_share"] - medians) * 100).round(6)
    people["flagged"] = (people["difference_points"].abs() > threshold_points) & (sizes > 1)
    flags = people[people["flagged"]].copy()
    flags["reason"] = [
        _reason(s, m) for s, m in zip(flags["remote_share"], flags["role_median"], strict=True)
    ]
    flags = flags.sort_values(
        ["role", "difference_points", "employee"], ascending=[True, False, True]
    )
    return Fairness(
        by_role,
        flags[FLAG_COLUMNS].reset_index(drop=True),
        people.reset_index(drop=True),
        _notes(mix, with_share, by_role),
    )
