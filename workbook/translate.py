"""Translations through gettext PO files: exercise and program files out to a PO file and back.

Translators work in the tools they know (Poedit, Weblate, Lokalize), which read PO files. Export
writes one entry per text a person reads (see :mod:`workbook.exercises.translations`): the
English as ``msgid``, the file and path as ``msgctxt`` and reference, any existing translation
as ``msgstr``, and an outdated one marked ``fuzzy``, as gettext's own tools do. Import writes
the translations back into the YAML with ruamel's round trip, so the authors' comments, order
and layout stay, and checks each changed file with the workbook's own loader before replacing
it: a translation that breaks a file (a misspelt ``{partner}``) is reported, not written.

polib reads and writes the PO files; ruamel.yaml does the round trip. Both are imported only
here, and only the ``translate`` commands import this module. Files are read with the safe
loader first, which refuses aliases and tags, before ruamel sees them.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polib
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from workbook import __version__
from workbook.errors import NotFoundError, WorkbookError
from workbook.exercises import translations, yamlsafe
from workbook.exercises.loader import (
    Problem,
    load_exercise_file,
    load_model_file,
    yaml_files,
)
from workbook.exercises.models import Exercise, Program
from workbook.exercises.translations import Unit, fingerprint
from workbook.store.atomic import write_atomic

CONTEXT_SEPARATOR = ":"


def _yaml() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # never fold a translator's line
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def model_for(path: Path) -> type[BaseModel]:
    """Programs live in a ``programs`` folder; every other YAML file is an exercise."""
    return Program if path.parent.name == "programs" else Exercise


def translation_files(paths: Sequence[Path]) -> list[Path]:
    """The YAML files named or found under ``paths`` (pack.yaml holds no text for people)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in yaml_files(path) if p.name != "pack.yaml")
        elif path.is_file():
            found.append(path)
        else:
            raise NotFoundError(f"There is no file or folder at {path}.")
    return found


def _key(path: Path, root: Path) -> str:
    """The file's name in a PO context: relative to the folder given, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


@dataclass(slots=True)
class SourceFile:
    """One YAML file read for translation: its round-trip data and its units."""

    path: Path
    key: str
    data: Any
    units: list[Unit]
    marks: dict[tuple[tuple[str | int, ...], str], str]
    line_of: dict[tuple[str | int, ...], tuple[int, int]]


def read_source(path: Path, key: str) -> SourceFile:
    """Read ``path`` for translation; a file the safe loader refuses is refused here too."""
    try:
        yamlsafe.load(path)
    except yamlsafe.YamlError as exc:
        raise WorkbookError(f"{path}:{exc.line}:{exc.col}: {exc.message}") from None
    data = _yaml().load(path.read_text(encoding="utf-8"))
    found = list(translations.units(model_for(path), data))
    marks: dict[tuple[tuple[str | int, ...], str], str] = {}
    line_of: dict[tuple[str | int, ...], tuple[int, int]] = {}
    for unit in found:
        parent, last = _parent(data, unit.path)
        line_of[unit.path] = _position(parent, last)
        value = parent[last]
        if isinstance(value, CommentedMap):
            for lang in value:
                mark = _comment_mark(value, lang)
                if mark is not None:
                    marks[(unit.path, str(lang))] = mark
    return SourceFile(path, key, data, found, marks, line_of)


def _parent(data: Any, path: tuple[str | int, ...]) -> tuple[Any, str | int]:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


def _position(parent: Any, key: str | int) -> tuple[int, int]:
    """The 1-based line and column of ``parent[key]`` (1, 1 when ruamel does not know it)."""
    try:
        if isinstance(parent, CommentedMap):
            line, col = parent.lc.key(key)
        elif isinstance(parent, CommentedSeq):
            line, col = parent.lc.item(key)
        else:
            return 1, 1
    except (KeyError, IndexError, TypeError):
        return 1, 1
    return int(line) + 1, int(col) + 1


def _comment_mark(mapping: CommentedMap, key: Any) -> str | None:
    """The ``# source <fingerprint>`` recorded beside ``mapping[key]``, if any."""
    found: list[object] = [getattr(mapping[key], "comment", None)]
    for token in mapping.ca.items.get(key) or ():
        found.extend(token if isinstance(token, list) else [token])
    for one in found:
        value = one if isinstance(one, str) else getattr(one, "value", None)
        if isinstance(value, str) and (match := translations.SOURCE_MARK.search(value)):
            return match.group(1)
    return None


