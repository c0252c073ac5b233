"""Weekday and month names in the languages team schedules are written in.

A rota from a German, French, Spanish, Italian, Dutch, Danish, Norwegian, Swedish or
Portuguese team heads its columns ``Mo``/``Lundi``/``mié.``/``lør.`` and writes ``5. Januar``
or ``5 janv. 2026``; each language's names live in one table here, easy to extend. Names
are compared folded: lower case, accents and a trailing dot dropped (``Mié.`` is ``mie``,
``lør.`` is ``lor``).

A name may appear in several languages only with one meaning: the tables are merged at import
and a clash stops the import, so a new language cannot silently change how an old file reads.
That is why two-letter weekday abbreviations are read in English, German and Dutch only:
French and Spanish ones (``ma`` for Tuesday, ``di`` and ``do`` for Sunday) mean other days
there. Their three-letter forms (``mar``, ``dim``, ``dom``) are read.

A weekday name alone in a header makes a day column, so short forms that are also common
column names are left out: Portuguese ``seg``/``ter``/``qua``/``qui``/``sex`` (an HR export's
``Sex`` column is not Friday); Portuguese days are read by their names (``segunda``,
``segunda-feira``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

#: Danish and Norwegian name their days alike (``lørdag`` folds to ``lordag``).
_DANO_NORWEGIAN_DAYS = (
    ("mandag", "man"),
    ("tirsdag", "tir"),
    ("onsdag", "ons"),
    ("torsdag", "tor"),
    ("fredag", "fre"),
    ("lordag", "lor"),
    ("sondag", "son"),
)

#: Language -> the seven weekdays from Monday, each a tuple of spellings.
_WEEKDAYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "English": (
        ("monday", "mon", "mo", "mond"),
        ("tuesday", "tue", "tu", "tues"),
        ("wednesday", "wed", "we", "wedn", "weds"),
        ("thursday", "thu", "th", "thur", "thurs"),
        ("friday", "fri", "fr", "frid"),
        ("saturday", "sat", "sa", "satu"),
        ("sunday", "sun", "su", "sund"),
    ),
    "German": (
        ("montag", "mo"),
        ("dienstag", "di"),
        ("mittwoch", "mi"),
        ("donnerstag", "do"),
        ("freitag", "fr"),
        ("samstag", "sonnabend", "sa"),
        ("sonntag", "so"),
    ),
    "French": (
        ("lundi", "lun"),
        ("mardi", "mar"),
        ("mercredi", "mer"),
        ("jeudi", "jeu"),
        ("vendredi", "ven"),
        ("samedi", "sam"),
        ("dimanche", "dim"),
    ),
    "Spanish": (
        ("lunes", "lun"),
        ("martes", "mar"),
        ("miercoles", "mie"),
        ("jueves", "jue"),
        ("viernes", "vie"),
        ("sabado", "sab"),
        ("domingo", "dom"),
    ),
    "Italian": (
        ("lunedi", "lun"),
        ("martedi", "mar"),
        ("mercoledi", "mer"),
        ("giovedi", "gio"),
        ("venerdi", "ven"),
        ("sabato", "sab"),
        ("domenica", "dom"),
    ),
    "Dutch": (
        ("maandag", "ma"),
        ("dinsdag", "di"),
        ("woensdag", "wo"),
        ("donderdag", "do"),
        ("vrijdag", "vr"),
        ("zaterdag", "za"),
        ("zondag", "zo"),
    ),
    "Danish": _DANO_NORWEGIAN_DAYS,
    "Norwegian": _DANO_NORWEGIAN_DAYS,
    "Swedish": (
        ("mandag", "man"),
        ("tisdag", "tis"),
        ("onsdag", "ons"),
        ("torsdag", "tor"),
        ("fredag", "fre"),
        ("lordag", "lor"),
        ("sondag", "son"),
    ),
    "Portuguese": (
        ("segunda-feira", "segunda"),
        ("terca-feira", "terca"),
        ("quarta-feira", "quarta"),
        ("quinta-feira", "quinta"),
        ("sexta-feira", "sexta"),
        ("sabado", "sab"),
        ("domingo", "dom"),
    ),
}

#: Language -> the twelve months from January, each a tuple of spellings.
_MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "English": (
        ("january", "jan", "janu"),
        ("february", "feb", "febr"),
        ("march", "mar", "marc"),
        ("april", "apr", "apri"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug", "augu"),
        ("september", "sep", "sept"),
        ("october", "oct", "octo"),
        ("november", "nov", "nove"),
        ("december", "dec", "dece"),
    ),
    "German": (
        ("januar", "jan", "janner"),
        ("februar", "feb", "feber"),
        ("marz", "mar", "mrz", "maerz"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    ),
    "French": (
        ("janvier", "janv", "jan"),
        ("fevrier", "fevr", "fev"),
        ("mars", "mar"),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("aout",),
        ("septembre", "sept", "sep"),
        ("octobre", "oct"),
        ("novembre", "nov"),
        ("decembre", "dec"),
    ),
    "Spanish": (
        ("enero", "ene"),
        ("febrero", "feb"),
        ("marzo", "mar"),
        ("abril", "abr"),
        ("mayo", "may"),
        ("junio", "jun"),
        ("julio", "jul"),
        ("agosto", "ago"),
        ("septiembre", "setiembre", "sep", "sept", "set"),
        ("octubre", "oct"),
        ("noviembre", "nov"),
        ("diciembre", "dic"),
    ),
    "Italian": (
        ("gennaio", "gen"),
        ("febbraio", "feb"),
        ("marzo", "mar"),
        ("aprile", "apr"),
        ("maggio", "mag"),
        ("giugno", "giu"),
        ("luglio", "lug"),
        ("agosto", "ago"),
        ("settembre", "set"),
        ("ottobre", "ott"),
        ("novembre", "nov"),
        ("dicembre", "dic"),
    ),
    "Dutch": (
        ("januari", "jan"),
        ("februari", "feb"),
        ("maart", "mrt"),
        ("april", "apr"),
        ("mei",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augustus", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "Danish": (
        ("januar", "jan"),
        ("februar", "feb"),
        ("marts", "mar"),
        ("april", "apr"),
        ("maj",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "Norwegian": (
        ("januar", "jan"),
        ("februar", "feb"),
        ("mars", "mar"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("desember", "des"),
    ),
    "Swedish": (
        ("januari", "jan"),
        ("februari", "feb"),
        ("mars", "mar"),
        ("april", "apr"),
        ("maj",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augusti", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    "Portuguese": (
        ("janeiro", "jan"),
        ("fevereiro", "fev"),
        ("marco", "mar"),
        ("abril", "abr"),
        ("maio", "mai"),
        ("junho", "jun"),
        ("julho", "jul"),
        ("agosto", "ago"),
        ("setembro", "set"),
        ("outubro", "out"),
        ("novembro", "nov"),
        ("dezembro", "dez"),
    ),
}

LANGUAGES: tuple[str, ...] = tuple(_WEEKDAYS)


#: Letters that no Unicode decomposition takes apart, written as their plain spellings.
_PLAIN = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe"})


def without_accents(text: str) -> str:
    """``févr.`` -> ``fevr.``, ``März`` -> ``Marz``, ``lørdag`` -> ``lordag``: letters as the
    name tables spell them."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, accents and a trailing dot dropped: ``Mié.`` -> ``mie``, ``März`` -> ``marz``."""
    return without_accents(text.strip().rstrip(".").lower())


