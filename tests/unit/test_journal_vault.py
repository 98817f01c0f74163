"""Private journal entries on the store: sealing, unlocking, sharing, new keys and passwd."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from workbook import locations
from workbook.errors import AccessDeniedError, NotFoundError, WorkbookError
from workbook.journal import crypto, vault
from workbook.journal.models import ENTRIES_TABLE, JournalPayload
from workbook.partners import PartnerKey
from workbook.store import Store

PASSPHRASES: dict[PartnerKey, str] = {"a": "lanterns over water", "b": "seven blue kites"}


@pytest.fixture(scope="module")
def keyring() -> dict[PartnerKey, tuple[crypto.KeyMaterial, str]]:
    """Real keys for both partners and their secret text (made once: scrypt is slow)."""
    from pyrage import passphrase

    ring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]] = {}
    for partner, phrase in PASSPHRASES.items():
        material = crypto.create_keys(phrase)
        secret = passphrase.decrypt(material.wrapped_identity.encode(), phrase).decode()
        ring[partner] = (material, secret)
    return ring


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path) as opened:
        yield opened


def install(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]], partner: PartnerKey
) -> None:
    """Store a partner's prepared key (setup_key minus the slow scrypt run)."""
    vault.store_key(store, partner, keyring[partner][0])


def session_for(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]], partner: PartnerKey
) -> vault.JournalSession:
    """An unlocked session without another scrypt run (unlock() itself is tested separately)."""
    from pyrage import x25519

    identity = crypto.Identity(x25519.Identity.from_str(keyring[partner][1]))
    return vault.JournalSession(store, vault.require_key(store, partner), identity)


def stored_entries(home: Path) -> dict[str, object]:
    """The entry table exactly as it is on disk."""
    raw = orjson.loads(locations.data_file(home).read_bytes())
    table: dict[str, object] = raw.get(ENTRIES_TABLE, {})
    return table


def test_add_needs_no_passphrase_and_stores_only_metadata_in_the_clear(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
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


def test_unlock_lists_own_entries_newest_first(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
    """After one real unlock, entries come back decrypted and newest first."""
    install(store, keyring, "a")
    vault.add_entry(store, "a", {"title": "first", "body": "one"})
    vault.add_entry(store, "a", {"title": "second", "body": "two"})
    with vault.unlocked(store, "a", PASSPHRASES["a"], delay=0) as session:
        titles = [item.payload.title for item in session.entries()]
    assert titles == ["second", "first"]


def test_wrong_passphrase_is_denied_after_a_pause_and_changes_nothing(
    store: Store,
    keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]],
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
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
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
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
    """A new key generation opens new entries; entries of the old generation stay sealed."""
    install(store, keyring, "a")
    old = vault.add_entry(store, "a", {"body": "old generation"})
    with pytest.raises(WorkbookError, match="already has"):
        vault.setup_key(store, "a", "another phrase here")
    with pytest.raises(WorkbookError, match="already has"):
        vault.store_key(store, "a", keyring["b"][0])
    new_key = vault.setup_key(store, "a", "another phrase here", new_key=True)
    assert new_key.generation == 2
    vault.add_entry(store, "a", {"body": "new generation"})
    with vault.unlocked(store, "a", "another phrase here", delay=0) as session:
        assert [i.payload.body for i in session.entries()] == ["new generation"]
        assert [e.id for e in session.sealed_entries()] == [old.id]
        with pytest.raises(crypto.SealedError):
            session.get(old.id)


def test_share_makes_an_entry_readable_by_both_partners(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
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


def test_share_needs_the_other_partner_to_have_a_key(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
    """Sharing before the partner has a journal key is refused with a clear sentence."""
    install(store, keyring, "a")
    entry = vault.add_entry(store, "a", {"body": "waiting"})
    session = session_for(store, keyring, "a")
    assert not session.can_share
    with pytest.raises(NotFoundError, match="partner has no journal key"):
        session.share(entry.id)
    assert not session.get(entry.id).entry.shared


def test_edit_reseals_new_contents(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
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


def test_search_matches_text_and_tags_case_insensitively(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
    """search() filters decrypted entries by words anywhere and by every given tag."""
    install(store, keyring, "a")
    vault.add_entry(store, "a", {"title": "Beach", "body": "Sunny day", "tags": ["Trip"]})
    vault.add_entry(store, "a", {"title": "Home", "body": "rainy evening", "tags": ["rest"]})
    session = session_for(store, keyring, "a")
    assert [i.payload.title for i in session.search("SUNNY")] == ["Beach"]
    assert [i.payload.title for i in session.search(tags=["trip"])] == ["Beach"]
    assert [i.payload.title for i in session.search("evening", tags=["trip"])] == []
    assert session.all_tags() == ["rest", "Trip"]


def test_closed_session_refuses_everything(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
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


def test_seal_for_and_open_for_serve_other_private_data(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
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


def test_invalid_payload_errors_never_quote_the_text(
    store: Store, keyring: dict[PartnerKey, tuple[crypto.KeyMaterial, str]]
) -> None:
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
