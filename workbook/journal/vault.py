"""Private journals on the store: keys, sealed entries, and the unlocked session that reads them.

How it fits together:

* :func:`setup_key` gives a partner an age key; the identity is stored wrapped with their
  passphrase (:class:`~workbook.journal.models.JournalKey`, table ``journal_keys``).
* :func:`add_entry` seals a :class:`~workbook.journal.models.JournalPayload` to the author's
  public recipient. Writing needs no passphrase.
* :func:`unlock` unwraps the identity once and returns a :class:`JournalSession`, which lists,
  opens, adds, edits, searches, shares and deletes entries in memory. ``close()`` (or leaving
  a ``with`` block) drops the key and every decrypted payload; the session is then useless.
* A forgotten passphrase cannot be recovered. ``setup_key(..., new_key=True)`` starts a new
  key generation; entries sealed to older generations are reported by
  :meth:`JournalSession.sealed_entries` and stay sealed.

Other private data (exercise answers in ``mode: private``, private goals) uses the same
mechanism without the entry table: ``seal_for(store, partner, {...})`` returns armored age
text to store in the record, and ``open_for(session, armored)`` gives the dict back inside an
unlocked session (raising :class:`~workbook.journal.crypto.SealedError` for data sealed to
another key or generation).

Plaintext never reaches disk: payloads go from memory to age ciphertext and back, with no
temp files and no logging, and error messages never quote what was written (Pydantic
validation errors, which would echo the input, are turned into field names only).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import ValidationError

from workbook.clock import now
from workbook.errors import AccessDeniedError, NotFoundError, WorkbookError
from workbook.journal import crypto
from workbook.journal.models import (
    ENTRIES_TABLE,
    KEYS_TABLE,
    JournalEntry,
    JournalKey,
    JournalPayload,
    Reader,
)
from workbook.partners import PartnerKey, other
from workbook.store import Repository, Store

# Seconds to wait after a wrong passphrase before answering; slows guessing at the keyboard.
# Callers (tests) pass ``delay=0``; the CLI and TUI use this default.
WRONG_PASSPHRASE_DELAY = 1.5

LOCKED = "The journal is locked. Unlock it again to continue."
NO_KEY = (
    "No journal passphrase has been set for this partner yet. "
    "Set one first with `workbook journal setup --partner NAME`."
)


def keys(store: Store) -> Repository[JournalKey]:
    """The journal key table."""
    return store.repo(JournalKey, KEYS_TABLE)


def entries(store: Store) -> Repository[JournalEntry]:
    """The journal entry table."""
    return store.repo(JournalEntry, ENTRIES_TABLE)


def key_of(store: Store, partner: PartnerKey, generation: int | None = None) -> JournalKey | None:
    """A partner's key of the given generation, or their newest one."""
    found = keys(store).find(lambda k: k.partner == partner)
    if generation is not None:
        found = [k for k in found if k.generation == generation]
    return max(found, key=lambda k: k.generation, default=None)


def require_key(store: Store, partner: PartnerKey) -> JournalKey:
    """A partner's current key, or a :class:`NotFoundError` saying how to make one."""
    key = key_of(store, partner)
    if key is None:
        raise NotFoundError(NO_KEY)
    return key


ALREADY_HAS_KEY = (
    "This partner already has a journal passphrase. Use `workbook journal passwd` to "
    "change it, or start a new key (older entries then stay sealed)."
)


def setup_key(
    store: Store, partner: PartnerKey, passphrase: str, *, new_key: bool = False
) -> JournalKey:
    """Give ``partner`` a key wrapped with ``passphrase``.

    With an existing key this refuses unless ``new_key`` is set; then a new generation is
    started and entries sealed to older generations stay sealed. Same as
    ``store_key(store, partner, crypto.create_keys(passphrase), new_key=...)``.
    """
    if key_of(store, partner) is not None and not new_key:
        raise WorkbookError(ALREADY_HAS_KEY)
    return store_key(store, partner, crypto.create_keys(passphrase), new_key=new_key)


