"""Pilot tests of every answer-taking step kind, private sessions and a crash inside a step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.widgets import Input, OptionList

from workbook.sessions import sessions
from workbook.store import Store
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.runner import RunnerScreen

if TYPE_CHECKING:
    from conftest import PreparedKeys

from .exercise_pack import (
    make_pack,
    one_exercise_pack,
    runner_app,
    start_exercise,
    stored_session,
    stored_state,
)

PASSPHRASE = "correct horse battery"


def build_app(home: Path, tmp_path: Path) -> WorkbookApp:
    return runner_app(home, make_pack(tmp_path / "pack"))


async def test_every_answer_kind_is_recorded_as_it_is_entered(home: Path, tmp_path: Path) -> None:
    """Choice, scale, checklist, fill, timer and pause each store their answer on Next."""
    from workbook.tui.widgets.timer import Countdown

    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-kinds")
        assert isinstance(runner, RunnerScreen)
        choice = runner.query_one("#answer", OptionList)
        choice.highlighted = 1
        await pilot.press("enter")  # marks "A bit tense"; only Next commits it
        await pilot.pause()
        assert "feel" not in stored_state(home)["answers"]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert stored_state(home)["answers"]["feel"] == {"both": "tense"}
        await pilot.press("ctrl+n")  # nothing picked on the scale: refused
        await pilot.pause()
        assert "close" not in stored_state(home)["answers"]
        await pilot.press("7", "right", "ctrl+n")
        await pilot.pause()
        assert stored_state(home)["answers"]["close"] == {"both": 8}
        await pilot.press("space", "down", "down", "space", "ctrl+n")
        await pilot.pause()
        assert stored_state(home)["answers"]["topics"] == {"both": ["money", "time together"]}
        await pilot.press(*"worried", "enter", *"we rush", "ctrl+n")
        await pilot.pause()
        assert stored_state(home)["answers"]["statement"] == {
            "both": {"feeling": "worried", "situation": "we rush"}
        }
        await pilot.press("space")
        runner.query_one(Countdown).tick(15)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert stored_state(home)["answers"]["talk"] == {"both": 15}
        await pilot.press("ctrl+left")  # back to the timer, then on again
        await pilot.pause()
        assert runner.engine is not None and runner.engine.step.id == "talk"
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        assert runner.engine.finished
    record = stored_session(home)
    assert record.status == "finished"
    assert record.state is not None
    assert record.state["answers"]["breathe"] == {"both": 0}


async def test_private_answers_are_sealed_and_open_only_for_their_author(
    home: Path, tmp_path: Path, journal_keys: PreparedKeys
) -> None:
    """A private prompt never reaches the data file in plain text; History shows "private"
    until the author unlocks it with their passphrase."""
    from workbook import locations
    from workbook.tui.screens.history import SessionDetailScreen

    app = build_app(home, tmp_path)
    with Store.open(home) as store:
        journal_keys.install(store, "a", PASSPHRASE)
    secret = "my-private-words-2718"
    async with app.run_test() as pilot:
        await start_exercise(pilot, "test-private")
        await pilot.press("enter")  # Sam
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and runner.shows_private_text()
        await pilot.press(*secret)
        runner.flush_draft()  # a private run keeps no draft in the clear
        assert "draft" not in stored_session(home).ui
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert secret.encode() not in locations.data_file(home).read_bytes()
        record = stored_session(home)
        assert record.state is None and record.sealed_state is not None
        assert record.author == "a" and "draft" not in record.ui
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.push_screen(SessionDetailScreen(record.id))
        await pilot.pause()
        detail = app.screen
        body = " ".join(str(w.render()) for w in detail.query("Static"))
        assert "private" in body and secret not in body
        await pilot.press("ctrl+u")
        await pilot.pause()
        # The passphrase is put in the dialog's field at once: typed key by key it cost
        # seconds and checked nothing more (the dialog's field is a plain password Input).
        app.screen.query_one("#passphrase-input", Input).value = PASSPHRASE
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = " ".join(str(w.render()) for w in detail.query("Static"))
        assert secret in body
    assert secret.encode() not in locations.data_file(home).read_bytes()
    assert stored_session(home).status == "finished"


async def test_a_crash_inside_a_step_shows_a_message_and_leaks_no_answer(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unexpected error in a step exits with the safe sentence; no answer text reaches the
    terminal or the crash report."""
    from workbook.tui.widgets.prompt import PromptWidget

    secret = "leaky-answer-31337"

    def broken(self: PromptWidget) -> object:
        answer = self.query_one("#answer", Input).value
        raise RuntimeError(f"could not handle {answer}")

    monkeypatch.setattr(PromptWidget, "current_value", broken)
    app = build_app(home, tmp_path)
    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await start_exercise(pilot, "test-together")
            await pilot.press("ctrl+n", *secret, "ctrl+n")
            await pilot.pause()
    assert app.return_code == 70
    captured = capsys.readouterr()  # what the terminal got when the app exited
    assert "Something went wrong" in captured.err
    assert secret not in captured.out and secret not in captured.err
    (report,) = (home / "crash-reports").glob("crash-*.txt")
    assert secret not in report.read_text()


