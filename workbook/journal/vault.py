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
* A new key never destroys an old one. :func:`unlock` tries the newest key first, then the
  older ones, so a partner's own passphrase still opens their entries after someone else
  started a new key for them; such a session knows the newer key (:attr:`JournalSession.
  newer_key`) so the person is told. A key started over another is recorded as a replacement
  and announced (:func:`pending_replacement`) until its partner unlocks it and confirms making
  it (:func:`confirm_key`).
* A wrapping below :data:`~workbook.journal.crypto.WORK_FACTOR_FLOOR` is strengthened at the
  next successful unlock (:func:`stronger_wrapping`, :func:`save_wrapping`).
* Demo keys (unwrapped; the demo's passphrase is public) are refused outside a home that
  :func:`mark_demo_home` marked, so no real entry is ever sealed to one.

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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from pydantic import ValidationError

from workbook.clock import now
from workbook.errors import AccessDeniedError, NotFoundError, WorkbookError
from workbook.journal import crypto
from workbook.journal.models import (
    DEMO_TABLE,
    ENTRIES_TABLE,
    KEYS_TABLE,
    DemoMark,
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
DEMO_KEY_OUTSIDE_DEMO = (
    "This journal key was made for the demo: it is not protected by a passphrase, so it is "
    "only used in a demo workbook. Start a real key with `workbook journal setup --new-key`."
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


def keys_of(store: Store, partner: PartnerKey) -> list[JournalKey]:
    """Every key generation of ``partner``, newest first."""
    found = keys(store).find(lambda k: k.partner == partner)
    return sorted(found, key=lambda k: k.generation, reverse=True)


def mark_demo_home(store: Store) -> None:
    """Mark this home as the demo's, where demo keys may be stored and used."""
    if not is_demo_home(store):
        store.repo(DemoMark, DEMO_TABLE).add(DemoMark())


def is_demo_home(store: Store) -> bool:
    """Whether :func:`mark_demo_home` marked this home."""
    return store.repo(DemoMark, DEMO_TABLE).count() > 0


def _check_usable(store: Store, key: JournalKey) -> JournalKey:
    if key.demo and not is_demo_home(store):
        raise AccessDeniedError(DEMO_KEY_OUTSIDE_DEMO)
    return key


def require_key(store: Store, partner: PartnerKey) -> JournalKey:
    """A partner's current key, or a :class:`NotFoundError` saying how to make one.

    A demo key outside a demo home is refused, so nothing is ever sealed to a key whose secret
    half is stored in the clear.
    """
    key = key_of(store, partner)
    if key is None:
        raise NotFoundError(NO_KEY)
    return _check_usable(store, key)


def pending_replacement(store: Store, partner: PartnerKey) -> JournalKey | None:
    """The partner's newest key if it replaced another and they have not confirmed making it."""
    key = key_of(store, partner)
    return key if key is not None and key.unconfirmed_replacement else None


def when(moment: datetime) -> str:
    """A stored time as people read it here: local date and minutes."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def replacement_notice(name: str, key: JournalKey) -> str:
    """What to tell ``name`` while their newest key is an unconfirmed replacement."""
    return (
        f"A new journal key was started for {name} on {when(key.created)}, replacing the "
        f"earlier one, and {name} has not yet confirmed making it. If {name} did not start it, "
        f"someone else may read what is written to this journal from now on; {name}'s own "
        "passphrase still opens the entries written before."
    )


def older_key_notice(name: str, opened: JournalKey, newer: JournalKey) -> str:
    """What to tell someone whose passphrase opened an older key than the newest one."""
    return (
        f"This passphrase opens {name}'s key number {opened.generation}, not the newest: key "
        f"number {newer.generation} was started on {when(newer.created)} with another "
        "passphrase. Only the entries sealed with this key are shown, and new entries are "
        f"sealed with it. If {name} did not start the newer key, someone else did."
    )


def sealed_words(count: int, session: JournalSession) -> str:
    """How many entries for this partner stay sealed in ``session``, and why, in a few words."""
    verb = "entry stays" if count == 1 else "entries stay"
    if session.newer_key is not None:  # opened with an older key: some are sealed to newer ones
        return f"{count} {verb} sealed with another key"
    return f"{count} older {verb} sealed with an earlier key"


def _memory(log_n: int) -> str:
    """scrypt's memory for one try at work factor ``log_n``: 2^log_n KiB (r = 8)."""
    kib = 2**log_n
    for unit, size in (("GiB", 2**20), ("MiB", 2**10)):
        if kib >= size:
            return f"{kib // size} {unit}"
    return f"{kib} KiB"


def strength(key: JournalKey) -> str:
    """How hard the stored key is to attack in a copied file, in one line."""
    if key.demo:
        return "demo key, not protected (its passphrase is public)"
    log_n = crypto.work_factor(key.wrapped_identity)
    if log_n is None:
        return "unknown (the stored key is not a passphrase-wrapped age file)"
    words = f"scrypt work factor 2^{log_n} ({_memory(log_n)} to unlock)"
    if log_n < crypto.WORK_FACTOR_FLOOR:
        words += (
            f", below the floor of 2^{crypto.WORK_FACTOR_FLOOR}: it is strengthened at the "
            "next unlock"
        )
    return words


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
    store: Store,
    partner: PartnerKey,
    material: crypto.KeyMaterial,
    *,
    new_key: bool = False,
    demo: bool = False,
) -> JournalKey:
    """Store a key made by :func:`crypto.create_keys` as ``partner``'s next generation.

    Split from :func:`setup_key` so a UI can run the slow ``create_keys`` (scrypt) in a
    worker thread and touch the store only on its own thread. A key started over an existing
    one is recorded as replacing it (announced until confirmed). ``demo`` marks a key made by
    :func:`crypto.demo_keys`; only a demo home takes one.
    """
    with store.transaction():
        if demo and not is_demo_home(store):
            raise AccessDeniedError(DEMO_KEY_OUTSIDE_DEMO)
        latest = key_of(store, partner)  # re-read inside the lock
        if latest is not None and not new_key:
            raise WorkbookError(ALREADY_HAS_KEY)
        key = JournalKey(
            partner=partner,
            generation=1 if latest is None else latest.generation + 1,
            recipient=material.recipient,
            wrapped_identity=material.wrapped_identity,
            replaces=None if latest is None else latest.generation,
            demo=demo,
        )
        keys(store).add(key)
    return key


def confirm_key(
    store: Store, partner: PartnerKey, passphrase: str, *, delay: float | None = None
) -> JournalKey:
    """Confirm that the partner made their newest key: its passphrase must open it."""
    key = require_key(store, partner)
    unwrap_key(key, passphrase, delay=delay).forget()
    return mark_confirmed(store, key)


def mark_confirmed(store: Store, key: JournalKey) -> JournalKey:
    """Record that a replacement key was confirmed by its partner (after unlocking it)."""
    with store.transaction():
        fresh = keys(store).require(key.id, what="journal key")
        if fresh.confirmed is not None or fresh.replaces is None:
            return fresh
        updated = fresh.model_copy(update={"confirmed": now()})
        keys(store).put(updated)
    return updated


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
        return _unwrap(key, passphrase)
    except AccessDeniedError:
        _pause_after_wrong(delay)
        raise


def _unwrap(key: JournalKey, passphrase: str) -> crypto.Identity:
    if key.demo:
        return crypto.open_demo_identity(key.wrapped_identity, passphrase)
    return crypto.unwrap(key.wrapped_identity, passphrase)


def open_any(
    candidates: Sequence[JournalKey], passphrase: str, *, delay: float | None = None
) -> tuple[JournalKey, crypto.Identity]:
    """The first of ``candidates`` (newest first) that ``passphrase`` opens, and its identity.

    Trying the older keys too means a partner whose key someone else replaced still opens
    their own entries with their own passphrase (and is told about the newer key). Touches no
    store, so a UI can run it in a worker thread; each key tried costs one scrypt run.
    """
    tried: set[str] = set()
    for key in candidates:
        if key.wrapped_identity in tried:
            continue
        tried.add(key.wrapped_identity)
        try:
            return key, _unwrap(key, passphrase)
        except AccessDeniedError:
            continue
    _pause_after_wrong(delay)
    raise AccessDeniedError(crypto.WRONG_PASSPHRASE)


def unlock_candidates(store: Store, partner: PartnerKey) -> list[JournalKey]:
    """The keys :func:`open_any` should try for ``partner``: every generation, newest first."""
    require_key(store, partner)
    return [_check_usable(store, key) for key in keys_of(store, partner)]


def stronger_wrapping(key: JournalKey, identity: crypto.Identity, passphrase: str) -> str | None:
    """A new wrapping of an unlocked key whose stored one is below the floor; None when the
    stored one meets it (or age now gives a weaker one). Slow (scrypt), touches no store.

    A new wrapping as weak as the old is still returned: storing it is harmless, and the
    next unlock simply tries again, until age's timing lands at or above the floor.
    """
    if key.demo or crypto.meets_floor(key.wrapped_identity):
        return None
    wrapped = crypto.wrap_identity(identity, passphrase)
    before = crypto.work_factor(key.wrapped_identity) or 0
    return wrapped if (crypto.work_factor(wrapped) or 0) >= before else None


def save_wrapping(store: Store, key: JournalKey, wrapped: str) -> JournalKey:
    """Store a strengthened wrapping of ``key``, unless its passphrase changed meanwhile.

    Best effort: in a workbook opened read-only, or one another window is writing, the key is
    left as it is (the unlock itself must not fail for this); the next unlock tries again.
    """
    if store.readonly:
        return key
    try:
        with store.transaction():
            fresh = keys(store).get(key.id)
            if fresh is None or fresh.wrapped_identity != key.wrapped_identity:
                return fresh or key
            updated = fresh.model_copy(update={"wrapped_identity": wrapped})
            keys(store).put(updated)
    except WorkbookError:
        return key
    return updated


def change_passphrase(
    store: Store, partner: PartnerKey, old: str, new: str, *, delay: float | None = None
) -> JournalKey:
    """Re-wrap the current key with a new passphrase; no entry is touched."""
    key = require_key(store, partner)
    crypto.check_new_passphrase(new)
    identity = unwrap_key(key, old, delay=delay)
    try:
        wrapped = crypto.wrap_identity(identity, new)
    finally:
        identity.forget()
    with store.transaction():
        fresh = keys(store).require(key.id, what="journal key")
        if fresh.wrapped_identity != key.wrapped_identity:
            raise WorkbookError(
                "The passphrase was changed elsewhere at the same time. Nothing was changed here."
            )
        # A demo key given a passphrase of its own becomes a real, wrapped key.
        updated = fresh.model_copy(
            update={"wrapped_identity": wrapped, "passphrase_changed": now(), "demo": False}
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
    store: Store,
    partner: PartnerKey,
    payload: JournalPayload | Mapping[str, Any],
    *,
    key: JournalKey | None = None,
) -> JournalEntry:
    """Seal a new entry to ``partner``'s current key (or to ``key``). No passphrase needed."""
    checked = _payload_from(payload)
    key = require_key(store, partner) if key is None else _check_usable(store, key)
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
    """Unwrap ``partner``'s key (one scrypt run) and return an unlocked session.

    The newest key is tried first, then older ones (see :func:`open_any`). A wrapping below
    the floor is strengthened on the way. A wrong passphrase waits ``delay`` seconds (default
    :data:`WRONG_PASSPHRASE_DELAY`), then raises :class:`AccessDeniedError`; nothing is changed.
    """
    key, identity = open_any(unlock_candidates(store, partner), passphrase, delay=delay)
    wrapped = stronger_wrapping(key, identity, passphrase)
    if wrapped is not None:
        key = save_wrapping(store, key, wrapped)
    return JournalSession(store, key, identity)


def _matching(
    items: list[OpenEntry], text: str, tags: list[str] | tuple[str, ...]
) -> list[OpenEntry]:
    """The items whose text contains ``text`` and that carry every tag in ``tags``."""
    wanted = {t.casefold() for t in tags}
    found = []
    for item in items:
        have = {t.casefold() for t in item.payload.tags}
        if wanted <= have and (not text or item.payload.matches(text)):
            found.append(item)
    return found


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
        self.key = key
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

    @property
    def newer_key(self) -> JournalKey | None:
        """The partner's newest key when this session opened an older one, else None."""
        newest = key_of(self.store, self.partner)
        if newest is None or newest.generation <= self.generation:
            return None
        return newest

    @property
    def unconfirmed(self) -> bool:
        """Whether this session's key replaced another and is not confirmed yet."""
        fresh = key_of(self.store, self.partner, self.generation)
        return fresh is not None and fresh.unconfirmed_replacement and self.newer_key is None

    def confirm_new_key(self) -> None:
        """Record that this partner made the (newest) key this session unlocked."""
        self._require_identity()
        if self.newer_key is not None:
            raise WorkbookError("Only the newest key can be confirmed, and this is an older one.")
        self.key = mark_confirmed(self.store, self.key)

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

    def _scan(self, limit: int | None = None) -> tuple[list[OpenEntry], list[JournalEntry], int]:
        """Entries opened (newest first, at most ``limit``), those that stay sealed, and how
        many readable ones were left unopened beyond ``limit``. Only what is opened is built
        and decrypted (ten years hold about 1,600 entries a partner): the order comes from the
        stored dates."""
        self._require_identity()
        partner, generation = self.partner, self.generation

        def addressed(doc: Mapping[str, Any]) -> bool:
            # The other partner's own entries are skipped before any of them is built.
            readers = doc.get("readers")
            return not isinstance(readers, list) or any(
                not isinstance(r, dict) or r.get("partner") == partner for r in readers
            )

        # JournalEntry.readable_by, asked of the stored document: a stored reader is exactly
        # this dict (Reader forbids other keys), so one C-level membership test answers it.
        this_key = Reader(partner=partner, generation=generation).model_dump()

        def readable(doc: Mapping[str, Any]) -> bool:
            readers = doc.get("readers")
            return isinstance(readers, list) and this_key in readers

        table = entries(self.store)
        sealed = [
            entry
            for entry in table.where(lambda doc: addressed(doc) and not readable(doc))
            if entry.addressed_to(partner)
        ]
        total = table.count(readable)
        wanted = total if limit is None else min(limit, total)
        opened: list[OpenEntry] = []
        looked = 0
        while len(opened) < wanted and looked < total:
            page = table.newest("created", wanted - len(opened), looked, readable)
            if not page:
                break
            for entry in page:
                looked += 1
                try:
                    opened.append(self._open(entry))
                except crypto.SealedError:
                    sealed.append(entry)
        sealed.sort(key=lambda e: e.created, reverse=True)
        return opened, sealed, total - looked

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
        return _matching(self.entries(), text, tags)

    def overview(
        self, text: str = "", tags: list[str] | tuple[str, ...] = (), *, limit: int | None = None
    ) -> tuple[list[OpenEntry], int, int]:
        """What a journal list shows, from one reading: :meth:`search`'s entries, how many stay
        sealed (:meth:`sealed_entries`), and how many older ones were not opened.

        Without a search only the newest ``limit`` entries are decrypted (a page of years of
        entries); a search opens every entry, since any of them may match.
        """
        searching = bool(text or tags)
        opened, sealed, older = self._scan(None if searching else limit)
        return _matching(opened, text, tags), len(sealed), older

    def all_tags(self) -> list[str]:
        """Every tag used in the readable entries, sorted."""
        return sorted({t for item in self.entries() for t in item.payload.tags}, key=str.casefold)

    # -- writing -------------------------------------------------------------------------

    def add(self, payload: JournalPayload | Mapping[str, Any]) -> OpenEntry:
        """Write a new entry as this partner (sealed to their current key)."""
        self._require_identity()
        entry = add_entry(self.store, self.partner, payload, key=self.key)
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
