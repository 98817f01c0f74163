"""Load exercise files from every source into a library, reporting each problem at file:line:col.

Sources are read in order: the bundled library, the person's own folder (``<home>/exercises``)
and any extra folders (facilitator packs, each with an optional ``pack.yaml``). A file is read
with :mod:`workbook.exercises.yamlsafe`, validated against the models, then its references are
checked (step ids, ``when`` conditions, ``reveal`` targets, placeholders, guides, scoring). A file
with any problem is left out and the rest still load: one bad file never stops the app.

When two files define the same id the later source wins (a person's own folder overrides the
bundled library, a pack overrides both), and the loser is reported so nobody is surprised.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from workbook import locations
from workbook.errors import NotFoundError
from workbook.exercises import conditions, templates, yamlsafe
from workbook.exercises.models import (
    ANSWERED_KINDS,
    LANG_PATTERN,
    SLUG_PATTERN,
    STANDARD_PLACEHOLDERS,
    STEP_ID_PATTERN,
    STEP_KINDS,
    ChecklistStep,
    ChoiceStep,
    Exercise,
    FillStep,
    Mode,
    Pack,
    Program,
    ProgramWeek,
    RevealStep,
    ScaleScoring,
    ScaleStep,
    Step,
    mode_problems,
    models_in,
    pick_model,
    text,
)

PACK_FILE = "pack.yaml"
PROGRAMS_DIR = "programs"
YAML_SUFFIXES = (".yaml", ".yml")

M = TypeVar("M", bound=BaseModel)


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column.

    An error keeps the file out of the library; a warning (something that runs, but probably
    not as the author meant) does not, and ``workbook validate`` fails on it only with
    ``--strict``.
    """

    path: Path
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {label}{self.message}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (used by ``workbook validate --format json``)."""
        return {
            "path": str(self.path),
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
        }


SourceKind = Literal["bundled", "user", "pack", "path"]


@dataclass(frozen=True, slots=True)
class Source:
    """A place exercises come from; later sources override earlier ones."""

    kind: SourceKind
    path: Path
    pack: Pack | None = None

    def describe(self) -> str:
        """Name the source for a person."""
        if self.kind == "bundled":
            return "the bundled library"
        if self.kind == "user":
            return f"your own exercises folder ({self.path})"
        if self.pack is not None:
            return f"the pack '{self.pack.name}' ({self.path})"
        return str(self.path)

    def guide_dirs(self) -> list[Path]:
        """Folders a guide reference may point into: the pack's own ``guides/``, then ours."""
        own = self.path / "guides" if self.path.is_dir() else self.path.parent / "guides"
        return [own, locations.guides_dir()] if self.kind != "bundled" else [locations.guides_dir()]


@dataclass(frozen=True, slots=True)
class Entry:
    """A loaded exercise and where it was read from."""

    exercise: Exercise
    path: Path
    source: Source
    id_line: int
    id_col: int


@dataclass(slots=True)
class Library:
    """Every exercise that loaded, every problem found, and where each exercise came from."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    files_read: int = 0

    def categories(self) -> dict[str, list[Exercise]]:
        """Exercises grouped by category (categories and titles in alphabetical order)."""
        groups: dict[str, list[Exercise]] = {}
        for exercise in sorted(self.exercises.values(), key=lambda e: text(e.title).casefold()):
            groups.setdefault(exercise.category, []).append(exercise)
        return dict(sorted(groups.items()))

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with ``exercise_id``; a :class:`NotFoundError` naming close ids if none."""
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise NotFoundError(
                f"There is no exercise '{exercise_id}'."
                + _hint(exercise_id, self.exercises, " Did you mean '{}'?")
            ) from None


@dataclass(slots=True)
class Programs:
    """Every program that loaded, and every problem found."""

    programs: dict[str, Program] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _hint(word: str, choices: Iterable[str], form: str = "; did you mean '{}'?") -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return form.format(close[0]) if close else ""


# --- sources -----------------------------------------------------------------------------------


