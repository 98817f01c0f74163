"""``workbook start EXERCISE_ID``: open the workbook straight into one exercise.

A calendar reminder or a facilitator's note can then say exactly what to run. The id is checked
before the TUI opens, so a typo exits with code 5 and the closest ids instead of a window that
closes again. An unfinished session of the exercise is continued where the couple stopped.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated

import typer

from workbook.cli.context import home_from
from workbook.cli.exercises import ExercisesOption
from workbook.errors import NotFoundError

#: How many close ids an unknown id is answered with.
CLOSE_IDS = 3


def closest_ids(word: str, ids: list[str]) -> list[str]:
    """Up to :data:`CLOSE_IDS` ids that look like ``word``, the likeliest first."""
    close = difflib.get_close_matches(word, ids, n=CLOSE_IDS, cutoff=0.5)
    containing = [i for i in sorted(ids) if word.lower() in i and i not in close]
    return [*close, *containing][:CLOSE_IDS]


def start(
    ctx: typer.Context,
    exercise_id: Annotated[
        str, typer.Argument(metavar="EXERCISE_ID", help="The exercise to open, e.g. safe-space.")
    ],
    extra: ExercisesOption = None,
) -> None:
    """Open the workbook straight into one exercise (continuing an unfinished one)."""
    from workbook.exercises import load_library

    home = home_from(ctx)
    folders: list[Path] = list(extra or [])
    for folder in folders:
        if not folder.is_dir():
            raise NotFoundError(f"There is no exercise folder at {folder}.")
    library = load_library(home, folders)
    if exercise_id not in library.exercises:
        close = closest_ids(exercise_id, sorted(library.exercises))
        hint = f" Closest: {', '.join(close)}." if close else ""
        raise NotFoundError(
            f"There is no exercise '{exercise_id}'.{hint} `workbook exercises list` shows them all."
        )
    from workbook.tui.launch import launch

    raise typer.Exit(launch(home, extra_exercise_dirs=folders, open_exercise=exercise_id))


def register(app: typer.Typer) -> None:
    """Add ``start`` to the root app."""
    app.command("start")(start)
