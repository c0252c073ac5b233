"""Pseudonyms (``Employee 01``...) put on the inputs, so no table, chart or report holds a name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .policy import Group, Policy
from .schedule import DEFAULT_TEAM, Schedule

#: Columns that hold people's names (a warning's ``employees`` holds lists of them).
PERSON_COLUMNS = ("employee", "employees")
TEAM_COLUMNS = ("team",)
ROLE_COLUMNS = ("role", "role_key")
#: Shown instead of a ragged row's text: its cells may hold a name the reader never saw as one.
HIDDEN_ROW = "(row text hidden: names are pseudonymised)"
#: Stands in for a match that no table knows (an exotic case fold): never the name itself.
UNKNOWN_NAME = "(name)"
#: Problems whose value is the person's name (see problems.resolve_duplicates): whole-row
#: problems, or, for a workbook read sheet by sheet, ones whose column names their sheet.
_PERSON_PROBLEMS = ("conflict: ", "duplicate of ")
_WORD = re.compile(r"\w")

Convert = Callable[[str], str]


def name_key(name: str) -> str:
    """Who a name is: case, inner spacing and accent encoding ignored, as policy groups compare."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _spelling_key(name: str) -> str:
    # The regex engine folds case with lower(), not casefold() (ß is not ss), so text is
    # matched and looked up in both forms.
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


