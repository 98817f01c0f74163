"""Pilot tests of the time-out: pause from any screen, resume after restarting the app."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList

from workbook.sessions import sessions
from workbook.store import Store
from workbook.tui.app import WorkbookApp, create_app
from workbook.tui.screens.handover import HandoverScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.runner import RunnerScreen
from workbook.tui.screens.timeout import TimeoutScreen

from .exercise_pack import FIXED_NOW, make_couple, make_pack, option_ids, runner_app, start_exercise


def new_app(home: Path, pack: Path) -> WorkbookApp:
    return runner_app(home, pack, couple=False)


def continue_ids(app: WorkbookApp) -> list[str]:
    listing = app.screen.query_one("#continue-list", OptionList)
    return option_ids(listing)


async def test_time_out_pauses_and_the_session_resumes_after_a_restart(
    home: Path, tmp_path: Path
) -> None:
    """Ctrl+T mid-exercise saves a paused session with the chosen time; a new app resumes it."""
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        await start_exercise(pilot, "test-together")
        await pilot.press("ctrl+n", *"sams-words", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TimeoutScreen)
        await pilot.press("enter")  # "In 20 minutes"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        (session_option,) = continue_ids(app)
    with Store.open(home, readonly=True) as store:
        (record,) = sessions(store).all()
    assert session_option == f"session:{record.id}"
    assert record.status == "paused" and record.timeouts == 1
    assert record.paused_until == FIXED_NOW + timedelta(minutes=20)
    assert record.state is not None and record.state["answers"]["hope"] == {"a": "sams-words"}

    again = new_app(home, pack)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert continue_ids(again) == [f"session:{record.id}"]
        again.screen.query_one("#continue-list", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, HandoverScreen)
        assert again.screen.partner_name == "Alex"
        await pilot.press("enter")
        await pilot.pause()
        runner = again.screen
        assert isinstance(runner, RunnerScreen)
        assert "Alex's turn" in str(runner.query_one("#turn-bar").render())
        await pilot.press(*"alexs-words", "ctrl+n")
        await pilot.pause()
    with Store.open(home, readonly=True) as store:
        (resumed,) = sessions(store).all()
    assert resumed.id == record.id and resumed.status == "in_progress"
    assert resumed.paused_until is None
    assert resumed.state is not None
    assert resumed.state["answers"]["hope"] == {"a": "sams-words", "b": "alexs-words"}
    assert resumed.state["revealed"] == ["hope"]


async def test_time_out_without_an_exercise_is_just_a_calm_screen(home: Path) -> None:
    """From the home screen the time-out opens and closes; nothing is stored."""
    make_couple(home)
    app = create_app(home)
    app.live_timers = False  # type: ignore[attr-defined]
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TimeoutScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(home, readonly=True) as store:
        assert sessions(store).count() == 0


async def test_home_lists_due_check_ins_and_the_next_program_step(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A daily goal without today's check-in and the next exercise of a started program are
    offered on the home screen; choosing the program step starts that exercise as the
    program's second step (the stored session says so)."""
    from workbook import locations, sessions
    from workbook.engine import Engine
    from workbook.exercises import load_library
    from workbook.goals.repo import add_goal

    from .exercise_pack import make_programs

    programs = make_programs(tmp_path / "programs")
    monkeypatch.setattr(locations, "programs_dir", lambda: programs)
    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    exercise = load_library(None, [pack]).exercises["test-kinds"]
    with Store.open(home) as store:
        goal = add_goal(store, title="Evening walk", cadence="daily", today=FIXED_NOW.date())
        state = Engine.start(exercise).state.model_dump(mode="json")
        origin = sessions.SessionOrigin(program="test-program", step=0)
        record = sessions.start(store, exercise, state, origin=origin)
        sessions.finish(store, record, state)
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.pause()
        ids = continue_ids(app)
        assert f"goal:{goal.id}" in ids
        assert "next:test-program:test-together" in ids
        listing = app.screen.query_one("#continue-list", OptionList)
        listing.focus()
        listing.highlighted = ids.index("next:test-program:test-together")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.exercise_id == "test-together"
        await pilot.press("escape")  # leave it (saved): home continues it from its own line
        await pilot.pause()
        await pilot.pause()
        ids = continue_ids(app)
    with Store.open(home, readonly=True) as store:
        started = [r for r in sessions.sessions(store).all() if r.unfinished]
    assert [r.origin for r in started] == [sessions.SessionOrigin(program="test-program", step=1)]
    assert f"session:{started[0].id}" in ids
    assert "next:test-program:test-together" not in ids  # the same step, offered once


async def test_words_typed_but_not_submitted_survive_a_restart(home: Path, tmp_path: Path) -> None:
    """A draft is saved shortly after typing; after a restart it is back in its author's box
    (and only there: the partner's box for the blind step starts empty)."""
    from textual.widgets import Input

    from .exercise_pack import stored_session

    make_couple(home)
    pack = make_pack(tmp_path / "pack")
    app = new_app(home, pack)
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-together")
        assert isinstance(runner, RunnerScreen)
        await pilot.press("ctrl+n", *"half a thought")
        runner.flush_draft()  # what the draft timer does a second after the last key
    record = stored_session(home)
    assert record.ui["draft"] == {"key": "hope:a:", "value": "half a thought"}
    assert record.state is not None
    assert "hope" not in record.state["answers"]

    again = new_app(home, pack)
    async with again.run_test() as pilot:
        await pilot.pause()
        again.screen.query_one("#continue-list", OptionList).focus()
        await pilot.press("enter")  # resume
        await pilot.pause()
        await pilot.press("enter")  # the hand-over to Sam
        await pilot.pause()
        runner = again.screen
        assert isinstance(runner, RunnerScreen)
        assert runner.query_one(Input).value == "half a thought"
        await pilot.press(*" about rest", "ctrl+n")
        await pilot.pause()
        await pilot.press("enter")  # hand-over to Alex
        await pilot.pause()
        assert runner.query_one(Input).value == ""
    record = stored_session(home)
    assert record.state is not None
    assert record.state["answers"]["hope"] == {"a": "half a thought about rest"}
    assert "draft" not in record.ui
