"""Translation units: every text a person reads in an exercise or program file, by its path.

A unit is one text field (a ``LangText`` in the models): where it sits in the file
(``steps.2.items.0.text``), its English source, and the translations it already has. The models
decide what is text, so a new text field is translatable without touching this module.

A translation records which English it was made from as a short fingerprint in a YAML comment
beside it (``fr: ...  # source 1a2b3c4d``): comments are invisible to the loader, survive a
round trip, and let ``validate --lang`` say which translations are outdated once the English
changes. An option written as a bare string (``options: [calm, tense]``) is a unit too: its
translation turns it into ``{value: calm, label: {en: calm, fr: ...}}``, so the stored value
never changes with the language.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final, Literal, get_args, get_origin

from pydantic import BaseModel

from workbook.exercises.models import LangText, Option, models_in, pick_model

#: The union inside ``LangText`` (a plain string, or a mapping of language codes to strings).
_LANG_TEXT: Final = get_args(LangText)[0]
SOURCE_LANG: Final = "en"
SOURCE_MARK: Final = re.compile(r"#\s*source\s+([0-9a-f]{8})\b")

Path = tuple[str | int, ...]
UnitKind = Literal["text", "option"]


def fingerprint(source: str) -> str:
    """A short, stable fingerprint of an English text (not a secret: it only spots changes)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable text: its path in the file, its English and its translations."""

    path: Path
    source: str
    translations: dict[str, str]
    kind: UnitKind = "text"

    @property
    def context(self) -> str:
        """The path as dotted text (``steps.2.text``), unique within a file."""
        return ".".join(str(part) for part in self.path)


def _strip(annotation: Any) -> Any:
    """Drop ``Annotated`` and ``Optional`` wrappers around a field's type."""
    while True:
        args = get_args(annotation)
        if get_origin(annotation) is not None and hasattr(annotation, "__metadata__"):
            annotation = args[0]
            continue
        non_none = [a for a in args if a is not type(None)]
        if args and len(non_none) == 1 and len(args) == 2:
            annotation = non_none[0]
            continue
        return annotation


def _is_text(annotation: Any) -> bool:
    return bool(_strip(annotation) == _LANG_TEXT)


def _item_type(annotation: Any) -> Any | None:
    """The item type of a ``list[...]`` field, else ``None``."""
    stripped = _strip(annotation)
    if get_origin(stripped) is list:
        return get_args(stripped)[0]
    return None


def _model_for(annotation: Any, value: dict[Any, Any]) -> type[BaseModel] | None:
    """The model a mapping is validated as (by its ``kind`` where several are possible)."""
    return pick_model(models_in(annotation), value)


def _unit(path: Path, value: Any) -> Unit | None:
    if isinstance(value, str):
        return Unit(path, value, {})
    if isinstance(value, dict) and isinstance(value.get(SOURCE_LANG), str):
        others = {str(k): str(v) for k, v in value.items() if k != SOURCE_LANG}
        return Unit(path, value[SOURCE_LANG], others)
    return None


def units(model: type[BaseModel], data: Any, path: Path = ()) -> Iterator[Unit]:
    """Every translatable text in ``data`` (a file's parsed YAML), read as ``model``.

    A text without English (a language map with no ``en``) has no source to translate from
    and is left out; the validator reports such maps on its own.
    """
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        info = model.model_fields.get(str(key))
        if info is None:
            continue
        here = (*path, str(key))
        if _is_text(info.annotation):
            if (found := _unit(here, value)) is not None:
                yield found
            continue
        item = _item_type(info.annotation)
        if item is not None and isinstance(value, list):
            for index, inner in enumerate(value):
                yield from _inner(item, inner, (*here, index))
        elif isinstance(value, dict):
            yield from _inner(info.annotation, value, here)


def _inner(annotation: Any, value: Any, path: Path) -> Iterator[Unit]:
    if _is_text(annotation):
        if (found := _unit(path, value)) is not None:
            yield found
    elif isinstance(value, str) and Option in models_in(annotation):
        yield Unit(path, value, {}, kind="option")
    elif isinstance(value, dict) and (chosen := _model_for(annotation, value)) is not None:
        yield from units(chosen, value, path)


def status(unit: Unit, lang: str, marks: dict[Path, str]) -> Literal["missing", "outdated", "ok"]:
    """Whether ``unit`` has a current translation into ``lang``.

    ``marks`` maps a unit's path to the fingerprint recorded beside its translation (see
    :func:`source_marks`); a translation without one is taken as current, since nothing says
    which English it was made from.
    """
    if not unit.translations.get(lang, "").strip():
        return "missing"
    mark = marks.get(unit.path)
    if mark is not None and mark != fingerprint(unit.source):
        return "outdated"
    return "ok"
