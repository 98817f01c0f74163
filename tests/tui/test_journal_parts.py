"""The journal's small parts that need no screen: what the search box asks for, and how an
entry without a title is named in the list."""

from __future__ import annotations

import pytest

from workbook.tui.journal.entries import first_line, search_terms


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", ("", [])),
        ("  kind   words ", ("kind words", [])),
        ("#home evening #Work", ("evening", ["home", "Work"])),
        ("# alone", ("# alone", [])),
    ],
)
def test_the_search_box_splits_words_from_tags(typed: str, expected: tuple[str, list[str]]) -> None:
    """Words are searched together; a word starting with # is a tag (without the #), and a
    lone # is an ordinary word, not an empty tag."""
    assert search_terms(typed) == expected


def test_an_untitled_entry_is_named_by_its_first_line_with_words() -> None:
    """Blank lines are skipped, the line is trimmed and cut to 60 characters; an empty body
    gives an empty name (the list then says "(untitled)")."""
    assert first_line("\n   \n  Walked by the river.  \nMore") == "Walked by the river."
    assert first_line("x" * 80) == "x" * 60
    assert first_line("  \n") == ""