def yaml_files(folder: Path) -> list[Path]:
    """YAML files under ``folder`` in path order, skipping hidden entries and ``pack.yaml``."""
    found = [
        path
        for path in folder.rglob("*")
        if path.suffix in YAML_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path != folder / PACK_FILE
        and path.is_file()
    ]
    return sorted(found)


def library_sources(home: Path | None, extra_dirs: Sequence[Path] = ()) -> list[Source]:
    """The sources in override order: bundled, the person's folder (if ``home``), packs."""
    sources = [Source("bundled", locations.bundled_exercises_dir())]
    if home is not None:
        sources.append(Source("user", locations.user_exercises_dir(home)))
    sources.extend(Source("pack", Path(d)) for d in extra_dirs)
    return sources


def load_library(home: Path | None, extra_dirs: Sequence[Path] = ()) -> Library:
    """Load every exercise from the bundled library, ``<home>/exercises`` and ``extra_dirs``.

    ``home=None`` leaves the person's own folder out. Never raises for a bad file: each
    problem is in ``Library.problems`` and the good exercises are in ``Library.exercises``.
    """
    return load_sources(library_sources(home, extra_dirs))


def load_paths(paths: Sequence[Path]) -> Library:
    """Load the named files and folders (in order, later overriding earlier), e.g. to validate."""
    return load_sources([Source("path", Path(p)) for p in paths])


def load_sources(sources: Sequence[Source]) -> Library:
    """Load ``sources`` in order into one :class:`Library`."""
    library = Library()
    guide_cache: dict[Path, frozenset[str]] = {}
    for source in sources:
        source, files, problems = _open_source(source)
        library.sources.append(source)
        library.problems.extend(problems)
        guides = _guides_for(source, guide_cache)
        for path in files:
            library.files_read += 1
            exercise, file_problems, id_pos = load_exercise_file(path, guides=guides)
            for problem in file_problems:
                (library.warnings if problem.severity == "warning" else library.problems).append(
                    problem
                )
            if exercise is not None:
                _add(library, Entry(exercise, path, source, *id_pos))
    return library


def _open_source(source: Source) -> tuple[Source, list[Path], list[Problem]]:
    path = source.path
    if path.is_file():
        return source, [path], []
    if not path.is_dir():
        if source.kind in ("bundled", "user"):
            return source, [], []  # a person without their own folder is normal
        return source, [], [Problem(path, 1, 1, "no such file or folder")]
    problems: list[Problem] = []
    pack_file = path / PACK_FILE
    if pack_file.is_file():
        pack, problems = load_model_file(pack_file, Pack)
        if pack is not None:
            source = Source(source.kind, path, pack)
    programs = path / PROGRAMS_DIR
    files = [p for p in yaml_files(path) if source.kind == "path" or not p.is_relative_to(programs)]
    return source, files, problems


def _guides_for(source: Source, cache: dict[Path, frozenset[str]]) -> frozenset[str]:
    names: set[str] = set()
    for folder in source.guide_dirs():
        if folder not in cache:
            cache[folder] = (
                frozenset(p.name for p in folder.iterdir() if p.is_file())
                if folder.is_dir()
                else frozenset()
            )
        names |= cache[folder]
    return frozenset(names)


def _add(library: Library, entry: Entry) -> None:
    exercise_id = entry.exercise.id
    earlier = library.entries.get(exercise_id)
    if earlier is not None:
        if earlier.source is entry.source or earlier.source == entry.source:
            why = "files in one folder are read in path order and the later one wins"
        else:
            why = f"{entry.source.describe()} is read after {earlier.source.describe()}"
        library.problems.append(
            Problem(
                entry.path,
                entry.id_line,
                entry.id_col,
                f"exercise id '{exercise_id}' is also defined in {earlier.path}; "
                f"this file wins because {why}",
            )
        )
    library.entries[exercise_id] = entry
    library.exercises[exercise_id] = entry.exercise


# --- one file ----------------------------------------------------------------------------------


