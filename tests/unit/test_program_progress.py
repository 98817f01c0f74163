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
    """After week one's three exercises (the weekly check-in among them, which every week
    repeats) the export counts 3 steps done, and only week one's are ticked."""
    from workbook.exercises import load_programs

    library = load_library(None)
    program = load_programs(library).programs["six-weeks-together"]
    week_one = program.weeks[0].exercises
    assert len(week_one) == 3 and "weekly-check-in" in week_one
    assert sum(w.exercises.count("weekly-check-in") for w in program.weeks) > 1
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        for exercise_id in week_one:
            exercise = library.get(exercise_id)
            state = Engine.start(exercise).state.model_dump(mode="json")
            record = sessions.start(store, exercise, state)
            sessions.finish(store, record, state)
        doc = collect(store, library=library)
    six = next(p for p in doc.programs if p.id == "six-weeks-together")
    total = sum(len(w.exercises) for w in program.weeks)
    assert (six.done, six.total) == (3, total)
    ticked = [(week.week, e.id) for week in six.weeks for e in week.exercises if e.done]
    assert ticked == [(1, exercise_id) for exercise_id in week_one]
