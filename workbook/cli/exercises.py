"""Facilitator tooling: ``workbook validate``, ``workbook schema`` and ``workbook exercises``.

``validate`` reports every problem as ``path:line:col: message`` (or JSON) and exits 1 when
there is an error, 0 when there are only warnings (1 with ``--strict``), so it fits editors,
pre-commit hooks and CI. ``--walk`` also plays every
exercise through every branch of its conditions. ``schema`` prints the JSON Schema of an
exercise, pack or program file, generated from the models (the committed files named in
``workbook.exercises.models.SCHEMA_FILES`` are the same text).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from workbook.cli.context import console, err_console, home_from
from workbook.console import ListFormat
from workbook.errors import ExitCode, WorkbookError

exercises_app = typer.Typer(help="Browse the exercise library.", no_args_is_help=True)

ExercisesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--exercises",
        metavar="FOLDER",
        help="An extra folder of exercises (a facilitator pack); may be repeated.",
        show_default=False,
    ),
]


class ReportFormat(StrEnum):
    """Output of ``validate``."""

    text = "text"
    json = "json"


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Files or folders to check (default: every exercise source)."
        ),
    ] = None,
    output: Annotated[
        ReportFormat, typer.Option("--format", help="text (path:line:col: message) or json.")
    ] = ReportFormat.text,
    walk: Annotated[
        bool,
        typer.Option("--walk", help="Also play every branch of every exercise."),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Fail on warnings too (exit 1), not only on errors."),
    ] = False,
    extra: ExercisesOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Also list the texts with no current translation into this language.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check exercise files; print each problem as path:line:col: message.

    Exits 1 when there is an error (or, with --strict, a warning), 0 otherwise.
    """
    from workbook.exercises import Problem, load_library, load_paths, load_programs
    from workbook.exercises.loader import yaml_files

    if paths:
        paths = _programs_apart(paths)
        program_paths = [p for p in paths if _is_program_path(p)]
        library = load_paths([p for p in paths if p not in program_paths])
        programs_problems: list[Problem] = []
        if program_paths:
            # Programs name exercises: check them against every source, as the app will.
            known = load_library(home_from(ctx), extra or [])
            for path in program_paths:
                folder = path if path.is_dir() else path.parent
                found = load_programs(known, folder).problems
                library.files_read += len(yaml_files(folder)) if path.is_dir() else 1
                programs_problems.extend(
                    p for p in found if path.is_dir() or p.path.resolve() == path.resolve()
                )
    else:
        library = load_library(home_from(ctx), extra or [])
        programs_problems = load_programs(library).problems
    problems = [*library.problems, *programs_problems]
    walked = 0
    if walk:
        walk_problems, walked = _walk_problems(library)
        problems.extend(walk_problems)
    problems = sorted(
        [*problems, *library.warnings], key=lambda p: (str(p.path), p.line, p.col, p.message)
    )
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    gaps: list[Any] = []
    texts = 0
    if lang is not None:
        from workbook.translate import check_lang, coverage

        lang = check_lang(lang)
        files = list(paths) if paths else _source_files(library)
        gaps, texts = coverage(files, lang)
    # Missing translations are not errors (the app falls back to English); --strict counts them.
    failed = errors > 0 or (strict and (warnings > 0 or bool(gaps)))
    if output is ReportFormat.json:
        payload: dict[str, Any] = {
            "ok": not failed,
            "files": library.files_read,
            "exercises": len(library.exercises),
            "walked": walked,
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in problems],
        }
        if lang is not None:
            payload["translations"] = {
                "lang": lang,
                "texts": texts,
                "gaps": [
                    {
                        "path": str(g.path),
                        "line": g.line,
                        "col": g.col,
                        "at": g.context,
                        "state": g.state,
                    }
                    for g in gaps
                ],
            }
        typer.echo(json.dumps(payload, indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem))
        for gap in gaps:
            typer.echo(str(gap))
        summary = (
            f"{_count(library.files_read, 'file')}, {_count(len(library.exercises), 'exercise')}"
            + (f" ({walked} walked)" if walk else "")
            + f": {_count(errors, 'error')}, {_count(warnings, 'warning')}."
        )
        if lang is not None:
            summary += _translation_summary(gaps, texts, lang)
        err_console.print(summary, markup=False)
    if failed:
        raise typer.Exit(int(ExitCode.PROBLEMS))