def load_model_file(path: Path, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Read ``path`` and validate it as ``model``; problems instead of exceptions."""
    try:
        data, node = yamlsafe.load(path)
    except yamlsafe.YamlError as exc:
        return None, [Problem(path, exc.line, exc.col, exc.message)]
    if not isinstance(data, dict):
        return None, [
            Problem(path, node.line + 1, node.col + 1, "expected a mapping of fields (key: value)")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, validation_problems(path, node, data, exc, model)


def load_exercise_file(
    path: Path, *, guides: frozenset[str] | None = None
) -> tuple[Exercise | None, list[Problem], tuple[int, int]]:
    """Read, validate and check one exercise file.

    Returns the exercise (``None`` when there is any problem), the problems, and the 1-based
    position of its ``id`` (for reporting duplicates). ``guides`` is the set of guide file
    names that exist; ``None`` skips that check.
    """
    try:
        data, node = yamlsafe.load(path)
    except yamlsafe.YamlError as exc:
        return None, [Problem(path, exc.line, exc.col, exc.message)], (1, 1)
    where = (node.line + 1, node.col + 1)
    if not isinstance(data, dict):
        message = "an exercise file must be a mapping of fields (id, title, steps, ...)"
        return None, [Problem(path, *where, message)], where
    id_pos = yamlsafe.locate(node, ("id",))
    exercise: Exercise | None = None
    try:
        exercise = Exercise.model_validate(data)
    except ValidationError as exc:
        # Report everything in one run: the parts that are valid on their own are still
        # checked against each other, so a missing title does not hide a bad reveal.
        found = validation_problems(path, node, data, exc, Exercise)
        parts = Parts.salvage(data)
    else:
        found = []
        parts = Parts.of(exercise)
    found += [
        Problem(path, line, col, message)
        for line, col, message in check_references(parts, data, node, guides)
    ]
    found += [
        Problem(path, line, col, message, "warning")
        for line, col, message in warnings_of(parts, node)
    ]
    found = sorted(set(found), key=lambda p: (p.line, p.col, p.message))  # one rule, one report
    failed = any(p.severity == "error" for p in found)
    return (None if failed else exercise), found, id_pos


def program_dirs(library: Library | None) -> list[Path]:
    """Where programs come from: ``content/programs``, then the ``programs`` folder of your own
    exercises folder and of each pack in ``library`` (a pack may carry programs of its own)."""
    folders = [locations.programs_dir()]
    for source in library.sources if library is not None else []:
        if source.kind in ("user", "pack") and (source.path / PROGRAMS_DIR).is_dir():
            folders.append(source.path / PROGRAMS_DIR)
    return folders


def load_programs(library: Library | None = None, directory: Path | None = None) -> Programs:
    """Load the programs of :func:`program_dirs` (or only ``directory``); check exercise ids
    in ``library``."""
    folders = [directory] if directory is not None else program_dirs(library)
    result = Programs()
    seen: dict[str, Path] = {}
    for path in (p for folder in folders if folder.is_dir() for p in yaml_files(folder)):
        try:
            data, node = yamlsafe.load(path)
        except yamlsafe.YamlError as exc:
            result.problems.append(Problem(path, exc.line, exc.col, exc.message))
            continue
        if not isinstance(data, dict):
            result.problems.append(Problem(path, 1, 1, "expected a mapping of fields"))
            continue
        try:
            program = Program.model_validate(data)
        except ValidationError as exc:
            result.problems.extend(validation_problems(path, node, data, exc, Program))
            continue
        problems: list[Problem] = []
        if library is not None:
            for w, week in enumerate(program.weeks):
                for e, exercise_id in enumerate(week.exercises):
                    if exercise_id not in library.exercises:
                        line, col = yamlsafe.locate(node, ("weeks", w, "exercises", e))
                        message = f"week {week.week}: no exercise '{exercise_id}' in the library"
                        problems.append(
                            Problem(
                                path, line, col, message + _hint(exercise_id, library.exercises)
                            )
                        )
                problems.extend(_review_problems(path, node, w, week, library))
        if program.id in seen:
            line, col = yamlsafe.locate(node, ("id",))
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    f"program id '{program.id}' is also used by {seen[program.id]}; "
                    "give this program an id of its own",
                )
            )
        seen.setdefault(program.id, path)
        result.problems.extend(problems)
        if not problems:
            result.programs[program.id] = program
    return result


def _review_problems(
    path: Path, node: yamlsafe.Node, index: int, week: ProgramWeek, library: Library
) -> list[Problem]:
    """A week's review must compare the scores of an exercise that has a `scale`."""
    review = week.review
    if review is None:
        return []
    line, col = yamlsafe.locate(node, ("weeks", index, "review", "scale"))
    exercise = library.exercises.get(review.scale)
    if exercise is None:
        message = f"week {week.week}: review: no exercise '{review.scale}' in the library"
        return [Problem(path, line, col, message + _hint(review.scale, library.exercises))]
    if exercise.scale is None:
        message = (
            f"week {week.week}: review: '{review.scale}' has no scores to compare "
            "(it needs a 'scale')"
        )
        return [Problem(path, line, col, message)]
    return []


# --- validation errors -> problems -------------------------------------------------------------

_PATTERN_WORDS = {
    SLUG_PATTERN: "use lower-case letters, digits and single hyphens, e.g. 'active-listening'",
    STEP_ID_PATTERN: "use lower-case letters, digits and underscores, starting with a letter, "
    "e.g. 'how_i_feel'",
    LANG_PATTERN: "use a language code such as 'en' or 'pt-BR'",
}
_QUOTED = re.compile(r"'([^']*)'")
_TEXT_HELP = "expected text: a string, or a mapping of language codes to strings (en: ...)"


def validation_problems(
    path: Path, node: yamlsafe.Node, data: Any, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Turn Pydantic's errors into problems at the positions of the offending YAML nodes."""
    problems: list[Problem] = []
    seen: set[tuple[int, int, str]] = set()
    for error in exc.errors(include_url=False):
        described = _describe(error, data, model)
        if described is None:
            continue
        loc, message, on_key = described
        line, col = yamlsafe.locate(node, loc, key=on_key)
        if (line, col, message) not in seen:
            seen.add((line, col, message))
            problems.append(Problem(path, line, col, message))
    return sorted(problems, key=lambda p: (p.line, p.col))


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], list[str]]:
    """Split ``loc`` into the parts found in ``data`` and the labels Pydantic added."""
    kept: list[Any] = []
    labels: list[str] = []
    current = data
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            kept.append(part)
            current = current[part]
        else:
            labels.append(str(part))
    return tuple(kept), labels


