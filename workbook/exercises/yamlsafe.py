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
from dataclasses import dataclass
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
    key_marks: dict[Any, tuple[int, int]] | None = None
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


_Scalar = events.ScalarEvent
_SequenceStart = events.SequenceStartEvent
_SequenceEnd = events.SequenceEndEvent
_MappingStart = events.MappingStartEvent
_MappingEnd = events.MappingEndEvent
_Alias = events.AliasEvent


class _Composer:
    """Builds plain data and a :class:`Node` tree from parser events, refusing anything unsafe.

    This loop runs once per YAML node, so it sticks to exact type checks and direct attribute
    access; the refusals themselves are in :meth:`_refuse`.
    """

    def __init__(self, parser: Any, max_depth: int) -> None:
        self.next_event = parser.get_event
        self.max_depth = max_depth

    def _refuse(self, event: Any, depth: int) -> None:
        """Raise the right error if ``event`` is an alias, anchored, tagged or too deep."""
        mark = event.start_mark
        if type(event) is _Alias:
            raise _problem(
                f"'*{event.anchor}' is a YAML alias, and aliases are not allowed; write the "
                f"value out in full, or if it is text, {_QUOTE_FIX}",
                mark,
            )
        if event.anchor is not None:
            raise _problem(
                f"'&{event.anchor}' is a YAML anchor, and anchors are not allowed; write "
                f"values out in full, or if it is text, {_QUOTE_FIX}",
                mark,
            )
        tag = event.tag
        if tag is not None and tag != "!":
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise _problem(
                f"'{tag}' is a YAML tag, and tags are not allowed; write plain values, or if "
                f"it is text, {_QUOTE_FIX}",
                mark,
            )
        if depth > self.max_depth:
            raise _problem(
                f"nesting is deeper than {self.max_depth} levels; simplify the file", mark
            )

    def _check(self, event: Any, depth: int) -> None:
        cls = type(event)
        if (
            cls is _Alias
            or event.anchor is not None
            or (event.tag is not None and event.tag != "!")
            or depth > self.max_depth
        ):
            self._refuse(event, depth)

    def compose(self, event: Any, depth: int) -> tuple[Any, Node]:
        self._check(event, depth)
        mark = event.start_mark
        cls = type(event)
        if cls is _Scalar:
            node = Node(mark.line, mark.column, style=event.style or None)
            if event.implicit[0] and event.tag is None:
                return resolve_plain(event.value), node
            return event.value, node
        node = Node(mark.line, mark.column)
        if cls is _SequenceStart:
            data_list: list[Any] = []
            kids: list[Node] = []
            while True:
                child_event = self.next_event()
                if type(child_event) is _SequenceEnd:
                    break
                value, child = self.compose(child_event, depth + 1)
                data_list.append(value)
                kids.append(child)
            node.items = kids
            return data_list, node
        if cls is _MappingStart:
            return self._mapping(node, depth)
        raise _problem("unexpected YAML structure", mark)  # pragma: no cover - parser guarantees

    def _mapping(self, node: Node, depth: int) -> tuple[dict[Any, Any], Node]:
        data: dict[Any, Any] = {}
        kids: dict[Any, Node] = {}
        marks: dict[Any, tuple[int, int]] = {}
        while True:
            key_event = self.next_event()
            if type(key_event) is _MappingEnd:
                break
            key_mark = key_event.start_mark
            if type(key_event) is not _Scalar:
                if type(key_event) is _Alias:
                    self._refuse(key_event, depth + 1)
                raise _problem("keys must be plain words, not lists or mappings", key_mark)
            self._check(key_event, depth + 1)
            plain = key_event.implicit[0] and key_event.tag is None
            key = resolve_plain(key_event.value) if plain else key_event.value
            if key == "<<" and plain:
                raise _problem("merge keys ('<<') are not allowed", key_mark)
            if isinstance(key, float) and math.isnan(key):
                raise _problem("'.nan' cannot be a key", key_mark)
            if key in data:
                first_line = marks[key][0] + 1
                raise _problem(f"duplicate key '{key}' (first used on line {first_line})", key_mark)
            value, child = self.compose(self.next_event(), depth + 1)
            data[key] = value
            kids[key] = child
            marks[key] = (key_mark.line, key_mark.column)
        node.items = kids
        node.key_marks = marks
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
        data, node = _Composer(parser, max_depth).compose(parser.get_event(), 1)
        parser.get_event()  # document end
        if not parser.check_event(events.StreamEndEvent):
            extra = parser.peek_event()
            raise _problem(
                "only one YAML document per file is allowed", getattr(extra, "start_mark", None)
            )
        return data, node
    except yaml.MarkedYAMLError as exc:
        raise explain(source, exc) from None
    except yaml.YAMLError as exc:  # e.g. a reader error without a mark
        raise YamlError(f"not valid YAML: {exc}") from None
    except RecursionError:
        raise YamlError(f"nesting is deeper than {max_depth} levels; simplify the file") from None
    finally:
        parser.dispose()


