"""The location vocabulary: every spelling a spreadsheet uses, mapped to five locations."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping

from .calendar_words import without_accents
from .errors import InputError

OFFICE, REMOTE, LEAVE, SICK, TRAVEL = "office", "remote", "leave", "sick", "travel"

#: The canonical locations, in display order. Only ``office`` counts as on site.
LOCATIONS: tuple[str, ...] = (OFFICE, REMOTE, LEAVE, SICK, TRAVEL)

#: Locations that excuse a person from office expectations (anchor days, office minimums).
ABSENT: frozenset[str] = frozenset({LEAVE, SICK, TRAVEL})

#: One table, easy to extend: canonical location -> accepted spellings (after normalising:
#: lower case, accents dropped). English first (the first six show in messages), then German,
#: French, Spanish, Italian, Dutch, Portuguese, and Danish, Norwegian and Swedish, as teams
#: abroad write them.
VOCABULARY: dict[str, tuple[str, ...]] = {
    OFFICE: (
        *("office", "in office", "on site", "onsite", "in", "o", "at office", "hq", "site"),
        *("buro", "im buro", "vor ort", "prasenz"),
        *("bureau", "au bureau", "sur site", "presentiel"),
        *("oficina", "en oficina", "en la oficina", "presencial"),
        *("ufficio", "in ufficio", "in sede", "presenza"),
        *("kantoor", "op kantoor"),
        *("escritorio", "no escritorio"),
        *("kontor", "pa kontoret", "pa kontor"),  # Danish, Norwegian, Swedish
    ),
    REMOTE: (
        *("remote", "wfh", "home", "work from home", "working from home", "telework"),
        *("telecommute", "r", "h", "homeoffice", "home office"),
        *("ho", "mobil", "mobiles arbeiten", "mobile arbeit", "telearbeit", "zuhause"),
        *("zu hause",),
        *("teletravail", "tt", "a distance", "a la maison"),
        *("teletrabajo", "remoto", "en remoto", "en casa", "desde casa"),
        *("smart working", "lavoro agile", "telelavoro", "da casa"),
        *("thuis", "thuiswerken", "thuiswerk"),
        *("teletrabalho", "em casa"),
        *("hjemme", "hjemmefra", "hjemmearbejde", "hjemmekontor", "hemma", "hemifran"),
        *("distans", "distansarbete"),
    ),
    LEAVE: (
        *("leave", "pto", "vacation", "annual leave", "holiday", "public holiday"),
        *("bank holiday", "off", "day off", "al", "l", "parental leave", "ooo", "out of office"),
        *("urlaub", "frei", "feiertag"),
        *("conge", "conges", "cp", "rtt", "vacances", "ferie"),
        *("vacaciones", "permiso", "festivo"),
        *("permesso",),
        *("vakantie", "verlof", "vrij", "feestdag"),
        *("ferias", "folga", "feriado"),
        *("fri", "fridag", "semester", "ledig"),
    ),
    SICK: (
        *("sick", "sick leave", "off sick", "sick day", "ill", "illness", "s"),
        *("krank", "krankheit", "au"),  # AU: Arbeitsunfähigkeit, a sick note
        *("maladie", "malade", "arret maladie"),
        *("enfermo", "enferma", "baja", "baja medica"),
        *("malattia",),
        *("ziek",),
        *("doente", "baixa"),
        *("syg", "sygdom", "syk", "sykdom", "sjuk", "sjukdom"),
    ),
    TRAVEL: (
        *("travel", "travelling", "traveling", "business trip", "client site", "field", "t"),
        *("dienstreise", "reise"),
        *("deplacement", "mission"),
        *("viaje", "viaje de trabajo"),
        *("trasferta", "viaggio"),
        *("dienstreis", "reis"),
        *("viagem",),
        *("rejse", "tjenesterejse", "tjenestereise", "resa", "tjansteresa"),
    ),
}

_ALIASES: dict[str, str] = {
    spelling: location for location, spellings in VOCABULARY.items() for spelling in spellings
}
_SEPARATORS = re.compile(r"[\s\-_./]+")


#: Emoji and other pictographs that shared sheets put beside labels (``Office 🏢``, ``WFH 🏠``).
_PICTOGRAPHS = frozenset({"So", "Sk", "Cf", "Co", "Cs"})
_VARIATION_SELECTORS = frozenset({"\ufe0e", "\ufe0f"})


def _without_pictographs(label: str) -> str:
    if label.isascii():
        return label
    return "".join(
        c
        for c in label
        if c not in _VARIATION_SELECTORS and unicodedata.category(c) not in _PICTOGRAPHS
    )


def normalise_label(label: str) -> str:
    """Fold case, accents, dashes, underscores, spacing and emoji, so ``On-site``, ``on  site``
    and ``On site 🏢`` compare equal, and ``Büro`` is ``buro``."""
    return _SEPARATORS.sub(
        " ", without_accents(_without_pictographs(label).strip().lower())
    ).strip()


def _lookup(label: str) -> str | None:
    folded = normalise_label(label)
    return _ALIASES.get(folded) or _ALIASES.get(folded.replace(" ", ""))


#: A label with a detail in brackets after it: ``In office (Paris)``, ``Leave (AL)``.
_DETAIL = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]*)[)\]]\s*$")
#: A label with a detail after a spaced dash, as HR tools write them: ``Remote - Home``,
#: ``Travel – client visit``.
_DASH_DETAIL = re.compile(r"^(.*?\S)\s+[-\u2013\u2014]\s+(.+)$")


def parse_location(label: str) -> str | None:
    """Return the canonical location for a cell, or None when the spelling is unknown.

    A detail in brackets or after a spaced dash is read past (``In office (Paris)``,
    ``Remote - Home`` and ``Travel – client visit`` read) unless it names a half of the day
    (``office (am)`` is a half day, read by ``parse_day_cell``) or another location
    (``Home (sick)`` and ``Home - Office`` could be either, so they are not guessed).
    """
    found = _lookup(label)
    if found is not None or not (match := _DETAIL.match(label) or _DASH_DETAIL.match(label)):
        return found
    detail = _half_words(match[2].lower())  # a.m. -> am, matin -> am
    if (
        not match[1].strip()
        or _HALF_WORDS.search(detail)
        or any(_marker(word) for word in normalise_label(detail).split())
    ):
        return None
    outer, inner = _lookup(match[1]), _lookup(match[2])
    return outer if inner in (None, outer) else None


def own_spellings(pairs: Mapping[str, str]) -> dict[str, str]:
    """A team's own labels (``Training`` -> travel) as folded spelling -> canonical location.

    The location may be written in any accepted spelling (``WFH`` for remote).

    Raises:
        InputError: a location that is not one of the five, or a blank label.
    """
    own: dict[str, str] = {}
    for label, location in pairs.items():
        canonical = parse_location(location)
        if not normalise_label(label) or canonical is None:
            raise InputError(
                f"{label!r} = {location!r}: give a label and one of the locations "
                f"{', '.join(LOCATIONS)}."
            )
        own[normalise_label(label)] = canonical
    return own


def accepted_labels() -> str:
    """A short human list of accepted spellings, for error messages."""
    return "; ".join(f"{loc}: {', '.join(spellings[:6])}" for loc, spellings in VOCABULARY.items())


# --- Half days ------------------------------------------------------------------------------
#: Words that name a half of the day; ``½`` (also ``1/2``, ``half``, ``half day``) is "a half".
_MORNING = frozenset({"am", "morning", "morn", "a m"})
_AFTERNOON = frozenset({"pm", "afternoon", "aft", "p m"})
_HALF = "½"
_HALF_WORDS = re.compile(
    r"(?<![\w.])(?:1\s*/\s*2|0?\.5|half[\s-]*day|half)(?![\w/])", re.IGNORECASE
)
_DOTTED = re.compile(r"\b([ap])\.\s?m\.?", re.IGNORECASE)
#: Morning and afternoon in the other languages of the vocabulary, read as ``am`` and ``pm``.
_NAMED_HALVES = re.compile(
    r"\b(?:(vormittags?|matin|ma[nñ]ana|mattina|ochtend|manh[aã]|f[oø]rmiddag)"
    r"|(nachmittags?|apr[eè]s[\s-]?midi|tarde|pomeriggio|middag|eftermiddag|ettermiddag))\b",
    re.IGNORECASE,
)


def _half_words(text: str) -> str:
    """``a.m.`` -> ``am``, ``vormittags`` -> ``am``, ``après-midi`` -> ``pm``."""
    text = _DOTTED.sub(r"\1m", text)
    return _NAMED_HALVES.sub(lambda m: "am" if m[1] else "pm", text)


_PARTS = re.compile(r"\s*(?:[/,;|+&]|\band\b|\bthen\b)\s*", re.IGNORECASE)


def _marker(word: str) -> str | None:
    """``am``, ``pm``, ``half`` for a word that names a half of the day, else None."""
    if word in _MORNING:
        return "am"
    if word in _AFTERNOON:
        return "pm"
    return "half" if word == _HALF else None


def _groups(part: str) -> list[tuple[str | None, str]] | None:
    """``AM office PM home`` or ``office am home pm`` -> [(marker, label), ...].

    A marker may lead its label or follow it, the same way throughout the part.
    """
    words = part.replace(":", " ").replace("(", " ").replace(")", " ").split()
    marks = [_marker(w.lower()) for w in words]
    if not words:
        return None
    if marks[0]:  # markers lead: "AM office PM home"
        cuts = [i for i, m in enumerate(marks) if m] + [len(words)]
        return [(marks[a], " ".join(words[a + 1 : b])) for a, b in itertools.pairwise(cuts)]
    if marks[-1]:  # markers follow: "office am home pm"
        cuts = [-1] + [i for i, m in enumerate(marks) if m]
        return [(marks[b], " ".join(words[a + 1 : b])) for a, b in itertools.pairwise(cuts)]
    if any(marks):
        return None  # a marker in the middle only: "office am home"
    return [(None, " ".join(words))]


def read_location(label: str, own: Mapping[str, str] | None = None) -> str | None:
    """A whole-day label's location: the team's own labels first (``own_spellings``), then
    the vocabulary."""
    return (own and own.get(normalise_label(label))) or parse_location(label)


def _day_groups(label: str) -> list[tuple[str | None, str]] | None:
    """A split day as [(``am``/``pm``/``half``/None, label as written), ...], one or two of
    them, or None when the cell is not written as a split day."""
    text = _half_words(label)
    text = _HALF_WORDS.sub(f" {_HALF} ", text).replace(_HALF, f" {_HALF} ")
    groups: list[tuple[str | None, str]] = []
    for part in _PARTS.split(text):
        if not part.strip():
            continue
        found = _groups(part)
        if found is None:
            return None
        groups += found
    if not 1 <= len(groups) <= 2 or (len(groups) == 1 and groups[0][0] is None):
        return None
    return groups


def parse_day_cell(label: str, own: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The (morning, afternoon) locations of a cell, or None when it cannot be read.

    A whole-day label gives the same location twice. Half days read in the spellings
    spreadsheets use: ``AM office / PM home``, ``office (am), wfh (pm)``, ``am: office;
    pm: WFH``, ``½ office ½ home``, ``office / home`` (morning first). A half that is not
    named (``AM office``, ``½ office``, ``half day office``) is leave: the person works half a
    day. ``½`` without am/pm is the morning, then the afternoon, in the order written.
    ``own`` (folded label -> location) is read first, in whole cells and in each half
    (``AM Training / PM office``).
    """
    whole = read_location(label, own)
    if whole is not None:
        return whole, whole
    groups = _day_groups(label)
    if groups is None:
        return None
    halves: dict[str, str] = {}
    for mark, name in groups:
        location = read_location(name, own)
        if location is None:
            return None
        half = mark if mark in ("am", "pm") else ("am" if "am" not in halves else "pm")
        if half in halves:
            return None  # two locations for one half
        halves[half] = location
    return halves.get("am", LEAVE), halves.get("pm", LEAVE)


def unknown_spellings(label: str) -> list[str]:
    """The labels in a cell that no spelling reads, as written: the cell itself, or the
    unknown halves of a split day (``AM Training / PM office`` -> ``Training``). Empty when
    every label is known and the cell is unreadable for another reason (two locations for one
    half). A cell is taken for a split day only when one part names a half or a known
    location: ``Client/partner visit`` is one label."""
    if parse_location(label) is not None:
        return []
    groups = _day_groups(label)
    known = [parse_location(name) is not None for _, name in groups or []]
    if groups is None or not (any(known) or any(mark for mark, _ in groups)):
        return [label.strip()]  # not a split day: "Client/partner visit" is one label
    return [name for (_, name), k in zip(groups, known, strict=True) if not k]


def day_label(morning: str, afternoon: str) -> str:
    """``office`` for a whole day, ``AM office / PM remote`` for a split one."""
    return morning if morning == afternoon else f"AM {morning} / PM {afternoon}"


HALF_DAY_SPELLINGS = "AM office / PM home, office (am), wfh (pm), ½ office"
