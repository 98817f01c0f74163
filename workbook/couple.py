"""The couple: two partners with names and colours, stored once per workbook.

Partners are referred to by key ("a" or "b") in every stored record, so renaming a partner
never rewrites history. The couple also keeps the people they would call for help (their
therapist, a sponsor, a local crisis line), shown on the time-out screen and with the guide on
getting help; those are shared by both partners, like every setting here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from workbook.errors import NotFoundError, WorkbookError
from workbook.glance import (
    COUPLE_TABLE,
    DEFAULT_COLOUR,
    DEFAULT_LANGUAGE,
    DEFAULT_THEME,
    NO_COUPLE,
)
from workbook.partners import PartnerKey, other
from workbook.store import Record, Store

DEFAULT_COLOURS: dict[str, str] = {"a": "cyan", "b": "magenta"}
NAME_MAX = 40
CONTACT_MAX = 120

#: An international directory of free helplines, offered instead of one country's numbers.
HELPLINE_DIRECTORY = "findahelpline.com"

ContactKind = Literal["therapist", "sponsor", "crisis_line", "other"]
#: The contacts a couple can keep, in the order they are shown, with their labels.
CONTACT_KINDS: dict[ContactKind, str] = {
    "therapist": "Therapist/counsellor",
    "sponsor": "Sponsor or support",
    "crisis_line": "Local crisis line",
    "other": "Someone else to call",
}


def one_line(value: str, what: str) -> str:
    """``value`` on one line with single spaces; a ``ValueError`` naming ``what`` if blank."""
    value = " ".join(value.split())
    if not value:
        raise ValueError(f"{what} cannot be empty")
    return value


class Partner(BaseModel):
    """One partner: a key that never changes, a display name and a colour for their turns."""

    model_config = ConfigDict(extra="forbid")

    key: PartnerKey
    name: str = Field(min_length=1, max_length=NAME_MAX)
    colour: str = DEFAULT_COLOUR

    @field_validator("name")
    @classmethod
    def _clean(cls, value: str) -> str:
        return one_line(value, "a name")


class HelpContact(BaseModel):
    """Someone the couple would call for help: who they are and how to reach them."""

    model_config = ConfigDict(extra="forbid")

    kind: ContactKind
    detail: str = Field(min_length=1, max_length=CONTACT_MAX)

    @field_validator("detail")
    @classmethod
    def _clean(cls, value: str) -> str:
        return one_line(value, "a contact")

    @property
    def label(self) -> str:
        """The kind of contact, in words."""
        return CONTACT_KINDS[self.kind]


class Couple(Record):
    """The two partners, plus their shared settings."""

    partners: list[Partner]
    language: str = DEFAULT_LANGUAGE
    theme: str = DEFAULT_THEME
    idle_lock_minutes: int = 5
    safety_acknowledged: bool = False
    help_contacts: list[HelpContact] = Field(default_factory=list, max_length=len(CONTACT_KINDS))

    def partner(self, key: str) -> Partner:
        for partner in self.partners:
            if partner.key == key:
                return partner
        raise NotFoundError(f"There is no partner '{key}'.")

    def other(self, key: PartnerKey) -> Partner:
        return self.partner(other(key))

    def partner_by_name(self, name: str) -> Partner:
        """The partner ``name`` means: their name in any case, ``a``/``b``, or the start of
        exactly one partner's name (``--partner sa`` for Sam)."""
        wanted = " ".join(name.split()).casefold()
        exact = [p for p in self.partners if p.name.casefold() == wanted]
        keys = [p for p in self.partners if p.key == wanted]
        starts = [p for p in self.partners if wanted and p.name.casefold().startswith(wanted)]
        for found in (exact, keys, starts):
            if len(found) == 1:
                return found[0]
        names = " and ".join(p.name for p in self.partners)
        if len(starts) > 1:
            raise NotFoundError(
                f"'{name}' is the start of both names ({names}); write a little more of it."
            )
        raise NotFoundError(
            f"'{name}' is not a partner in this workbook (the partners are {names}; "
            "a name in any case, the start of one, or a/b will do)."
        )


def help_contacts(entries: dict[ContactKind, str]) -> list[HelpContact]:
    """Contacts from what was typed for each kind (blank ones left out), in the usual order."""
    contacts: list[HelpContact] = []
    for kind in CONTACT_KINDS:
        detail = " ".join(entries.get(kind, "").split())
        if not detail:
            continue
        if len(detail) > CONTACT_MAX:
            raise WorkbookError(
                f"The {CONTACT_KINDS[kind].lower()} is too long; please keep it to "
                f"{CONTACT_MAX} characters (a name and a number)."
            )
        contacts.append(HelpContact(kind=kind, detail=detail))
    return contacts


def help_lines(couple: Couple | None) -> list[str]:
    """Where to turn for help, as short lines: the couple's own contacts, then the directory."""
    lines = [f"{c.label}: {c.detail}" for c in couple.help_contacts] if couple else []
    lines.append(f"Helplines in many countries: {HELPLINE_DIRECTORY}")
    lines.append("In danger now: your local emergency number")
    return lines


#: The guide on getting help, which is shown with the couple's own contacts added.
HELP_GUIDE = "when-to-get-help.md"


def help_markdown(couple: Couple | None) -> str:
    """The couple's contacts as a Markdown section, to follow the guide on getting help."""
    lines = ["## Your own contacts", ""]
    if couple is None or not couple.help_contacts:
        lines += [
            "You have not saved any yet. In Settings you can keep your therapist or counsellor, "
            "a sponsor or support person and your local crisis line, so they are always near "
            "(they also appear on the time-out screen, Ctrl+T).",
            "",
        ]
    lines += [f"- {line}" for line in help_lines(couple)]
    return "\n".join(lines) + "\n"


def make_couple(name_a: str, name_b: str) -> Couple:
    """Validate two names into a couple (names must differ, ignoring case).

    A name over :data:`NAME_MAX` characters is refused with the limit named, never cut short:
    the TUI and the CLI both come through here.
    """
    for which, name in (("first", name_a), ("second", name_b)):
        length = len(" ".join(name.split()))
        if length == 0:
            raise WorkbookError(f"The {which} partner needs a name.")
        if length > NAME_MAX:
            raise WorkbookError(
                f"The {which} partner's name has {length} characters; a name can be at most "
                f"{NAME_MAX}. A shorter form or a nickname will do."
            )
    partners = [
        Partner(key="a", name=name_a, colour=DEFAULT_COLOURS["a"]),
        Partner(key="b", name=name_b, colour=DEFAULT_COLOURS["b"]),
    ]
    if partners[0].name.casefold() == partners[1].name.casefold():
        raise WorkbookError(
            "The two partners need different names, so the workbook can tell whose turn it is."
        )
    return Couple(partners=partners)


def find_couple(store: Store) -> Couple | None:
    return store.repo(Couple, COUPLE_TABLE).first()


def get_couple(store: Store) -> Couple:
    couple = find_couple(store)
    if couple is None:
        raise NotFoundError(NO_COUPLE)
    return couple


def save_couple(store: Store, couple: Couple) -> Couple:
    """Store the couple, replacing the one already there (there is only ever one)."""
    repo = store.repo(Couple, COUPLE_TABLE)
    with store.transaction():
        existing = repo.first()
        if existing is not None and existing.id != couple.id:
            couple = couple.model_copy(update={"id": existing.id})
        repo.put(couple)
    return couple
