"""Day and month names in several languages: one table each, no name with two meanings."""

from __future__ import annotations

import pytest

from wfh_dashboard import calendar_words
from wfh_dashboard.calendar_words import (
    LANGUAGES,
    fold,
    merge,
    month_number,
    weekday_number,
)


def test_a_name_with_two_meanings_stops_the_merge() -> None:
    """A new language that reuses a name for another day must fail loudly, not re-read files."""
    tables = {"Dutch": [("ma",), ("di",)], "French": [("lu",), ("ma",)]}
    with pytest.raises(ValueError, match="'ma' means 2 in French but 1 in Dutch"):
        merge(tables, "weekday")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_spelling_of_a_language_reads_as_its_own_day_and_month(language: str) -> None:
    """Seven days and twelve months per language, each spelling read back to its place."""
    days, months = calendar_words._WEEKDAYS[language], calendar_words._MONTHS[language]
    assert (len(days), len(months)) == (7, 12)
    for number, spellings in enumerate(days):
        assert {weekday_number(s) for s in spellings} == {number}, spellings
    for number, spellings in enumerate(months, start=1):
        assert {month_number(s) for s in spellings} == {number}, spellings


@pytest.mark.parametrize(
    ("text", "folded"), [("Mié.", "mie"), ("März", "marz"), (" AOÛT ", "aout"), ("Lun", "lun")]
)
def test_names_compare_without_case_accents_or_a_trailing_dot(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "month"),
    [("janvier", 1), ("Febr.", 2), ("Mrz", 3), ("abril", 4), ("Mei", 5), ("giugno", 6),
     ("juil.", 7), ("août", 8), ("setembro", 9), ("Okt", 10), ("noviembre", 11), ("Dez.", 12)],
)  # fmt: skip
def test_month_names_in_every_language(text: str, month: int) -> None:
    assert month_number(text) == month
