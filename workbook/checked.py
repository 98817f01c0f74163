"""A note of the data file that was last found sound, so unchanged data is not checked again.

Every record is checked when the data file is loaded (:mod:`workbook.store.checks`), which at
ten years of use costs a good part of a second. The store therefore notes beside the file the
identity (inode, size, modification and change times) of the file it last checked or wrote
itself, and skips the check while the file is still that very file. Any change to the file
changes its change time, so an edit, a copy or a restore is checked again.

The note also says where each table lies in that file (byte offsets, :mod:`workbook.store.layout`),
when the file is exactly the store's own serialisation, so that a command can parse only the
tables it reads; ``null`` there means the file is not laid out that way (formatted by hand).

The note is only ever a shortcut: a lost, stale or torn note just means one more full check,
so it is written without fsync and failures to write it are ignored (e.g. read-only media).
It holds no data, only numbers, table names and the workbook version. Standard library and
orjson only: ``workbook due``'s fast path reads it too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from workbook import __version__, locations

Span = tuple[int, int]
"""A table's byte range in the data file, ``[start, end)``."""


class Note(NamedTuple):
    """What the note says of a data file found sound."""

    # Where each table lies in the file (None: the file is not the store's own serialisation,
    # or the note was written by a build that did not say).
    tables: dict[str, Span] | None
    # Whether the note says anything about tables (a build before the index did not).
    indexed: bool


def identity(st: os.stat_result) -> list[int]:
    """What identifies one state of a file: inode, size, modification and change times."""
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def read(home: Path, ident: list[int]) -> Note | None:
    """What the note says of the data file with this identity (None: it was not found sound
    by this version, or the note is missing, torn or about another file)."""
    try:
        note: Any = orjson.loads(locations.checked_file(home).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(note, dict) or note.get("file") != ident:
        return None
    if note.get("workbook") != __version__:
        return None
    return Note(_spans(note.get("tables")), "tables" in note)


def _spans(value: Any) -> dict[str, Span] | None:
    """The table ranges as noted, if they are well formed (name -> [start, end])."""
    if not isinstance(value, dict):
        return None
    spans: dict[str, Span] = {}
    for name, span in value.items():
        if not (isinstance(span, list) and len(span) == 2 and all(type(n) is int for n in span)):
            return None
        spans[name] = (span[0], span[1])
    return spans


def mark(home: Path, ident: list[int], tables: Mapping[str, Span] | None) -> None:
    """Note that the data file with this identity is sound, and where its tables lie (None:
    it is not the store's own serialisation). Best effort."""
    note = {"file": ident, "workbook": __version__, "tables": tables}
    with contextlib.suppress(OSError):
        fd = os.open(locations.checked_file(home), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(orjson.dumps(note))
