"""Stored journal records and the private payload sealed inside each entry.

Only what the store must know to find and open an entry is kept outside the ciphertext: its
id, author, timestamps, key generation and who may read it. Everything a person wrote (title,
body, prompt, tags, mood) lives in :class:`JournalPayload`, which only ever exists in memory
and inside age ciphertext.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from workbook.clock import now
from workbook.partners import PartnerKey
from workbook.store import Record

KEYS_TABLE = "journal_keys"
ENTRIES_TABLE = "journal_entries"
DEMO_TABLE = "journal_demo"
PAYLOAD_VERSION = 1


class JournalKey(Record):
    """One partner's age key of one generation: public recipient plus wrapped identity.

    A partner who forgets their passphrase can start a new key (``generation`` + 1). Older
    generations are kept, so their entries still open with the old passphrase (in the app,
    or with the standard ``age`` tool).

    A key started while another existed is a *replacement* (``replaces`` names the generation
    it followed). Anyone at the keyboard can start one, so it is announced to the partner until
    they unlock it and confirm they made it (``confirmed``). A ``demo`` key keeps its identity
    unwrapped (the demo's passphrase is public) and is accepted only in a demo home.
    """

    partner: PartnerKey
    generation: int = Field(ge=1)
    recipient: str
    wrapped_identity: str
    created: datetime = Field(default_factory=now)
    passphrase_changed: datetime | None = None
    replaces: int | None = None
    confirmed: datetime | None = None
    demo: bool = False

    @property
    def unconfirmed_replacement(self) -> bool:
        """Whether this key replaced another and its partner has not confirmed making it."""
        return self.replaces is not None and self.confirmed is None


class DemoMark(Record):
    """Marks a home built by the demo, where demo keys (unwrapped, public) are allowed."""

    created: datetime = Field(default_factory=now)


class Reader(BaseModel):
    """A partner's key (by generation) that an entry is sealed for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    partner: PartnerKey
    generation: int = Field(ge=1)


class JournalEntry(Record):
    """A private entry as stored: metadata in the clear, everything written sealed."""

    author: PartnerKey
    generation: int = Field(ge=1)  # the author's key generation when last sealed
    created: datetime = Field(default_factory=now)
    updated: datetime = Field(default_factory=now)
    shared: bool = False
    readers: list[Reader]
    ciphertext: str

    def readable_by(self, partner: PartnerKey, generation: int) -> bool:
        """Whether the given key of ``partner`` is one the entry is sealed for."""
        return Reader(partner=partner, generation=generation) in self.readers

    def addressed_to(self, partner: PartnerKey) -> bool:
        """Whether any key (of any generation) of ``partner`` was ever a reader."""
        return any(r.partner == partner for r in self.readers)


class JournalPayload(BaseModel):
    """What a person wrote: the JSON sealed inside an entry's age ciphertext."""

    model_config = ConfigDict(extra="forbid")

    v: int = PAYLOAD_VERSION
    title: str = ""
    body: str = ""
    prompt_id: str | None = None
    prompt_text: str | None = None
    tags: list[str] = Field(default_factory=list)
    mood: str | None = None

    def matches(self, text: str) -> bool:
        """Case-insensitive search over everything written, including tags and mood."""
        needle = text.casefold()
        haystack = [self.title, self.body, self.prompt_text or "", self.mood or "", *self.tags]
        return any(needle in part.casefold() for part in haystack)
