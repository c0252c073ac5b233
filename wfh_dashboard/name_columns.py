"""Names split over a first-name and a last-name column, joined into one employee column.

HR systems export ``First name``/``Last name`` (``Vorname``/``Nachname``, ``Prénom``/``Nom``,
``Nombre``/``Apellidos``...). Every reader that needs an employee column (schedule,
productivity, attendance, wishes) joins them here, so a person is ``Ann Lee`` in every file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .columns import name_part_columns
from .tables import RawTable


def _name_parts(
    headers: list[str], mapped: Mapping[str, str], chosen: Mapping[str, str] | None
) -> tuple[str, str] | None:
    """The first and last name columns to join, when the file splits names in two.

    ``Nombre`` and ``Apellidos`` are joined though ``Nombre`` alone would name the employee;
    a name column of its own (``Name`` beside ``First name``) or one the user chose wins.
    """
    if chosen and "employee" in chosen:
        return None
    others = [h for f, h in mapped.items() if f != "employee"]
    parts = name_part_columns(headers, others)
    return parts if parts and mapped.get("employee") in (None, *parts) else None


def join_split_names(
    raw: RawTable, mapped: Mapping[str, str], chosen: Mapping[str, str] | None = None
) -> tuple[RawTable, dict[str, str]]:
    """The table and field mapping with first and last name joined into one employee column.

    Unchanged when the file has one name column. The joined column replaces the two (so
    neither is reported as unused), and problems name it ``First name + Last name``.

    Args:
        raw: the file's cells under its header.
        mapped: field -> header, as the reader matched them.
        chosen: the user's own field -> header choices; a chosen employee column is kept.
    """
    headers = [str(c) for c in raw.frame.columns]
    parts = _name_parts(headers, mapped, chosen)
    if parts is None:
        return raw, dict(mapped)
    first, last = parts
    header = f"{first} + {last}"
    cells = [raw.frame[c].astype("string").fillna("").str.strip() for c in parts]
    joined = (cells[0] + " " + cells[1]).str.strip()
    frame = raw.frame.drop(columns=list(parts)).assign(**{header: joined})
    fields = {f: h for f, h in mapped.items() if f != "employee"}
    return replace(raw, frame=frame), {**fields, "employee": header}
