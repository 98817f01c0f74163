"""A workbook on read-only media, or in a folder the person may not write: reading works.

Tests run as root, where permissions do not stop writes, so a read-only mount is simulated the
way the kernel shows one: inside the home folder every call that would change the disk fails
with EROFS, and ``os.access(..., W_OK)`` says no. Reads then work without the write lock and
with a "read-only" note; every write, backup and restore is refused with a sentence and exit 7
(never a crash), and nothing in the folder changes.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workbook import locations
from workbook.cli import run
from workbook.errors import ExitCode, StoreIOError
from workbook.store import Store

Snapshot = dict[str, tuple[bytes, int]]

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def wb(home: Path, *args: str) -> int:
    """Run one CLI command against ``home``."""
    return run(["--home", str(home), *args])


def snapshot(home: Path) -> Snapshot:
    """Every file under ``home`` with its bytes and modification time."""
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in home.rglob("*") if p.is_file()}


class ReadOnlyDisk:
    """Makes the folder ``root`` behave like a read-only mount for this process."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch, errno_: int) -> None:
        self.root = os.path.realpath(root)
        self.errno = errno_
        self.patch = monkeypatch

    def inside(self, path: Any) -> bool:
        if isinstance(path, int):
            return False
        full = os.path.realpath(os.fsdecode(path))
        return full == self.root or full.startswith(self.root + os.sep)

    def refuse(self, path: Any) -> None:
        raise OSError(self.errno, os.strerror(self.errno), os.fsdecode(path))

    def guard(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(path: Any, *args: Any, **kwargs: Any) -> Any:
            if self.inside(path):
                self.refuse(path)
            return real(path, *args, **kwargs)

        return guarded

    def install(self, *, access_says_writable: bool = False) -> None:
        real_open, real_io_open, real_access = os.open, io.open, os.access

        def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & _WRITE_FLAGS and self.inside(path):
                self.refuse(path)
            return real_open(path, flags, *args, **kwargs)

        def io_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if set(mode) & set("wax+") and self.inside(file):
                self.refuse(file)
            return real_io_open(file, mode, *args, **kwargs)

        def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
            if mode & os.W_OK and self.inside(path) and not access_says_writable:
                return False
            return real_access(path, mode, *args, **kwargs)

        self.patch.setattr(os, "open", os_open)
        self.patch.setattr(io, "open", io_open)
        self.patch.setattr(builtins, "open", io_open)
        self.patch.setattr(os, "access", access)
        for name in ("mkdir", "chmod", "replace", "rename", "unlink", "remove", "rmdir", "utime"):
            self.patch.setattr(os, name, self.guard(getattr(os, name)))


@pytest.fixture
def workbook(home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A home with a couple, one goal and one backup, made while the disk was writable."""
    assert wb(home, "couple", "init", "--a", "Sam", "--b", "Alex") == 0
    assert wb(home, "goals", "add", "Walk after dinner", "--cadence", "daily", "--shared") == 0
    assert wb(home, "backup") == 0
    capsys.readouterr()
    return home


READS = [("couple", "show"), ("goals", "list"), ("due",), ("restore", "--list")]
WRITES = [
    ("couple", "init", "--a", "Kim", "--b", "Lou", "--force"),
    ("goals", "add", "Read together", "--cadence", "daily", "--shared"),
    ("backup",),
    ("restore", "--latest"),
]


@pytest.mark.parametrize("errno_", [errno.EROFS, errno.EACCES])
def test_reading_works_and_writing_is_refused(
    workbook: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], errno_: int
) -> None:
    """On a read-only disk (or a folder the person may not write), every read command exits 0
    and shows the data with a note that the workbook is read-only; every write, backup and
    restore exits 7 with a sentence saying nothing was changed; no file in the folder changes
    and no crash report is written."""
    before = snapshot(workbook)
    ReadOnlyDisk(workbook, monkeypatch, errno_).install()
    for command in READS:
        assert wb(workbook, *command) == 0, command
        _out, err = capsys.readouterr()
        assert "not allowed to write" not in err
        if command[0] != "restore":
            assert "read-only" in err, command
    assert wb(workbook, "couple", "show") == 0
    assert "a: Sam (cyan)" in capsys.readouterr().out
    for command in WRITES:
        assert wb(workbook, *command) == ExitCode.IO, command
        err = capsys.readouterr().err
        assert "Nothing was" in err, command
        assert "read-only" in err, command
        assert "crash report" not in err
    assert snapshot(workbook) == before
    assert not locations.crash_dir(workbook).exists()


def test_read_only_store_says_why_and_takes_no_lock(
    workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened as the app opens it (holding the lock), a workbook on a read-only disk opens
    read-only without the lock, reads its records and says why in read_only_note; a write
    raises StoreIOError (exit 7) with that sentence."""
    ReadOnlyDisk(workbook, monkeypatch, errno.EROFS).install()
    with Store.open(workbook, hold_lock=True) as store:
        assert store.readonly
        assert store.read_only_note is not None
        assert "read-only" in store.read_only_note
        assert not store._lock.held
        assert [p["name"] for p in store.peek("couple")[0]["partners"]] == ["Sam", "Alex"]
        with pytest.raises(StoreIOError, match="Nothing was saved") as caught:
            store.backup()
    assert caught.value.exit_code == ExitCode.IO


def test_a_lock_that_cannot_be_made_stops_writes_not_reads(
    workbook: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the folder looks writable but the lock file cannot be made (e.g. a mount that
    os.access misjudges), reads still work and a write exits 7 with a sentence naming the lock
    file, not a crash."""
    ReadOnlyDisk(workbook, monkeypatch, errno.EROFS).install(access_says_writable=True)
    assert wb(workbook, "goals", "list") == 0
    capsys.readouterr()
    assert wb(workbook, "goals", "add", "Read", "--cadence", "daily", "--shared") == ExitCode.IO
    err = capsys.readouterr().err
    assert "Nothing was" in err
    assert "crash report" not in err


def test_a_file_that_cannot_be_read_says_read(
    workbook: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A data file the person may not read exits 7 with a sentence that says "read", not
    "write"."""
    real_open = io.open
    target = os.path.realpath(locations.data_file(workbook))

    def io_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, int) and os.path.realpath(os.fsdecode(file)) == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(builtins, "open", io_open)
    assert wb(workbook, "couple", "show") == ExitCode.IO
    err = capsys.readouterr().err
    assert f"not allowed to read {target}" in err
    assert "write" not in err


def test_no_workbook_on_a_read_only_disk(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where the folder does not exist and cannot be made, a command exits 7 with a sentence."""
    home.parent.mkdir(parents=True, exist_ok=True)
    ReadOnlyDisk(home.parent, monkeypatch, errno.EROFS).install()
    assert wb(home, "couple", "show") == ExitCode.IO
    assert str(home) in capsys.readouterr().err
    assert not home.exists()
