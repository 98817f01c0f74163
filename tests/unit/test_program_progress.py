"""Program progress counts each program step once, from the sittings that fill it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from workbook import program_progress, sessions
from workbook.couple import make_couple, save_couple
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.export.collect import collect
from workbook.store import Store


def test_one_sitting_fills_one_step_the_earliest_first() -> None:
    """A check-in repeated every week is ticked once per check-in, not in every week at once."""
    steps = ["intro", "check", "talk", "check", "check"]
    assert program_progress.steps_done(steps, Counter()) == [False] * 5
    assert program_progress.steps_done(steps, Counter({"check": 1})) == [
        False,
        True,
        False,
        False,
        False,
    ]
    marks = program_progress.steps_done(steps, Counter({"check": 2, "intro": 3}))
    assert marks == [True, True, False, True, False]
    assert program_progress.next_step(steps, marks) == "talk"
    assert program_progress.next_step(["a"], [True]) is None


def test_three_exercises_are_three_steps_of_six_weeks_together_in_the_export(
    tmp_path: Path,
) -> None:
    """After a check-in and two other week-one exercises the export says 3 of 20, and only
    week one's check-in is ticked."""
    library = load_library(None)
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        for exercise_id in ("weekly-check-in", "safe-space", "appreciation-exchange"):
            exercise = library.get(exercise_id)
            state = Engine.start(exercise).state.model_dump(mode="json")
            record = sessions.start(store, exercise, state)
            sessions.finish(store, record, state)
        doc = collect(store, library=library)
    six = next(p for p in doc.programs if p.id == "six-weeks-together")
    assert (six.done, six.total) == (3, 20)
    ticked = [(week.week, e.id) for week in six.weeks for e in week.exercises if e.done]
    assert ticked == [(1, "safe-space"), (1, "weekly-check-in"), (1, "appreciation-exchange")]
