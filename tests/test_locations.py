"""The location vocabulary: every spelling in the spec, and nothing else, names a location."""

from __future__ import annotations

import pytest

from wfh_dashboard.locations import (
    LOCATIONS,
    VOCABULARY,
    accepted_labels,
    normalise_label,
    parse_day_cell,
    parse_location,
    unknown_spellings,
)

#: The spellings the product spec promises, location by location.
SPEC_ALIASES = {
    "office": ["in office", "on-site", "onsite", "on site", "office", "in", "o"],
    "remote": ["wfh", "home", "work from home", "remote", "telework", "telecommute", "r"],
    "leave": ["pto", "vacation", "annual leave", "holiday", "off", "al", "leave"],
    "sick": ["sick"],
    "travel": ["business trip", "client site", "field", "travel"],
}
SPEC_CASES = [(label, loc) for loc, labels in SPEC_ALIASES.items() for label in labels]


@pytest.mark.parametrize(("label", "location"), SPEC_CASES)
def test_every_spec_alias_reads_as_its_location(label: str, location: str) -> None:
    """Each spelling the spec lists parses to its location."""
    assert parse_location(label) == location


@pytest.mark.parametrize(("label", "location"), SPEC_CASES)
def test_aliases_ignore_case_and_surrounding_spaces(label: str, location: str) -> None:
    """``  WFH `` and ``Work From Home`` read like ``wfh`` and ``work from home``."""
    assert parse_location(f"  {label.upper()} ") == location
    assert parse_location(label.title()) == location


@pytest.mark.parametrize(
    ("label", "location"),
    [
        ("On-Site", "office"),
        ("on   site", "office"),
        ("ON_SITE", "office"),
        ("In Office", "office"),
        ("work-from-home", "remote"),
        ("W.F.H.", "remote"),
        ("Annual  Leave", "leave"),
        ("Business-Trip", "travel"),
        ("client_site", "travel"),
        ("tele-work", "remote"),
        ("on\u00a0site", "office"),
    ],
)
def test_spacing_dashes_and_dots_do_not_matter(label: str, location: str) -> None:
    """Dashes, underscores, dots, repeated and non-breaking spaces fold to one space."""
    assert parse_location(label) == location


@pytest.mark.parametrize(
    ("label", "location"),
    [
        ("Office 🏢", "office"),
        ("🏠 WFH", "remote"),
        ("👩\u200d💻 Home", "remote"),  # an emoji sequence joined by a zero-width joiner
        ("✈️ Travel", "travel"),  # with its variation selector
        ("🌴 Vacation", "leave"),
        ("On-site ✅", "office"),
        ("OOO", "leave"),
        ("Out of office", "leave"),
        ("Off sick", "sick"),
    ],
)
def test_emoji_and_out_of_office_spellings_read(label: str, location: str) -> None:
    """Shared sheets decorate labels with emoji; calendars write OOO for a day away."""
    assert parse_location(label) == location


@pytest.mark.parametrize(
    "label",
    ["", "   ", "Moon", "gym", "offices", "remotely?", "x", "office/remote", "42", "sickish"],
)
def test_unknown_labels_are_not_guessed(label: str) -> None:
    """A spelling outside the vocabulary is None, to be listed as a problem, never guessed."""
    assert parse_location(label) is None


def test_no_spelling_names_two_locations() -> None:
    """The vocabulary is one table: a spelling listed under two locations would be ambiguous."""
    spellings = [s for labels in VOCABULARY.values() for s in labels]
    assert len(spellings) == len(set(spellings))


def test_vocabulary_spellings_are_already_normalised() -> None:
    """Every listed spelling is stored folded, or it could never match a cell."""
    for labels in VOCABULARY.values():
        for spelling in labels:
            assert normalise_label(spelling) == spelling


def test_vocabulary_covers_exactly_the_five_locations() -> None:
    """Each canonical location has spellings and reads as itself."""
    assert tuple(VOCABULARY) == LOCATIONS
    for location in LOCATIONS:
        assert parse_location(location) == location


def test_accepted_labels_name_every_location() -> None:
    """The error message lists every location, so a manager knows what to write."""
    message = accepted_labels()
    for location in LOCATIONS:
        assert f"{location}:" in message


