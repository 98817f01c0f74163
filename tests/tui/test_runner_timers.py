"""Pilot tests of resumable timers: the seconds left survive leaving, a time-out and a restart.

Timers never tick by themselves here (``live_timers`` is off); the tests call ``tick()`` and
then look at the session record in the store, and at the countdown a new app (built with
``create_app`` on the same home) shows after resuming.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, OptionList

from workbook.sessions import sessions
from workbook.store import Store
from workbook.tui.app import WorkbookApp
from workbook.tui.runner.run import TIMER_FIELDS
from workbook.tui.runner.timers import TIMER_SAVE_SECONDS
from workbook.tui.screens.handover import HandoverScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.runner import RunnerScreen
from workbook.tui.widgets.timer import Countdown

from .exercise_pack import make_couple, make_pack, runner_app, start_exercise, stored_session
from .test_runner import play_to_turns

TURNS_STEP = 3  # the index of "listen" in the test-together exercise
TIMER_STEP = 4  # the index of "talk" in the test-kinds exercise


def new_app(home: Path, pack: Path) -> WorkbookApp:
    return runner_app(home, pack, couple=False)


async def resume_from_home(pilot: Pilot[Any], *, hand_over: bool) -> RunnerScreen:
    """Continue the one unfinished session from the home screen (past its hand-over)."""
    await pilot.pause()
    pilot.app.screen.query_one("#continue-list", OptionList).focus()
    await pilot.press("enter")
    await pilot.pause()
    if hand_over:
        assert isinstance(pilot.app.screen, HandoverScreen)
        await pilot.press("enter")
        await pilot.pause()
    runner = pilot.app.screen
    assert isinstance(runner, RunnerScreen)
    return runner


async def play_kinds_to_timer(pilot: Pilot[Any]) -> RunnerScreen:
    """Start the every-kind exercise and answer up to its timer step."""
    runner = await start_exercise(pilot, "test-kinds")
    assert isinstance(runner, RunnerScreen)
    runner.query_one("#answer", OptionList).highlighted = 1
    await pilot.press("enter", "ctrl+n")
    await pilot.pause()
    await pilot.press("7", "ctrl+n")
    await pilot.pause()
    await pilot.press("space", "ctrl+n")
    await pilot.pause()
    await pilot.press(*"worried", "enter", *"we rush", "ctrl+n")
    await pilot.pause()
    assert runner.engine is not None and runner.engine.step.kind == "timer"
    return runner


def timer_extras(home: Path) -> dict[str, Any]:
    """The timer fields of the stored session's ``ui`` extras."""
    ui = stored_session(home).ui
    return {k: ui[k] for k in TIMER_FIELDS if k in ui}


async def test_speakers_timer_resumes_paused_for_the_same_turn_after_a_restart(
    home: Path, tmp_path: Path
) -> None:
    """Sam's turn timer, ticked part way then left with Esc, comes back in a new app at the
    same seconds for Sam's turn in round 1, paused; the pause key runs it on from there."""
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        runner = await play_to_turns(pilot, app)
        await pilot.press("space")  # Sam starts speaking
        countdown = runner.query_one(Countdown)
        countdown.tick(TIMER_SAVE_SECONDS - 1)
        await pilot.pause()
        assert timer_extras(home) == {}  # running, under the save interval: no write yet
        countdown.tick(4)
        await pilot.pause()
        saved = timer_extras(home)
        assert saved["timer_left"] == 60 - TIMER_SAVE_SECONDS - 3 and saved["timer_running"]
        countdown.tick(2)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    left = 60 - TIMER_SAVE_SECONDS - 5
    assert timer_extras(home) == {
        "timer_step": TURNS_STEP,
        "timer_turn": 0,
        "timer_left": left,
        "timer_running": True,
    }

    again = new_app(home, pack)
    async with again.run_test() as pilot:
        runner = await resume_from_home(pilot, hand_over=True)
        assert "Sam has the floor" in str(runner.query_one("#turn-bar").render())
        assert "round 1 of 1" in str(runner.query_one("#floor").render())
        countdown = runner.query_one(Countdown)
        assert countdown.remaining == left and not countdown.running
        assert "paused" in str(countdown.render())
        assert str(runner.query_one("#timer-toggle", Button).label) == "Resume"
        countdown.tick(5)  # paused: nothing moves
        assert countdown.remaining == left
        await pilot.press("space")
        countdown.tick(5)
        await pilot.press("space")  # pausing saves at once
        await pilot.pause()
        assert timer_extras(home)["timer_left"] == left - 5
        assert not timer_extras(home)["timer_running"]
        await pilot.press("ctrl+n")  # Sam is done: the listener's phase has no timer
        await pilot.pause()
    record = stored_session(home)
    assert record.state is not None
    assert record.state["turns"]["listen"]["phase"] == "paraphrase"
    assert timer_extras(home) == {}


