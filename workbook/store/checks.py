"""Is a data file sound? Parse it, bring it to the current version and check every record.

A file is sound when it is a JSON object of tables, every document is an object, and every
record of a table named in :mod:`workbook.store.schema` is valid for its model. The checks say
what is wrong in words (which table, which record, which field) and never repeat the stored
value: records hold private words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from workbook.errors import StoreDamagedError
from workbook.store import migrations, schema

Raw = dict[str, Any]


class Damage(Exception):
    """What is wrong with a data file, as the end of the sentence "it ..." / "the ..."."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def parse(data: bytes) -> Raw:
    """The tables in ``data``; :class:`Damage` when it is not a workbook file at all."""
    if not data.strip():
        raise Damage("it is empty")
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise Damage(f"it is not valid JSON ({exc.args[0]})") from None
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        raise Damage("it does not hold workbook tables")
    for table, docs in raw.items():
        check_table(table, docs)
    return raw


def check_table(table: str, docs: dict[str, Any]) -> None:
    """:class:`Damage` unless every key of a parsed table is a number and every value an object."""
    for key, doc in docs.items():
        if not key.isdigit():
            raise Damage(f"the {table} table has a record key that is not a number ({key!r})")
        if not isinstance(doc, dict):
            raise Damage(f"record {key} in the {table} table is not a record")


def validate(raw: Raw) -> None:
    """Check every record of every known table; :class:`Damage` names the first bad one."""
    from pydantic import ValidationError

    for table, docs in raw.items():
        checker = schema.table_checker(table)
        if checker is None or not docs:
            continue
        try:
            checker.validate_python(docs)
        except ValidationError as exc:
            raise Damage(_describe(table, docs, exc)) from None


def _describe(table: str, docs: dict[str, Any], exc: Any) -> str:
    errors = exc.errors(include_input=False, include_url=False)
    first = errors[0]
    key, *field = first["loc"]
    doc = docs.get(str(key), {})
    record_id = doc.get("id") if isinstance(doc, dict) else None
    name = f"record {record_id}" if isinstance(record_id, str) else f"record number {key}"
    where = ".".join(str(part) for part in field) or "the record"
    more = f"; {len(errors) - 1} more problem(s) in that table" if len(errors) > 1 else ""
    return f"{name} in the {table} table is not valid ({where}: {first['msg']}{more})"


def load(data: bytes, *, path: Path) -> tuple[Raw, bool]:
    """Parse and migrate ``data`` (read from ``path``); return the tables and whether they
    were migrated. Records are not checked yet: see :func:`validate`."""
    return migrations.migrate(parse(data), path=str(path))


def is_sound(path: Path) -> bool:
    """Whether the file at ``path`` (e.g. a backup) reads and every record in it is valid."""
    try:
        raw, _ = load(path.read_bytes(), path=path)
        validate(raw)
    except (OSError, Damage, StoreDamagedError):
        return False
    return True
