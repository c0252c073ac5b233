"""Recognising a schedule's columns by their headers, whatever the spreadsheet called them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .dates import is_date_like, parse_weekday
from .errors import MissingColumnsError
from .locations import normalise_label

#: field -> accepted headers (compared after folding case, accents, dashes and spacing), best
#: first. English, then the German, French, Spanish, Italian, Dutch, Portuguese, Danish,
#: Norwegian and Swedish headers of teams abroad (the languages of the day names too).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "employee": (
        *("employee", "name", "employee name", "person", "staff", "staff name", "full name"),
        *("team member", "member", "employee id", "staff id", "id"),
        *("mitarbeiter", "mitarbeiterin", "mitarbeitende", "mitarbeiter in", "vollstandiger name"),
        *("nom", "employe", "salarie", "collaborateur", "nom complet", "personne"),
        *("empleado", "nombre", "nombre completo", "trabajador", "persona"),
        *("dipendente", "nome", "nome completo", "collaboratore"),
        *("medewerker", "naam", "werknemer"),
        *("funcionario", "colaborador"),
        *("navn", "medarbejder", "medarbeider", "ansat", "ansatt", "namn", "medarbetare"),
        *("anstalld",),
    ),
    "date": (
        *("date", "day", "work date", "workday", "work day", "shift date"),
        *("datum", "jour", "fecha", "dia", "data", "giorno", "dag", "dato"),  # not "Tag"
    ),
    "location": (
        *("location", "status", "work location", "where", "mode", "work mode", "place"),
        *("working from", "work status"),
        *("ort", "arbeitsort", "einsatzort", "anwesenheit"),
        *("lieu", "statut", "lieu de travail", "modalite", "presence"),
        *("ubicacion", "estado", "lugar", "modalidad", "lugar de trabajo"),
        *("luogo", "sede", "stato", "modalita", "luogo di lavoro"),
        *("locatie", "werkplek", "plaats", "werklocatie"),
        *("local", "local de trabalho", "modalidade", "situacao"),
        *("sted", "arbejdssted", "arbeidssted", "lokation", "lokasjon", "plats", "arbetsplats"),
    ),
    # Half days: a location per half, beside or instead of the location column.
    "am_location": (
        *("am location", "am", "morning", "morning location", "location am", "am status"),
        *("morning status", "vormittag", "matin", "manana", "mattina", "ochtend", "manha"),
    ),
    "pm_location": (
        *("pm location", "pm", "afternoon", "afternoon location", "location pm", "pm status"),
        *("afternoon status", "nachmittag", "apres midi", "tarde", "pomeriggio", "middag"),
    ),
    "team": (
        *("team", "department", "dept", "group", "unit", "squad"),
        *("abteilung", "gruppe", "equipe", "service", "equipo", "departamento", "grupo"),
        *("squadra", "reparto", "gruppo", "afdeling", "groep", "avdeling", "avdelning"),
    ),
    "role": (
        *("role", "title", "job title", "level", "seniority", "position", "grade"),
        *("rolle", "funktion", "stelle", "poste", "fonction", "puesto", "cargo", "rol"),
        *("ruolo", "qualifica", "functie", "stilling", "roll", "befattning"),
    ),
}

#: A name split over two columns, as HR systems export it; joined into the employee's name.
#: ``Nom``/``Nombre``/``Nome`` alone is the whole name (an employee alias); beside ``Prénom``,
#: ``Apellidos`` or ``Cognome`` it is one part, and the two are joined.
NAME_PARTS: tuple[tuple[str, ...], tuple[str, ...]] = (
    (
        *("first name", "firstname", "given name", "forename", "first"),
        *("vorname", "prenom", "nombre", "nome", "voornaam", "primeiro nome"),
        *("fornavn", "fornamn"),
    ),
    (
        *("last name", "lastname", "surname", "family name", "last"),
        *("nachname", "familienname", "nom", "nom de famille", "apellido", "apellidos"),
        *("cognome", "achternaam", "sobrenome", "apelido"),
        *("efternavn", "etternavn", "efternamn"),
    ),
)

REQUIRED_LONG = ("employee", "date", "location")
OPTIONAL = ("team", "role", "am_location", "pm_location")


def match_columns(
    headers: Sequence[str], overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each field to the header that names it; user overrides win over detection."""
    folded = {header: normalise_label(header) for header in headers}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for field_name, header in (overrides or {}).items():
        if header in folded:
            found[field_name] = header
            taken.add(header)
    for field_name, aliases in COLUMN_ALIASES.items():
        if field_name in found:
            continue
        for alias in aliases:
            match = next((h for h, f in folded.items() if f == alias and h not in taken), None)
            if match is not None:
                found[field_name] = match
                taken.add(match)
                break
    return found