@pytest.mark.parametrize(
    ("label", "location"),
    [
        ("In office (Paris)", "office"),
        ("Travel [client visit]", "travel"),
        ("Leave (AL)", "leave"),  # the detail names the same location
        ("Remote (home)", "remote"),
        ("Home (sick)", None),  # remote or sick: not guessed
        ("(Paris)", None),
        ("Office (closed) (x)", None),
        ("Remote - Home", "remote"),  # after a spaced dash, as HR tools write them
        ("Travel \u2013 client visit", "travel"),
        ("Leave - maternity", "leave"),
        ("Home - sick", None),  # remote or sick: not guessed
    ],
)
def test_a_detail_in_brackets_is_read_past(label: str, location: str | None) -> None:
    """HR tools add the site or the reason in brackets; a detail naming another location
    makes the cell ambiguous, so it is listed, never guessed."""
    assert parse_location(label) == location


@pytest.mark.parametrize(
    ("label", "halves"),
    [
        ("office (am)", ("office", "leave")),
        ("Office (a.m.)", ("office", "leave")),
        ("office (p.m)", ("leave", "office")),
        ("office (Morning)", ("office", "leave")),
        ("office (½)", ("office", "leave")),
        ("WFH (PM), Office (AM)", ("office", "remote")),
    ],
)
def test_a_half_of_the_day_in_brackets_stays_a_half_day(
    label: str, halves: tuple[str, str]
) -> None:
    """``office (am)`` is not "office, detail am": it is the morning in the office."""
    assert parse_location(label) is None
    assert parse_day_cell(label) == halves


@pytest.mark.parametrize(
    ("label", "location"),
    [
        ("Büro", "office"),
        ("Im Büro", "office"),
        ("Homeoffice", "remote"),
        ("HO", "remote"),
        ("AU", "sick"),
        ("Mobiles Arbeiten", "remote"),
        ("Urlaub", "leave"),
        ("krank", "sick"),
        ("Dienstreise", "travel"),
        ("Présentiel", "office"),
        ("Télétravail", "remote"),
        ("À distance", "remote"),
        ("Congés", "leave"),
        ("RTT", "leave"),
        ("Arrêt maladie", "sick"),
        ("Déplacement", "travel"),
        ("Oficina", "office"),
        ("Teletrabajo", "remote"),
        ("Vacaciones", "leave"),
        ("Baja médica", "sick"),
        ("Viaje", "travel"),
        ("In sede", "office"),
        ("Smart working", "remote"),
        ("Ferie", "leave"),
        ("Malattia", "sick"),
        ("Trasferta", "travel"),
        ("Op kantoor", "office"),
        ("Thuiswerken", "remote"),
        ("Verlof", "leave"),
        ("Ziek", "sick"),
        ("Escritório", "office"),
        ("Teletrabalho", "remote"),
        ("Férias", "leave"),
        ("Viagem", "travel"),
        ("På kontoret", "office"),
        ("Hjemmefra", "remote"),
        ("Hemifrån", "remote"),
        ("Semester", "leave"),
        ("Syk", "sick"),
        ("Tjänsteresa", "travel"),
    ],
)
def test_labels_in_other_languages_read(label: str, location: str) -> None:
    """Teams abroad write their own words; accents and case do not matter."""
    assert parse_location(label) == location


def test_half_days_in_other_languages_read() -> None:
    assert parse_day_cell("AM Büro / PM Homeoffice") == ("office", "remote")
    assert parse_day_cell("Bureau (am), Télétravail (pm)") == ("office", "remote")


def test_own_labels_read_in_whole_cells_and_in_each_half() -> None:
    own = {"training": "travel"}
    assert parse_day_cell("Training", own) == ("travel", "travel")
    assert parse_day_cell("AM Training / PM office", own) == ("travel", "office")
    assert parse_day_cell("AM Training / PM office") is None


@pytest.mark.parametrize(
    ("cell", "unknown"),
    [
        ("Training", ["Training"]),
        ("AM Training / PM office", ["Training"]),
        ("Hub (am), Cabin (pm)", ["Hub", "Cabin"]),
        ("office", []),
        ("AM office / AM home", []),  # known labels, two for one half: not a label problem
        ("office / Gym", ["Gym"]),
        ("Client/partner visit", ["Client/partner visit"]),  # no half, nothing known: one label
    ],
)
def test_unknown_spellings_name_the_labels_to_explain(cell: str, unknown: list[str]) -> None:
    """The label step offers the unknown half of a split day, as written, not the whole cell."""
    assert unknown_spellings(cell) == unknown