def lang_marks(source: SourceFile, lang: str) -> dict[tuple[str | int, ...], str]:
    """The recorded fingerprints of ``lang``'s translations in ``source``, by unit path."""
    return {path: mark for (path, code), mark in source.marks.items() if code == lang}


# --- export ------------------------------------------------------------------------------------


def export_po(paths: Sequence[Path], lang: str) -> tuple[polib.POFile, int]:
    """A PO file for translating ``paths`` into ``lang``; also how many entries it holds."""
    root = paths[0] if len(paths) == 1 and paths[0].is_dir() else Path.cwd()
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"couples-workbook {__version__}",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M%z"),
        "X-Generator": "workbook translate",
    }
    for path in translation_files(paths):
        source = read_source(path, _key(path, root))
        marks = lang_marks(source, lang)
        for unit in source.units:
            if not unit.source.strip():
                continue
            state = translations.status(unit, lang, marks)
            entry = polib.POEntry(
                msgctxt=f"{source.key}{CONTEXT_SEPARATOR}{unit.context}",
                msgid=unit.source,
                msgstr=unit.translations.get(lang, ""),
                occurrences=[(source.key, str(source.line_of[unit.path][0]))],
                flags=["python-brace-format"] if "{" in unit.source else [],
            )
            if unit.kind == "option":
                entry.comment = "An option's label: the stored value stays the English."
            if state == "outdated":
                entry.flags.append("fuzzy")
            po.append(entry)
    return po, len(po)


def write_po(po: polib.POFile, target: Path) -> None:
    """Write ``po`` to ``target`` in one piece."""
    write_atomic(target, str(po).encode("utf-8"), mode=0o644)


# --- import ------------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the person who ran it."""

    written: dict[Path, int] = field(default_factory=dict)
    fuzzy: int = 0
    stale: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_po(path: Path) -> polib.POFile:
    """Read a PO file; a file polib cannot parse is a sentence, not a traceback."""
    try:
        return polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise WorkbookError(f"{path} could not be read as a PO file: {exc}") from None


def po_language(po: polib.POFile) -> str:
    """The PO file's ``Language`` header; a file without one cannot be imported safely."""
    lang = str(po.metadata.get("Language", "")).strip().replace("_", "-")
    if not lang:
        raise WorkbookError("The PO file has no 'Language' header, so its language is unknown.")
    return lang


def import_po(po: polib.POFile, paths: Sequence[Path], lang: str) -> ImportReport:
    """Write the PO file's translations into the YAML files under ``paths``."""
    root = paths[0] if len(paths) == 1 and paths[0].is_dir() else Path.cwd()
    sources = {s.key: s for s in (read_source(p, _key(p, root)) for p in translation_files(paths))}
    report = ImportReport()
    changed: dict[str, int] = {}
    for entry in _entries(po):
        key, _, context = (entry.msgctxt or "").rpartition(CONTEXT_SEPARATOR)
        source = sources.get(key)
        unit = next((u for u in source.units if u.context == context), None) if source else None
        if source is None or unit is None:
            report.unknown.append(entry.msgctxt or entry.msgid)
            continue
        if "fuzzy" in entry.flags:
            report.fuzzy += 1
            continue
        if unit.source != entry.msgid:
            report.stale.append(f"{key}:{context}")
            continue
        if unit.translations.get(lang) == entry.msgstr and (
            lang_marks(source, lang).get(unit.path) == fingerprint(unit.source)
        ):
            continue
        _set_translation(source.data, unit, lang, entry.msgstr)
        changed[key] = changed.get(key, 0) + 1
    for key, count in changed.items():
        source = sources[key]
        problems = _write_checked(source)
        if problems:
            report.problems.extend(problems)
        else:
            report.written[source.path] = count
    return report


