"""Where each table sits in the data file, so that a reader can parse only the tables it reads.

The data file is one JSON object of tables. :func:`dump` serialises it table by table and joins
the pieces into exactly the bytes ``orjson.dumps(tables)`` gives (a test holds the two equal),
noting each table's byte range ``[start, end)``. The store keeps these ranges in the note of the
checked file (:mod:`workbook.checked`), beside that file's identity, so that a later open of the
very same file can parse ``_meta`` alone and each other table the first time it is read: at ten
years the goals are 28 KB of a 9 MB file.

The ranges are only ever a shortcut. :func:`covers` accepts them only when, with the table names,
they account for every byte of the file outside the tables themselves, so a range that does not
fit the file is refused before anything is parsed and the whole file is read as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from workbook.checked import Span as Span  # the one definition, named here for the store


def _head(name: str, first: bool) -> bytes:
    """What stands before a table's value in the file: a comma between tables, its quoted name
    and a colon (the name quoted by orjson, as ``orjson.dumps`` of the whole object quotes it)."""
    return (b"" if first else b",") + orjson.dumps(name) + b":"


def dump(tables: Mapping[str, Any]) -> tuple[bytes, dict[str, Span]]:
    """The bytes of ``orjson.dumps(tables)``, and where each table's value lies in them."""
    parts = [b"{"]
    spans: dict[str, Span] = {}
    end = 1
    for index, (name, docs) in enumerate(tables.items()):
        head = _head(name, index == 0)
        body = orjson.dumps(docs)
        start = end + len(head)
        end = start + len(body)
        spans[name] = (start, end)
        parts += (head, body)
    parts.append(b"}")
    return b"".join(parts), spans


def spans_of(data: bytes, tables: Mapping[str, Any]) -> dict[str, Span] | None:
    """Where each of ``tables`` lies in ``data``, when ``data`` is exactly their serialisation
    (None otherwise: a file formatted by hand or by another program has no index)."""
    dumped, spans = dump(tables)
    return spans if dumped == data else None


def covers(data: bytes, spans: Mapping[str, Span]) -> bool:
    """Whether ``spans``, in order, lay out the whole of ``data``: the opening brace, each
    table's quoted name and colon right before its range, the ranges back to back, the
    closing brace. Checks only the bytes between tables, never a table's own bytes."""
    end = 1
    for index, (name, (start, stop)) in enumerate(spans.items()):
        head = _head(name, index == 0)
        if start != end + len(head) or stop <= start or data[end:start] != head:
            return False
        end = stop
    return data[:1] == b"{" and end == len(data) - 1 and data[end:] == b"}"


def table_at(data: bytes, span: Span) -> dict[str, Any] | None:
    """The table whose value lies at ``span`` in ``data``, or None if that is no JSON object."""
    try:
        value = orjson.loads(memoryview(data)[span[0] : span[1]])  # no copy of the slice
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def tables_in(
    data: bytes, spans: Mapping[str, Span], names: Iterable[str]
) -> dict[str, Any] | None:
    """The tables ``names`` (those ``data`` has), each parsed on its own, or None when the
    ranges do not lay out ``data``. A table that is no JSON object is None."""
    if not covers(data, spans):
        return None
    return {name: table_at(data, spans[name]) for name in names if name in spans}
