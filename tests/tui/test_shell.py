"""Pilot tests of the app shell: first run, the home screen, read-only mode and privacy."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, OptionList, Static

from workbook.cli import run
from workbook.couple import Couple, find_couple
from workbook.exercises import load_library
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.onboarding import OnboardingScreen

from .exercise_pack import acknowledge_safety, option_ids


def couple_init(home: Path) -> None:
    """Sam and Alex set up with `couple init`, having read the safety note on a first open."""
    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    acknowledge_safety(home)


def stored_couple(home: Path) -> Couple | None:
    with Store.open(home) as store:
        return find_couple(store)


async def test_first_run_asks_names_shows_safety_note_and_stores_the_couple(home: Path) -> None:
    """A new home opens onboarding with the safety note; the names typed are stored."""
    app = create_app(home)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        note = app.screen.query_one("#safety-note", Markdown)
        assert "not therapy" in note.source
        app.screen.query_one("#name-a", Input).focus()
        await pilot.press(*"Sam", "enter", *"Alex", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    couple = stored_couple(home)
    assert couple is not None
    assert [p.name for p in couple.partners] == ["Sam", "Alex"]
    assert couple.safety_acknowledged is True


async def test_onboarding_refuses_two_identical_names_and_stores_nothing(home: Path) -> None:
    """Identical names get a sentence on screen; no couple is stored."""
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.press(*"Sam", "enter", *"sam", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        error = app.screen.query_one("#onboarding-error", Static)
        assert "different names" in str(error.render())
    assert stored_couple(home) is None


async def test_home_lists_every_exercise_found_by_category(home: Path) -> None:
    """The home screen lists each loaded exercise once, under category headings."""
    couple_init(home)
    library = load_library(home, ())
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#exercise-list", OptionList)
        ids = option_ids(options)
        exercise_ids = sorted(i[3:] for i in ids if i and i.startswith("ex:"))
        category_ids = sorted(i[4:] for i in ids if i and i.startswith("cat:"))
    assert exercise_ids == sorted(library.exercises)
    assert category_ids == sorted(library.categories())


async def test_second_instance_opens_read_only_with_a_banner(home: Path) -> None:
    """While another process holds the lock, the app opens read-only and says so."""
    couple_init(home)
    holder = Store.open(home, hold_lock=True, purpose="a test holder")
    try:
        app = create_app(home)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert app.store is not None and app.store.readonly
            banner = app.screen.query_one("#home-banner", Static)
            assert "Read-only" in str(banner.render())
            assert "open elsewhere" in str(banner.render())
    finally:
        holder.close()


async def test_command_palette_offers_no_screenshot(home: Path) -> None:
    """The system commands never include Screenshot, which would write the screen to a file."""
    app = create_app(home)
    async with app.run_test():
        titles = [c.title for c in app.get_system_commands(app.screen)]
    assert "Quit" in titles
    assert "Screenshot" not in titles


async def test_help_lists_the_keys_of_the_screen_underneath(home: Path) -> None:
    """Help shows the bindings active on the screen it was opened from, each explained in
    words (never just the key's own name), and no key that does nothing here (copying)."""
    couple_init(home)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        from textual.widgets import DataTable

        table = app.screen.query_one("#help-keys", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
    descriptions = {row[1] for row in rows}
    assert {"Open the exercise library", "Open the private journal", "Time-out", "Quit"} <= (
        descriptions
    )
    assert "Get help" in descriptions
    assert not any("Copy" in words or "copy" in words for words in descriptions)
    for key, words in rows:
        assert words.casefold() != key.casefold(), (key, words)
    assert "Move the highlight up" in descriptions


async def test_unexpected_error_shows_a_safe_sentence_and_a_report_without_text(
    home: Path,
) -> None:
    """A crash exits with code 70; the report names no private words and no local values."""
    couple_init(home)
    secret = "my-very-private-answer-4471"
    app = create_app(home)

    def explode() -> None:
        answer = secret  # a local variable a traceback with locals would print
        raise RuntimeError(f"failed on {answer}")

    with pytest.raises(RuntimeError):
        async with app.run_test() as pilot:
            await pilot.pause()
            app.call_later(explode)
            await pilot.pause()
    assert app.return_code == 70
    reports = list((home / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    body = reports[0].read_text()
    assert "RuntimeError" in body
    assert secret not in body


async def test_damaged_data_file_stops_with_its_exit_code_and_keeps_the_file(home: Path) -> None:
    """A torn data file is never opened as new: the app exits with code 4 and a sentence."""
    couple_init(home)
    damaged = b'{"couple": {"1": '
    (home / "workbook.json").write_bytes(damaged)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
    assert app.return_code == 4
    assert "is damaged" in app.startup_error
    assert (home / "workbook.json").read_bytes() == damaged


async def test_command_palette_offers_the_screens_keys_by_name(home: Path) -> None:
    """The palette lists the home screen's registry bindings; choosing one runs its action."""
    couple_init(home)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        library = "Open the exercise library"
        assert {library, "Open the private journal", "Open goals and progress", "Time-out"} <= (
            set(commands)
        )
        assert commands[library].help == "Key: L"
        commands[library].callback()
        await pilot.pause()
        await pilot.pause()
        from workbook.tui.screens.library import LibraryScreen

        assert isinstance(app.screen, LibraryScreen)


async def test_onboarding_refuses_a_name_over_the_limit_naming_it(home: Path) -> None:
    """A 60-character name is not cut to 40 in silence: it is refused with the limit named,
    in a notification visible at 80x24, and nothing is stored."""
    app = create_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#name-a", Input).value = "S" * 60
        app.screen.query_one("#name-b", Input).value = "Alex"
        app.screen.query_one("#name-b", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert app.screen.query_one("#name-a", Input).value == "S" * 60
        messages = [n.message for n in app._notifications]
    assert any("at most 40" in m and "60 characters" in m for m in messages)
    assert stored_couple(home) is None


async def test_a_read_only_window_says_cannot_be_saved_where_it_can_be_seen(home: Path) -> None:
    """Saving settings in a read-only window at 80x24 brings a notification that says the
    change cannot be saved (the settings' own error line is below the fold), and nothing is
    written."""
    from workbook.store.db import READ_ONLY_MESSAGE

    couple_init(home)
    holder = Store.open(home, hold_lock=True, purpose="a test holder")
    try:
        app = create_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            app.screen.query_one("#name-a", Input).value = "Samuel"
            await pilot.press("ctrl+s")
            await pilot.pause()
            errors = [n for n in app._notifications if n.severity == "error"]
            assert [n.message for n in errors] == [READ_ONLY_MESSAGE]
    finally:
        holder.close()
    couple = stored_couple(home)
    assert couple is not None and couple.partners[0].name == "Sam"
