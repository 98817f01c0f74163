"""Storage: one local JSON file, written atomically, locked, backed up and versioned.

Public surface: :class:`Store`, :class:`Repository`, :class:`Record`, :func:`new_id`. Nothing
here imports Textual; the UI only ever sees Pydantic models. ``Record`` (and with it Pydantic)
is imported on first use, so ``from workbook.store import Store`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbook.store.db import Repository, Store, new_id

if TYPE_CHECKING:
    from workbook.store.record import Record

__all__ = ["Record", "Repository", "Store", "new_id"]


def __getattr__(name: str) -> Any:
    if name == "Record":
        from workbook.store.record import Record

        return Record
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
