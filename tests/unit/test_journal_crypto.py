"""The age layer of private journals: key creation, wrapping, sealing and opening."""

from __future__ import annotations

import pytest

from workbook.errors import AccessDeniedError, WorkbookError
from workbook.journal import crypto

PASSPHRASE = "quiet river morning"


@pytest.fixture(scope="module")
def material() -> crypto.KeyMaterial:
    """One real key (scrypt-wrapped: slow), shared by the tests of this module."""
    return crypto.create_keys(PASSPHRASE)


def fresh_identity() -> crypto.Identity:
    """An identity made without a passphrase, for tests of sealing only."""
    from pyrage import x25519

    return crypto.Identity(x25519.Identity.generate())


def test_created_key_is_armored_age_and_hides_the_secret(material: crypto.KeyMaterial) -> None:
    """The wrapped identity is armored age text; the secret key is not readable in it."""
    assert material.recipient.startswith("age1")
    assert material.wrapped_identity.startswith(crypto.ARMOR_BEGIN)
    assert "AGE-SECRET-KEY" not in material.wrapped_identity


def test_unwrap_with_the_passphrase_gives_the_matching_identity(
    material: crypto.KeyMaterial,
) -> None:
    """Unwrapping with the right passphrase yields the identity of the stored recipient."""
    identity = crypto.unwrap(material.wrapped_identity, PASSPHRASE)
    assert identity.recipient == material.recipient
    sealed = crypto.seal([material.recipient], b"round trip")
    assert crypto.open_sealed(identity, sealed) == b"round trip"


def test_wrong_passphrase_is_denied_without_chained_details(material: crypto.KeyMaterial) -> None:
    """A wrong passphrase raises AccessDeniedError with the person-facing sentence only."""
    with pytest.raises(AccessDeniedError) as caught:
        crypto.unwrap(material.wrapped_identity, "not the passphrase")
    assert str(caught.value) == crypto.WRONG_PASSPHRASE
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


def test_rewrap_keeps_the_identity_and_retires_the_old_passphrase(
    material: crypto.KeyMaterial,
) -> None:
    """After rewrap the new passphrase opens the same identity and the old one fails."""
    rewrapped = crypto.rewrap(material.wrapped_identity, PASSPHRASE, "a brand new phrase")
    assert crypto.unwrap(rewrapped, "a brand new phrase").recipient == material.recipient
    with pytest.raises(AccessDeniedError):
        crypto.unwrap(rewrapped, PASSPHRASE)


def test_rewrap_refuses_a_wrong_old_passphrase(material: crypto.KeyMaterial) -> None:
    """Rewrapping with a wrong current passphrase is denied."""
    with pytest.raises(AccessDeniedError):
        crypto.rewrap(material.wrapped_identity, "wrong wrong wrong", "another phrase")


def test_short_passphrases_are_refused() -> None:
    """A passphrase shorter than the minimum is refused before any key is made."""
    with pytest.raises(WorkbookError, match="at least"):
        crypto.create_keys("short")


def test_seal_to_two_recipients_opens_for_both_and_no_one_else() -> None:
    """An entry sealed to two recipients opens with either identity and not with a third."""
    first, second, stranger = fresh_identity(), fresh_identity(), fresh_identity()
    sealed = crypto.seal([first.recipient, second.recipient], b"for both of us")
    assert sealed.startswith(crypto.ARMOR_BEGIN)
    assert "for both of us" not in sealed
    assert crypto.open_sealed(first, sealed) == b"for both of us"
    assert crypto.open_sealed(second, sealed) == b"for both of us"
    with pytest.raises(crypto.SealedError) as caught:
        crypto.open_sealed(stranger, sealed)
    assert caught.value.__context__ is None


def test_forgotten_identity_cannot_open_anything() -> None:
    """After forget() the identity refuses to open, and its repr never shows the secret."""
    identity = fresh_identity()
    sealed = crypto.seal([identity.recipient], b"x")
    assert "AGE-SECRET-KEY" not in repr(identity)
    identity.forget()
    with pytest.raises(AccessDeniedError):
        crypto.open_sealed(identity, sealed)


def test_seal_refuses_no_recipients_and_damaged_recipients() -> None:
    """Sealing needs at least one valid recipient; errors are sentences, not pyrage errors."""
    with pytest.raises(WorkbookError):
        crypto.seal([], b"x")
    with pytest.raises(WorkbookError, match="damaged"):
        crypto.seal(["age1notarealrecipient"], b"x")
