"""Crash reports that help fix bugs without exposing anything private.

A report holds the exception's type and the chain of source locations (file, line, function)
only: never the exception's message, never local variables, never answer or journal text,
because either could carry what a partner typed.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from workbook import __version__, clock, locations

SAFE_MESSAGE = (
    "Something went wrong inside the workbook. What was saved before is safe. "
    "A crash report without any of your words was written to {path}."
)


def describe(exc: BaseException) -> str:
    """The report's text: exception types and frames, no messages, no locals."""
    lines = [
        f"couples-workbook {__version__}",
        f"time: {clock.now().isoformat(timespec='seconds')}",
    ]
    current: BaseException | None = exc
    while current is not None:
        lines.append(f"exception: {type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
    return "\n".join(lines) + "\n"


def write_report(home: Path | None, exc: BaseException) -> Path | None:
    """Write a crash report into the home's crash folder; return its path (None if impossible)."""
    try:
        folder = locations.ensure_private_dir(locations.crash_dir(home or locations.home_dir()))
        path = folder / f"crash-{clock.now().strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(describe(exc))
        return path
    except OSError:
        return None
