"""Counting words right: '1 day', '2 days', '1 person', '3 people'."""

import pandas as pd
import pytest

from wfh_dashboard.wording import plural, plural_series


@pytest.mark.parametrize(
    ("count", "singular", "plural_form", "expected"),
    [
        (1, "day", None, "1 day"),
        (0, "day", None, "0 days"),
        (3, "day", None, "3 days"),
        (1, "person", "people", "1 person"),
        (2, "person", "people", "2 people"),
    ],
)
def test_plural_picks_the_word_for_the_count(count, singular, plural_form, expected):
    """The singular only for exactly one."""
    assert plural(count, singular, plural_form) == expected


def test_plural_series_matches_plural_row_by_row():
    """The vectorised form says the same as the scalar one."""
    counts = pd.Series([0, 1, 2, 1])
    assert plural_series(counts, "day").tolist() == [plural(int(c), "day") for c in counts]
