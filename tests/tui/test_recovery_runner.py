"""Pilot test of the private safety check played through the real runner: the danger message
appears for a threat, and nothing typed reaches the data file in plain text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot
from textual.widgets import OptionList

from workbook.exercises.models import ChoiceStep
from workbook.store import Store
from workbook.tui.runner.dialogs import SafetyScreen
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import make_pack, runner_app, start_exercise, stored_session

PASSPHRASE = "correct horse battery"

if TYPE_CHECKING:
    from conftest import PreparedKeys


async def pick(pilot: Pilot[Any], runner: RunnerScreen, value: str) -> None:
    """Choose the option with ``value`` in the current choice step and move on (Enter picks
    it, Next commits it)."""
    assert runner.engine is not None
    step = runner.engine.step
    assert isinstance(step, ChoiceStep)
    values = [o.value for o in step.options]
    runner.query_one("#answer", OptionList).highlighted = values.index(value)
    await pilot.press("enter", "ctrl+n")
    await pilot.pause()


async def test_safety_check_is_sealed_and_plain_about_danger(
    home: Path, tmp_path: Path, journal_keys: PreparedKeys
) -> None:
    """Played alone through the runner: a threat brings the danger step; the crisis plan's
    words are sealed for their author (never in the data file in the clear), and the session
    is stored as private under its neutral title."""
    from workbook import locations

    app = runner_app(home, make_pack(tmp_path / "pack"))
    with Store.open(home) as store:
        journal_keys.install(store, "a", PASSPHRASE)
    signs, people = "plates-fly-5150", "rosa-0707"  # short: each key is a Pilot round trip

    async with app.run_test() as pilot:
        await start_exercise(pilot, "private-safety-check")
        await pilot.press("enter")  # Sam does it, alone
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)  # the safety notes, for Sam alone
        await pilot.press("1")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and runner.shows_private_text()
        assert runner.engine is not None
        await pilot.press("ctrl+n")  # past the introduction
        await pilot.pause()
        await pick(pilot, runner, "no")  # afraid of Alex?
        await pilot.press("ctrl+n")  # nothing ticked about control
        await pilot.pause()
        await pick(pilot, runner, "yes")  # threats
        await pick(pilot, runner, "no")  # afraid of hurting someone?
        await pick(pilot, runner, "yes")  # safe tonight
        assert runner.engine.step.id == "danger"
        await pilot.press("ctrl+n", "ctrl+n")  # the danger message, then the plan's start
        await pilot.pause()
        assert runner.engine.step.id == "warning_signs"
        await pilot.press(*signs, "ctrl+n")
        await pilot.pause()
        while runner.engine.step.id != "people":
            await pilot.press("ctrl+n")  # optional steps left empty
            await pilot.pause()
        await pilot.press(*people, "ctrl+n")
        await pilot.pause()
        while not runner.engine.finished:
            await pilot.press("ctrl+n")
            await pilot.pause()
    data = locations.data_file(home).read_bytes()
    assert signs.encode() not in data and people.encode() not in data
    record = stored_session(home)
    assert record.status == "finished" and record.author == "a"
    assert record.state is None and record.sealed_state is not None
    assert record.title == "Just for me: a quiet check-in"
    assert record.ui["safety_a"] is True and "safety_b" not in record.ui
