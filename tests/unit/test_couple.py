"""The couple's names: how a partner is named on the command line, and the name limit."""

from __future__ import annotations

import pytest

from workbook.couple import make_couple
from workbook.errors import NotFoundError, WorkbookError


def test_a_partner_is_found_by_name_in_any_case_a_unique_prefix_or_a_b() -> None:
    """`--partner SAM`, `--partner sa`, `--partner b` all name someone; a/b are keys."""
    couple = make_couple("Sam", "Alex")
    assert couple.partner_by_name("SAM").key == "a"
    assert couple.partner_by_name(" sam ").key == "a"
    assert couple.partner_by_name("al").key == "b"
    assert couple.partner_by_name("a").key == "a"
    assert couple.partner_by_name("B").key == "b"


def test_an_exact_name_wins_over_a_key_and_a_prefix() -> None:
    """A partner called "B" is found by "b" before partner b's key; "Sam" beats "Samira"."""
    assert make_couple("Ann", "B").partner_by_name("b").name == "B"
    assert make_couple("Samira", "Sam").partner_by_name("sam").name == "Sam"


def test_an_ambiguous_or_unknown_name_is_refused_with_both_names() -> None:
    """ "s" could be either: the sentence says so; an unknown name lists the partners."""
    couple = make_couple("Sam", "Sasha")
    with pytest.raises(NotFoundError, match="start of both names"):
        couple.partner_by_name("sa")
    with pytest.raises(NotFoundError, match="Sam and Sasha"):
        couple.partner_by_name("Kim")


def test_a_name_over_forty_characters_is_refused_with_the_limit_named() -> None:
    """No silent cut: the sentence says how long the name is and what the limit is."""
    with pytest.raises(WorkbookError, match="60 characters; a name can be at most 40"):
        make_couple("S" * 60, "Alex")
    with pytest.raises(WorkbookError, match="second partner needs a name"):
        make_couple("Sam", "   ")
    assert make_couple("S" * 40, "Alex").partners[0].name == "S" * 40