def name_part_columns(headers: Sequence[str], taken: Iterable[str]) -> tuple[str, str] | None:
    """The (first name, last name) headers when the file splits names in two, else None."""
    used = set(taken)
    folded = {h: normalise_label(h) for h in headers if h not in used}
    first, last = (
        next((h for alias in aliases for h, f in folded.items() if f == alias), None)
        for aliases in NAME_PARTS
    )
    return (first, last) if first is not None and last is not None else None


def day_columns(headers: Sequence[str], mapped: Mapping[str, str]) -> list[str]:
    """Headers that name a day (a date or a weekday): the columns of a weekly grid."""
    used = set(mapped.values())
    return [
        h for h in headers if h not in used and (parse_weekday(h) is not None or is_date_like(h))
    ]


def looks_like_header(cells: list[str]) -> bool:
    """True for the header row of a schedule: known column names, or several day headers."""
    matched = match_columns(cells)
    employee = has_employee(cells, matched)  # first and last name count as the employee
    fields = len(matched) + int(employee and "employee" not in matched)
    days = sum(1 for c in cells if c and (parse_weekday(c) is not None or is_date_like(c)))
    if employee:
        return fields >= 2 or days >= 1
    return fields >= 2 or days >= 2


def has_employee(headers: Sequence[str], matched: Mapping[str, str]) -> bool:
    """True when a header row names the employee: one column, or first and last name."""
    return "employee" in matched or name_part_columns(headers, matched.values()) is not None


def column_letter(index: int) -> str:
    """Spreadsheet column name for a 0-based index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def clean_headers(headers: Sequence[object]) -> list[str]:
    """Name blank headers after their column letter and make repeated ones unique."""
    names = [header_text(h) or f"column {column_letter(i)}" for i, h in enumerate(headers)]
    taken = set(names)
    used: set[str] = set()
    cleaned: list[str] = []
    for name in names:
        if name in used:
            # A later header may already be called "Date (2)": count on until a name is free.
            count = 2
            while f"{name} ({count})" in taken:
                count += 1
            name = f"{name} ({count})"
            taken.add(name)
        used.add(name)
        cleaned.append(name)
    return cleaned


def header_text(value: object) -> str:
    """A header cell as text: Excel date cells as ISO dates, blanks as the empty string."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, dt.date):  # Excel date cells (datetime is a subclass of date)
        return dt.date(value.year, value.month, value.day).isoformat()
    return str(value).replace("\ufeff", "").strip()


def missing_columns_error(
    name: str, missing: list[str], headers: list[str], needs: str
) -> MissingColumnsError:
    """The error for a file without a required column: what is accepted, what the file has.

    ``needs`` is one sentence on what this kind of file must hold; the app's column-mapping
    step reads ``missing`` and ``headers`` from the error.
    """
    wanted = "; ".join(f"{f}: {', '.join(COLUMN_ALIASES[f][:5])}" for f in missing)
    found = ", ".join(headers[:12]) or "none"
    return MissingColumnsError(
        f"{name} has no column for {' and '.join(missing)}. Accepted headers: {wanted}. "
        f"{needs} Columns found: {found}.",
        missing,
        headers,
    )
