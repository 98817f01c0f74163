"""Pilot tests of the settings screen: what is changed there is what the store holds."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from workbook.cli import run
from workbook.couple import Couple, get_couple
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.settings import SettingsScreen
from workbook.tui.themes import HIGH_CONTRAST

from .exercise_pack import acknowledge_safety


def make_couple(home: Path) -> None:
    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    acknowledge_safety(home)  # as they do on their first open


def stored(home: Path) -> Couple:
    with Store.open(home) as store:
        return get_couple(store)


async def open_settings(pilot: Pilot[int]) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def test_settings_are_saved_to_the_couple_record_and_applied(home: Path) -> None:
    """Names, colours, language, theme and idle minutes changed on screen are stored on the
    couple; the high-contrast theme is applied at once and again on the next start."""
    make_couple(home)
    app = create_app(home)
    async with app.run_test() as pilot:
        screen = await open_settings(pilot)
        name_b = screen.query_one("#name-b", Input)
        name_b.value = ""
        await pilot.click("#name-b")
        await pilot.press(*"Alexis")
        screen.query_one("#colour-a", Select).value = "green"
        screen.query_one("#colour-b", Select).value = "orange1"
        screen.query_one("#theme", Select).value = HIGH_CONTRAST
        minutes = screen.query_one("#idle-minutes", Input)
        minutes.value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
        assert app.couple is not None and app.couple.idle_lock_minutes == 12
    couple = stored(home)
    assert [p.name for p in couple.partners] == ["Sam", "Alexis"]
    assert [p.colour for p in couple.partners] == ["green", "orange1"]
    assert couple.theme == HIGH_CONTRAST
    assert couple.idle_lock_minutes == 12
    assert couple.language == "en"

    again = create_app(home)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == HIGH_CONTRAST


async def test_invalid_settings_explain_themselves_and_store_nothing(home: Path) -> None:
    """The same colour twice, or an idle lock of 0 minutes, gives a sentence; nothing changes."""
    make_couple(home)
    before = stored(home)
    app = create_app(home)
    async with app.run_test() as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#colour-b", Select).value = "cyan"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = screen.query_one("#settings-error", Static)
        assert "different colours" in str(error.render())

        screen.query_one("#colour-b", Select).value = "magenta"
        screen.query_one("#idle-minutes", Input).value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "idle lock" in str(error.render())

        screen.query_one("#idle-minutes", Input).value = "5"
        screen.query_one("#name-b", Input).value = "sam"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "different names" in str(error.render())
    assert stored(home) == before


async def test_help_contacts_are_stored_and_shown_on_the_time_out(home: Path) -> None:
    """Contacts typed in Settings are stored on the couple (blank ones left out, spaces
    tidied), shown on the time-out screen with the helpline directory, and read back into
    Settings on the next start; clearing one removes it."""
    from workbook.tui.screens.timeout import TimeoutScreen

    make_couple(home)
    app = create_app(home)
    async with app.run_test() as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#contact-therapist", Input).focus()
        await pilot.pause()
        await pilot.press(*"Dr Lee  0123 456")
        screen.query_one("#contact-crisis_line", Input).value = "Crisis line 0800 111"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TimeoutScreen)
        shown = str(app.screen.query_one("#timeout-help", Static).render())
        assert "Therapist/counsellor: Dr Lee 0123 456" in shown
        assert "Local crisis line: Crisis line 0800 111" in shown
        assert "findahelpline.com" in shown
    contacts = stored(home).help_contacts
    assert [(c.kind, c.detail) for c in contacts] == [
        ("therapist", "Dr Lee 0123 456"),
        ("crisis_line", "Crisis line 0800 111"),
    ]

    again = create_app(home)
    async with again.run_test() as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#contact-therapist", Input).value == "Dr Lee 0123 456"
        screen.query_one("#contact-therapist", Input).value = "   "
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [c.kind for c in stored(home).help_contacts] == ["crisis_line"]


async def test_time_out_without_contacts_still_points_to_help(home: Path) -> None:
    """With no contacts saved, the time-out still names the helpline directory and the local
    emergency number, never one country's number."""
    from workbook.tui.screens.timeout import TimeoutScreen

    make_couple(home)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, TimeoutScreen)
        shown = str(app.screen.query_one("#timeout-help", Static).render())
        assert "findahelpline.com" in shown and "local emergency number" in shown
