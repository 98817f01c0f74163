"""The journal's cryptography: the standard age format through ``pyrage``, nothing hand-rolled.

Each partner gets an age X25519 identity. Its public half (the *recipient*, ``age1...``) is
stored plainly, so anyone can seal an entry for that partner without a passphrase. Its secret
half (``AGE-SECRET-KEY-1...``) is stored *wrapped*: encrypted with age's own passphrase
recipient (scrypt), ASCII-armored. Reading needs one unwrap per unlock.

Everything this module produces is a normal armored age file (``-----BEGIN AGE ENCRYPTED
FILE-----``), so the standard ``age`` command-line tool opens it without this app (see
``docs/privacy.md``):

* ``age -d wrapped.age`` with the passphrase gives back the identity;
* ``age -d -i identity.txt entry.age`` gives back an entry's JSON payload.

``pyrage`` is imported inside the functions, so importing the package stays fast. No function
here writes to disk, logs, or puts a payload or passphrase into an exception message.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from workbook.errors import AccessDeniedError, WorkbookError

WRONG_PASSPHRASE = "That passphrase is not right. Nothing was changed."
MIN_PASSPHRASE_LENGTH = 8
ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"


class SealedError(AccessDeniedError):
    """An item is sealed to a key that is not the one unlocked (e.g. an older key generation)."""


@dataclass(frozen=True)
class KeyMaterial:
    """What is stored for a new key: the plain recipient and the passphrase-wrapped identity."""

    recipient: str
    wrapped_identity: str


class Identity:
    """An unwrapped age identity held in memory only while a journal is unlocked.

    Its ``repr`` shows the public recipient only, so a traceback or log line that happens to
    print it never reveals the secret key.
    """

    __slots__ = ("_inner", "recipient")

    def __init__(self, inner: Any) -> None:
        self._inner: Any = inner
        self.recipient: str = str(inner.to_public())

    def __repr__(self) -> str:
        return f"<Identity for {self.recipient}>"

    __str__ = __repr__

    def _age(self) -> Any:
        if self._inner is None:
            raise AccessDeniedError("The journal is locked. Unlock it again to continue.")
        return self._inner

    def forget(self) -> None:
        """Drop the reference to the secret key (Python cannot scrub memory; this is the most)."""
        self._inner = None


def check_new_passphrase(passphrase: str) -> None:
    """Refuse passphrases too short to resist guessing against a copied data file."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise WorkbookError(
            f"Please choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters "
            "(a few words work well)."
        )


def _wrap(identity_text: bytes, passphrase: str) -> str:
    from pyrage import passphrase as age_passphrase

    armored: bytes = age_passphrase.encrypt(identity_text, passphrase, armored=True)
    return armored.decode("ascii")


def create_keys(passphrase: str) -> KeyMaterial:
    """Make a new identity; return its recipient and the identity wrapped with ``passphrase``."""
    from pyrage import x25519

    check_new_passphrase(passphrase)
    identity = x25519.Identity.generate()
    return KeyMaterial(
        recipient=str(identity.to_public()),
        wrapped_identity=_wrap(str(identity).encode("ascii"), passphrase),
    )


def _unwrap_text(wrapped: str, passphrase: str) -> bytes | None:
    """The identity's text, or None when the passphrase (or the wrapped data) is wrong."""
    import pyrage
    from pyrage import passphrase as age_passphrase

    try:
        identity_text: bytes = age_passphrase.decrypt(wrapped.encode("ascii"), passphrase)
    except (pyrage.DecryptError, UnicodeEncodeError, ValueError):
        return None
    return identity_text


def unwrap(wrapped: str, passphrase: str) -> Identity:
    """Open a wrapped identity; a wrong passphrase raises :class:`AccessDeniedError`."""
    import pyrage
    from pyrage import x25519

    identity_text = _unwrap_text(wrapped, passphrase)
    if identity_text is None:
        raise AccessDeniedError(WRONG_PASSPHRASE)
    # An age identity file: comment lines ("# created: ...", as age-keygen writes) and one key.
    lines = identity_text.decode("ascii", errors="replace").splitlines()
    keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    inner = None
    if len(keys) == 1:
        with contextlib.suppress(pyrage.IdentityError):
            inner = x25519.Identity.from_str(keys[0])
    if inner is None:
        raise WorkbookError("The stored journal key is damaged: it is not a single age identity.")
    return Identity(inner)


def rewrap(wrapped: str, old: str, new: str) -> str:
    """Wrap the same identity with a new passphrase (the recipient and all entries stay as is)."""
    check_new_passphrase(new)
    identity_text = _unwrap_text(wrapped, old)
    if identity_text is None:
        raise AccessDeniedError(WRONG_PASSPHRASE)
    return _wrap(identity_text, new)


def seal(recipients: list[str], payload: bytes) -> str:
    """Encrypt ``payload`` to one or more age recipients; return armored age text."""
    import pyrage
    from pyrage import x25519

    if not recipients:
        raise WorkbookError("An entry needs at least one reader to be sealed for.")
    try:
        parsed = [x25519.Recipient.from_str(r) for r in recipients]
    except pyrage.RecipientError:
        raise WorkbookError(
            "A stored journal key is damaged (its public part is not a valid age recipient)."
        ) from None
    armored: bytes = pyrage.encrypt(payload, parsed, armored=True)
    return armored.decode("ascii")


def open_sealed(identity: Identity, armored: str) -> bytes:
    """Decrypt armored age text with ``identity``; :class:`SealedError` if it is not for it."""
    import pyrage

    inner = identity._age()
    try:
        plain: bytes = pyrage.decrypt(armored.encode("ascii"), [inner])
    except (pyrage.DecryptError, UnicodeEncodeError):
        plain_or_none = None
    else:
        plain_or_none = plain
    if plain_or_none is None:
        # Raised outside the except block so no pyrage exception is chained onto it.
        raise SealedError("This item is sealed with a different key and cannot be opened here.")
    return plain_or_none
