"""Versioned stored data: every data file records its schema version; migrations step it up.

Each migration takes the raw JSON dict at version N and returns it at version N+1. The store
backs the file up before migrating, and refuses a file from a newer workbook rather than
guessing. Version 1 is the unversioned layout of early builds (no ``_meta`` table, partner
names stored as ``name_a``/``name_b`` on the couple document).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbook.errors import StoreDamagedError

META_TABLE = "_meta"
CURRENT_VERSION = 2

Raw = dict[str, Any]


def _v1_to_v2(raw: Raw) -> Raw:
    """Add the ``_meta`` table and turn flat partner names into a list of partners."""
    couples = raw.get("couple", {})
    for doc in couples.values():
        if "partners" not in doc:
            doc["partners"] = [
                {"key": "a", "name": doc.pop("name_a", "Partner A"), "colour": "cyan"},
                {"key": "b", "name": doc.pop("name_b", "Partner B"), "colour": "magenta"},
            ]
    return raw


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2}


def version_of(raw: Raw) -> int:
    meta = raw.get(META_TABLE)
    if not meta:
        return 1
    doc: dict[str, Any] = next(iter(meta.values()), {})
    version = doc.get("schema_version", 1)
    return int(version) if isinstance(version, int) else 1


def set_version(raw: Raw, version: int) -> None:
    raw[META_TABLE] = {"1": {"schema_version": version}}


def migrate(raw: Raw, *, path: str) -> tuple[Raw, bool]:
    """Bring ``raw`` to :data:`CURRENT_VERSION`; return it and whether anything changed."""
    version = version_of(raw)
    if version > CURRENT_VERSION:
        raise StoreDamagedError(
            f"{path} was written by a newer version of the workbook (data version {version}; "
            f"this one reads up to {CURRENT_VERSION}). Please update the workbook."
        )
    changed = version != CURRENT_VERSION
    while version < CURRENT_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        set_version(raw, version)
    return raw, changed
