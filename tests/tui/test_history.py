"""Pilot tests of History's session detail: a speaker-listener step reads as the exchange it was.

The session is played through the UI-free engine and stored; the test opens it in the real
app (``create_app`` on the same home) and reads what the detail screen shows.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from workbook import sessions
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.exercises.models import TurnsStep
from workbook.presentation import turn_lines
from workbook.store import Store
from workbook.tui.screens.history import SessionDetailScreen

from .exercise_pack import fixed_clock, make_pack, runner_app

NAMES = {"a": "Sam", "b": "Alex"}


def engine_at_turns(pack: Path) -> Engine:
    """The together exercise played up to its speaker-listener step."""
    exercise = load_library(None, [pack]).exercises["test-together"]
    engine = Engine.start(exercise, names=NAMES)
    engine.next()
    engine.answer("a hope", "a")
    engine.answer("b hope", "b")
    engine.next()
    engine.next()
    assert engine.step.kind == "turns"
    return engine


async def test_history_shows_who_spoke_what_was_heard_and_whether_it_was_confirmed(
    home: Path, tmp_path: Path
) -> None:
    """Each turn of a stored exchange appears with its round, its speaker, the listener's
    last paraphrase and the speaker's confirmation, instead of a count of turns."""
    pack = make_pack(tmp_path / "pack")
    app = runner_app(home, pack)
    engine = engine_at_turns(pack)
    for value in (None, "you hope for calm", False, "you hope we slow down", True):
        engine.answer(value)
    for value in (None, "you want rest", True):
        engine.answer(value)
    engine.next()
    with Store.open(home) as store:
        exercise = engine.exercise
        record = sessions.start(
            store, exercise, engine.state.model_dump(mode="json"), clock=fixed_clock
        )
    async with app.run_test() as pilot:
        await pilot.pause()
        app.push_screen(SessionDetailScreen(record.id))
        await pilot.pause()
        together = [str(w.render()) for w in app.screen.query(".together").results(Static)]
    (listen,) = [text for text in together if "Round" in text]
    assert "turns" not in listen
    lines = listen.splitlines()[1:]
    assert lines == [
        "Round 1: Sam spoke. Alex said back (try 2): “you hope we slow down” · Sam confirmed it.",
        "Round 1: Alex spoke. Sam said back: “you want rest” · Alex confirmed it.",
    ]


def test_an_exchange_in_progress_says_what_is_still_missing(tmp_path: Path) -> None:
    """A turn not yet said back, or said back but not yet confirmed, says so."""
    engine = engine_at_turns(make_pack(tmp_path / "pack"))
    step = engine.step
    assert isinstance(step, TurnsStep)
    engine.answer(None)
    stored = engine.state.answers["listen"]["both"]
    assert turn_lines(engine.names, step, stored) == [
        "Round 1: Sam spoke. Alex has not said it back yet."
    ]
    engine.answer("you hope for calm")
    stored = engine.state.answers["listen"]["both"]
    assert turn_lines(engine.names, step, stored) == [
        "Round 1: Sam spoke. Alex said back: “you hope for calm” · not confirmed yet."
    ]
