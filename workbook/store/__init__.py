"""Storage: one local JSON file, written atomically, locked, backed up and versioned.

Public surface: :class:`Store`, :class:`Repository`, :class:`Record`, :func:`new_id`. Nothing
here imports Textual; the UI only ever sees Pydantic models. Each name is imported on first use
(``Record`` brings Pydantic), so ``from workbook.store import Store`` stays light and
``workbook due``'s fast path can read the file's layout (:mod:`workbook.store.layout`) without
the store itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbook.store.db import Repository, Store, new_id
    from workbook.store.record import Record

__all__ = ["Record", "Repository", "Store", "new_id"]

_HOMES = {
    "Store": "workbook.store.db",
    "Repository": "workbook.store.db",
    "new_id": "workbook.store.db",
    "Record": "workbook.store.record",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