def _source_files(library: Any) -> list[Path]:
    """Every exercise file in the library and every program file, for ``--lang``."""
    from workbook import locations
    from workbook.exercises.loader import yaml_files

    files = [entry.path for entry in library.entries.values()]
    programs = locations.programs_dir()
    return files + (yaml_files(programs) if programs.is_dir() else [])


def _translation_summary(gaps: list[Any], texts: int, lang: str) -> str:
    """How much of the text has a current translation into ``lang`` (missing are not errors)."""
    missing = sum(1 for gap in gaps if gap.state == "missing")
    outdated = len(gaps) - missing
    return (
        f" Translations into {lang}: {texts - len(gaps)} of {_count(texts, 'text')} current, "
        f"{missing} missing, {outdated} outdated."
    )


def _is_program_path(path: Path) -> bool:
    """Programs live in a ``programs`` folder (``content/programs`` in the bundled library)."""
    return (path.is_dir() and path.name == "programs") or (
        path.is_file() and path.parent.name == "programs"
    )


def couple_language(home: Path) -> str:
    """The couple's language, read without taking the write lock; English with no couple."""
    from workbook import locations
    from workbook.couple import find_couple
    from workbook.glance import DEFAULT_LANGUAGE
    from workbook.store import Store

    if not locations.data_file(home).exists():
        return DEFAULT_LANGUAGE
    try:
        with Store.open(home, readonly=True) as store:
            couple = find_couple(store)
    except WorkbookError:
        return DEFAULT_LANGUAGE  # the listing does not need the data file; `where` explains it
    return couple.language if couple is not None else DEFAULT_LANGUAGE


def _programs_apart(paths: list[Path]) -> list[Path]:
    """A folder holding a ``programs`` folder (``content``) is checked as its other entries,
    read as exercises, and its ``programs`` folder, read as programs."""
    out: list[Path] = []
    for path in paths:
        inner = path / "programs"
        if path.is_dir() and not _is_program_path(path) and inner.is_dir():
            out += sorted(
                p
                for p in path.iterdir()
                if p != inner
                and not p.name.startswith(".")
                and (p.is_dir() or p.suffix in (".yaml", ".yml"))
            )
            out.append(inner)
        else:
            out.append(path)
    return out


def _count(number: int, noun: str) -> str:
    from workbook.wording import count

    return count(number, noun)


def _walk_problems(library: Any) -> tuple[list[Any], int]:
    """Walk every loaded exercise; problems at the position of the step concerned."""
    from workbook.exercises import Problem, yamlsafe
    from workbook.playthrough import walk

    found: list[Problem] = []
    for entry in library.entries.values():
        exercise = entry.exercise
        report = walk(exercise)
        if report.ok:
            continue
        try:
            _, node = yamlsafe.load(entry.path)
        except yamlsafe.YamlError:  # changed on disk since loading: point at the top
            node = yamlsafe.Node(0, 0)
        for step_id in report.unreachable:
            index = exercise.step_index(step_id)
            line, col = yamlsafe.locate(node, ("steps", index, "when"))
            found.append(
                Problem(
                    entry.path,
                    line,
                    col,
                    f"step '{step_id}' is never reached: its 'when' is false on every path",
                )
            )
        for step_id, message in report.failures.items():
            line, col = yamlsafe.locate(node, ("steps", exercise.step_index(step_id)))
            found.append(Problem(entry.path, line, col, f"step '{step_id}': {message}"))
    return found, len(library.entries)


class SchemaKind(StrEnum):
    """Which file format ``schema`` prints."""

    exercise = "exercise"
    pack = "pack"
    program = "program"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="exercise (the default), pack (pack.yaml) or program."),
    ] = SchemaKind.exercise,
) -> None:
    """Print the JSON Schema of an exercise, pack or program file (for editors and CI)."""
    from workbook.exercises.models import json_schema_text

    typer.echo(json_schema_text(kind.value), nl=False)


