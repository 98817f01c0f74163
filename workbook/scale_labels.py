"""What each scored scale and its items are called, kept between runs of ``workbook progress``.

``progress`` names each scale it charts and the items the partners saw differently. The names
come from the exercise library, and loading it (the exercise models and every exercise file)
was about a third of the command at ten years (``bench/scale.py``). So the names are kept in
``<home>/cache/scale-labels.json`` with everything they were made from: the fingerprint of the
exercise, guide and program files and of the code reading them (the one the home screen's kept
exercise list uses, :func:`workbook.glance.fingerprint`), the code that renders the names, a
digest of the partners' names and the language. Any change there means a fresh load. Keeping
is best effort: a home that cannot be written loads the library every time, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from workbook import glance, locations

LABELS_FORMAT = 1


@dataclass(frozen=True, slots=True)
class ScaleLabels:
    """A scale's title and what its parts are called (``"step.item"`` and subscale ids)."""

    title: str
    items: dict[str, str]


def labels_file(home: Path) -> Path:
    """Where the scale labels of ``home`` are kept between runs."""
    return glance.list_file(home).with_name("scale-labels.json")


def scale_labels(
    home: Path, scale_ids: Sequence[str], names: Mapping[str, str], lang: str
) -> dict[str, ScaleLabels]:
    """The labels of each of ``scale_ids`` (a scale no exercise defines is called by its id),
    read from the kept file when it was made from exactly what there is now."""
    key = _key(home, names, lang)
    kept = _read(home, key)
    if kept is not None and all(scale in kept for scale in scale_ids):
        return {scale: kept[scale] for scale in scale_ids}
    made = _from_library(home, scale_ids, names, lang)
    _keep(home, key, made)
    return made


def _key(home: Path, names: Mapping[str, str], lang: str) -> Any:
    """Everything the labels depend on, as plain data (JSON types, to compare with a kept one)."""
    code = [Path(__file__), Path(__file__).parent / "engine.py"]  # the names are rendered there
    stats = []
    for path in code:
        with contextlib.suppress(OSError):
            info = path.stat()
            stats.append([str(path), info.st_size, info.st_mtime_ns])
    # The names as a digest: the file need not hold them a second time beside the data file.
    who = hashlib.sha256(orjson.dumps(sorted(names.items()))).hexdigest()
    key = [LABELS_FORMAT, glance.fingerprint(home, (), lang), who, stats]
    return orjson.loads(orjson.dumps(key))


def _read(home: Path, key: Any) -> dict[str, ScaleLabels] | None:
    try:
        kept = orjson.loads(labels_file(home).read_bytes())
        if kept["key"] != key:
            return None
        return {
            scale: ScaleLabels(
                str(found["title"]), {str(k): str(v) for k, v in found["items"].items()}
            )
            for scale, found in kept["scales"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, unreadable or made from other files: the library loads instead


def _from_library(
    home: Path, scale_ids: Sequence[str], names: Mapping[str, str], lang: str
) -> dict[str, ScaleLabels]:
    from workbook.engine import Engine
    from workbook.exercises import load_library
    from workbook.exercises.labels import scale_names, scale_title

    library = load_library(home)
    made = {}
    for scale in scale_ids:
        exercise = library.exercises.get(scale)
        if exercise is None:
            made[scale] = ScaleLabels(scale, {})
            continue
        engine = Engine.start(exercise, names=names, lang=lang)
        made[scale] = ScaleLabels(scale_title(exercise, lang), scale_names(exercise, engine.render))
    return made


def _keep(home: Path, key: Any, labels: Mapping[str, ScaleLabels]) -> None:
    """Keep ``labels`` for the next run, in a home that exists and can be written."""
    from workbook.errors import WorkbookError
    from workbook.store.atomic import write_atomic

    if not home.is_dir():
        return
    payload = {
        "key": key,
        "scales": {s: {"title": found.title, "items": found.items} for s, found in labels.items()},
    }
    with contextlib.suppress(OSError, WorkbookError):
        locations.ensure_private_dir(labels_file(home).parent)
        write_atomic(labels_file(home), orjson.dumps(payload))
