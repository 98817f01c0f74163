"""How far a couple is in a program: each program step counted once, from that program's sittings.

A program lists exercises week by week, and one exercise may come back (the weekly check-in is
in every week of "Six weeks together", and in other programs too). A finished session (a
*sitting*) counts for a program only when it was started from that program: its session
records the program and the step (:class:`workbook.sessions.SessionOrigin`). A sitting from
the library, or from another program that shares the exercise, does not move this program on.

Each sitting fills one step, and each step is filled once: first the step the sitting was
started from (when it is still open and still names that exercise), else the earliest open
step of the same exercise. Three sittings are at most three steps done, and the second week's
check-in waits for a second check-in.

Sessions stored before sessions recorded where they were started (``origin`` is ``None``) are
counted as they always were: each fills the earliest open step of its exercise in every
program. Nobody can tell now which program they were part of, and counting none of them would
empty a couple's programs on the day they update, which reads as lost work; counting them as
before keeps exactly what the couple already saw. Every session started since counts only for
its own program.

One rule for every place that shows program progress: the home's "next in" line, the Programs
and Goals screens and exports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.exercises.models import Program
    from workbook.store import Store


@dataclass(frozen=True, slots=True)
class Sitting:
    """One finished session as program progress needs it: the exercise and, when it was started
    from a program step, that step's place in the program."""

    exercise_id: str
    step: int | None = None


@dataclass(frozen=True, slots=True)
class Sittings:
    """Finished sessions by the program they were started from, and the ones stored before
    sessions recorded it (counted for every program)."""

    by_program: dict[str, list[Sitting]] = field(default_factory=dict)
    unrecorded: list[Sitting] = field(default_factory=list)

    def of(self, program_id: str) -> list[Sitting]:
        """The sittings that count for ``program_id``."""
        return [*self.by_program.get(program_id, ()), *self.unrecorded]

    @property
    def empty(self) -> bool:
        """Whether no sitting counts for any program."""
        return not self.by_program and not self.unrecorded


def sittings(store: Store) -> Sittings:
    """Every finished session, by the program it was started from (library sittings left out)."""
    from workbook import sessions

    found = Sittings()
    for record in sessions.sessions(store).find(lambda r: r.status == "finished"):
        origin = record.origin
        if origin is None:
            found.unrecorded.append(Sitting(record.exercise_id))
        elif origin.program is not None:
            sitting = Sitting(record.exercise_id, origin.step)
            found.by_program.setdefault(origin.program, []).append(sitting)
    return found


def program_steps(program: Program) -> list[str]:
    """The program's exercise ids in order, week by week, a repeated one once per week."""
    return [exercise_id for week in program.weeks for exercise_id in week.exercises]


def steps_done(steps: Sequence[str], finished: Iterable[Sitting]) -> list[bool]:
    """For each step, whether a sitting fills it: each sitting fills one step (the one it was
    started from if that is still open, else the earliest open step of its exercise) and each
    step is filled once."""
    marks = [False] * len(steps)
    placed_later: list[str] = []
    for sitting in finished:
        started = _open_step_started_from(steps, marks, sitting)
        if started is not None:
            marks[started] = True
        else:
            placed_later.append(sitting.exercise_id)
    for exercise_id in placed_later:
        open_step = next(
            (i for i, e in enumerate(steps) if e == exercise_id and not marks[i]), None
        )
        if open_step is not None:
            marks[open_step] = True
    return marks


def _open_step_started_from(
    steps: Sequence[str], marks: Sequence[bool], sitting: Sitting
) -> int | None:
    """The step ``sitting`` was started from, if it is still open and still names its exercise
    (a program file may have changed since); else ``None``."""
    step = sitting.step
    if step is None or not 0 <= step < len(steps):
        return None
    return step if steps[step] == sitting.exercise_id and not marks[step] else None


def next_step(steps: Sequence[str], marks: Iterable[bool]) -> str | None:
    """The first step not done yet (an exercise id), or ``None`` when all are done."""
    return next((step for step, done in zip(steps, marks, strict=False) if not done), None)
