"""Rotating backups of the data file, and bringing one back.

One automatic backup a day (the last :data:`KEEP_DAILY` are kept) is taken the first time the
workbook writes on a given day; ``workbook backup`` takes one on demand. The store hands over
the bytes it read and checked, so a backup never copies a damaged file, and pruning never
removes the newest sound backup. Restoring never overwrites the current file: it is moved
aside first, so nothing is ever lost.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import datetime
from pathlib import Path

from workbook import locations
from workbook.errors import NotFoundError, StoreIOError
from workbook.store import checks
from workbook.store.atomic import describe_os_error, write_atomic

KEEP_DAILY = 7
KEEP_MANUAL = 20
DAILY_PREFIX = "workbook-daily-"
MANUAL_PREFIX = "workbook-manual-"


def list_backups(home: Path) -> list[Path]:
    """Every backup, newest first."""
    folder = locations.backup_dir(home)
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("workbook-*.json") if p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_backup(home: Path) -> Path | None:
    found = list_backups(home)
    return found[0] if found else None


def sound_backups(home: Path) -> tuple[Path | None, list[Path]]:
    """The newest backup whose every record is valid, and the newer ones that are damaged."""
    damaged: list[Path] = []
    for path in list_backups(home):
        if checks.is_sound(path):
            return path, damaged
        damaged.append(path)
    return None, damaged


def damage_message(path: Path, home: Path, what: str) -> str:
    """The sentence for a damaged data file: what is wrong and which backup can help."""
    newest, damaged = sound_backups(home)
    if newest is not None:
        hint = (
            f"The newest sound backup is {newest}; run `workbook restore --latest` to bring "
            "it back (the damaged file is kept aside, not deleted)."
        )
    else:
        hint = (
            "Every backup is damaged too." if damaged else "There is no backup yet."
        ) + " The file has not been changed; keep a copy before trying to repair it."
    return f"The workbook data file {path} is damaged: {what}. {hint}"


def _prune(home: Path, prefix: str, keep: int, taken: Path) -> None:
    """Keep the ``keep`` newest backups named ``prefix``, and always the newest sound one."""
    every = list_backups(home)
    doomed = [p for p in every if p.name.startswith(prefix)][keep:]
    if not doomed:
        return
    keeper = next((p for p in every if p == taken or checks.is_sound(p)), None)
    for old in doomed:
        if old != keeper:
            with contextlib.suppress(OSError):
                old.unlink()


def _copy_into(home: Path, data: bytes, name: str) -> Path:
    folder = locations.ensure_private_dir(locations.backup_dir(home))
    target = folder / name
    write_atomic(target, data)
    return target


def keep_copy(home: Path, data: bytes, label: str) -> Path:
    """Keep ``data`` (checked bytes of the data file) as a backup that is never rotated."""
    return _copy_into(home, data, f"workbook-{label}-{secrets.token_hex(4)}.json")


def daily_backup(home: Path, data: bytes, today: datetime | None = None) -> Path | None:
    """Take today's backup of ``data`` (the checked file as it was before today's first write)."""
    day = (today or datetime.now().astimezone()).strftime("%Y-%m-%d")
    name = f"{DAILY_PREFIX}{day}.json"
    if (locations.backup_dir(home) / name).exists():
        return None
    path = _copy_into(home, data, name)
    _prune(home, DAILY_PREFIX, KEEP_DAILY, path)
    return path


def manual_backup(home: Path, data: bytes) -> Path:
    """Copy ``data`` (the checked bytes of the data file) into the backup folder now."""
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d-%H%M%S")
    name, n = f"{MANUAL_PREFIX}{stamp}.json", 1
    while (locations.backup_dir(home) / name).exists():  # two backups in one second
        name, n = f"{MANUAL_PREFIX}{stamp}-{n}.json", n + 1
    path = _copy_into(home, data, name)
    _prune(home, MANUAL_PREFIX, KEEP_MANUAL, path)
    return path


def set_aside(path: Path, reason: str) -> Path | None:
    """Move a (possibly damaged) data file aside under a new name; never delete it."""
    if not path.exists():
        return None
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{reason}-{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.{reason}-{stamp}-{n}")
        n += 1
    os.replace(path, aside)
    return aside


def restore(home: Path, backup: Path) -> tuple[Path, Path | None]:
    """Bring ``backup`` back as the data file; return (restored file, where the old one went)."""
    if not backup.is_file():
        raise NotFoundError(f"There is no backup file at {backup}.")
    target = locations.data_file(home)
    try:
        locations.ensure_private_dir(home)
        data = backup.read_bytes()
        aside = set_aside(target, "replaced")
        write_atomic(target, data)
    except OSError as exc:
        raise StoreIOError(describe_os_error(exc, target)) from None
    return target, aside
