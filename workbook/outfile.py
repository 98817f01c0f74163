"""One rule for every command that writes a file the person names (reports, calendars).

- The folder must exist: a missing one is a usage mistake (exit 2), the same for every
  command.
- An existing file is replaced only with ``--force``.
- Only a regular file, or a new name, is written: a folder, a device, a pipe, a socket or a
  link is refused. An atomic write replaces whatever stands at the path (as root, even a
  device such as /dev/full; shared REFERENCE), so this is checked before writing.
- The format comes from the file's extension; an unknown one is refused, naming ``--format``
  where the command has one.
- The file is written atomically and is readable by this OS user only (0600), whatever the
  umask.

Refusals are usage mistakes (exit 2) and change nothing.
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from workbook.errors import WorkbookError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a link"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def check_target(path: Path, *, force: bool) -> Path:
    """``path`` (with ``~`` expanded) if a file may be written there now, else a sentence."""
    target = path.expanduser()
    if not target.parent.is_dir():
        raise WorkbookError(f"The folder {target.parent} does not exist; create it first.")
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return target
    for is_kind, kind in _KINDS:
        if is_kind(mode):
            raise WorkbookError(f"{target} is {kind}, not a file; give a file name to write.")
    if not stat.S_ISREG(mode):
        raise WorkbookError(f"{target} is not a regular file; give a file name to write.")
    if not force:
        raise WorkbookError(f"{target} already exists. Add --force to replace it.")
    return target


F = TypeVar("F", bound=str)


def format_for(
    path: Path, suffixes: Mapping[str, F], given: F | None = None, *, has_option: bool = True
) -> F:
    """The format to write ``path`` in: from its extension, or ``given`` (``--format``).

    A known extension that contradicts ``given`` is refused; an unknown one needs ``given``
    (``has_option``: the command has a ``--format`` option to name).
    """
    from_name = suffixes.get(path.suffix.lower())
    if given is not None:
        if from_name is not None and from_name != given:
            raise WorkbookError(
                f"{path.name} is a {from_name} file name, but --format {given} was given; "
                "make them agree."
            )
        return given
    if from_name is None:
        known = ", ".join(sorted(suffixes))
        choose = ", or choose a format with --format" if has_option else ""
        raise WorkbookError(
            f"Cannot tell which format to write from the name {path.name}: end it with "
            f"{known}{choose}. Nothing was written."
        )
    return from_name


def write_file(path: Path, data: bytes, *, force: bool) -> Path:
    """Check ``path`` by the rule above and write ``data`` there atomically, mode 0600."""
    from workbook.store.atomic import write_atomic

    target = check_target(path, force=force)
    write_atomic(target, data, mode=0o600)
    return target
