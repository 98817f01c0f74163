"""The couple's own help contacts: how typed entries become contacts, and how the guide on
getting help shows them."""

from __future__ import annotations

import pytest

from workbook.couple import (
    CONTACT_MAX,
    HELPLINE_DIRECTORY,
    help_contacts,
    help_markdown,
    make_couple,
)
from workbook.errors import WorkbookError


def test_blank_entries_are_left_out_and_order_is_fixed() -> None:
    """Blank fields store nothing; contacts keep the settings' order whatever the input's."""
    contacts = help_contacts({"crisis_line": " 0800  111 ", "therapist": "Dr Lee", "sponsor": " "})
    assert [(c.kind, c.detail) for c in contacts] == [
        ("therapist", "Dr Lee"),
        ("crisis_line", "0800 111"),
    ]


def test_an_overlong_contact_is_refused_with_a_sentence() -> None:
    """A contact longer than the limit is refused with words a person understands."""
    with pytest.raises(WorkbookError, match="too long"):
        help_contacts({"other": "x" * (CONTACT_MAX + 1)})


def test_guide_section_lists_contacts_or_says_where_to_add_them() -> None:
    """The guide's own-contacts section lists saved contacts; without any it says where to
    add them; both name the international helpline directory."""
    couple = make_couple("Sam", "Alex")
    empty = help_markdown(couple)
    assert "Settings" in empty and HELPLINE_DIRECTORY in empty
    couple = couple.model_copy(update={"help_contacts": help_contacts({"sponsor": "Jo 0777"})})
    filled = help_markdown(couple)
    assert "- Sponsor or support: Jo 0777" in filled and "not saved any" not in filled
