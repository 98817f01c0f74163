"""Storage: one local TinyDB file, written atomically, locked, backed up and versioned.

Public surface: :class:`Store`, :class:`Repository`, :class:`Record`, :func:`new_id`. Nothing
here imports Textual; the UI only ever sees Pydantic models.
"""

from workbook.store.db import Record, Repository, Store, new_id

__all__ = ["Record", "Repository", "Store", "new_id"]