def _entries(po: polib.POFile) -> Iterator[polib.POEntry]:
    for entry in po:
        if not entry.obsolete and entry.msgstr.strip():
            yield entry


def _set_translation(data: Any, unit: Unit, lang: str, translated: str) -> None:
    """Put ``translated`` beside the English at ``unit.path``, marked with its source."""
    parent, last = _parent(data, unit.path)
    mark = f"source {fingerprint(unit.source)}"
    value: Any = translated
    if "\n" in translated.strip():
        # A block scalar carries its comment on the "|" line, where ruamel writes it.
        value = LiteralScalarString(translated if translated.endswith("\n") else translated + "\n")
        value.comment = f"  # {mark}"
    current = parent[last]
    if unit.kind == "option":
        label = CommentedMap([(translations.SOURCE_LANG, unit.source), (lang, value)])
        parent[last] = CommentedMap([("value", unit.source), ("label", label)])
        mapping = label
    elif isinstance(current, CommentedMap):
        current[lang] = value
        mapping = current
    else:
        mapping = CommentedMap([(translations.SOURCE_LANG, current), (lang, value)])
        parent[last] = mapping
    mapping.ca.items.pop(lang, None)  # the mark of an older translation
    if not isinstance(value, LiteralScalarString):
        mapping.yaml_add_eol_comment(mark, lang)


def _write_checked(source: SourceFile) -> list[Problem]:
    """Check the translated file with the workbook's loader; replace the original only if clean."""
    buffer = io.StringIO()
    _yaml().dump(source.data, buffer)
    text = buffer.getvalue()
    with tempfile.TemporaryDirectory(prefix="workbook-translate-") as folder:
        trial = Path(folder) / source.path.name
        if model_for(source.path) is Program:
            trial = Path(folder) / "programs" / source.path.name
            trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        problems = _problems(trial)
    if problems:
        return [Problem(source.path, p.line, p.col, p.message) for p in problems]
    mode = source.path.stat().st_mode & 0o777
    write_atomic(source.path, text.encode("utf-8"), mode=mode)
    return []


def _problems(path: Path) -> list[Problem]:
    """The errors in ``path`` (warnings, such as a blind step never revealed, do not block)."""
    if model_for(path) is Program:
        found = load_model_file(path, Program)[1]
    else:
        found = load_exercise_file(path)[1]
    return [p for p in found if p.severity == "error"]


# --- coverage (validate --lang) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gap:
    """A text without a current translation: missing, or made from older English."""

    path: Path
    line: int
    col: int
    context: str
    state: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.state} translation of {self.context}"


def coverage(paths: Iterable[Path], lang: str) -> tuple[list[Gap], int]:
    """Every text under ``paths`` with no current ``lang`` translation, and how many texts."""
    gaps: list[Gap] = []
    total = 0
    for path in translation_files(list(paths)):
        source = read_source(path, path.name)
        marks = lang_marks(source, lang)
        for unit in source.units:
            if not unit.source.strip():
                continue
            total += 1
            state = translations.status(unit, lang, marks)
            if state != "ok":
                gaps.append(Gap(path, *source.line_of[unit.path], unit.context, state))
    return gaps, total


def check_lang(lang: str) -> str:
    """``lang`` as a well-formed language tag, or a usage error naming the problem."""
    import langcodes

    normalised = lang.strip().replace("_", "-")
    if not normalised or not langcodes.tag_is_valid(normalised):
        raise WorkbookError(f"'{lang}' is not a language tag; use one such as 'fr' or 'pt-BR'.")
    if normalised.split("-", 1)[0].lower() == translations.SOURCE_LANG:
        raise WorkbookError(
            "English is the source language; choose the language to translate into."
        )
    return normalised
