"""A note of the data file that was last found sound, so unchanged data is not checked again.

Every record is checked when the data file is loaded (:mod:`workbook.store.checks`), which at
ten years of use costs a good part of a second. The store therefore notes beside the file the
identity (inode, size, modification and change times) of the file it last checked or wrote
itself, and skips the check while the file is still that very file. Any change to the file
changes its change time, so an edit, a copy or a restore is checked again.

The note is only ever a shortcut: a lost, stale or torn note just means one more full check,
so it is written without fsync and failures to write it are ignored (e.g. read-only media).
It holds no data, only numbers and the workbook version. Standard library and orjson only:
``workbook due``'s fast path reads it too.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import orjson

from workbook import __version__, locations


def identity(st: os.stat_result) -> list[int]:
    """What identifies one state of a file: inode, size, modification and change times."""
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _note(ident: list[int]) -> bytes:
    return orjson.dumps({"file": ident, "workbook": __version__})


def is_checked(home: Path, ident: list[int]) -> bool:
    """Whether the data file with this identity was found sound (or written) by this version."""
    try:
        return locations.checked_file(home).read_bytes() == _note(ident)
    except OSError:
        return False


def mark(home: Path, ident: list[int]) -> None:
    """Note that the data file with this identity is sound (best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(locations.checked_file(home), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_note(ident))
