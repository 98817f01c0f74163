"""Safe, strict YAML for files that may come from anywhere, with a line and column for everything.

Exercise files are written by facilitators and shared between people, so the reader trusts
nothing (see ``shared/REFERENCE.md``, "YAML"):

* only libyaml's event parser (``CParser`` via ``yaml.CSafeLoader``; the pure-Python
  ``SafeLoader`` when libyaml is missing) turns text into events; this module composes the
  events itself, so no constructor ever runs and no Python object is ever built from a tag;
* anchors and aliases are refused (an alias bomb of a few hundred bytes can expand to tens of
  megabytes when walked), as are tags other than plain ones, duplicate keys (PyYAML silently
  keeps the last), merge keys, complex keys and more than one document;
* files above a size limit and nesting above a depth limit are refused before they can cost
  memory or a ``RecursionError`` (which is not a ``YAMLError``);
* plain scalars follow the YAML 1.2 core schema: only ``true``/``false`` are booleans, so
  ``no`` stays a string and ``12:30`` is not the number 750.

Alongside the data, :func:`load` returns a :class:`Node` tree of positions, so a validation
error about ``steps[2].options`` can be reported at the right ``line:col`` (:func:`locate`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events

try:  # libyaml's parser when present: about ten times faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 256 * 1024
"""Largest file read, in bytes; an exercise is a few kilobytes."""

MAX_DEPTH = 32
"""Deepest nesting of mappings and sequences; the exercise format needs about six."""

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")


class YamlError(Exception):
    """A file that is not acceptable YAML; ``line`` and ``col`` are 1-based."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass(slots=True)
class Node:
    """Where a value sits in the file (0-based), and where its children and keys sit."""

    line: int
    col: int
    items: dict[Any, Node] | list[Node] | None = None
    key_marks: dict[Any, tuple[int, int]] = field(default_factory=dict)
    style: str | None = None  # a scalar's quoting: None (plain), "'", '"', "|" or ">"


