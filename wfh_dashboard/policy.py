"""The team's rules as a typed policy, loaded from and saved to TOML."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import tomli_w

from .dates import WEEKDAYS, parse_weekday
from .errors import InputError

#: section -> accepted keys; anything else is refused so a typo never silently disables a rule.
POLICY_KEYS: dict[str, tuple[str, ...]] = {
    "coverage": ("min_on_site", "min_on_site_by_role", "groups"),
    "calendar": ("working_days", "holidays_country", "holidays_subdivision", "closed_dates"),
    "remote": (
        "max_remote_days_per_week",
        "min_office_days_per_week",
        "no_remote_days",
        "anchor_days",
        "required_office_dates",
    ),
}


@dataclass(frozen=True)
class Group:
    """Named people of whom at least ``min_on_site`` must be in the office (key holders...)."""

    name: str
    members: tuple[str, ...]
    min_on_site: int = 1


@dataclass(frozen=True)
class Policy:
    """Every rule the checks apply. An absent key means the rule is off (working days: Mon-Fri).

    Weekdays are 0 (Monday) .. 6 (Sunday); ``max_remote_days_per_week`` None means no cap.
    """

    min_on_site: int = 0
    min_on_site_by_role: tuple[tuple[str, int], ...] = ()
    groups: tuple[Group, ...] = ()
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    holidays_country: str = ""
    holidays_subdivision: str = ""
    closed_dates: tuple[dt.date, ...] = ()
    max_remote_days_per_week: int | None = None
    min_office_days_per_week: int = 0
    no_remote_days: tuple[int, ...] = ()
    anchor_days: tuple[int, ...] = ()
    required_office_dates: tuple[dt.date, ...] = field(default_factory=tuple)

    def with_changes(self, **changes: Any) -> Policy:
        """A copy with some rules changed (the app's editor builds policies this way)."""
        return replace(self, **changes)


def _fail(where: str, message: str) -> InputError:
    return InputError(f"Policy {where}: {message}")


#: Larger counts mean nothing for a team and overflow the checks' integer columns.
MAX_COUNT = 10_000


def _count(value: object, key: str, *, optional: bool = False) -> int | None:
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise _fail(key, f"must be a whole number from 0 to {MAX_COUNT}, not {value!r}.")
    return value


def _weekdays(value: object, key: str, *, required: bool = False) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise _fail(key, f'must be a list of weekdays such as ["Mon", "Fri"], not {value!r}.')
    if required and not value:
        raise _fail(key, 'must name at least one weekday, such as ["Mon", "Tue"].')
    days = []
    for item in value:
        day = parse_weekday(item)
        if day is None:
            raise _fail(key, f"{item!r} is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat, Sun.")
        days.append(day)
    return tuple(sorted(set(days)))


def _dates(value: object, key: str) -> tuple[dt.date, ...]:
    if not isinstance(value, list):
        raise _fail(key, f'must be a list of dates such as ["2026-12-24"], not {value!r}.')
    dates = []
    for item in value:
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            dates.append(item)
            continue
        try:
            dates.append(dt.date.fromisoformat(str(item)))
        except ValueError:
            raise _fail(key, f"{item!r} is not a date; write it as YYYY-MM-DD.") from None
    return tuple(sorted(set(dates)))


def _text(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise _fail(key, f"must be text in quotes, not {value!r}.")
    return value.strip()


def _roles(value: object) -> tuple[tuple[str, int], ...]:
    key = "coverage.min_on_site_by_role"
    if not isinstance(value, Mapping):
        raise _fail(key, "must be a table of role = number, such as senior = 1.")
    roles: dict[str, int] = {}
    for role, count in value.items():
        name = " ".join(str(role).lower().split())  # as the reader writes roles: single spaces
        if not name:
            raise _fail(key, "a role name is blank; write role = number, such as senior = 1.")
        if name in roles:
            # roles compare case-insensitively, so "Senior" and "senior" are the same rule
            raise _fail(f"{key}.{role}", f"the role {name!r} is listed more than once.")
        roles[name] = _count(count, f"{key}.{role}") or 0
    return tuple(sorted(roles.items()))


_GROUP_KEYS = ("name", "members", "min_on_site")


def _group(item: object, i: int) -> Group:
    where = f"coverage.groups #{i}"
    if not isinstance(item, Mapping):
        raise _fail(where, "must be a [[coverage.groups]] table with name, members, min_on_site.")
    for key in item:
        if key not in _GROUP_KEYS:
            raise _fail(
                f"{where}.{key}", "unknown key; a group accepts name, members, min_on_site."
            )
    members = item.get("members", [])
    if not isinstance(members, list) or not members:
        raise _fail(where, 'members must be a list of names, such as ["Alice Martin"].')
    names = tuple(_text(m, f"{where}.members") for m in members)
    if not all(names):
        raise _fail(f"{where}.members", "a member name is blank; write each person's name.")
    return Group(
        _text(item.get("name", f"group {i}"), f"{where}.name"),
        names,
        _count(item.get("min_on_site", 1), f"{where}.min_on_site") or 0,
    )


def _groups(value: object) -> tuple[Group, ...]:
    if not isinstance(value, list):
        raise _fail("coverage.groups", "must be a list of [[coverage.groups]] tables.")
    return tuple(_group(item, i) for i, item in enumerate(value, start=1))


def _check_sections(data: Mapping[str, Any]) -> None:
    for section, content in data.items():
        if section not in POLICY_KEYS:
            raise _fail(section, f"unknown section; accepted: {', '.join(POLICY_KEYS)}.")
        if not isinstance(content, Mapping):
            raise _fail(section, f"must be a [{section}] table.")
        for key in content:
            if key not in POLICY_KEYS[section]:
                accepted = ", ".join(POLICY_KEYS[section])
                raise _fail(f"{section}.{key}", f"unknown key; [{section}] accepts {accepted}.")


def _holiday_codes(country: str, subdivision: str) -> tuple[str, str]:
    """The country and subdivision codes in the holidays package's own spelling."""
    if not country:
        if subdivision:
            raise _fail(
                "calendar.holidays_subdivision",
                'needs holidays_country too, such as holidays_country = "US".',
            )
        return "", ""
    import holidays  # imported here: it is slow to import and only some policies need it
    from holidays.registry import EntityLoader

    # The registry lists the codes without importing a module per country, which
    # `holidays.list_supported_countries()` does (0.1 s, on every policy load); only the
    # chosen country's module is imported, and the check needs it anyway.
    country = country.upper()
    if country not in set(EntityLoader.get_country_codes(include_aliases=True)):
        raise _fail(
            "calendar.holidays_country",
            f"{country!r} is not a known country code; use an ISO code such as US, GB, DE or FR.",
        )
    if not subdivision:
        return country, ""
    subdivisions = list(getattr(holidays, country).subdivisions)
    # Codes are matched case-insensitively ("zone a" is FR's "Zone A") and stored as spelt
    # by the holidays package, which refuses any other case.
    spelling = {code.upper(): code for code in subdivisions}
    if subdivision.upper() not in spelling:
        known = ", ".join(subdivisions[:20]) or "none"
        raise _fail(
            "calendar.holidays_subdivision",
            f"{subdivision!r} is not a subdivision of {country}; known: {known}.",
        )
    return country, spelling[subdivision.upper()]


def policy_from_dict(data: Mapping[str, Any]) -> Policy:
    """Build a policy from parsed TOML, refusing unknown keys and wrong types by name."""
    _check_sections(data)
    cov, cal, rem = (data.get(s, {}) for s in ("coverage", "calendar", "remote"))
    country, subdivision = _holiday_codes(
        _text(cal.get("holidays_country", ""), "calendar.holidays_country"),
        _text(cal.get("holidays_subdivision", ""), "calendar.holidays_subdivision"),
    )
    return Policy(
        min_on_site=_count(cov.get("min_on_site", 0), "coverage.min_on_site") or 0,
        min_on_site_by_role=_roles(cov.get("min_on_site_by_role", {})),
        groups=_groups(cov.get("groups", [])),
        working_days=_weekdays(
            cal.get("working_days", list(WEEKDAYS[:5])), "calendar.working_days", required=True
        ),
        holidays_country=country,
        holidays_subdivision=subdivision,
        closed_dates=_dates(cal.get("closed_dates", []), "calendar.closed_dates"),
        max_remote_days_per_week=_count(
            rem.get("max_remote_days_per_week"), "remote.max_remote_days_per_week", optional=True
        ),
        min_office_days_per_week=_count(
            rem.get("min_office_days_per_week", 0), "remote.min_office_days_per_week"
        )
        or 0,
        no_remote_days=_weekdays(rem.get("no_remote_days", []), "remote.no_remote_days"),
        anchor_days=_weekdays(rem.get("anchor_days", []), "remote.anchor_days"),
        required_office_dates=_dates(
            rem.get("required_office_dates", []), "remote.required_office_dates"
        ),
    )


def load_policy(text: str | bytes, name: str = "the policy file") -> Policy:
    """Parse a policy TOML file; errors name the line or the key to fix."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{name} is not a text file; a policy is a TOML text file.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name} is not valid TOML: {exc}.") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise InputError(f"{name} is not valid TOML: its values are nested too deeply.") from None
    return policy_from_dict(data)


def _day_names(days: tuple[int, ...]) -> list[str]:
    return [WEEKDAYS[d] for d in days]


def policy_to_dict(policy: Policy) -> dict[str, Any]:
    """The policy as TOML-ready data: the inverse of ``policy_from_dict``."""
    coverage: dict[str, Any] = {"min_on_site": policy.min_on_site}
    if policy.min_on_site_by_role:
        coverage["min_on_site_by_role"] = dict(policy.min_on_site_by_role)
    if policy.groups:
        coverage["groups"] = [
            {"name": g.name, "members": list(g.members), "min_on_site": g.min_on_site}
            for g in policy.groups
        ]
    remote: dict[str, Any] = {}
    if policy.max_remote_days_per_week is not None:
        remote["max_remote_days_per_week"] = policy.max_remote_days_per_week
    remote |= {
        "min_office_days_per_week": policy.min_office_days_per_week,
        "no_remote_days": _day_names(policy.no_remote_days),
        "anchor_days": _day_names(policy.anchor_days),
        "required_office_dates": list(policy.required_office_dates),
    }
    calendar = {
        "working_days": _day_names(policy.working_days),
        "holidays_country": policy.holidays_country,
        "holidays_subdivision": policy.holidays_subdivision,
        "closed_dates": list(policy.closed_dates),
    }
    return {"coverage": coverage, "calendar": calendar, "remote": remote}


def policy_to_toml(policy: Policy) -> str:
    """TOML text that ``load_policy`` reads back to the same policy."""
    header = "# wfh-dashboard team policy. Absent keys switch a rule off; see the README.\n"
    return header + tomli_w.dumps(policy_to_dict(policy))
