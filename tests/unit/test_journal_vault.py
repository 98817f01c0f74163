"""Private journal entries on the store: sealing, unlocking, sharing, new keys and passwd."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pytest

from workbook import locations
from workbook.errors import AccessDeniedError, NotFoundError, WorkbookError
from workbook.journal import crypto, vault
from workbook.journal.models import ENTRIES_TABLE, JournalKey, JournalPayload, Reader
from workbook.partners import PartnerKey
from workbook.store import Store

if TYPE_CHECKING:
    from conftest import PreparedKeys

PASSPHRASES: dict[PartnerKey, str] = {"a": "lanterns over water", "b": "seven blue kites"}


Keyring = dict[PartnerKey, crypto.KeyMaterial]


@pytest.fixture
def keyring(journal_keys: PreparedKeys) -> Keyring:
    """Real keys for both partners, wrapped once per test session (scrypt is slow)."""
    return {partner: journal_keys.material(phrase) for partner, phrase in PASSPHRASES.items()}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path) as opened:
        yield opened


def install(store: Store, keyring: Keyring, partner: PartnerKey) -> None:
    """Store a partner's prepared key (setup_key minus the slow scrypt run)."""
    vault.store_key(store, partner, keyring[partner])


def session_for(store: Store, keyring: Keyring, partner: PartnerKey) -> vault.JournalSession:
    """An unlocked session on the partner's newest key (opened once per test session)."""
    identity = crypto.unwrap(keyring[partner].wrapped_identity, PASSPHRASES[partner])
    return vault.JournalSession(store, vault.require_key(store, partner), identity)


def stored_entries(home: Path) -> dict[str, object]:
    """The entry table exactly as it is on disk."""
    raw = orjson.loads(locations.data_file(home).read_bytes())
    table: dict[str, object] = raw.get(ENTRIES_TABLE, {})
    return table


def test_add_needs_no_passphrase_and_stores_only_metadata_in_the_clear(
    store: Store, keyring: Keyring
) -> None:
    """add_entry seals the payload; the stored document has no written text outside it."""
    install(store, keyring, "a")
    vault.add_entry(
        store,
        "a",
        {"title": "Harbour walk", "body": "We laughed a lot", "tags": ["calm"], "mood": "warm"},
    )
    docs = list(stored_entries(store.home).values())
    assert len(docs) == 1
    doc = docs[0]
    assert isinstance(doc, dict)
    assert set(doc) == {
        "id",
        "author",
        "generation",
        "created",
        "updated",
        "shared",
        "readers",
        "ciphertext",
    }
    text = locations.data_file(store.home).read_text()
    for secret in ("Harbour walk", "We laughed", "calm", "warm"):
        assert secret not in text


def test_unlock_lists_own_entries_newest_first(store: Store, keyring: Keyring) -> None:
    """After one real unlock, entries come back decrypted and newest first."""
    install(store, keyring, "a")
    vault.add_entry(store, "a", {"title": "first", "body": "one"})
    vault.add_entry(store, "a", {"title": "second", "body": "two"})
    with vault.unlocked(store, "a", PASSPHRASES["a"], delay=0) as session:
        titles = [item.payload.title for item in session.entries()]
    assert titles == ["second", "first"]