async def test_timer_step_resumes_where_it_was_after_a_time_out(home: Path, tmp_path: Path) -> None:
    """A running timer step is saved by Ctrl+T with the paused session; after a restart it
    starts paused at the same seconds, and Next records the time actually spent."""
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        runner = await play_kinds_to_timer(pilot)
        await pilot.press("space")
        runner.query_one(Countdown).tick(7)
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("enter")  # "In 20 minutes"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    record = stored_session(home)
    assert record.status == "paused"
    assert timer_extras(home) == {
        "timer_step": TIMER_STEP,
        "timer_turn": -1,
        "timer_left": 53,
        "timer_running": False,  # the time-out held it
    }

    again = new_app(home, pack)
    async with again.run_test() as pilot:
        runner = await resume_from_home(pilot, hand_over=False)
        countdown = runner.query_one(Countdown)
        assert countdown.remaining == 53 and not countdown.running
        await pilot.press("space")
        countdown.tick(3)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert runner.engine is not None and runner.engine.step.kind == "pause"
        assert runner.query_one(Countdown).remaining == 30  # the next step's own full time
    record = stored_session(home)
    assert record.state is not None and record.state["answers"]["talk"] == {"both": 10}
    assert timer_extras(home) == {}


async def test_closing_the_app_saves_a_running_timer(home: Path, tmp_path: Path) -> None:
    """Quitting the app while a timer runs (no pause, no Esc) still stores its seconds left."""
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        runner = await play_kinds_to_timer(pilot)
        await pilot.press("space")
        runner.query_one(Countdown).tick(4)
        await pilot.pause()
        assert timer_extras(home) == {}
    assert timer_extras(home)["timer_left"] == 56
    assert stored_session(home).status == "in_progress"


@pytest.mark.parametrize(
    ("step", "turn"),
    [(TURNS_STEP - 1, 0), (TURNS_STEP, 1), (TIMER_STEP, -1)],
    ids=["another-step", "another-turn", "not-a-turn"],
)
async def test_a_saved_time_for_another_step_or_turn_is_ignored(
    home: Path, tmp_path: Path, step: int, turn: int
) -> None:
    """Seconds stored for a different step, turn or kind never reach the speaker's timer, and
    the next save replaces them with the right step's own."""
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        await play_to_turns(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
    record = stored_session(home)
    stale = {"timer_step": step, "timer_turn": turn, "timer_left": 7, "timer_running": False}
    with Store.open(home) as store:
        sessions(store).put(record.model_copy(update={"ui": {**record.ui, **stale}}))

    again = new_app(home, pack)
    async with again.run_test() as pilot:
        runner = await resume_from_home(pilot, hand_over=True)
        countdown = runner.query_one(Countdown)
        assert countdown.remaining == 60 and not countdown.running
        assert str(runner.query_one("#timer-toggle", Button).label) == "Start"
        await pilot.press("space")
        countdown.tick(2)
        await pilot.press("space")
        await pilot.pause()
    assert timer_extras(home) == {
        "timer_step": TURNS_STEP,
        "timer_turn": 0,
        "timer_left": 58,
        "timer_running": False,
    }


async def test_a_cancelled_time_out_leaves_the_timer_held_where_it_was(
    home: Path, tmp_path: Path
) -> None:
    """Ctrl+T stops a running timer at once; coming back without pausing finds it held at the
    same seconds (saved so), and the usual key carries on from there."""
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        runner = await play_kinds_to_timer(pilot)
        await pilot.press("space")
        countdown = runner.query_one(Countdown)
        countdown.tick(5)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not countdown.running and countdown.remaining == 55
        countdown.tick(4)  # nothing counts under the time-out screen
        await pilot.press("escape")  # "we are calm again"
        await pilot.pause()
        assert app.screen is runner
        assert countdown.remaining == 55 and not countdown.running
        assert stored_session(home).status == "in_progress"
        assert timer_extras(home) == {
            "timer_step": TIMER_STEP,
            "timer_turn": -1,
            "timer_left": 55,
            "timer_running": False,
        }
        await pilot.press("space")
        countdown.tick(2)
        assert countdown.remaining == 53


async def test_the_timer_button_follows_the_timer_after_a_time_out(
    home: Path, tmp_path: Path
) -> None:
    """A time-out holds a running timer from outside; back from it, the button offers Resume
    (not Pause), and pressing it runs the timer on and offers Pause."""
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        runner = await play_kinds_to_timer(pilot)
        button = runner.query_one("#timer-toggle", Button)
        await pilot.press("space")
        assert str(button.label) == "Pause"
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        countdown = runner.query_one(Countdown)
        assert not countdown.running and str(button.label) == "Resume"
        await pilot.click("#timer-toggle")
        await pilot.pause()
        assert countdown.running and str(button.label) == "Pause"
