"""What the TUI's first frame shows, read without the models: the couple and the exercise list.

Importing Pydantic and the exercise models, parsing the YAML and validating it costs more than
everything else before the home screen's first frame (bench/startup.py). So the first frame is
drawn from two cheap views, and the full models load right after it:

* :func:`couple_glance` reads the couple's names, colours, language and theme from the stored
  document (:meth:`Store.peek`; the couple is validated when it is saved, and again when the app
  loads the full :class:`~workbook.couple.Couple` a moment later). ``workbook progress`` and
  ``goals list`` take the couple this way too.
* :class:`ExerciseList` is what the home screen and its "continue" list need about each
  exercise and program. It is made from the loaded library (:func:`exercise_list`) and kept in
  ``<home>/cache/exercise-list.json`` with a fingerprint of everything it was made from: the
  path, size and modification time of every file in every exercise source and in the content
  folder (guides, programs), the code that reads them, and the language.
  :func:`read_exercise_list` returns it only when that fingerprint still matches, so any edit,
  new or removed file (or a new version of the workbook) means a fresh load. Once the home is
  on display the app loads the library anyway and shows the list made from it, should the
  kept one ever differ.

Nothing here imports Pydantic, Textual or the exercise models.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from workbook import __version__, locations
from workbook.errors import NotFoundError
from workbook.partners import PartnerKey, is_partner

if TYPE_CHECKING:
    from collections.abc import Sequence

    from workbook.exercises import Library
    from workbook.store import Store

COUPLE_TABLE = "couple"
DEFAULT_LANGUAGE = "en"
DEFAULT_THEME = "calm"
DEFAULT_COLOUR = "cyan"
NO_COUPLE = (
    "No couple is set up in this workbook yet. Open `workbook` to start, or run "
    "`workbook couple init --a NAME --b NAME`."
)
# Bump when the stored list's shape changes.
LIST_FORMAT = 2


@dataclass(frozen=True, slots=True)
class PartnerGlance:
    """One partner as a glance needs them: their key, name and colour."""

    key: PartnerKey
    name: str
    colour: str = DEFAULT_COLOUR


@dataclass(frozen=True, slots=True)
class CoupleGlance:
    """The couple as the first frame (and ``workbook progress``) needs it."""

    partners: tuple[PartnerGlance, ...]
    language: str = DEFAULT_LANGUAGE
    theme: str = DEFAULT_THEME
    #: Whether the partners have read the first-run safety note (a couple made with
    #: ``workbook couple init`` has not, and sees it on the first open).
    safety_acknowledged: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.partners)

    def partner(self, key: str) -> PartnerGlance:
        """The partner whose key is ``key`` (a stored record names only the two there are)."""
        return next(p for p in self.partners if p.key == key)


def couple_glance(store: Store) -> CoupleGlance | None:
    """The stored couple's partners (key, name, colour), language and theme (``None`` when no
    couple is set up)."""
    docs = store.peek(COUPLE_TABLE)
    if not docs:
        return None
    doc = docs[0]
    partners = doc.get("partners") or []
    return CoupleGlance(
        partners=tuple(
            PartnerGlance(key, str(p.get("name", "")), str(p.get("colour", DEFAULT_COLOUR)))
            for p in partners
            if isinstance(p, dict) and is_partner(key := p.get("key"))
        ),
        language=str(doc.get("language", DEFAULT_LANGUAGE)),
        theme=str(doc.get("theme", DEFAULT_THEME)),
        safety_acknowledged=doc.get("safety_acknowledged") is True,
    )


def required_couple_glance(store: Store) -> CoupleGlance:
    """:func:`couple_glance`, or the sentence that says how to set a couple up (as
    :func:`~workbook.couple.get_couple` says it for the full couple)."""
    found = couple_glance(store)
    if found is None:
        raise NotFoundError(NO_COUPLE)
    return found


@dataclass(frozen=True, slots=True)
class ExerciseLine:
    """One exercise as the home screen lists and describes it, in one language."""

    id: str
    category: str
    title: str
    summary: str
    minutes: int
    mode: str
    approach: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class ProgramLine:
    """One program as the "continue" list needs it: its title and its exercises in order."""

    title: str
    exercises: tuple[str, ...]
    id: str = ""


@dataclass(frozen=True, slots=True)
class ExerciseList:
    """Every exercise of the library as lines, its problems as sentences, and the programs."""

    lines: tuple[ExerciseLine, ...]
    problems: tuple[str, ...] = ()
    programs: tuple[ProgramLine, ...] = ()

    def by_id(self) -> dict[str, ExerciseLine]:
        return {line.id: line for line in self.lines}


def exercise_list(library: Library, lang: str) -> ExerciseList:
    """The lines of a loaded library in ``lang``, in the home screen's order.

    Categories in alphabetical order; within each, by title in ``lang`` (ties keep the
    library's own order, English titles ignoring case).
    """
    from workbook.exercises import load_programs
    from workbook.exercises.models import text

    lines = tuple(
        ExerciseLine(
            id=exercise.id,
            category=category,
            title=text(exercise.title, lang),
            summary=text(exercise.summary, lang),
            minutes=exercise.minutes,
            mode=exercise.mode,
            approach=exercise.approach,
            version=exercise.version,
        )
        for category, exercises in sorted(library.categories().items())
        for exercise in sorted(exercises, key=lambda e: text(e.title, lang))
    )
    programs = tuple(
        ProgramLine(text(p.title), tuple(e for week in p.weeks for e in week.exercises), p.id)
        for p in load_programs(library).programs.values()
    )
    return ExerciseList(lines, tuple(str(p) for p in library.problems), programs)


def list_file(home: Path) -> Path:
    """Where the exercise list of ``home`` is kept between starts."""
    return home / "cache" / "exercise-list.json"


def _files(root: Path) -> list[Any]:
    """Every file under ``root`` (or ``root`` itself) with its size and modification time."""
    try:
        if root.is_file():
            info = root.stat()
            return [[str(root), info.st_size, info.st_mtime_ns]]
    except OSError:
        return [[str(root), None]]
    found: list[Any] = [[str(root)]]
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")  # bytecode comes and goes
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                found.append([path, None])
                continue
            found.append([path, info.st_size, info.st_mtime_ns])
    return found


def fingerprint(home: Path, extra_dirs: Sequence[Path], lang: str) -> list[Any]:
    """Everything a library loaded for ``home`` depends on, as plain data to compare."""
    code = Path(__file__).parent / "exercises"
    roots = [
        locations.bundled_exercises_dir(),
        locations.user_exercises_dir(home),
        *(Path(d) for d in extra_dirs),
        locations.content_dir(),
        code,
        code.parent / "goals" / "cadence.py",  # the loader reads goal cadences with it
        Path(__file__),
    ]
    return [LIST_FORMAT, __version__, lang, [_files(root) for root in roots]]


def read_exercise_list(home: Path, extra_dirs: Sequence[Path], lang: str) -> ExerciseList | None:
    """The kept exercise list, if it was made from exactly the files there are now."""
    try:
        kept = orjson.loads(list_file(home).read_bytes())
        if kept["fingerprint"] != orjson.loads(orjson.dumps(fingerprint(home, extra_dirs, lang))):
            return None
        lines = tuple(ExerciseLine(**line) for line in kept["lines"])
        programs = tuple(
            ProgramLine(p["title"], tuple(p["exercises"]), p.get("id", ""))
            for p in kept["programs"]
        )
        return ExerciseList(lines, tuple(str(p) for p in kept["problems"]), programs)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, unreadable or from another version: the library loads instead


def keep_exercise_list(
    home: Path, extra_dirs: Sequence[Path], lang: str, listing: ExerciseList
) -> None:
    """Keep ``listing`` for the next start (best effort: a read-only home just loads again)."""
    from workbook.errors import WorkbookError
    from workbook.store.atomic import write_atomic

    payload = {
        "fingerprint": fingerprint(home, extra_dirs, lang),
        "lines": [asdict(line) for line in listing.lines],
        "problems": list(listing.problems),
        "programs": [asdict(program) for program in listing.programs],
    }
    with contextlib.suppress(OSError, WorkbookError):
        locations.ensure_private_dir(list_file(home).parent)
        write_atomic(list_file(home), orjson.dumps(payload))