def test_wrong_passphrase_is_denied_after_a_pause_and_changes_nothing(
    store: Store,
    keyring: Keyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A wrong passphrase pauses (default delay), raises AccessDeniedError, changes no byte."""
    pauses: list[float] = []
    monkeypatch.setattr("workbook.journal.vault.time.sleep", pauses.append)
    install(store, keyring, "a")
    vault.add_entry(store, "a", {"body": "kept"})
    before = locations.data_file(store.home).read_bytes()
    with pytest.raises(AccessDeniedError, match="not right"):
        vault.unlock(store, "a", "guessing wildly")
    assert pauses == [vault.WRONG_PASSPHRASE_DELAY]
    assert locations.data_file(store.home).read_bytes() == before


def test_passwd_rewraps_the_key_and_leaves_entries_byte_identical(
    store: Store, keyring: Keyring
) -> None:
    """change_passphrase: old passphrase fails, new one opens, entry ciphertexts unchanged."""
    install(store, keyring, "a")
    vault.add_entry(store, "a", {"title": "before passwd", "body": "still here"})
    entries_before = stored_entries(store.home)
    vault.change_passphrase(store, "a", PASSPHRASES["a"], "a fresh new phrase", delay=0)
    assert stored_entries(store.home) == entries_before
    with pytest.raises(AccessDeniedError):
        vault.unlock(store, "a", PASSPHRASES["a"], delay=0)
    with vault.unlocked(store, "a", "a fresh new phrase", delay=0) as session:
        assert [i.payload.title for i in session.entries()] == ["before passwd"]


def test_new_key_after_a_forgotten_passphrase_keeps_old_entries_sealed(
    store: Store, keyring: Keyring
) -> None:
    """A new key generation opens new entries; entries of the old generation stay sealed."""
    install(store, keyring, "a")
    old = vault.add_entry(store, "a", {"body": "old generation"})
    with pytest.raises(WorkbookError, match="already has"):
        vault.setup_key(store, "a", "another phrase here")
    with pytest.raises(WorkbookError, match="already has"):
        vault.store_key(store, "a", keyring["b"])
    new_key = vault.setup_key(store, "a", "another phrase here", new_key=True)
    assert new_key.generation == 2
    vault.add_entry(store, "a", {"body": "new generation"})
    with vault.unlocked(store, "a", "another phrase here", delay=0) as session:
        assert [i.payload.body for i in session.entries()] == ["new generation"]
        assert [e.id for e in session.sealed_entries()] == [old.id]
        with pytest.raises(crypto.SealedError):
            session.get(old.id)


def test_share_makes_an_entry_readable_by_both_partners(store: Store, keyring: Keyring) -> None:
    """share() re-seals to both keys; unshare() seals it back to the author only."""
    install(store, keyring, "a")
    install(store, keyring, "b")
    entry = vault.add_entry(store, "a", {"title": "for you", "body": "thank you"})
    private = vault.add_entry(store, "a", {"title": "mine", "body": "not for sharing"})
    author = session_for(store, keyring, "a")
    partner = session_for(store, keyring, "b")
    assert author.can_share
    assert partner.entries() == []
    shared = author.share(entry.id)
    assert shared.entry.shared
    assert [i.payload.title for i in partner.entries()] == ["for you"]
    assert {i.payload.title for i in author.entries()} == {"for you", "mine"}
    with pytest.raises(NotFoundError):
        partner.get(private.id)
    with pytest.raises(AccessDeniedError, match="Only the partner who wrote"):
        partner.edit(entry.id, {"body": "changed by b"})
    author.unshare(entry.id)
    assert partner.entries() == []


def test_share_needs_the_other_partner_to_have_a_key(store: Store, keyring: Keyring) -> None:
    """Sharing before the partner has a journal key is refused with a clear sentence."""
    install(store, keyring, "a")
    entry = vault.add_entry(store, "a", {"body": "waiting"})
    session = session_for(store, keyring, "a")
    assert not session.can_share
    with pytest.raises(NotFoundError, match="partner has no journal key"):
        session.share(entry.id)
    assert not session.get(entry.id).entry.shared


def test_edit_reseals_new_contents(store: Store, keyring: Keyring) -> None:
    """edit() stores new ciphertext holding the new payload and moves the updated time."""
    install(store, keyring, "a")
    entry = vault.add_entry(store, "a", {"title": "draft", "body": "v1"})
    session = session_for(store, keyring, "a")
    edited = session.edit(entry.id, {"title": "final", "body": "v2", "tags": ["done"]})
    stored = vault.entries(store).require(entry.id)
    assert stored.ciphertext != entry.ciphertext
    assert stored.updated >= entry.updated
    assert edited.payload == JournalPayload(title="final", body="v2", tags=["done"])
    assert session_for(store, keyring, "a").get(entry.id).payload.body == "v2"


def test_search_matches_text_and_tags_case_insensitively(store: Store, keyring: Keyring) -> None:
    """search() filters decrypted entries by words anywhere and by every given tag."""
    install(store, keyring, "a")
    vault.add_entry(store, "a", {"title": "Beach", "body": "Sunny day", "tags": ["Trip"]})
    vault.add_entry(store, "a", {"title": "Home", "body": "rainy evening", "tags": ["rest"]})
    session = session_for(store, keyring, "a")
    assert [i.payload.title for i in session.search("SUNNY")] == ["Beach"]
    assert [i.payload.title for i in session.search(tags=["trip"])] == ["Beach"]
    assert [i.payload.title for i in session.search("evening", tags=["trip"])] == []
    assert session.all_tags() == ["rest", "Trip"]


def test_closed_session_refuses_everything(store: Store, keyring: Keyring) -> None:
    """close() drops the key: every read or write afterwards says the journal is locked."""
    install(store, keyring, "a")
    entry = vault.add_entry(store, "a", {"body": "locked away"})
    session = session_for(store, keyring, "a")
    assert session.get(entry.id).payload.body == "locked away"
    session.close()
    assert session.closed
    for action in (session.entries, lambda: session.get(entry.id), lambda: session.add({})):
        with pytest.raises(AccessDeniedError, match="locked"):
            action()
    assert "locked away" not in repr(session)


def test_seal_for_and_open_for_serve_other_private_data(store: Store, keyring: Keyring) -> None:
    """seal_for/open_for round-trip a dict; the other partner's session cannot open it."""
    install(store, keyring, "a")
    install(store, keyring, "b")
    armored = vault.seal_for(store, "a", {"answer": "I felt heard", "score": 4})
    assert "felt heard" not in armored
    assert vault.open_for(session_for(store, keyring, "a"), armored) == {
        "answer": "I felt heard",
        "score": 4,
    }
    with pytest.raises(crypto.SealedError):
        vault.open_for(session_for(store, keyring, "b"), armored)


def test_invalid_payload_errors_never_quote_the_text(store: Store, keyring: Keyring) -> None:
    """A malformed payload is refused naming fields only, with no chained validation error."""
    install(store, keyring, "a")
    with pytest.raises(WorkbookError) as caught:
        vault.add_entry(store, "a", {"body": "SECRET-BODY", "colour": "SECRET-EXTRA", "tags": 5})
    assert "SECRET" not in str(caught.value)
    assert caught.value.__context__ is None
    assert vault.entries(store).count() == 0


def test_journal_needs_a_key_first(store: Store) -> None:
    """Writing or unlocking before setup says how to set a passphrase."""
    with pytest.raises(NotFoundError, match="journal setup"):
        vault.add_entry(store, "a", {"body": "x"})
    with pytest.raises(NotFoundError, match="journal setup"):
        vault.unlock(store, "a", "whatever it is", delay=0)


def test_scan_skips_entries_not_addressed_to_the_partner(store: Store, keyring: Keyring) -> None:
    """The other partner's private entries are neither listed nor counted as sealed for you."""
    install(store, keyring, "a")
    install(store, keyring, "b")
    own = vault.add_entry(store, "a", {"title": "mine"})
    vault.add_entry(store, "b", {"title": "theirs, private"})
    vault.add_entry(store, "b", {"title": "theirs, also private"})
    session = session_for(store, keyring, "a")
    assert [item.id for item in session.entries()] == [own.id]
    assert session.sealed_entries() == []


def test_a_new_key_is_recorded_as_a_replacement_and_the_old_passphrase_still_opens(
    store: Store, keyring: Keyring
) -> None:
    """--new-key keeps the old key: the old passphrase opens the old entries (and new ones
    written in that session), the newer key is named, and the replacement is pending."""
    install(store, keyring, "a")
    old = vault.add_entry(store, "a", {"title": "before the new key"})
    assert vault.pending_replacement(store, "a") is None
    new_key = vault.store_key(store, "a", keyring["b"], new_key=True)  # someone else's phrase
    stored = vault.keys(store).require(new_key.id)
    assert (stored.generation, stored.replaces, stored.confirmed) == (2, 1, None)
    assert vault.pending_replacement(store, "a") == stored
    assert vault.key_of(store, "a", 1) is not None  # the old key is never destroyed
    with vault.unlocked(store, "a", PASSPHRASES["a"], delay=0) as session:
        assert session.generation == 1
        assert session.newer_key == stored
        assert [item.id for item in session.entries()] == [old.id]
        written = session.add({"title": "still mine"})
    assert written.entry.generation == 1
    assert written.entry.readers == [Reader(partner="a", generation=1)]
    with vault.unlocked(store, "a", PASSPHRASES["b"], delay=0) as newer:
        assert newer.generation == 2 and newer.newer_key is None
        assert newer.entries() == []
        assert len(newer.sealed_entries()) == 2


def test_only_the_new_keys_passphrase_confirms_it(store: Store, keyring: Keyring) -> None:
    """confirm_key with the old passphrase is denied and stores nothing; with the new one the
    confirmation time is stored and the replacement is no longer pending."""
    install(store, keyring, "a")
    vault.store_key(store, "a", keyring["b"], new_key=True)
    with pytest.raises(AccessDeniedError):
        vault.confirm_key(store, "a", PASSPHRASES["a"], delay=0)
    assert vault.require_key(store, "a").confirmed is None
    confirmed = vault.confirm_key(store, "a", PASSPHRASES["b"], delay=0)
    assert confirmed.confirmed is not None
    assert vault.require_key(store, "a").confirmed == confirmed.confirmed
    assert vault.pending_replacement(store, "a") is None


def seen_as_weak(monkeypatch: pytest.MonkeyPatch, wrapped: str, log_n: int = 5) -> None:
    """Make ``wrapped`` read as stretched at ``log_n`` (real wrappings read as they are).

    age picks the work factor itself, so a test cannot make a real weak wrapping; this one
    stands in for the stored key of a busy day. One age run per wrapping is enough here.
    """
    real = crypto.work_factor
    monkeypatch.setattr(crypto, "work_factor", lambda w: log_n if w == wrapped else real(w))
    monkeypatch.setattr(crypto, "WRAP_ATTEMPTS", 1)


@pytest.mark.key_wrapping
def test_unlock_strengthens_a_wrapping_below_the_floor(
    store: Store, keyring: Keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored wrapping below the floor is wrapped again at unlock; the same passphrase
    opens the new wrapping, the identity and every entry stay the same."""
    install(store, keyring, "a")
    entry = vault.add_entry(store, "a", {"title": "kept"})
    before = vault.require_key(store, "a")
    seen_as_weak(monkeypatch, before.wrapped_identity)
    assert "scrypt work factor 2^5 (32 KiB to unlock)" in vault.strength(before)
    assert "below the floor of 2^18" in vault.strength(before)
    with vault.unlocked(store, "a", PASSPHRASES["a"], delay=0) as session:
        assert [item.id for item in session.entries()] == [entry.id]
    after = vault.require_key(store, "a")
    assert after.wrapped_identity != before.wrapped_identity
    assert after.recipient == before.recipient and after.id == before.id
    assert crypto.unwrap(after.wrapped_identity, PASSPHRASES["a"]).recipient == before.recipient


@pytest.mark.key_wrapping
def test_a_read_only_workbook_unlocks_without_strengthening(
    store: Store, keyring: Keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened read-only, a key below the floor still unlocks; it is left for a later unlock."""
    install(store, keyring, "a")
    entry = vault.add_entry(store, "a", {"title": "readable"})
    before = locations.data_file(store.home).read_bytes()
    seen_as_weak(monkeypatch, vault.require_key(store, "a").wrapped_identity)
    with (
        Store.open(store.home, readonly=True) as readonly,
        vault.unlocked(readonly, "a", PASSPHRASES["a"], delay=0) as session,
    ):
        assert [item.id for item in session.entries()] == [entry.id]
    assert locations.data_file(store.home).read_bytes() == before


@pytest.mark.key_wrapping
def test_unlock_leaves_a_wrapping_at_the_floor_as_it_is(
    store: Store, keyring: Keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrapping that meets the floor is not wrapped again: the key record is unchanged."""
    install(store, keyring, "a")
    before = vault.require_key(store, "a")
    seen_as_weak(monkeypatch, before.wrapped_identity, log_n=crypto.WORK_FACTOR_FLOOR)
    vault.unlock(store, "a", PASSPHRASES["a"], delay=0).close()
    assert vault.require_key(store, "a") == before
    assert "below" not in vault.strength(before) and "scrypt work factor 2^" in vault.strength(
        before
    )


def test_demo_keys_are_refused_outside_a_demo_home(store: Store) -> None:
    """A demo key cannot be stored, written to or unlocked in a home not marked as a demo."""
    with pytest.raises(AccessDeniedError, match="demo"):
        vault.store_key(store, "a", crypto.demo_keys(), demo=True)
    assert vault.keys(store).count() == 0
    material = crypto.demo_keys()  # planted by hand, as if copied in
    vault.keys(store).add(
        JournalKey(
            partner="a",
            generation=1,
            recipient=material.recipient,
            wrapped_identity=material.wrapped_identity,
            demo=True,
        )
    )
    with pytest.raises(AccessDeniedError, match="demo"):
        vault.add_entry(store, "a", {"body": "real words"})
    with pytest.raises(AccessDeniedError, match="demo"):
        vault.unlock(store, "a", crypto.DEMO_PASSPHRASE, delay=0)
    assert vault.entries(store).count() == 0


def test_a_demo_key_works_in_a_demo_home_and_passwd_makes_it_real(store: Store) -> None:
    """In a marked demo home the demo passphrase opens a demo key; passwd wraps it properly."""
    vault.mark_demo_home(store)
    key = vault.store_key(store, "a", crypto.demo_keys(), demo=True)
    entry = vault.add_entry(store, "a", {"title": "demo words"})
    with pytest.raises(AccessDeniedError):
        vault.unlock(store, "a", "not the demo one", delay=0)
    with vault.unlocked(store, "a", crypto.DEMO_PASSPHRASE, delay=0) as session:
        assert [item.id for item in session.entries()] == [entry.id]
    assert "demo key" in vault.strength(key)
    changed = vault.change_passphrase(store, "a", crypto.DEMO_PASSPHRASE, "my own phrase now")
    assert changed.demo is False and crypto.work_factor(changed.wrapped_identity) is not None
    assert "AGE-SECRET-KEY" not in changed.wrapped_identity
    with vault.unlocked(store, "a", "my own phrase now", delay=0) as session:
        assert [item.id for item in session.entries()] == [entry.id]


def test_a_journal_list_reads_once_and_never_builds_the_other_partners_entries(
    store: Store,
    keyring: Keyring,
    built: Callable[[type[Any]], list[Any]],
) -> None:
    """overview() gives search()'s entries and the sealed count from one reading, and the
    other partner's own entries are skipped before any of them is built; a shared one is
    read."""
    from workbook.journal.models import JournalEntry

    install(store, keyring, "a")
    install(store, keyring, "b")
    vault.add_entry(store, "a", {"body": "mine", "tags": ["walk"]})
    vault.add_entry(store, "a", {"body": "mine too"})
    for n in range(5):
        vault.add_entry(store, "b", {"body": f"only Ben's {n}"})
    shared = vault.add_entry(store, "b", {"body": "for both"})
    with session_for(store, keyring, "b") as ben:
        ben.share(shared.id)
    seen = built(JournalEntry)
    with session_for(store, keyring, "a") as ana:
        found, sealed, older = ana.overview()
        assert len(seen) == 3
        assert sorted(i.payload.body for i in found) == ["for both", "mine", "mine too"]
        assert sealed == len(ana.sealed_entries()) == 0
        assert older == 0
        assert [i.payload.body for i in ana.overview("", ["walk"])[0]] == ["mine"]
        assert [i.id for i in ana.overview("both")[0]] == [i.id for i in ana.search("both")]


def test_a_journal_page_decrypts_only_its_entries_and_a_search_looks_through_all(
    store: Store,
    keyring: Keyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """overview(limit=2) of five entries opens only the newest two, newest first, and says
    three older ones are left; with search words or tags the limit does not apply, so an old
    entry is still found."""
    install(store, keyring, "a")
    ids = [vault.add_entry(store, "a", {"body": f"day {n}", "tags": ["t"]}).id for n in range(5)]
    opened: list[str] = []
    real = crypto.open_sealed

    def counting(identity: crypto.Identity, armored: str) -> bytes:
        opened.append(armored)
        return real(identity, armored)

    monkeypatch.setattr(crypto, "open_sealed", counting)
    with session_for(store, keyring, "a") as ana:
        found, sealed, older = ana.overview(limit=2)
        assert [i.id for i in found] == [ids[4], ids[3]]
        assert (len(opened), sealed, older) == (2, 0, 3)
        assert [i.payload.body for i in ana.overview("day 0", limit=2)[0]] == ["day 0"]
        assert len(ana.overview("", ["t"], limit=2)[0]) == 5


def test_a_journal_page_builds_only_its_entries_and_counts_the_sealed_ones(
    store: Store,
    keyring: Keyring,
    built: Callable[[type[Any]], list[Any]],
) -> None:
    """Under a newer key, a page of two of the three entries it can read builds just those two
    (newest first) besides the five sealed under the old key, which it counts, and says one
    older entry is left unopened."""
    from workbook.journal.models import JournalEntry

    install(store, keyring, "a")
    for n in range(5):
        vault.add_entry(store, "a", {"body": f"old {n}"})
    vault.store_key(store, "a", keyring["b"], new_key=True)
    identity = crypto.unwrap(keyring["b"].wrapped_identity, PASSPHRASES["b"])
    with vault.JournalSession(store, vault.require_key(store, "a"), identity) as newer:
        ids = [newer.add({"body": f"new {n}"}).id for n in range(3)]
        seen = built(JournalEntry)
        found, sealed, older = newer.overview(limit=2)
    assert [item.id for item in found] == [ids[2], ids[1]]
    assert (sealed, older) == (5, 1)
    assert len(seen) == 2 + 5
