"""One exception type for everything a person must be told, and the exit codes it maps to.

Domain code raises :class:`WorkbookError` (or a subclass) with a sentence written for a person;
the CLI's single exit point prints that sentence and returns ``exit_code``. No traceback ever
reaches a person for an expected failure.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, one meaning each."""

    OK = 0
    PROBLEMS = 1  # e.g. validation found problems
    USAGE = 2  # bad arguments or input
    BUSY = 3  # the workbook is open elsewhere (locked)
    DAMAGED = 4  # the data file is corrupt or unreadable
    NOT_FOUND = 5  # a named thing does not exist
    DENIED = 6  # wrong passphrase or similar
    IO = 7  # the disk said no (full, read-only, permissions)
    INTERNAL = 70  # an unexpected error (a bug); details go to a crash report


class WorkbookError(Exception):
    """An expected failure, carrying the sentence to show the person."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class NotFoundError(WorkbookError):
    """A named record, partner, exercise or file does not exist."""

    exit_code = ExitCode.NOT_FOUND


class StoreBusyError(WorkbookError):
    """Another workbook process holds the data folder's lock."""

    exit_code = ExitCode.BUSY


class StoreDamagedError(WorkbookError):
    """The data file is empty, truncated or not valid JSON; it is kept aside, never overwritten."""

    exit_code = ExitCode.DAMAGED


class StoreIOError(WorkbookError):
    """Writing failed at the operating-system level (full disk, permissions)."""

    exit_code = ExitCode.IO


class AccessDeniedError(WorkbookError):
    """A passphrase was wrong, or a private item was asked for without unlocking."""

    exit_code = ExitCode.DENIED
