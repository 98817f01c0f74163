"""How far a couple is in a program: each program step counted once, by its own sitting.

A program lists exercises week by week, and one exercise may come back (the weekly check-in is
in every week of "Six weeks together"). Counting "finished at least once" ticked all six weeks
after the first check-in. Here every finished session (a *sitting*) fills one program step:
the first step of that exercise not filled yet, in program order. Three sittings are at most
three steps done, and the second week's check-in waits for a second check-in.

One rule for every place that shows program progress: the home's "next in" line, the Programs
and Goals screens and exports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.exercises.models import Program
    from workbook.store import Store


def sittings(store: Store) -> Counter[str]:
    """How many times each exercise was finished."""
    from workbook import sessions

    finished = sessions.sessions(store).find(lambda r: r.status == "finished")
    return Counter(record.exercise_id for record in finished)


def program_steps(program: Program) -> list[str]:
    """The program's exercise ids in order, week by week, a repeated one once per week."""
    return [exercise_id for week in program.weeks for exercise_id in week.exercises]


def steps_done(steps: Sequence[str], finished: Counter[str]) -> list[bool]:
    """For each step, whether a sitting fills it (each sitting fills one step, earliest first)."""
    left = Counter(finished)
    marks: list[bool] = []
    for exercise_id in steps:
        marks.append(left[exercise_id] > 0)
        if marks[-1]:
            left[exercise_id] -= 1
    return marks


def next_step(steps: Sequence[str], marks: Iterable[bool]) -> str | None:
    """The first step not done yet (an exercise id), or ``None`` when all are done."""
    return next((step for step, done in zip(steps, marks, strict=False) if not done), None)