def _where(data: Any, loc: Sequence[Any]) -> str:
    """A readable name for ``loc``: ``step 'feel': options[2].label``."""
    prefix = ""
    rest = list(loc)
    if len(rest) >= 2 and rest[0] == "steps" and isinstance(rest[1], int):
        step = data["steps"][rest[1]]
        step_id = step.get("id") if isinstance(step, dict) else None
        prefix = f"step '{step_id}'" if isinstance(step_id, str) else f"step {rest[1] + 1}"
        rest = rest[2:]
    tail = ""
    for part in rest:
        tail += f"[{part}]" if isinstance(part, int) else (f".{part}" if tail else str(part))
    if prefix and tail:
        return f"{prefix}: {tail}"
    return prefix or tail


def _describe(
    error: Any, data: Any, model: type[BaseModel]
) -> tuple[tuple[Any, ...], str, bool] | None:
    kind: str = error["type"]
    raw_loc = tuple(error["loc"])
    loc, labels = _clean_loc(data, raw_loc)
    ctx = error.get("ctx") or {}
    if "str" in labels and kind == "string_type":  # the plain-string half of a text field
        if isinstance(error.get("input"), dict):
            return None  # the mapping half explains what is wrong inside the mapping
        return loc, _join(_where(data, loc), _TEXT_HELP), False
    if any(label.startswith("dict[") for label in labels) and kind == "dict_type":
        return None  # reported once, by the plain-string half
    where = _where(data, loc)
    if kind == "missing":
        return loc, _join(where, f"missing required field '{raw_loc[-1]}'"), False
    if kind == "extra_forbidden":
        name = str(raw_loc[-1])
        allowed = _fields_at(model, data, loc[:-1])
        hint = _hint(name, allowed) if allowed else ""
        return loc, _join(_where(data, loc[:-1]), f"unknown field '{name}'{hint}"), True
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        hint = _hint(tag, STEP_KINDS) or f" (kinds: {', '.join(STEP_KINDS)})"
        return (*loc, "kind"), _join(where, f"unknown step kind '{tag}'{hint}"), False
    if kind == "union_tag_not_found":
        return loc, _join(where, f"a step needs 'kind:', one of {', '.join(STEP_KINDS)}"), False
    if kind == "literal_error":
        choices = _QUOTED.findall(str(ctx.get("expected", "")))
        given = error.get("input")
        hint = _hint(given, choices) if isinstance(given, str) else ""
        body = f"'{given}' is not allowed; use one of {', '.join(choices)}{hint}"
        return loc, _join(where, body), False
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(str(ctx.get("pattern")), str(error["msg"]))
        on_key = "[key]" in labels
        what = "a language code" if on_key else "a valid id"
        return loc, _join(where, f"'{error.get('input')}' is not {what}; {words}"), on_key
    if kind in ("model_type", "model_attributes_type") and not isinstance(error.get("input"), dict):
        return loc, _join(where, "expected a mapping of fields (key: value)"), False
    if kind == "list_type":
        return (
            loc,
            _join(where, "expected a list: one item per line, each starting with '- '"),
            False,
        )
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if kind == "located":  # a check across fields names the one at fault (models.located)
        return _clean_loc(data, (*loc, *ctx["at"]))[0], _join(where, message), False
    if not message.startswith("I "):
        message = message[:1].lower() + message[1:]
    return loc, _join(where, message), "[key]" in labels


