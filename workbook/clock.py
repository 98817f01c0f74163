"""The workbook's one clock: the current local time, timezone-aware.

Every stored time is ISO 8601 with its offset; tests replace this function to move time.
"""

from __future__ import annotations

from datetime import datetime


def now() -> datetime:
    """The current local time, timezone-aware."""
    return datetime.now().astimezone()