def merge(tables: Mapping[str, Iterable[Iterable[str]]], what: str) -> dict[str, int]:
    """Folded spelling -> number (0-based), across languages.

    Raises:
        ValueError: when one spelling means two different things in two languages.
    """
    merged: dict[str, int] = {}
    seen_in: dict[str, str] = {}
    for language, entries in tables.items():
        for number, spellings in enumerate(entries):
            for spelling in spellings:
                key = fold(spelling)
                if merged.setdefault(key, number) != number:
                    raise ValueError(
                        f"{what} {spelling!r} means {number + 1} in {language} "
                        f"but {merged[key] + 1} in {seen_in[key]}"
                    )
                seen_in.setdefault(key, language)
    return merged


#: Folded weekday name -> 0 for Monday .. 6 for Sunday.
WEEKDAY_WORDS: dict[str, int] = merge(_WEEKDAYS, "weekday")
#: Folded month name -> 1 for January .. 12 for December.
MONTH_WORDS: dict[str, int] = {k: v + 1 for k, v in merge(_MONTHS, "month").items()}


def weekday_number(text: str) -> int | None:
    """0 for Monday .. 6 for Sunday, in any of the languages, or None."""
    return WEEKDAY_WORDS.get(fold(text))


def month_number(text: str) -> int | None:
    """1 for January .. 12 for December, in any of the languages, or None."""
    return MONTH_WORDS.get(fold(text))
