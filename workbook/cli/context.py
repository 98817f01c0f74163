"""Shared helpers for CLI commands: the chosen home, the store, consoles and secret input.

Passphrases are never command-line arguments: they come from a hidden prompt, or one line per
prompt from standard input with ``--passphrase-stdin``.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from workbook import locations
from workbook.errors import WorkbookError
from workbook.store import Store


class ListFormat(StrEnum):
    """How list commands print: a table for people, or JSON for scripts."""

    table = "table"
    json = "json"


console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


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
    store = Store.open(home_from(ctx), readonly=readonly)
    if store.read_only_note is not None:
        err_console.print(f"Note: {store.read_only_note}", markup=False)
    return store


def read_secret(prompt: str, *, from_stdin: bool, confirm: bool = False) -> str:
    """Read a passphrase: hidden prompt, or one line from standard input per prompt."""
    import getpass

    def one(label: str) -> str:
        if from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise WorkbookError(f"Expected a line on standard input for: {label}")
            return line.rstrip("\r\n")
        try:
            return getpass.getpass(f"{label}: ")
        except EOFError:
            raise WorkbookError("No passphrase was given.") from None

    secret = one(prompt)
    if confirm and one(f"{prompt} (again)") != secret:
        raise WorkbookError("The two passphrases do not match. Nothing was changed.")
    return secret
