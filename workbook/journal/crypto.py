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

**How strong the wrapping is.** age's passphrase mode stretches the passphrase with scrypt.
``pyrage``'s ``passphrase.encrypt`` has no work-factor argument: age times the machine for about
one second and picks the work factor (logN, memory 2^logN KiB) from that, so a busy machine
stores a weaker wrapping than an idle one. The chosen logN is written in the armored file's
header (``-> scrypt <salt> <logN>``), which :func:`work_factor` reads. :func:`wrap` asks age
again (up to :data:`WRAP_ATTEMPTS` times) until the logN lies between
:data:`WORK_FACTOR_FLOOR` and :data:`WORK_FACTOR_CEILING`; a wrapping that still ends below the
floor is strengthened at the next successful unlock (see ``vault``), the way a password hash is
upgraded at login. Nothing of the scrypt or the format is done here by hand.

**Demo keys.** The demo couple's passphrase is printed on the screen, so wrapping its keys would
protect nothing and cost a second and a gigabyte each. A demo key keeps its identity as plain
age identity text; :func:`open_demo_identity` reads it. The vault accepts such a key only in a
home marked as a demo (see ``vault.DEMO_TABLE``).

``pyrage`` is imported inside the functions, so importing the package stays fast. No function
here writes to disk, logs, or puts a payload or passphrase into an exception message.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from dataclasses import dataclass
from typing import Any

from workbook.errors import AccessDeniedError, WorkbookError

WRONG_PASSPHRASE = "That passphrase is not right. Nothing was changed."
MIN_PASSPHRASE_LENGTH = 8
ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = "-----END AGE ENCRYPTED FILE-----"
DEMO_PASSPHRASE = "demo-passphrase"
"""The demo couple's journal passphrase: public (the demo shows it on screen)."""

WORK_FACTOR_FLOOR = 18
"""The weakest scrypt work factor (logN) kept for a real key: 2^18 x 1 KiB = 256 MiB to unwrap."""
WORK_FACTOR_CEILING = 20
"""The strongest aimed for: logN 20 needs 1 GiB while unlocking; more risks running out of memory
(22 would need 4 GiB) and being refused by age on a slower or busier machine."""
WRAP_ATTEMPTS = 4
"""How often :func:`wrap` asks age for a wrapping before keeping the best one it got."""


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


def work_factor(wrapped: str) -> int | None:
    """The scrypt work factor (logN) in an armored age passphrase file, or None if there is none.

    Only the header is read: the armored text is base64 of the age file, whose header has a
    line ``-> scrypt <salt> <logN>`` for a passphrase recipient.
    """
    lines = wrapped.strip().splitlines()
    if len(lines) < 3 or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        return None
    try:
        raw = base64.b64decode("".join(lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        return None
    for line in raw.split(b"\n"):
        if line.startswith(b"---"):
            break  # the end of the header
        parts = line.split(b" ")
        if len(parts) == 4 and parts[:2] == [b"->", b"scrypt"] and parts[3].isdigit():
            return int(parts[3])
    return None


def meets_floor(wrapped: str) -> bool:
    """Whether a wrapped identity is stretched at least at :data:`WORK_FACTOR_FLOOR`."""
    found = work_factor(wrapped)
    return found is not None and found >= WORK_FACTOR_FLOOR


def _distance(log_n: int | None) -> tuple[int, int]:
    """How far a work factor is from the wanted range (0 inside), then stronger first."""
    if log_n is None:
        return (99, 0)
    if log_n < WORK_FACTOR_FLOOR:
        return (WORK_FACTOR_FLOOR - log_n, -log_n)
    return (max(0, log_n - WORK_FACTOR_CEILING), -log_n)


def _encrypt_with_passphrase(identity_text: bytes, passphrase: str) -> str:
    from pyrage import passphrase as age_passphrase

    armored: bytes = age_passphrase.encrypt(identity_text, passphrase, armored=True)
    return armored.decode("ascii")


def _wrap(identity_text: bytes, passphrase: str) -> str:
    """Wrap with age's passphrase mode; ask again while the work factor is outside the range.

    age picks the work factor by timing the machine, so under load it can come out below the
    floor; asking again usually lands in range. After :data:`WRAP_ATTEMPTS` the closest one is
    kept (a stronger one before a weaker one), and a key below the floor is strengthened at its
    next unlock.
    """
    best = _encrypt_with_passphrase(identity_text, passphrase)
    for _ in range(WRAP_ATTEMPTS - 1):
        if _distance(work_factor(best))[0] == 0:
            break
        candidate = _encrypt_with_passphrase(identity_text, passphrase)
        if _distance(work_factor(candidate)) < _distance(work_factor(best)):
            best = candidate
    return best


def wrap_identity(identity: Identity, passphrase: str) -> str:
    """Wrap an unlocked identity again with ``passphrase`` (to strengthen its wrapping)."""
    return _wrap(str(identity._age()).encode("ascii"), passphrase)


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
    identity_text = _unwrap_text(wrapped, passphrase)
    if identity_text is None:
        raise AccessDeniedError(WRONG_PASSPHRASE)
    return _identity_from(identity_text)


def demo_keys() -> KeyMaterial:
    """A new key for the demo couple: its identity is kept as plain text (see the module doc)."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    return KeyMaterial(recipient=str(identity.to_public()), wrapped_identity=str(identity))


def open_demo_identity(stored: str, passphrase: str) -> Identity:
    """Read a demo key's plain identity; the demo passphrase is still asked, as for any key."""
    if passphrase != DEMO_PASSPHRASE:
        raise AccessDeniedError(WRONG_PASSPHRASE)
    return _identity_from(stored.encode("ascii", errors="replace"))


def _identity_from(identity_text: bytes) -> Identity:
    """An age identity file's one key: comment lines are skipped, anything else is damage."""
    import pyrage
    from pyrage import x25519

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