@exercises_app.command("list")
def list_exercises(
    ctx: typer.Context,
    category: Annotated[
        str | None, typer.Option("--category", help="Only this category.", show_default=False)
    ] = None,
    output: Annotated[
        ListFormat, typer.Option("--format", help="table or json.")
    ] = ListFormat.table,
    extra: ExercisesOption = None,
) -> None:
    """List the exercises, grouped by category, in the couple's language."""
    from workbook.errors import NotFoundError
    from workbook.exercises import load_library, text

    lang = couple_language(home_from(ctx))
    library = load_library(home_from(ctx), extra or [])
    groups = library.categories()
    if category is not None:
        if category not in groups:
            known = ", ".join(groups) or "none"
            raise NotFoundError(f"There is no category '{category}'. Categories: {known}.")
        groups = {category: groups[category]}
    if output is ListFormat.json:
        rows = [
            {
                "id": e.id,
                "title": text(e.title, lang),
                "category": e.category,
                "mode": e.mode,
                "minutes": e.minutes,
                "tags": list(e.tags),
                "approach": e.approach,
                "source": library.entries[e.id].source.kind,
                "path": str(library.entries[e.id].path),
            }
            for exercises in groups.values()
            for e in exercises
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table(box=None, pad_edge=False)
        widest = max((len(e.id) for exercises in groups.values() for e in exercises), default=2)
        # An id is typed back into commands: never wrapped or cut; the title wraps instead.
        # Categories are headings, not a column, so a long id still leaves the title room.
        table.add_column("id", no_wrap=True, min_width=widest)
        table.add_column("title", ratio=1, min_width=16)
        table.add_column("mode", no_wrap=True)
        table.add_column("min", justify="right", no_wrap=True)
        for index, (name, exercises) in enumerate(groups.items()):
            if index:
                table.add_row()
            table.add_row(Text(name, style="bold"))
            for e in exercises:
                source = library.entries[e.id].source
                title = text(e.title, lang)
                if source.kind == "pack":
                    title += f" (pack: {source.pack.name})" if source.pack else " (pack)"
                table.add_row(e.id, title, e.mode, str(e.minutes))
        console.print(table)
    if library.problems:
        err_console.print(
            f"{len(library.problems)} problem(s) kept some files out; run `workbook validate`.",
            markup=False,
        )


@exercises_app.command("show")
def show_exercise(
    ctx: typer.Context,
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="The exercise id.")],
    extra: ExercisesOption = None,
) -> None:
    """Show one exercise in the couple's language: what it is, where it comes from, its steps."""
    from workbook.exercises import load_library, text
    from workbook.exercises.prose import reflow

    lang = couple_language(home_from(ctx))
    library = load_library(home_from(ctx), extra or [])
    exercise = library.get(exercise_id)
    entry = library.entries[exercise_id]
    lines = [
        text(exercise.title, lang),
        reflow(text(exercise.summary, lang)),
        "",
        f"id:        {exercise.id} (version {exercise.version})",
        f"category:  {exercise.category}",
        f"mode:      {exercise.mode}, about {exercise.minutes} minutes",
        f"approach:  {exercise.approach}",
    ]
    if exercise.source:
        lines.append(f"source:    {exercise.source}")
    if exercise.tags:
        lines.append(f"tags:      {', '.join(exercise.tags)}")
    if exercise.guides:
        lines.append(f"guides:    {', '.join(exercise.guides)}")
    lines.append(f"file:      {entry.path} ({entry.source.describe()})")
    for note in exercise.safety_notes:
        lines.append(f"safety:    {reflow(text(note, lang))}")
    lines += ["", "steps:"]
    for number, step in enumerate(exercise.steps, 1):
        detail = f"  {number:>2}. {step.id} [{step.kind}] who: {step.who}"
        if step.blind:
            detail += ", blind"
        if step.when:
            detail += f", when: {step.when}"
        lines.append(detail)
    if exercise.scale is not None:
        lines += ["", f"scored: {text(exercise.scale.name, lang)} ({exercise.scale.scoring})"]
    console.print("\n".join(lines), markup=False)


def preview(
    path: Annotated[Path, typer.Argument(help="The exercise file to preview.")],
    lang: Annotated[
        str, typer.Option("--lang", help="The language to start in (l switches).")
    ] = "en",
) -> None:
    """Preview an exercise as each partner sees it; reloads when the file is saved."""
    from workbook.errors import NotFoundError

    if not path.is_file():
        raise NotFoundError(f"There is no exercise file at {path}; name one .yaml file.")
    from workbook.tui.preview import create_preview_app

    app = create_preview_app(path, lang=lang)
    app.run()
    raise typer.Exit(app.return_code or 0)


def register(app: typer.Typer) -> None:
    """Add ``validate``, ``schema``, ``preview`` and ``exercises`` to the root app."""
    app.command("validate")(validate)
    app.command("preview")(preview)
    app.command("schema")(schema)
    app.add_typer(exercises_app, name="exercises")