def store_key(
    store: Store, partner: PartnerKey, material: crypto.KeyMaterial, *, new_key: bool = False
) -> JournalKey:
    """Store a key made by :func:`crypto.create_keys` as ``partner``'s next generation.

    Split from :func:`setup_key` so a UI can run the slow ``create_keys`` (scrypt) in a
    worker thread and touch the store only on its own thread.
    """
    with store.transaction():
        latest = key_of(store, partner)  # re-read inside the lock
        if latest is not None and not new_key:
            raise WorkbookError(ALREADY_HAS_KEY)
        key = JournalKey(
            partner=partner,
            generation=1 if latest is None else latest.generation + 1,
            recipient=material.recipient,
            wrapped_identity=material.wrapped_identity,
        )
        keys(store).add(key)
    return key


def _pause_after_wrong(delay: float | None) -> None:
    pause = WRONG_PASSPHRASE_DELAY if delay is None else delay
    if pause > 0:
        time.sleep(pause)


def unwrap_key(key: JournalKey, passphrase: str, *, delay: float | None = None) -> crypto.Identity:
    """Unwrap a key record's identity, pausing ``delay`` seconds after a wrong passphrase.

    Touches no store, so a UI can run it (one scrypt run, about a second or two) in a worker
    thread, then build ``JournalSession(store, key, identity)`` on its own thread.
    """
    try:
        return crypto.unwrap(key.wrapped_identity, passphrase)
    except AccessDeniedError:
        _pause_after_wrong(delay)
        raise


def change_passphrase(
    store: Store, partner: PartnerKey, old: str, new: str, *, delay: float | None = None
) -> JournalKey:
    """Re-wrap the current key with a new passphrase; no entry is touched."""
    key = require_key(store, partner)
    try:
        wrapped = crypto.rewrap(key.wrapped_identity, old, new)
    except AccessDeniedError:
        _pause_after_wrong(delay)
        raise
    with store.transaction():
        fresh = keys(store).require(key.id, what="journal key")
        if fresh.wrapped_identity != key.wrapped_identity:
            raise WorkbookError(
                "The passphrase was changed elsewhere at the same time. Nothing was changed here."
            )
        updated = fresh.model_copy(
            update={"wrapped_identity": wrapped, "passphrase_changed": now()}
        )
        keys(store).put(updated)
    return updated


def _payload_from(value: JournalPayload | Mapping[str, Any]) -> JournalPayload:
    """Validate a payload without ever echoing its text in an error."""
    if isinstance(value, JournalPayload):
        return value
    problems: list[str] = []
    try:
        return JournalPayload.model_validate(dict(value))
    except ValidationError as exc:
        problems = [".".join(str(p) for p in err["loc"]) or "entry" for err in exc.errors()]
    # Raised outside the except block so the validation error (which quotes input) is not chained.
    raise WorkbookError("The entry could not be saved: check " + ", ".join(problems) + ".")


def _encode(payload: JournalPayload) -> bytes:
    return payload.model_dump_json().encode("utf-8")


def _decode(plain: bytes) -> JournalPayload:
    payload: JournalPayload | None = None
    # The validation error would quote the decrypted text; it must not travel.
    with contextlib.suppress(ValidationError):
        payload = JournalPayload.model_validate_json(plain)
    if payload is None:
        raise WorkbookError("An entry opened but its contents are not in the expected format.")
    return payload


def _seal_to(store: Store, readers: list[Reader], data: bytes) -> str:
    recipients = []
    for reader in readers:
        key = key_of(store, reader.partner, reader.generation)
        if key is None:
            raise NotFoundError(NO_KEY)
        recipients.append(key.recipient)
    return crypto.seal(recipients, data)


def add_entry(
    store: Store, partner: PartnerKey, payload: JournalPayload | Mapping[str, Any]
) -> JournalEntry:
    """Seal a new entry to ``partner``'s current key. No passphrase needed."""
    checked = _payload_from(payload)
    key = require_key(store, partner)
    readers = [Reader(partner=partner, generation=key.generation)]
    entry = JournalEntry(
        author=partner,
        generation=key.generation,
        readers=readers,
        ciphertext=crypto.seal([key.recipient], _encode(checked)),
    )
    return entries(store).add(entry)