# --- the commonest mistakes, explained --------------------------------------------------------

_QUOTE_FIX = "put the whole value in quotes"
_VALUE_START = re.compile(r"^(?P<lead>\s*(?:-\s+)*(?:[^\s#'\"][^:#]*?:\s+|-\s+)?)(?P<value>\S.*)$")
_SPECIAL_START = {
    "*": " (it starts an alias)",
    "&": " (it starts an anchor)",
    "!": " (it starts a tag)",
    "@": " (YAML reserves it)",
    "`": " (YAML reserves it)",
}


def _value_at(line: str) -> tuple[int, str] | None:
    """The 0-based column and text of the value on ``line`` (after ``key:`` or ``- ``)."""
    match = _VALUE_START.match(line)
    if match is None or not match["lead"]:
        return None
    return len(match["lead"]), match["value"]


def _example(line: str, col: int, value: str) -> str:
    """``line`` with its value quoted, e.g. ``text: "Remember this: no advice."``."""
    quoted = '"' + value.rstrip().replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{line[:col].strip()} {quoted}".strip()


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int, str] | None:
    """The first value before line ``upto`` that opens a quote its line never closes."""
    for number, line in enumerate(lines[: upto + 1]):
        found = _value_at(line)
        if found is None or found[1][0] not in "'\"":
            continue
        col, value = found
        mark = value[0]
        body = value[1:].replace("\\" + mark, "") if mark == '"' else value[1:].replace("''", "")
        if mark not in body:
            return number, col, mark
    return None


def explain(source: str, exc: yaml.MarkedYAMLError) -> YamlError:
    """A sentence with the fix for the commonest YAML mistakes; the parser's words otherwise.

    Authors meet these most (see docs/authoring.md, "When YAML itself is wrong"): a colon inside
    a value, tab indentation, a quote never closed (reported where it opens, not at the end of
    the file), a ``{placeholder}`` at the start of a value (read as a mapping), a value starting
    with ``*``, ``&``, ``!``, ``@`` or a backtick, and a line indented wrongly under a list item.
    """
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "not valid YAML"
    lines = source.splitlines()
    at = mark.line if mark is not None else 0
    line = lines[at] if at < len(lines) else ""
    context = exc.context or ""
    if "quoted scalar" in context and exc.context_mark is not None:
        opened = exc.context_mark
        opening = lines[opened.line] if opened.line < len(lines) else ""
        quote = opening[opened.column : opened.column + 1] or '"'
        return YamlError(
            f"this quote ({quote}) is never closed, so everything after it is read as one "
            f"value; add the closing {quote} at the end of the value",
            opened.line + 1,
            opened.column + 1,
        )
    for number in range(min(at, len(lines) - 1), -1, -1):
        leading = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
        if "\t" in leading and number >= at - 1:
            return YamlError(
                "this line is indented with a tab; YAML needs spaces: replace the tab with "
                "spaces (two for each level)",
                number + 1,
                leading.index("\t") + 1,
            )
    found = _value_at(line)
    if found is not None:
        col, value = found
        first = value[0]
        if first == "{" and "alias" not in context and "anchor" not in context:
            return YamlError(
                f"a value starting with '{{' is read as a mapping, not text; "
                f"{_QUOTE_FIX}: {_example(line, col, value)}",
                at + 1,
                col + 1,
            )
        if first in _SPECIAL_START:
            return YamlError(
                f"YAML does not read a value starting with '{first}' as text"
                f"{_SPECIAL_START[first]}; {_QUOTE_FIX}: {_example(line, col, value)}",
                at + 1,
                col + 1,
            )
        if "mapping values are not allowed" in problem and mark is not None:
            first_colon = line.find(": ", col) if col else -1
            colon = line.find(":", col)
            if 0 <= first_colon <= mark.column or (colon >= 0 and colon < mark.column):
                return YamlError(
                    "this value contains a colon followed by a space, which YAML reads as a "
                    f"new key; {_QUOTE_FIX}: {_example(line, col, value)}",
                    at + 1,
                    mark.column + 1,
                )
    unclosed = _unclosed_quote(lines, at)
    if unclosed is not None:
        number, col, quote = unclosed
        return YamlError(
            f"this quote ({quote}) is never closed on its line, so the lines after it are read "
            f"as part of it; add the closing {quote} at the end of the value",
            number + 1,
            col + 1,
        )
    if (
        "expected '-' indicator" in problem
        or "expected key" in problem
        or ("mapping values are not allowed" in problem)
    ):
        return YamlError(
            "this line is not indented like the lines around it; the fields of one list item "
            "(after '- ') must line up under its first field, and a field must not be indented "
            "under a plain value",
            at + 1,
            (len(line) - len(line.lstrip())) + 1,
        )
    if "cannot start any token" in problem and line.strip():
        return YamlError(
            f"YAML cannot read the character here; if it is text, {_QUOTE_FIX}",
            at + 1,
            (mark.column if mark is not None else 0) + 1,
        )
    return _problem(problem, mark)


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
                kline, kcol = (current.key_marks or {})[part]
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