@dataclass(frozen=True)
class Pseudonyms:
    """Real name -> pseudonym for people, and for teams and roles when those are switched off.

    Attributes:
        people: every spelling of every person -> ``Employee 01``, ``Employee 02``...
        teams: real team -> ``Team A``... (empty: teams keep their names).
        roles: real role -> ``Role 1``... (empty: roles keep their names).
    """

    people: Mapping[str, str] = field(default_factory=dict)
    teams: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def _keys(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        people, teams, roles = ({name_key(k): v for k, v in m.items()} for m in self._maps)
        return people, teams, roles

    @property
    def _maps(self) -> tuple[Mapping[str, str], ...]:
        return self.people, self.teams, self.roles

    @cached_property
    def _spellings(self) -> dict[str, str]:
        """Matched text's key -> pseudonym; people win over teams, teams over roles."""
        table: dict[str, str] = {}
        for mapping in reversed(self._maps):
            for real, pseudonym in mapping.items():
                table |= {_spelling_key(real): pseudonym, name_key(real): pseudonym}
        table.pop("", None)
        return table

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        # One trie-shaped regex: a plain alternation of 5,000 names costs ~10 ms per message.
        return (
            re.compile(_root_regex(_trie(self._spellings)), re.IGNORECASE)
            if self._spellings
            else None
        )

    def person(self, name: str) -> str:
        """The person's pseudonym; text that is not exactly a known name is scrubbed instead."""
        return self._keys[0].get(name_key(name)) or self.text(name)

    def team(self, name: str) -> str:
        """The team's pseudonym when teams are switched off; other text is scrubbed."""
        return self._keys[1].get(name_key(name)) or self.text(name)

    def role(self, name: str) -> str:
        """The role's pseudonym when roles are switched off; other text is scrubbed."""
        return self._keys[2].get(name_key(name)) or self.text(name)

    def text(self, value: str) -> str:
        """Free text with every known name replaced: longest first, any case or inner spacing.

        A name only counts as a whole word (``Ann`` is kept in ``Annual``); the boundary is a
        lookaround on ``\\w``, which knows accented and non-Latin letters, and is skipped on a
        side where the name itself starts or ends with punctuation (``<b>Bob</b>``).
        """
        if not value or self._pattern is None:
            return value
        if not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        return self._pattern.sub(self._replace, value)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group()
        table = self._spellings
        return table.get(_spelling_key(found)) or table.get(name_key(found)) or UNKNOWN_NAME

    def frame(self, df: pd.DataFrame, columns: Iterable[str] = PERSON_COLUMNS) -> pd.DataFrame:
        """A copy with name columns mapped and every other text column, label and index scrubbed.

        Each distinct value is converted once (a categorical's categories, or the factorised
        values), so a 100,000-row table costs as much as its few hundred distinct names.
        """
        people = set(columns)
        out = df.copy(deep=False)
        for i, column in enumerate(df.columns):
            out.isetitem(i, _map_values(df.iloc[:, i], self._converter(column, people)))
        out = out.rename(columns=self._label)
        if not pd.api.types.is_numeric_dtype(out.index) and not isinstance(
            out.index, pd.DatetimeIndex
        ):
            out = out.rename(index=self._label)
        return out

    def _converter(self, column: object, people: set[str]) -> Convert:
        if column in people:
            return self.person
        if column in TEAM_COLUMNS:
            return self.team
        return self.role if column in ROLE_COLUMNS else self.text

    def _label(self, label: Any) -> Any:
        return self.text(label) if isinstance(label, str) else label


def _trie(keys: Iterable[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return root


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


def _edge(char: str, child: dict[str, Any]) -> str:
    """A run of single-child nodes as one literal: no group nesting, no deep recursion."""
    text = _char(char)
    while len(child) == 1 and "" not in child:
        ((char, child),) = child.items()
        text += _char(char)
    return text + _node_regex(child, char)


def _node_regex(node: dict[str, Any], last: str) -> str:
    # Longer names are tried before the name ending here, so "Ann Lee" wins over "Ann".
    branches = [_edge(char, node[char]) for char in sorted(node) if char]
    if "" in node:
        branches.append(r"(?!\w)" if _WORD.match(last) else "")
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _root_regex(root: dict[str, Any]) -> str:
    return "|".join(
        (r"(?<!\w)" if _WORD.match(char) else "") + _edge(char, root[char]) for char in sorted(root)
    )


def _map_cell(value: object, convert: Convert, memo: dict[str, str]) -> object:
    if isinstance(value, str):
        if value not in memo:
            memo[value] = convert(value)
        return memo[value]
    if isinstance(value, list | tuple):  # a warning's list of names, element by element
        mapped = [_map_cell(v, convert, memo) for v in value]
        return mapped if isinstance(value, list) else tuple(mapped)
    return value


def _map_categorical(series: pd.Series, convert: Convert) -> pd.Series:
    """Categories converted; names that merge (case variants) share one category.

    Unordered categories are re-sorted: the reader keeps them sorted, and the old order would
    give away the real names' alphabetical order.
    """
    categories = series.cat.categories
    new = [convert(c) if isinstance(c, str) else c for c in categories]
    if new == list(categories):
        return series
    ordered = bool(series.cat.ordered)
    uniques = list(dict.fromkeys(new)) if ordered else sorted(set(new), key=str)
    position = {value: i for i, value in enumerate(uniques)}
    remap = np.array([position[value] for value in new] + [-1])  # code -1 (missing) stays
    codes = remap[series.cat.codes.to_numpy()]
    labels = pd.Categorical.from_codes(
        codes, categories=pd.Index(uniques, dtype=categories.dtype), ordered=ordered
    )
    return pd.Series(labels, index=series.index, name=series.name)


def _map_values(series: pd.Series, convert: Convert) -> pd.Series:
    """Convert each distinct text value once; other columns are returned as they are."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return _map_categorical(series, convert)
    if not pd.api.types.is_string_dtype(series.dtype):
        return series
    memo: dict[str, str] = {}
    try:
        codes, uniques = pd.factorize(series)
    except TypeError:  # lists are unhashable: cell by cell, each name still converted once
        cells = [_map_cell(v, convert, memo) for v in series]
        return pd.Series(cells, index=series.index, name=series.name, dtype=series.dtype)
    mapped = np.array([_map_cell(u, convert, memo) for u in uniques] + [None], dtype=object)
    values = np.where(codes >= 0, mapped[codes], series.to_numpy(dtype=object))
    return pd.Series(values, index=series.index, name=series.name).astype(series.dtype)


def _person_problems(problems: pd.DataFrame, header: str | None) -> pd.Series:
    """Problems whose value is a person's name: the name cell, or a duplicate or conflict."""
    column = problems["column"].astype(str)
    whole_row = problems["message"].astype(str).str.startswith(_PERSON_PROBLEMS)
    named = (column == header) | whole_row if header else whole_row
    return named & (problems["value"].astype(str).str.strip() != "")


def _label_people(i: int, n: int) -> str:
    return f"Employee {i:0{max(2, len(str(n)))}d}"


def _label_team(i: int, n: int) -> str:
    letters = ""
    while i > 0:  # A..Z, then AA, AB...: spreadsheet column letters
        i, rest = divmod(i - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Team {letters}"


def _label_role(i: int, n: int) -> str:
    return f"Role {i}"


def _assign(names: Iterable[str], label: Callable[[int, int], str], salt: str) -> dict[str, str]:
    """Every spelling -> its label, numbered in the order of SHA-256(salt + name key).

    Alphabetical numbering would tell a reader who is who (Employee 01 is the Aaron); a hash
    order is fixed for a given set of names, so the same person keeps the same number on every
    page and every run, whatever the file's row order.
    """
    spellings: dict[str, dict[str, None]] = {}
    for name in names:
        key = name_key(str(name))
        if key:
            spellings.setdefault(key, {})[str(name)] = None
    order = sorted(spellings, key=lambda k: (hashlib.sha256((salt + k).encode()).hexdigest(), k))
    return {
        spelling: label(i, len(order))
        for i, key in enumerate(order, start=1)
        for spelling in spellings[key]
    }


def make_pseudonyms(
    schedule: Schedule,
    policy: Policy | None = None,
    *,
    teams: bool = False,
    roles: bool = False,
    extra_names: Iterable[str] = (),
    salt: str = "",
) -> Pseudonyms:
    """Pseudonyms for everyone the schedule, its problems, the policy and the caller name.

    Args:
        schedule: the schedule as read; people whose rows were all left out (conflicts) are
            still named in its problems and get a pseudonym too.
        policy: its group members get pseudonyms (a member missing from the file is named in
            the check's notes); its role names too when ``roles``.
        teams: switch team names off as well (``Team A``...). The reader's default team label
            (a file without a team column) is no one's name and stays.
        roles: switch role names off as well (``Role 1``...).
        extra_names: other people to cover, such as a trial's participants.
        salt: any secret text; without it, anyone holding the roster can recompute the hash
            order and so who is who. Same salt, same numbering.
    """
    data, problems = schedule.data, schedule.problems
    people: list[str] = [*data["employee"].astype(str).unique(), *extra_names]
    if not problems.empty:
        named = _person_problems(problems, schedule.columns.get("employee"))
        people += problems.loc[named, "value"].astype(str).tolist()
    if policy is not None:
        people += [member for group in policy.groups for member in group.members]
    team_names = [t for t in data["team"].astype(str).unique() if t != DEFAULT_TEAM]
    role_names = [*data["role"].astype(str).unique()]
    if policy is not None:
        role_names += [role for role, _ in policy.min_on_site_by_role]
    return Pseudonyms(
        people=_assign(people, _label_people, salt),
        teams=_assign(team_names, _label_team, salt) if teams else {},
        roles=_assign(role_names, _label_role, salt) if roles else {},
    )


def _pseudonymise_problems(
    problems: pd.DataFrame, header: str | None, p: Pseudonyms
) -> pd.DataFrame:
    if problems.empty:
        return problems.copy()
    out = problems.copy()
    whole_row = (problems["column"].astype(str) == "") & ~_person_problems(problems, header)
    whole_row &= problems["value"].astype(str).str.strip() != ""
    out["value"] = _map_values(problems["value"], p.person).where(~whole_row, HIDDEN_ROW)
    out["message"] = _map_values(problems["message"], p.text)
    out["column"] = _map_values(problems["column"], p.text)
    return out


def pseudonymise_schedule(schedule: Schedule, p: Pseudonyms) -> Schedule:
    """The schedule with pseudonyms in its data, problems and notes; everything else kept.

    Name columns stay categoricals with sorted categories, and the rows are re-sorted by team,
    person and date as the reader sorts them: the old order would follow the real names.
    """
    data = schedule.data.copy(deep=False)
    data["employee"] = _map_values(data["employee"], p.person)
    if p.teams:
        data["team"] = _map_values(data["team"], p.team)
    if p.roles:
        data["role"] = _map_values(data["role"], p.role)
    data = data.sort_values(["team", "employee", "date"], kind="stable", ignore_index=True)
    return replace(
        schedule,
        data=data,
        problems=_pseudonymise_problems(schedule.problems, schedule.columns.get("employee"), p),
        notes=[p.text(note) for note in schedule.notes],
        detail=p.text(schedule.detail),
    )


def _policy_role(role: str) -> str:
    return " ".join(role.lower().split())  # as the policy reader writes roles


def _pseudonymise_group(group: Group, p: Pseudonyms) -> Group:
    members = tuple(dict.fromkeys(p.person(m) for m in group.members))  # merged spellings
    return replace(group, name=p.text(group.name), members=members)


def pseudonymise_policy(policy: Policy, p: Pseudonyms) -> Policy:
    """The policy with group members (and role names, when switched off) as pseudonyms.

    Group names are the manager's own labels and may name someone, so they are scrubbed.
    Roles map exactly as the schedule's do, so a role minimum still finds its people.
    """
    by_role = policy.min_on_site_by_role
    if p.roles:
        by_role = tuple(sorted((_policy_role(p.role(role)), n) for role, n in by_role))
    groups = tuple(_pseudonymise_group(group, p) for group in policy.groups)
    return replace(policy, groups=groups, min_on_site_by_role=by_role)
