"""Numbers and counts for people: two decimals at most, and plurals that read right."""

from __future__ import annotations

from workbook.wording import count, number, plural


def test_numbers_have_at_most_two_decimals_and_no_trailing_zeros() -> None:
    """A mean of 13/3 reads 4.33, a whole number has no ".0", a half stays 3.5."""
    assert number(13 / 3) == "4.33"
    assert number(4.0) == "4"
    assert number(3.5) == "3.5"
    assert number(2 / 3) == "0.67"
    assert number(-0.001) == "0"


def test_plurals_follow_english_endings() -> None:
    """ "entry" -> "entries", "2-day stretch" -> "2-day stretches", "week" -> "weeks"."""
    assert plural("entry") == "entries"
    assert plural("2-day stretch") == "2-day stretches"
    assert plural("week") == "weeks"
    assert plural("day") == "days"
    assert plural("box") == "boxes"


def test_count_uses_the_singular_only_for_one() -> None:
    """ "1 entry", "0 entries", "2 2-day stretches"."""
    assert count(1, "entry") == "1 entry"
    assert count(0, "entry") == "0 entries"
    assert count(2, "2-day stretch") == "2 2-day stretches"
