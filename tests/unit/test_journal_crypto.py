"""The age layer of private journals: key creation, wrapping, sealing and opening."""

from __future__ import annotations

import base64

import pytest

from workbook.errors import AccessDeniedError, WorkbookError
from workbook.journal import crypto

PASSPHRASE = "quiet river morning"

# About age's passphrase mode itself: every wrapping is opened by age (see conftest).
pytestmark = pytest.mark.real_scrypt


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


def armored_with_work_factor(log_n: int) -> str:
    """Armored text whose age header names a scrypt work factor (the rest is not real age)."""
    header = (
        b"age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA " + str(log_n).encode() + b"\n"
    )
    body = base64.b64encode(header + b"AAAA\n--- bWFj\n").decode()
    return "\n".join([crypto.ARMOR_BEGIN, body, crypto.ARMOR_END]) + "\n"


def test_work_factor_is_read_from_the_armored_header(material: crypto.KeyMaterial) -> None:
    """work_factor reads the logN of a real wrapping and of a given header; others give None."""
    from pyrage import passphrase

    real = crypto.work_factor(material.wrapped_identity)
    assert real is not None and 10 <= real <= 30
    assert crypto.work_factor(armored_with_work_factor(17)) == 17
    assert crypto.work_factor(crypto.seal([material.recipient], b"x")) is None  # no scrypt
    assert crypto.work_factor("not armored at all") is None
    assert crypto.work_factor(f"{crypto.ARMOR_BEGIN}\n!!!\n{crypto.ARMOR_END}") is None
    # The header age itself writes: the armored text decodes to "-> scrypt <salt> <logN>".
    raw = passphrase.encrypt(b"x", "a passphrase", armored=True).decode()
    assert crypto.work_factor(raw) == int(
        next(
            line.split()[-1]
            for line in base64.b64decode("".join(raw.strip().splitlines()[1:-1])).split(b"\n")
            if line.startswith(b"-> scrypt")
        )
    )


@pytest.mark.key_wrapping
@pytest.mark.parametrize(
    ("offered", "kept", "asked"),
    [
        ([19], 19, 1),  # in range at once: one scrypt run
        ([16, 17, 18], 18, 3),  # below the floor: asks again until it is met
        ([17, 16, 17, 16], 17, 4),  # never met: the strongest of the weak ones
        ([22, 21, 20], 20, 3),  # above the ceiling: asks again too
        ([21, 17, 22, 23], 21, 4),  # never in range: the nearest, a stronger before a weaker
    ],
)
def test_wrap_asks_age_again_until_the_work_factor_is_in_range(
    monkeypatch: pytest.MonkeyPatch, offered: list[int], kept: int, asked: int
) -> None:
    """_wrap keeps asking age (up to WRAP_ATTEMPTS) while the logN is outside floor..ceiling."""
    calls: list[int] = []

    def fake(identity_text: bytes, passphrase: str) -> str:
        calls.append(1)
        return armored_with_work_factor(offered[len(calls) - 1])

    monkeypatch.setattr(crypto, "_encrypt_with_passphrase", fake)
    assert crypto.WORK_FACTOR_FLOOR == 18 and crypto.WORK_FACTOR_CEILING == 20
    assert crypto.work_factor(crypto._wrap(b"identity", "passphrase")) == kept
    assert len(calls) == asked


def test_demo_identity_opens_only_with_the_demo_passphrase() -> None:
    """A demo key's plain identity opens with the public demo passphrase and nothing else."""
    material = crypto.demo_keys()
    assert material.wrapped_identity.startswith("AGE-SECRET-KEY-1")
    identity = crypto.open_demo_identity(material.wrapped_identity, crypto.DEMO_PASSPHRASE)
    assert identity.recipient == material.recipient
    with pytest.raises(AccessDeniedError):
        crypto.open_demo_identity(material.wrapped_identity, "a guess at it")
