"""The couple: two partners with names and colours, stored once per workbook.

Partners are referred to by key ("a" or "b") in every stored record, so renaming a partner
never rewrites history.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from workbook.errors import NotFoundError, WorkbookError
from workbook.glance import COUPLE_TABLE, DEFAULT_LANGUAGE, DEFAULT_THEME
from workbook.store import Record, Store

PartnerKey = Literal["a", "b"]
DEFAULT_COLOURS: dict[str, str] = {"a": "cyan", "b": "magenta"}
NAME_MAX = 40


class Partner(BaseModel):
    """One partner: a key that never changes, a display name and a colour for their turns."""

    model_config = ConfigDict(extra="forbid")

    key: PartnerKey
    name: str = Field(min_length=1, max_length=NAME_MAX)
    colour: str = "cyan"

    @field_validator("name")
    @classmethod
    def _clean(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("a name cannot be empty")
        return value


class Couple(Record):
    """The two partners, plus their shared settings."""

    partners: list[Partner]
    language: str = DEFAULT_LANGUAGE
    theme: str = DEFAULT_THEME
    idle_lock_minutes: int = 5
    safety_acknowledged: bool = False

    def partner(self, key: str) -> Partner:
        for partner in self.partners:
            if partner.key == key:
                return partner
        raise NotFoundError(f"There is no partner '{key}'.")

    def other(self, key: str) -> Partner:
        return self.partner("b" if key == "a" else "a")

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
        raise NotFoundError(
            "No couple is set up in this workbook yet. Open `workbook` to start, or run "
            "`workbook couple init --a NAME --b NAME`."
        )
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