def _join(where: str, body: str) -> str:
    return f"{where}: {body}" if where else body


def _fields_at(model: type[BaseModel], data: Any, loc: Sequence[Any]) -> list[str]:
    """The field names allowed in the mapping at ``loc`` (for "did you mean" hints)."""
    models: list[type[BaseModel]] = [model]
    value = data
    for part in loc:
        if isinstance(value, dict):
            chosen = pick_model(models, value)
            info = chosen.model_fields.get(part) if chosen else None
            if info is None:
                return []
            models = models_in(info.annotation)
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return []
    chosen = pick_model(models, value) if isinstance(value, dict) else None
    return list(chosen.model_fields) if chosen else []


# --- references --------------------------------------------------------------------------------

_TEXT_KEYS = frozenset(
    {
        "title",
        "text",
        "placeholder",
        "template",
        "speaker_prompt",
        "listener_prompt",
        "label",
        "min_label",
        "max_label",
        "note",
        "suggestions",
    }
)
_PARTNER_PARTS = frozenset({"a", "b"})
_TEXT_PARTNER_PARTS = frozenset({"a", "b", "me", "partner"})


def _strings_in(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string inside a text field's value (a string, a language map, a list of either)."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings_in(inner, (*loc, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings_in(inner, (*loc, index))


def _texts(raw: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """(loc, key, string) for every text string in a step's raw mapping, at any depth."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key in _TEXT_KEYS:
                for where, string in _strings_in(value, (*loc, key)):
                    yield where, key, string
            elif isinstance(value, dict | list):
                yield from _texts(value, (*loc, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from _texts(value, (*loc, index))


def _sub_parts(step: Step) -> set[str]:
    if isinstance(step, FillStep):
        return {b.id for b in step.blanks}
    if isinstance(step, ScaleStep):
        return {i.id for i in step.items}
    return set()


def _answer_ref(
    parts: Sequence[str],
    earlier: dict[str, Step],
    all_ids: set[str],
    *,
    in_text: bool,
) -> str | None:
    """Why ``answers.<parts>`` is not a valid reference here, or ``None`` when it is."""
    name = "answers." + ".".join(parts)
    step_id = parts[0]
    if step_id not in earlier:
        if step_id in all_ids:
            return f"'{name}' names step '{step_id}', which does not come before this step"
        return f"'{name}': there is no step '{step_id}'" + _hint(step_id, earlier)
    target = earlier[step_id]
    answered = ANSWERED_KINDS | ({"agreement"} if in_text else set())
    if target.kind not in answered:
        return f"'{name}': step '{step_id}' is a {target.kind} step and has no answer"
    rest = list(parts[1:])
    if rest and rest[0] in (_TEXT_PARTNER_PARTS if in_text else _PARTNER_PARTS):
        rest.pop(0)
    subs = _sub_parts(target)
    if len(rest) > 1 or (rest and rest[0] not in subs):
        if subs:
            choices = ", ".join(sorted(subs))
            return f"'{name}': step '{step_id}' has no part '{rest[0]}' (it has {choices})"
        return f"'{name}': step '{step_id}' has no part '{rest[0]}'"
    return None


def _not_an_option(
    parts: Sequence[str], values: list[Any], member: bool, earlier: dict[str, Step]
) -> str | None:
    """Why comparing ``answers.<parts>`` with ``values`` can never match an option, if so.

    ``member`` is a test for one ticked item (``"x" in answers.step``), which on a single
    choice is a test on the letters of the answer instead, and is left alone there.
    """
    target = earlier.get(parts[0])
    if len(parts) > 2 or (len(parts) == 2 and parts[1] not in _PARTNER_PARTS):
        return None
    if member and isinstance(target, ChoiceStep) and target.select == "single":
        return None
    if isinstance(target, ChoiceStep):
        options = [o.value for o in target.options]
    elif isinstance(target, ChecklistStep):
        options = [o.value for o in target.items]
    else:
        return None
    for value in values:
        if value is None or isinstance(value, bool) or value in options:
            continue
        shown = f'"{value}"' if isinstance(value, str) else str(value)
        hint = _hint(str(value), options, " (did you mean '{}'?)")
        return (
            f"{shown} is not an option of step '{parts[0]}', so this never matches{hint}; "
            f"its options are {', '.join(options)}"
        )
    return None


def _position(
    node: yamlsafe.Node, loc: tuple[Any, ...], value: str, offset: int
) -> tuple[int, int]:
    """The position of character ``offset`` inside the string scalar at ``loc`` when it can be
    known exactly (a one-line scalar), else the scalar's own position."""
    line, col = yamlsafe.locate(node, loc)
    target = node
    for part in loc:
        items = target.items
        if (isinstance(items, dict) and part in items) or (
            isinstance(items, list) and isinstance(part, int) and part < len(items)
        ):
            target = items[part]
        else:
            return line, col
    if target.style in ("|", ">") or "\n" in value[:offset]:
        return line, col
    return line, col + offset + (1 if target.style in ("'", '"') else 0)


@functools.cache
def _step_adapter() -> TypeAdapter[Step]:
    """A validator of one step on its own: only a file that failed validation needs one."""
    return TypeAdapter(Step)


@dataclass(frozen=True, slots=True)
class Parts:
    """The parts of an exercise that the cross-references are checked on.

    From a valid exercise every part is there; from a file that failed validation
    (:meth:`salvage`) each step, the scoring and the mode are kept when they are valid on their
    own (an invalid step is ``None``: its own problems are already reported, and references to
    it are not reported again).
    """

    steps: list[Step | None]
    step_ids: list[str | None]
    guides: list[str]
    scale: ScaleScoring | None
    mode: Mode | None

    @classmethod
    def of(cls, exercise: Exercise) -> Parts:
        """Every part of a valid exercise."""
        steps: list[Step | None] = list(exercise.steps)
        ids: list[str | None] = [s.id for s in exercise.steps]
        return cls(steps, ids, list(exercise.guides), exercise.scale, None)

    @classmethod
    def salvage(cls, data: dict[str, Any]) -> Parts:
        """The parts of ``data`` that are valid on their own."""
        raw_steps = data.get("steps")
        steps: list[Step | None] = []
        ids: list[str | None] = []
        for raw in raw_steps if isinstance(raw_steps, list) else []:
            steps.append(_valid(_step_adapter(), raw))
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            ids.append(raw_id if isinstance(raw_id, str) else None)
        guides = data.get("guides")
        scale = _valid(TypeAdapter(ScaleScoring), data.get("scale"))
        mode = _valid(TypeAdapter(Mode), data.get("mode", "together"))
        good_guides = [g for g in guides if isinstance(g, str)] if isinstance(guides, list) else []
        return cls(steps, ids, good_guides, scale, mode)


T = TypeVar("T")


def _valid(adapter: TypeAdapter[T], raw: Any) -> T | None:
    if raw is None:
        return None
    try:
        return adapter.validate_python(raw)
    except ValidationError:
        return None


def check_references(
    parts: Parts, data: dict[str, Any], node: yamlsafe.Node, guides: frozenset[str] | None
) -> list[tuple[int, int, str]]:
    """Check what one model cannot: ids, conditions, reveals, placeholders, guides, scoring.

    Returns ``(line, col, message)`` triples (1-based).
    """
    found: list[tuple[int, int, str]] = []

    def report(loc: tuple[Any, ...], message: str, *, key: bool = False) -> None:
        found.append((*yamlsafe.locate(node, loc, key=key), message))

    all_ids = {step_id for step_id in parts.step_ids if step_id is not None}
    unchecked = {i for i, s in zip(parts.step_ids, parts.steps, strict=True) if s is None and i}
    earlier: dict[str, Step] = {}
    first_index: dict[str, int] = {}
    raw_steps: list[Any] = data.get("steps") or []
    for index, (step_id, maybe) in enumerate(zip(parts.step_ids, parts.steps, strict=True)):
        base: tuple[Any, ...] = ("steps", index)
        if step_id is not None and step_id in first_index:
            report(
                (*base, "id"),
                f"step id '{step_id}' is used twice (first by step {first_index[step_id] + 1})",
            )
        elif step_id is not None:
            first_index[step_id] = index
        if maybe is None:
            continue
        step = maybe
        label = f"step '{step.id}'"
        if step.when is not None:
            when_loc = (*base, "when")
            try:
                condition = conditions.parse(step.when)
            except conditions.ConditionError as exc:
                line, col = _position(node, when_loc, step.when, exc.col - 1)
                found.append((line, col, f"{label}: in 'when': {exc.message}"))
            else:
                for path in condition.paths():
                    if path.parts[0] in unchecked:
                        continue
                    why = _answer_ref(path.parts, earlier, all_ids, in_text=False)
                    if why:
                        line, col = _position(node, when_loc, step.when, path.col - 1)
                        found.append((line, col, f"{label}: in 'when': {why}"))
                for path, values, member in condition.compared():
                    why = _not_an_option(path.parts, values, member, earlier)
                    if why:
                        line, col = _position(node, when_loc, step.when, path.col - 1)
                        found.append((line, col, f"{label}: in 'when': {why}"))
        if isinstance(step, RevealStep):
            for j, name in enumerate(step.steps):
                if name in earlier and earlier[name].never_revealed:
                    report(
                        (*base, "steps", j),
                        f"{label}: reveals step '{name}', which says 'never_revealed: true'",
                    )
                elif name not in earlier and name not in unchecked:
                    why = (
                        "which does not come before this step"
                        if name in all_ids
                        else "which does not exist" + _hint(name, earlier)
                    )
                    report((*base, "steps", j), f"{label}: reveals step '{name}', {why}")
        blanks = {b.id for b in step.blanks} if isinstance(step, FillStep) else set()
        for loc, key, string in _texts(raw_steps[index], base):
            try:
                names = templates.fields(string)
            except templates.TemplateError as exc:
                found.append((*_position(node, loc, string, exc.offset), f"{label}: {exc.message}"))
                continue
            for name, offset in names:
                pieces = name.split(".")
                why = None
                if pieces[0] == "answers" and len(pieces) > 1:
                    if pieces[1] in unchecked:
                        continue
                    why = _answer_ref(pieces[1:], earlier, all_ids, in_text=True)
                elif name in STANDARD_PLACEHOLDERS or (key == "template" and name in blanks):
                    why = None
                else:
                    choices = sorted(
                        STANDARD_PLACEHOLDERS | (blanks if key == "template" else set())
                    )
                    why = f"unknown placeholder '{{{name}}}'" + _hint(name, choices)
                if why:
                    found.append((*_position(node, loc, string, offset), f"{label}: {why}"))
        if isinstance(step, FillStep):
            for _loc, _key, string in _texts({"template": raw_steps[index]["template"]}, base):
                used = {name for name, _ in _safe_fields(string)}
                for b, blank in enumerate(step.blanks):
                    if blank.id not in used:
                        report(
                            (*base, "blanks", b, "id"),
                            f"{label}: blank '{blank.id}' is not used in the template",
                        )
        earlier[step.id] = step

    if guides is not None:
        for j, guide in enumerate(parts.guides):
            if guide not in guides:
                report(("guides", j), f"guide '{guide}' not found" + _hint(guide, guides))

    _check_scoring(parts, report)
    if parts.mode is not None:
        indexed = [(i, s) for i, s in enumerate(parts.steps) if s is not None]
        for loc, message in mode_problems(parts.mode, indexed):
            report(loc, message)
    return sorted(found)


def warnings_of(parts: Parts, node: yamlsafe.Node) -> list[tuple[int, int, str]]:
    """What runs but is probably not what the author meant: ``(line, col, message)``."""
    found: list[tuple[int, int, str]] = []
    revealed = {name for step in parts.steps if isinstance(step, RevealStep) for name in step.steps}
    for index, step in enumerate(parts.steps):
        if step is not None and step.blind and not step.never_revealed and step.id not in revealed:
            found.append(
                (
                    *yamlsafe.locate(node, ("steps", index, "blind"), key=True),
                    f"step '{step.id}' is blind and no 'reveal' step names it, so each "
                    "partner's answer stays hidden from the other for good; unless that is "
                    "meant, add a reveal step naming it",
                )
            )
    return found


def _safe_fields(string: str) -> list[tuple[str, int]]:
    try:
        return templates.fields(string)
    except templates.TemplateError:
        return []


def _check_scoring(parts: Parts, report: Any) -> None:
    scored = {
        step.id: (index, step)
        for index, step in enumerate(parts.steps)
        if isinstance(step, ScaleStep) and step.items
    }
    declared = {s.id for s in parts.scale.subscales} if parts.scale else set()
    for step_id, (index, step) in scored.items():
        for k, item in enumerate(step.items):
            if item.subscale is not None and item.subscale not in declared:
                report(
                    ("steps", index, "items", k, "subscale"),
                    f"step '{step_id}': item '{item.id}' names subscale '{item.subscale}', which "
                    "is not declared under 'scale: subscales:'" + _hint(item.subscale, declared),
                )
    if parts.scale is None:
        return
    if not scored and not any(s is None for s in parts.steps):
        report(("scale",), "'scale' scores items, but no scale step has 'items'", key=True)
    unchecked = {i for i, s in zip(parts.step_ids, parts.steps, strict=True) if s is None}
    for j, step_id in enumerate(parts.scale.steps):
        if step_id not in scored and step_id not in unchecked:
            report(
                ("scale", "steps", j),
                f"scale: '{step_id}' is not a scale step with items" + _hint(step_id, scored),
            )
