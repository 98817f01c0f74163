"""Snapshot tests of the key screens at 80x24 (pytest-textual-snapshot).

Deterministic by construction: the bundled library, guides and programs are swapped for the
test pack, the clock is fixed, timers do not tick by themselves, and the couple is always Sam
and Alex. Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at
the SVGs in ``tests/tui/__snapshots__`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from workbook import locations, sessions
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.store import Store
from workbook.tui.app import WorkbookApp
from workbook.tui.messages import StartExercise

from .exercise_pack import (
    FIXED_NOW,
    fixed_clock,
    make_couple,
    make_pack,
    make_programs,
    runner_app,
)

SIZE = (80, 24)
Snap = Callable[..., bool]


@pytest.fixture
def pack(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Only the test pack: no bundled exercises, guides or programs can change a snapshot."""
    empty = tmp_path / "empty"
    empty.mkdir()
    programs = make_programs(tmp_path / "programs")
    monkeypatch.setattr(locations, "bundled_exercises_dir", lambda: empty)
    monkeypatch.setattr(locations, "guides_dir", lambda: empty)
    monkeypatch.setattr(locations, "programs_dir", lambda: programs)
    make_couple(home)
    return make_pack(tmp_path / "pack")


def app_for(home: Path, pack: Path) -> WorkbookApp:
    return runner_app(home, pack, couple=False)


def session_at(home: Path, pack: Path, exercise_id: str, answers: list[Any]) -> None:
    """Store a session of ``exercise_id`` after answering and leaving the first steps."""
    exercise = load_library(None, [pack]).exercises[exercise_id]
    engine = Engine.start(exercise, names={"a": "Sam", "b": "Alex"})
    for value in answers:
        if value is not None:
            engine.answer(value)
        engine.next()
    with Store.open(home) as store:
        sessions.start(store, exercise, engine.state.model_dump(mode="json"), clock=fixed_clock)


def store_together(home: Path, pack: Path, turns: list[Any]) -> None:
    """Store the together exercise at its turns step (then play ``turns`` answers and move on)."""
    exercise = load_library(None, [pack]).exercises["test-together"]
    engine = Engine.start(exercise)
    engine.next()
    engine.answer("a", "a")
    engine.answer("b", "b")
    engine.next()
    engine.next()
    for value in turns:
        engine.answer(value)
    if turns:
        engine.next()
    with Store.open(home) as store:
        sessions.start(store, exercise, engine.state.model_dump(mode="json"), clock=fixed_clock)


def start(exercise_id: str, *keys: str) -> Callable[[Pilot[Any]], Any]:
    """A ``run_before`` that starts an exercise and presses ``keys``."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.post_message(StartExercise(exercise_id))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run


def test_home(snap_compare: Snap, home: Path, pack: Path) -> None:
    """Home at 80x24: a paused session to continue, the exercises and the sections."""
    exercise = load_library(None, [pack]).exercises["test-together"]
    with Store.open(home) as store:
        record = sessions.start(
            store,
            exercise,
            Engine.start(exercise).state.model_dump(mode="json"),
            title="Test together",
            clock=fixed_clock,
        )
        sessions.pause(store, record.id, until=FIXED_NOW + timedelta(minutes=20))
    assert snap_compare(app_for(home, pack), run_before=settle, terminal_size=SIZE)


async def settle(pilot: Pilot[Any]) -> None:
    """Let the lists that fill in after the first frame arrive."""
    for _ in range(3):
        await pilot.pause()


def test_library(snap_compare: Snap, home: Path, pack: Path) -> None:
    """The library with its filters, the list and the highlighted exercise's description."""
    assert snap_compare(app_for(home, pack), press=["l", "_"], terminal_size=SIZE)


def test_runner_read(snap_compare: Snap, home: Path, pack: Path) -> None:
    """A read step, together: the turn bar names both partners."""
    assert snap_compare(app_for(home, pack), run_before=start("test-together"), terminal_size=SIZE)


def test_runner_prompt_blind(snap_compare: Snap, home: Path, pack: Path) -> None:
    """Sam's turn on a blind prompt, in Sam's colour."""
    run = start("test-together", "ctrl+n", *"I hope")
    assert snap_compare(app_for(home, pack), run_before=run, terminal_size=SIZE)


def test_handover(snap_compare: Snap, home: Path, pack: Path) -> None:
    """After Sam answers: the hand-over to Alex, with nothing of Sam's answer on screen."""
    run = start("test-together", "ctrl+n", *"my hope", "ctrl+n")
    assert snap_compare(app_for(home, pack), run_before=run, terminal_size=SIZE)


def test_reveal(snap_compare: Snap, home: Path, pack: Path) -> None:
    """The reveal: both blind answers side by side."""
    run = start(
        "test-together", "ctrl+n", *"to be heard", "ctrl+n", "enter", *"some rest", "ctrl+n"
    )
    assert snap_compare(app_for(home, pack), run_before=run, terminal_size=SIZE)


def test_runner_turns(snap_compare: Snap, home: Path, pack: Path) -> None:
    """Speaker/listener: who has the floor and the speaker's timer."""
    store_together(home, pack, [])
    run = start("test-together", "enter")  # past the hand-over to Sam on resume
    assert snap_compare(app_for(home, pack), run_before=run, terminal_size=SIZE)


def test_runner_agreement(snap_compare: Snap, home: Path, pack: Path) -> None:
    """The agreement waiting for Sam's confirmation (after the hand-over on resume)."""
    store_together(home, pack, [None, "heard", True, None, "heard", True])
    run = start("test-together", "enter")
    assert snap_compare(app_for(home, pack), run_before=run, terminal_size=SIZE)


KIND_ANSWERS: dict[str, list[Any]] = {
    "choice": [],
    "scale": ["tense"],
    "checklist": ["tense", 7],
    "fill": ["tense", 7, ["money"]],
    "timer": ["tense", 7, ["money"], {"feeling": "worried", "situation": "we rush"}],
    "pause": ["tense", 7, ["money"], {"feeling": "worried", "situation": "we rush"}, 0],
}


@pytest.mark.parametrize("kind", list(KIND_ANSWERS))
def test_runner_kinds(snap_compare: Snap, home: Path, pack: Path, kind: str) -> None:
    """Each answer-taking kind (and the timer and pause) rendered at 80x24."""
    session_at(home, pack, "test-kinds", KIND_ANSWERS[kind])
    assert snap_compare(app_for(home, pack), run_before=start("test-kinds"), terminal_size=SIZE)


def test_safety_notes(snap_compare: Snap, home: Path, pack: Path, tmp_path: Path) -> None:
    """An exercise's safety notes before its first step, one key for each partner."""
    from .exercise_pack import one_exercise_pack
    from .test_runner_fair import SAFE

    app = runner_app(home, one_exercise_pack(tmp_path / "safe", SAFE), couple=False)
    assert snap_compare(app, run_before=start("test-safe", "1"), terminal_size=SIZE)


def test_timeout(snap_compare: Snap, home: Path, pack: Path) -> None:
    """The time-out: breathing, the agreement to come back and the times to choose from."""
    run = start("test-together", "ctrl+n", "ctrl+t")
    assert snap_compare(app_for(home, pack), run_before=run, terminal_size=SIZE)


def test_help_over_the_runner(snap_compare: Snap, home: Path, pack: Path) -> None:
    """Help lists the runner's keys, generated from its bindings."""
    run = start("test-together", "f1")
    assert snap_compare(app_for(home, pack), run_before=run, terminal_size=SIZE)
