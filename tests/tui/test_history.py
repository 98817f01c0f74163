"""Pilot tests of History's session detail: a speaker-listener step reads as the exchange it was.

The session is played through the UI-free engine and stored; the test opens it in the real
app (``create_app`` on the same home) and reads what the detail screen shows.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import OptionList, Static

from workbook import sessions
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.exercises.models import TurnsStep
from workbook.presentation import turn_lines
from workbook.store import Store
from workbook.tui.screens.history import OLDER, HistoryScreen, SessionDetailScreen

from .exercise_pack import fixed_clock, make_pack, option_ids, runner_app

if TYPE_CHECKING:
    from conftest import Built

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


def identity(moment: datetime) -> datetime:
    return moment


def store_sessions(home: Path, pack: Path, count: int) -> list[str]:
    """``count`` sessions of the together exercise, one a day; their ids, newest first."""
    exercise = load_library(None, [pack]).exercises["test-together"]
    state = Engine.start(exercise, names=NAMES).state.model_dump(mode="json")
    first = fixed_clock() - timedelta(days=count)
    ids: list[str] = []
    with Store.open(home) as store, store.transaction():
        for day in range(count):
            moment = first + timedelta(days=day)
            record = sessions.start(store, exercise, state, clock=partial(identity, moment))
            ids.append(record.id)
    return ids[::-1]


async def test_history_reads_only_the_newest_page_and_show_older_reaches_the_oldest(
    home: Path, tmp_path: Path, built: Built
) -> None:
    """With 230 sessions, History lists the newest 100, newest first, having read only those
    100 from the store; the last row offers the older ones, and choosing it with the keyboard
    adds the next page (highlighting its first session) until the oldest session is listed
    and no "Show older" row is left."""
    pack = make_pack(tmp_path / "pack")
    app = runner_app(home, pack)
    ids = store_sessions(home, pack, 230)
    seen = built(sessions.SessionRecord)
    async with app.run_test() as pilot:
        await pilot.pause()
        seen.clear()  # what the home screen read before History opened
        app.push_screen(HistoryScreen())
        await pilot.pause()
        listing = app.screen.query_one("#history-list", OptionList)

        def rows() -> list[str]:
            return option_ids(listing)

        assert rows() == [*ids[:100], OLDER]
        assert sorted(doc["id"] for doc in seen) == sorted(ids[:100])
        assert "130 more" in str(listing.get_option_at_index(100).prompt)
        listing.highlighted = 100
        await pilot.press("enter")
        await pilot.pause()
        assert rows() == [*ids[:200], OLDER]
        assert listing.highlighted == 100
        assert len(seen) == 200
        await pilot.press("end", "enter")
        await pilot.pause()
        assert rows() == ids
        assert listing.highlighted == 200
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.session_id == ids[-1]
