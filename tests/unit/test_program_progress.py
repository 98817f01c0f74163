"""Program progress counts each program step once, from the sittings that fill it."""

from __future__ import annotations

import json
from pathlib import Path

from workbook import program_progress, sessions
from workbook.couple import make_couple, save_couple
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.exercises.models import Exercise
from workbook.export.collect import collect
from workbook.program_progress import Sitting
from workbook.sessions import OUTSIDE_PROGRAMS, SessionOrigin
from workbook.store import Store


def test_one_sitting_fills_one_step_the_earliest_first() -> None:
    """A check-in repeated every week is ticked once per check-in, not in every week at once."""
    steps = ["intro", "check", "talk", "check", "check"]
    assert program_progress.steps_done(steps, []) == [False] * 5
    assert program_progress.steps_done(steps, [Sitting("check")]) == [
        False,
        True,
        False,
        False,
        False,
    ]
    marks = program_progress.steps_done(
        steps, [Sitting("check"), Sitting("intro"), Sitting("intro"), Sitting("check")]
    )
    assert marks == [True, True, False, True, False]
    assert program_progress.next_step(steps, marks) == "talk"
    assert program_progress.next_step(["a"], [True]) is None


def test_a_sitting_fills_the_step_it_was_started_from_and_each_step_once() -> None:
    """Started from week 3's check-in, a sitting ticks week 3, not week 1; a second sitting of
    a step already filled moves to the earliest open step of its exercise; a step whose
    exercise changed since (or a place out of range) is treated as unknown."""
    steps = ["intro", "check", "talk", "check", "check"]
    assert program_progress.steps_done(steps, [Sitting("check", 3)]) == [
        False,
        False,
        False,
        True,
        False,
    ]
    twice = [Sitting("check", 3), Sitting("check", 3)]
    assert program_progress.steps_done(steps, twice) == [False, True, False, True, False]
    # A sitting without a place comes first but does not take the step another was started from.
    marks = program_progress.steps_done(steps, [Sitting("check"), Sitting("check", 1)])
    assert marks == [False, True, False, True, False]
    assert program_progress.steps_done(steps, [Sitting("talk", 1), Sitting("talk", 99)]) == [
        False,
        False,
        True,
        False,
        False,
    ]


def finish(store: Store, exercise: Exercise, origin: SessionOrigin = OUTSIDE_PROGRAMS) -> None:
    """Store one finished sitting of ``exercise`` started from ``origin``."""
    state = Engine.start(exercise).state.model_dump(mode="json")
    record = sessions.start(store, exercise, state, origin=origin)
    sessions.finish(store, record, state)


def test_only_the_programs_own_sittings_count(tmp_path: Path) -> None:
    """A check-in from the library moves no program on; one from program A moves A, not B,
    though both programs name the check-in."""
    library = load_library(None)
    check_in = library.get("weekly-check-in")
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        finish(store, check_in)
        assert program_progress.sittings(store).empty
        finish(store, check_in, SessionOrigin(program="a", step=2))
        found = program_progress.sittings(store)
    steps = ["safe-space", "talk", "weekly-check-in"]
    assert program_progress.steps_done(steps, found.of("a")) == [False, False, True]
    assert program_progress.steps_done(steps, found.of("b")) == [False, False, False]


def test_sessions_stored_before_origins_count_for_every_program_as_before(
    tmp_path: Path,
) -> None:
    """A session stored by an earlier version (no ``origin`` in the file) still loads and
    counts as it did then: it fills the earliest open step of its exercise in each program."""
    library = load_library(None)
    check_in = library.get("weekly-check-in")
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        finish(store, check_in)
    data = tmp_path / "home" / "workbook.json"
    raw = json.loads(data.read_text())
    (stored,) = raw["sessions"].values()
    del stored["origin"]
    data.write_text(json.dumps(raw))
    with Store.open(tmp_path / "home") as store:
        (record,) = sessions.sessions(store).all()
        found = program_progress.sittings(store)
    assert record.origin is None
    steps = ["weekly-check-in", "talk", "weekly-check-in"]
    assert program_progress.steps_done(steps, found.of("a")) == [True, False, False]
    assert program_progress.steps_done(steps, found.of("b")) == [True, False, False]


def test_three_exercises_are_three_steps_of_six_weeks_together_in_the_export(
    tmp_path: Path,
) -> None:
    """After week one's three exercises, started from "Six weeks together" (the weekly
    check-in among them, which every week repeats), the export counts 3 steps done and only
    week one's are ticked; "First steps", which shares two of them, counts none; each exported
    session names the program step it was started from."""
    from workbook.exercises import load_programs

    library = load_library(None)
    programs = load_programs(library).programs
    program = programs["six-weeks-together"]
    week_one = program.weeks[0].exercises
    assert len(week_one) == 3 and "weekly-check-in" in week_one
    assert sum(w.exercises.count("weekly-check-in") for w in program.weeks) > 1
    shared = set(week_one) & set(program_progress.program_steps(programs["first-steps"]))
    assert "weekly-check-in" in shared
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        for step, exercise_id in enumerate(week_one):
            origin = SessionOrigin(program="six-weeks-together", step=step)
            finish(store, library.get(exercise_id), origin)
        doc = collect(store, library=library)
    by_id = {p.id: p for p in doc.programs}
    six = by_id["six-weeks-together"]
    total = sum(len(w.exercises) for w in program.weeks)
    assert (six.done, six.total) == (3, total)
    ticked = [(week.week, e.id) for week in six.weeks for e in week.exercises if e.done]
    assert ticked == [(1, exercise_id) for exercise_id in week_one]
    assert by_id["first-steps"].done == 0
    exported = sorted((s.program, s.program_step, s.exercise_id) for s in doc.sessions)
    assert exported == sorted(
        ("six-weeks-together", step, exercise_id) for step, exercise_id in enumerate(week_one)
    )