def seal_for(store: Store, partner: PartnerKey, payload: Mapping[str, Any]) -> str:
    """Seal any JSON-able dict to ``partner``'s current key (private answers, private goals)."""
    key = require_key(store, partner)
    try:
        data = orjson.dumps(dict(payload))
    except TypeError:
        data = None
    if data is None:
        raise WorkbookError("Private data must be plain text, numbers, lists and mappings.")
    return crypto.seal([key.recipient], data)


def open_for(session: JournalSession, armored: str) -> dict[str, Any]:
    """Open data made by :func:`seal_for` in an unlocked session."""
    plain = crypto.open_sealed(session._require_identity(), armored)
    try:
        value = orjson.loads(plain)
    except orjson.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise WorkbookError("Private data opened but is not in the expected format.")
    return value


def unlock(
    store: Store, partner: PartnerKey, passphrase: str, *, delay: float | None = None
) -> JournalSession:
    """Unwrap ``partner``'s current key (one scrypt run) and return an unlocked session.

    A wrong passphrase waits ``delay`` seconds (default :data:`WRONG_PASSPHRASE_DELAY`), then
    raises :class:`AccessDeniedError`; nothing is changed.
    """
    key = require_key(store, partner)
    identity = unwrap_key(key, passphrase, delay=delay)
    return JournalSession(store, key, identity)


@dataclass(frozen=True)
class OpenEntry:
    """An entry opened in a session: its stored metadata and its decrypted payload."""

    entry: JournalEntry
    payload: JournalPayload

    @property
    def id(self) -> str:
        return self.entry.id

    def __repr__(self) -> str:  # never show the payload in a traceback or log
        return f"<OpenEntry {self.entry.id} by {self.entry.author}>"