def resolve_plain(value: str) -> Any:
    """Turn a plain (unquoted, untagged) scalar into a value, YAML 1.2 core schema style."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        if _INF.match(value):
            return -math.inf if first == "-" else math.inf
        if _NAN.match(value):
            return math.nan
        if _INT_OCT.match(value):
            return int(value[2:], 8)
        if _INT_HEX.match(value):
            return int(value[2:], 16)
    return value


def _problem(message: str, mark: Any) -> YamlError:
    if mark is None:
        return YamlError(message)
    return YamlError(message, mark.line + 1, mark.column + 1)


class _Composer:
    """Builds plain data and a :class:`Node` tree from parser events, refusing anything unsafe."""

    def __init__(self, parser: Any, max_depth: int) -> None:
        self.parser = parser
        self.max_depth = max_depth

    def _check_event(self, event: Any, depth: int) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _problem(
                f"anchors ('&{anchor}') are not allowed; write the value out in full",
                event.start_mark,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise _problem(
                f"tags ('{tag}') are not allowed; write plain values (quote a string)",
                event.start_mark,
            )
        if depth > self.max_depth:
            raise _problem(
                f"nesting is deeper than {self.max_depth} levels; simplify the file",
                event.start_mark,
            )

    def compose(self, depth: int) -> tuple[Any, Node]:
        event = self.parser.get_event()
        mark = event.start_mark
        if isinstance(event, events.AliasEvent):
            raise _problem(
                f"aliases ('*{event.anchor}') are not allowed; write the value out in full", mark
            )
        self._check_event(event, depth)
        node = Node(mark.line, mark.column)
        if isinstance(event, events.ScalarEvent):
            plain = event.implicit[0] and event.tag is None
            node.style = event.style or None
            return (resolve_plain(event.value) if plain else event.value), node
        if isinstance(event, events.SequenceStartEvent):
            data_list: list[Any] = []
            kids: list[Node] = []
            while not self.parser.check_event(events.SequenceEndEvent):
                value, child = self.compose(depth + 1)
                data_list.append(value)
                kids.append(child)
            self.parser.get_event()
            node.items = kids
            return data_list, node
        if isinstance(event, events.MappingStartEvent):
            return self._mapping(node, depth)
        raise _problem("unexpected YAML structure", mark)  # pragma: no cover - parser guarantees

    def _mapping(self, node: Node, depth: int) -> tuple[dict[Any, Any], Node]:
        data: dict[Any, Any] = {}
        kids: dict[Any, Node] = {}
        while not self.parser.check_event(events.MappingEndEvent):
            key_event = self.parser.peek_event()
            key_mark = key_event.start_mark
            if not isinstance(key_event, events.ScalarEvent):
                raise _problem("keys must be plain words, not lists or mappings", key_mark)
            key, _ = self.compose(depth + 1)
            if key == "<<" and key_event.implicit[0]:
                raise _problem("merge keys ('<<') are not allowed", key_mark)
            if isinstance(key, float) and math.isnan(key):
                raise _problem("'.nan' cannot be a key", key_mark)
            if key in data:
                first_line = node.key_marks[key][0] + 1
                raise _problem(f"duplicate key '{key}' (first used on line {first_line})", key_mark)
            value, child = self.compose(depth + 1)
            data[key] = value
            kids[key] = child
            node.key_marks[key] = (key_mark.line, key_mark.column)
        self.parser.get_event()
        node.items = kids
        return data, node


def loads(source: str, *, max_depth: int = MAX_DEPTH) -> tuple[Any, Node]:
    """Parse one YAML document from ``source``; return its data and position tree.

    Raises :class:`YamlError` (with a 1-based line and column) for anything refused.
    """
    parser = _Loader(source)
    try:
        parser.get_event()  # stream start
        if parser.check_event(events.StreamEndEvent):
            raise YamlError("the file is empty")
        parser.get_event()  # document start
        data, node = _Composer(parser, max_depth).compose(1)
        parser.get_event()  # document end
        if not parser.check_event(events.StreamEndEvent):
            extra = parser.peek_event()
            raise _problem(
                "only one YAML document per file is allowed", getattr(extra, "start_mark", None)
            )
        return data, node
    except yaml.MarkedYAMLError as exc:
        message = exc.problem or exc.context or "not valid YAML"
        raise _problem(message, exc.problem_mark or exc.context_mark) from None
    except yaml.YAMLError as exc:  # e.g. a reader error without a mark
        raise YamlError(f"not valid YAML: {exc}") from None
    except RecursionError:
        raise YamlError(f"nesting is deeper than {max_depth} levels; simplify the file") from None
    finally:
        parser.dispose()


def load(path: Path, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> tuple[Any, Node]:
    """Read and parse ``path`` (size-checked, UTF-8); see :func:`loads`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlError(f"the file is {size // 1024} KiB; the limit is {max_bytes // 1024} KiB")
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:  # the file grew between stat and read
        raise YamlError(f"the file is larger than the limit of {max_bytes // 1024} KiB")
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError("the file is not UTF-8 text", line, col) from None
    return loads(source, max_depth=max_depth)


def locate(node: Node, loc: tuple[int | str, ...], *, key: bool = False) -> tuple[int, int]:
    """The 1-based ``(line, col)`` of the value at ``loc`` (as in a Pydantic error).

    Follows ``loc`` as far as the file goes and returns the deepest position found; parts that
    are not in the file (a discriminated union's tag, a missing field) are skipped. With
    ``key=True`` and a mapping key as the last part, the key's own position is returned.
    """
    current = node
    line, col = node.line, node.col
    for index, part in enumerate(loc):
        items = current.items
        last = index == len(loc) - 1
        if isinstance(items, dict) and part in items:
            if last and key:
                kline, kcol = current.key_marks[part]
                return kline + 1, kcol + 1
            current = items[part]
        elif isinstance(items, list) and isinstance(part, int) and 0 <= part < len(items):
            current = items[part]
        else:
            if last and key and isinstance(items, dict):
                return line + 1, col + 1
            continue
        line, col = current.line, current.col
    return line + 1, col + 1
