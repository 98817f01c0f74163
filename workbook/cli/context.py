"""Shared helpers for CLI commands: the chosen home, the store, consoles, text and secret input.

Passphrases are never command-line arguments: they come from a hidden prompt, or one line per
prompt from standard input with ``--passphrase-stdin``. Private words (a private goal's title,
why, check-in notes and skip reasons; journal entries) come from standard input too, through
:func:`read_text`.

Standard input is read as bytes and decoded here, at the boundary. Free text keeps every word:
a byte that is not UTF-8 becomes U+FFFD (one per byte) and a warning says how many were
replaced. A passphrase is never changed behind the person's back: one that is not UTF-8 is
refused, because a replaced byte would seal to a passphrase nobody typed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

import typer

from workbook import console as consoles
from workbook import locations
from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.store import Store

# The consoles every command prints to (:mod:`workbook.console`, shared with the fast lines).
console = consoles.stdout()
err_console = consoles.stderr()


def home_from(ctx: typer.Context) -> Path:
    """The data folder chosen by ``--home`` / ``WORKBOOK_HOME`` / the platform default."""
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    return locations.home_dir(obj.get("home"))


def open_store(ctx: typer.Context, *, readonly: bool = False) -> Store:
    """Open the store in CLI mode (lock per write, re-read inside the lock), or ``readonly``
    for commands that only read (no lock, and no folder made where there was none).

    A workbook whose folder cannot be written opens read-only, and a note says so.
    """
    return consoles.open_store(home_from(ctx), readonly=readonly)


REPLACEMENT: Final = "\ufffd"


def _stdin_text(*, line: bool) -> str:
    """All of standard input (or one line), with each byte that is not UTF-8 as a lone surrogate.

    Reads the byte layer when there is one, so no decoding error can escape; a text stream
    without one (as tests give) is read as it is.
    """
    stream = sys.stdin
    if stream is None:
        return ""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        return stream.readline() if line else stream.read()
    data: bytes = raw.readline() if line else raw.read()
    return data.decode("utf-8", errors="surrogateescape")


def _replace_undecodable(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate (an undecodable byte) as U+FFFD, and how many."""
    count = sum(1 for char in text if "\ud800" <= char <= "\udfff")
    if not count:
        return text, 0
    return "".join(REPLACEMENT if "\ud800" <= c <= "\udfff" else c for c in text), count


def read_text(what: str) -> str:
    """Free text from standard input, all of it, stripped; nothing typed is ever dropped.

    Bytes that are not UTF-8 are kept as U+FFFD, and a warning on standard error says how many.
    """
    if sys.stdin is None:
        raise WorkbookError(f"Expected the {what} on standard input.")
    if sys.stdin.isatty():
        err_console.print(f"Type the {what}, then press Ctrl-D on a new line.", markup=False)
    text, replaced = _replace_undecodable(_stdin_text(line=False))
    if replaced:
        err_console.print(
            f"Warning: {replaced} byte{'s' if replaced != 1 else ''} in the {what} "
            f"{'were' if replaced != 1 else 'was'} not UTF-8 text and "
            f"{'were' if replaced != 1 else 'was'} saved as \N{REPLACEMENT CHARACTER}.",
            markup=False,
        )
    return text.strip()


def read_line() -> str:
    """One line of standard input (empty at its end), for answers such as y or n.

    An answer is not kept, so bytes that are not UTF-8 simply become U+FFFD.
    """
    return _replace_undecodable(_stdin_text(line=True))[0]


def refuse_undecodable(value: str, what: str) -> str:
    """``value`` unchanged, or a usage error naming ``what`` if it holds bytes that are not
    UTF-8 (Python gives them as lone surrogates). Nothing is changed when it is refused."""
    if _replace_undecodable(value)[1]:
        raise _not_utf8(what)
    return value


def _not_utf8(what: str) -> WorkbookError:
    return WorkbookError(
        f"{what} holds bytes that are not UTF-8 text; type it again in UTF-8. Nothing was changed."
    )


def read_secret(prompt: str, *, from_stdin: bool, confirm: bool = False) -> str:
    """Read a passphrase: hidden prompt, or one line from standard input per prompt.

    A passphrase with bytes that are not UTF-8 is refused, never silently changed.
    """
    import getpass

    def one(label: str) -> str:
        if from_stdin:
            line = _stdin_text(line=True)
            if not line:
                raise WorkbookError(f"Expected a line on standard input for: {label}")
            return refuse_undecodable(line.rstrip("\r\n"), "The passphrase")
        try:
            typed = getpass.getpass(f"{label}: ")
        except EOFError:
            raise WorkbookError("No passphrase was given.") from None
        except UnicodeDecodeError:
            raise _not_utf8("The passphrase") from None
        return refuse_undecodable(typed, "The passphrase")

    secret = one(prompt)
    if confirm and one(f"{prompt} (again)") != secret:
        raise WorkbookError("The two passphrases do not match. Nothing was changed.")
    return secret