class JournalSession:
    """One partner's unlocked journal. Holds the identity in memory until :meth:`close`."""

    def __init__(self, store: Store, key: JournalKey, identity: crypto.Identity) -> None:
        self.store = store
        self.partner: PartnerKey = key.partner
        self.generation = key.generation
        self._identity: crypto.Identity | None = identity
        self._cache: dict[str, tuple[str, JournalPayload]] = {}

    def __repr__(self) -> str:
        state = "locked" if self.closed else "unlocked"
        return f"<JournalSession partner={self.partner} {state}>"

    # -- lifetime ------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._identity is None

    def close(self) -> None:
        """Lock: forget the identity and every decrypted payload."""
        if self._identity is not None:
            self._identity.forget()
        self._identity = None
        self._cache.clear()

    def __enter__(self) -> JournalSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def can_share(self) -> bool:
        """Whether the other partner has a journal key, so entries can be shared with them."""
        return key_of(self.store, other(self.partner)) is not None

    def _require_identity(self) -> crypto.Identity:
        if self._identity is None:
            raise AccessDeniedError(LOCKED)
        return self._identity

    # -- reading -------------------------------------------------------------------------

    def _open(self, entry: JournalEntry) -> OpenEntry:
        cached = self._cache.get(entry.id)
        if cached is not None and cached[0] == entry.ciphertext:
            return OpenEntry(entry, cached[1])
        payload = _decode(crypto.open_sealed(self._require_identity(), entry.ciphertext))
        self._cache[entry.id] = (entry.ciphertext, payload)
        return OpenEntry(entry, payload)

    def _scan(self) -> tuple[list[OpenEntry], list[JournalEntry]]:
        self._require_identity()
        opened: list[OpenEntry] = []
        sealed: list[JournalEntry] = []
        for entry in entries(self.store).all():
            if not entry.addressed_to(self.partner):
                continue
            if not entry.readable_by(self.partner, self.generation):
                sealed.append(entry)
                continue
            try:
                opened.append(self._open(entry))
            except crypto.SealedError:
                sealed.append(entry)
        opened.sort(key=lambda o: o.entry.created, reverse=True)
        sealed.sort(key=lambda e: e.created, reverse=True)
        return opened, sealed

    def entries(self) -> list[OpenEntry]:
        """Every entry this key can open (own and shared with this partner), newest first."""
        return self._scan()[0]

    def sealed_entries(self) -> list[JournalEntry]:
        """Entries for this partner that stay sealed (an older key generation), newest first."""
        return self._scan()[1]

    def get(self, entry_id: str) -> OpenEntry:
        """Open one entry; :class:`NotFoundError` if it is not one this session can read."""
        self._require_identity()
        entry = entries(self.store).get(entry_id)
        if entry is None or not entry.addressed_to(self.partner):
            raise NotFoundError("There is no journal entry with that id in this journal.")
        if not entry.readable_by(self.partner, self.generation):
            raise crypto.SealedError(
                "This entry is sealed with an older key and cannot be opened with this one."
            )
        return self._open(entry)

    def search(self, text: str = "", tags: list[str] | tuple[str, ...] = ()) -> list[OpenEntry]:
        """Entries whose text contains ``text`` and that carry every tag in ``tags``."""
        wanted = {t.casefold() for t in tags}
        found = []
        for item in self.entries():
            have = {t.casefold() for t in item.payload.tags}
            if wanted <= have and (not text or item.payload.matches(text)):
                found.append(item)
        return found

    def all_tags(self) -> list[str]:
        """Every tag used in the readable entries, sorted."""
        return sorted({t for item in self.entries() for t in item.payload.tags}, key=str.casefold)

    # -- writing -------------------------------------------------------------------------

    def add(self, payload: JournalPayload | Mapping[str, Any]) -> OpenEntry:
        """Write a new entry as this partner (sealed to their current key)."""
        self._require_identity()
        entry = add_entry(self.store, self.partner, payload)
        return self._open(entry)

    def _own(self, entry_id: str) -> OpenEntry:
        item = self.get(entry_id)
        if item.entry.author != self.partner:
            raise AccessDeniedError("Only the partner who wrote an entry can change it.")
        return item

    def _reseal(self, item: OpenEntry, payload: JournalPayload, shared: bool) -> OpenEntry:
        readers = [Reader(partner=self.partner, generation=self.generation)]
        if shared:
            theirs = key_of(self.store, other(self.partner))
            if theirs is None:
                raise NotFoundError(
                    "Your partner has no journal key yet, so nothing can be shared with them. "
                    "They can set one with `workbook journal setup`."
                )
            readers.append(Reader(partner=theirs.partner, generation=theirs.generation))
        updated = item.entry.model_copy(
            update={
                "generation": self.generation,
                "readers": readers,
                "shared": shared,
                "updated": now(),
                "ciphertext": _seal_to(self.store, readers, _encode(payload)),
            }
        )
        entries(self.store).put(updated)
        return self._open(updated)

    def edit(self, entry_id: str, payload: JournalPayload | Mapping[str, Any]) -> OpenEntry:
        """Replace an own entry's contents (re-sealed to the same readers' current keys)."""
        item = self._own(entry_id)
        return self._reseal(item, _payload_from(payload), item.entry.shared)

    def share(self, entry_id: str) -> OpenEntry:
        """Make an own entry readable by the other partner too (they read it with their key)."""
        item = self._own(entry_id)
        return self._reseal(item, item.payload, shared=True)

    def unshare(self, entry_id: str) -> OpenEntry:
        """Seal an own entry to its author only again (what was already read stays read)."""
        item = self._own(entry_id)
        return self._reseal(item, item.payload, shared=False)

    def delete(self, entry_id: str) -> None:
        """Remove an own entry (it stays in older backups, still sealed)."""
        item = self._own(entry_id)
        entries(self.store).delete(item.id)
        self._cache.pop(item.id, None)


@contextlib.contextmanager
def unlocked(
    store: Store, partner: PartnerKey, passphrase: str, *, delay: float | None = None
) -> Iterator[JournalSession]:
    """``with unlocked(...) as session:`` — the key is dropped when the block ends."""
    session = unlock(store, partner, passphrase, delay=delay)
    try:
        yield session
    finally:
        session.close()