async def test_private_exercise_without_a_passphrase_explains_and_stores_nothing(
    home: Path, tmp_path: Path
) -> None:
    """Starting a private exercise before the partner has a journal key says what to do and
    leaves the store without a session."""
    from workbook.tui.screens.home import HomeScreen

    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        await start_exercise(pilot, "test-private")
        await pilot.press("enter")  # Sam, who has no journal passphrase yet
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("passphrase" in n.message for n in app._notifications)
    with Store.open(home, readonly=True) as store:
        assert sessions(store).count() == 0


CAPPED = """\
id: test-capped
title: Capped choice
summary: A multiple choice with a limit.
category: check-in
minutes: 5
approach: Test
steps:
  - id: values
    kind: choice
    select: multiple
    max_selected: 2
    text: Choose up to two.
    options: [honesty, kindness, courage, calm]
"""


async def test_a_capped_multiple_choice_refuses_an_extra_tick(home: Path, tmp_path: Path) -> None:
    """The hint names the limit; a tick past `max_selected` is undone with a note, and Next
    stores the ticks within it."""
    from textual.widgets import SelectionList, Static

    app = runner_app(home, one_exercise_pack(tmp_path / "capped", CAPPED))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-capped")
        assert isinstance(runner, RunnerScreen)
        hints = [str(w.render()) for w in runner.query(".step-hint").results(Static)]
        assert any("Choose up to 2." in h for h in hints)
        await pilot.press("space", "down", "space", "down", "space")
        await pilot.pause()
        listing = runner.query_one("#answer", SelectionList)
        assert listing.selected == ["honesty", "kindness"]
        assert any(n.message == "Choose up to 2." for n in app._notifications)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert stored_state(home)["answers"]["values"] == {"both": ["honesty", "kindness"]}


async def test_each_step_puts_the_keyboard_on_its_first_control(home: Path, tmp_path: Path) -> None:
    """As each step appears, its first control has the keyboard: the choice list, the scale,
    the checklist, the fill's first field (so typing fills it), and the timer's start button."""
    from workbook.tui.widgets.base import StepWidget

    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-kinds")
        assert isinstance(runner, RunnerScreen)

        def focused_in_step() -> str:
            focused = app.focused
            assert focused is not None
            step = runner.query_one(StepWidget)
            assert focused in step.query("*"), f"{focused!r} is not in {step!r}"
            return f"{step.kind}:{focused.id}"

        kinds = [focused_in_step()]
        await pilot.press("down", "enter", "ctrl+n")
        await pilot.pause()
        kinds.append(focused_in_step())
        await pilot.press("7", "ctrl+n")
        await pilot.pause()
        kinds.append(focused_in_step())
        await pilot.press("space", "ctrl+n")
        await pilot.pause()
        kinds.append(focused_in_step())
        await pilot.press(*"worried", "enter", *"we rush", "ctrl+n")
        await pilot.pause()
        kinds.append(focused_in_step())
        assert kinds == [
            "choice:answer",
            "scale:answer",
            "checklist:answer",
            "fill:blank-feeling",
            "timer:timer-toggle",
        ], kinds
    assert stored_state(home)["answers"]["statement"] == {
        "both": {"feeling": "worried", "situation": "we rush"}
    }
