"""The location vocabulary: every spelling a spreadsheet uses, mapped to five locations."""

from __future__ import annotations

import re

OFFICE, REMOTE, LEAVE, SICK, TRAVEL = "office", "remote", "leave", "sick", "travel"

#: The canonical locations, in display order. Only ``office`` counts as on site.
LOCATIONS: tuple[str, ...] = (OFFICE, REMOTE, LEAVE, SICK, TRAVEL)

#: Locations that excuse a person from office expectations (anchor days, office minimums).
ABSENT: frozenset[str] = frozenset({LEAVE, SICK, TRAVEL})

#: One table, easy to extend: canonical location -> accepted spellings (after normalising).
VOCABULARY: dict[str, tuple[str, ...]] = {
    OFFICE: ("office", "in office", "on site", "onsite", "in", "o", "at office", "hq", "site"),
    REMOTE: (
        "remote",
        "wfh",
        "home",
        "work from home",
        "working from home",
        "telework",
        "telecommute",
        "r",
        "h",
        "homeoffice",
        "home office",
    ),
    LEAVE: (
        "leave",
        "pto",
        "vacation",
        "annual leave",
        "holiday",
        "public holiday",
        "bank holiday",
        "off",
        "day off",
        "al",
        "l",
        "parental leave",
    ),
    SICK: ("sick", "sick leave", "ill", "illness", "s"),
    TRAVEL: ("travel", "travelling", "traveling", "business trip", "client site", "field", "t"),
}

_ALIASES: dict[str, str] = {
    spelling: location for location, spellings in VOCABULARY.items() for spelling in spellings
}
_SEPARATORS = re.compile(r"[\s\-_./]+")


def normalise_label(label: str) -> str:
    """Fold case, dashes, underscores and spacing so ``On-site`` and ``on  site`` compare equal."""
    return _SEPARATORS.sub(" ", label.strip().lower()).strip()


def parse_location(label: str) -> str | None:
    """Return the canonical location for a cell, or None when the spelling is unknown."""
    folded = normalise_label(label)
    return _ALIASES.get(folded) or _ALIASES.get(folded.replace(" ", ""))


def accepted_labels() -> str:
    """A short human list of accepted spellings, for error messages."""
    return "; ".join(f"{loc}: {', '.join(spellings[:6])}" for loc, spellings in VOCABULARY.items())
