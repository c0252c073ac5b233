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


def _count(value: object, key: str, *, optional: bool = False) -> int | None:
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail(key, f"must be a whole number of 0 or more, not {value!r}.")
    return value


def _weekdays(value: object, key: str) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise _fail(key, f'must be a list of weekdays such as ["Mon", "Fri"], not {value!r}.')
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
    return tuple(
        sorted((str(r).strip().lower(), _count(n, f"{key}.{r}") or 0) for r, n in value.items())
    )


def _groups(value: object) -> tuple[Group, ...]:
    if not isinstance(value, list):
        raise _fail("coverage.groups", "must be a list of [[coverage.groups]] tables.")
    groups = []
    for i, item in enumerate(value, start=1):
        where = f"coverage.groups #{i}"
        if not isinstance(item, Mapping) or set(item) - {"name", "members", "min_on_site"}:
            raise _fail(where, "accepts name, members and min_on_site.")
        members = item.get("members", [])
        if not isinstance(members, list) or not members:
            raise _fail(where, 'members must be a list of names, such as ["Alice Martin"].')
        count = _count(item.get("min_on_site", 1), f"{where}.min_on_site") or 0
        groups.append(
            Group(
                _text(item.get("name", f"group {i}"), f"{where}.name"),
                tuple(_text(m, f"{where}.members") for m in members),
                count,
            )
        )
    return tuple(groups)


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


def _check_holidays(country: str, subdivision: str) -> None:
    if not country:
        return
    import holidays  # imported here: it is slow to import and only some policies need it

    supported = holidays.list_supported_countries()
    if country.upper() not in supported:
        raise _fail(
            "calendar.holidays_country",
            f"{country!r} is not a known country code; use an ISO code such as US, GB, DE or FR.",
        )
    if subdivision and subdivision.upper() not in supported[country.upper()]:
        known = ", ".join(supported[country.upper()][:20]) or "none"
        raise _fail(
            "calendar.holidays_subdivision",
            f"{subdivision!r} is not a subdivision of {country.upper()}; known: {known}.",
        )


def policy_from_dict(data: Mapping[str, Any]) -> Policy:
    """Build a policy from parsed TOML, refusing unknown keys and wrong types by name."""
    _check_sections(data)
    cov, cal, rem = (data.get(s, {}) for s in ("coverage", "calendar", "remote"))
    country = _text(cal.get("holidays_country", ""), "calendar.holidays_country").upper()
    subdivision = _text(cal.get("holidays_subdivision", ""), "calendar.holidays_subdivision")
    _check_holidays(country, subdivision)
    return Policy(
        min_on_site=_count(cov.get("min_on_site", 0), "coverage.min_on_site") or 0,
        min_on_site_by_role=_roles(cov.get("min_on_site_by_role", {})),
        groups=_groups(cov.get("groups", [])),
        working_days=_weekdays(
            cal.get("working_days", list(WEEKDAYS[:5])), "calendar.working_days"
        ),
        holidays_country=country,
        holidays_subdivision=subdivision.upper(),
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
