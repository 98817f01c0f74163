"""Safety within reach: the first-run note for every new couple, and "When to get help" one
key (F2) away from home, from help and from the time-out screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Markdown, Static

from workbook.cli import run
from workbook.couple import find_couple
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.help import HelpScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.library import GuideScreen
from workbook.tui.screens.onboarding import SafetyNoteScreen
from workbook.tui.screens.timeout import TimeoutScreen

from .exercise_pack import make_couple


def acknowledged(home: Path) -> bool:
    with Store.open(home, readonly=True) as store:
        couple = find_couple(store)
    assert couple is not None
    return couple.safety_acknowledged


async def test_a_couple_made_on_the_command_line_reads_the_safety_note_first(home: Path) -> None:
    """After `couple init` the first open shows the safety note, not home; reading it is
    stored, and the next open goes straight home."""
    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    app = create_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoteScreen)
        note = app.screen.query_one("#safety-note", Markdown).source
        assert "not therapy" in note and "violence" in note
        assert not acknowledged(home)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert acknowledged(home)
    again = create_app(home)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


async def open_get_help(pilot: Pilot[Any]) -> GuideScreen:
    """Press F2 and return the guide screen it opened."""
    await pilot.press("f2")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GuideScreen)
    return screen


async def test_when_to_get_help_is_one_key_from_home_help_and_time_out(home: Path) -> None:
    """F2 opens the "When to get help" guide from home, from the help screen and from the
    time-out screen, which also says in one line that a time-out is not the answer to fear."""
    make_couple(home)
    app = create_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        guide = await open_get_help(pilot)
        assert "emergency" in guide.query_one("#guide-text", Markdown).source
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await open_get_help(pilot)
        await pilot.press("escape", "escape")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TimeoutScreen)
        unsafe = str(app.screen.query_one("#timeout-unsafe", Static).render())
        assert "unsafe" in unsafe and "not the answer" in unsafe and "F2" in unsafe
        assert app.screen.query_one("#timeout-unsafe").region.bottom <= 24
        await open_get_help(pilot)
