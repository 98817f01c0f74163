"""One writer at a time: a lock file (filelock) plus a small note saying who holds it.

The TUI holds the lock for its whole lifetime; CLI commands take it for one operation and
re-read the data inside it. TinyDB supports neither several processes nor a lock around a
long-lived instance (shared REFERENCE: a lock alone still lost writes because TinyDB caches
the next document id), which is why the store re-reads after every acquire.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from workbook import locations
from workbook.errors import StoreBusyError, StoreIOError
from workbook.store.atomic import describe_os_error

if TYPE_CHECKING:
    from filelock import FileLock


class WorkbookLock:
    """The data folder's write lock; re-entrant within one process."""

    def __init__(self, home: Path, purpose: str) -> None:
        self.home = home
        self.purpose = purpose
        self._made: FileLock | None = None

    @property
    def _lock(self) -> FileLock:
        """The file lock, made at the first acquire: a command that only reads never takes
        it, and does not import filelock (about a twentieth of ``goals list`` at six weeks)."""
        if self._made is None:
            from filelock import FileLock

            # One holder per process, shared by its threads (filelock's default is per thread,
            # so a TUI worker thread writing through the app's store was told the workbook was
            # open elsewhere, by itself). Threads of one process are serialised by the Store.
            lock_file = str(locations.lock_file(self.home))
            self._made = FileLock(lock_file, mode=0o600, thread_local=False)
        return self._made

    @property
    def held(self) -> bool:
        return self._made is not None and bool(self._made.is_locked)

    def holder(self) -> str:
        """Who holds the lock, in words ("the workbook app (pid 12, host, since 22:40)")."""
        try:
            info = orjson.loads(locations.lock_info_file(self.home).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return "another workbook process"
        return (
            f"{info.get('purpose', 'another workbook process')} "
            f"(process {info.get('pid', '?')} on {info.get('host', '?')}, "
            f"since {info.get('since', '?')})"
        )

    def acquire(self, timeout: float) -> None:
        """Take the lock or raise :class:`StoreBusyError` saying who has it and where."""
        from filelock import Timeout

        was_held = self.held
        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            raise StoreBusyError(
                f"The workbook in {self.home} is open elsewhere: {self.holder()}. "
                "Close it there, then try again."
            ) from None
        except OSError as exc:  # the lock file cannot be made: read-only disk, no permission
            why = describe_os_error(exc, locations.lock_file(self.home))
            raise StoreIOError(f"Nothing was changed. {why}") from None
        if not was_held:
            import socket

            info = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "since": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
                "purpose": self.purpose,
            }
            with contextlib.suppress(OSError):
                path = locations.lock_info_file(self.home)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(orjson.dumps(info))

    def release(self) -> None:
        if self._lock.lock_counter == 1:
            with contextlib.suppress(OSError):
                locations.lock_info_file(self.home).unlink()
        self._lock.release()
