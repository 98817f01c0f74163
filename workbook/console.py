"""What a command prints with and how it opens the store, without Typer.

The Typer CLI (:mod:`workbook.cli`) and the console script's fast lines (:mod:`workbook.quick`)
run the same command bodies, so both print through these consoles and open the store the same
way. People's words print as typed: no ":smile:" codes turned into emoji (nor markup, where a
print says markup=False or a table cell is a Text). Rich is imported on the first print, so a
command that writes JSON does not load it.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from workbook.store import Store


class ListFormat(StrEnum):
    """How list commands print: a table for people, or JSON for scripts."""

    table = "table"
    json = "json"


@functools.cache
def stdout() -> Console:
    """The console for what a command answers (standard output)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False)


@functools.cache
def stderr() -> Console:
    """The console for notes, warnings and progress (standard error)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def open_store(home: Path, *, readonly: bool = False) -> Store:
    """Open the store in ``home`` in CLI mode (lock per write, re-read inside the lock), or
    ``readonly`` for commands that only read (no lock, and no folder made where there was none).

    A workbook whose folder cannot be written opens read-only, and a note says so.
    """
    from workbook.store import Store

    store = Store.open(home, readonly=readonly)
    if store.read_only_note is not None:
        stderr().print(f"Note: {store.read_only_note}", markup=False)
    return store
