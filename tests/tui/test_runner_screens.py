"""Pilot tests of the library, programs and history screens around the runner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, OptionList, Select, Static

from workbook import sessions
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.store import Store
from workbook.tui.app import WorkbookApp
from workbook.tui.messages import OpenSection
from workbook.tui.screens.history import HistoryScreen, SessionDetailScreen
from workbook.tui.screens.library import GuideScreen, LibraryScreen
from workbook.tui.screens.programs import ProgramsScreen
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import make_pack, make_programs, runner_app


def build_app(home: Path, pack: Path) -> WorkbookApp:
    return runner_app(home, pack)


def option_ids(listing: OptionList) -> list[str]:
    return [listing.get_option_at_index(i).id or "" for i in range(listing.option_count)]


def play_together(home: Path, pack: Path, *, finish: bool) -> str:
    """Store a session of the together exercise with both blind answers given (no UI)."""
    library = load_library(home, [pack])
    exercise = library.exercises["test-together"]
    engine = Engine.start(exercise, names={"a": "Sam", "b": "Alex"})
    engine.next()
    engine.answer("sam-history-words", "a")
    engine.answer("alex-history-words", "b")
    if finish:
        engine.next()  # the reveal step shows both hopes
    with Store.open(home) as store:
        record = sessions.start(store, exercise, engine.state.model_dump(mode="json"))
        if finish:
            record = sessions.finish(store, record, engine.state.model_dump(mode="json"))
        else:
            record = sessions.save(store, record, engine.state.model_dump(mode="json"))
    return record.id


async def test_library_filters_searches_shows_the_guide_and_starts(
    home: Path, tmp_path: Path
) -> None:
    """Search words and the mode filter narrow the list; Ctrl+G reads the guide; Enter starts."""
    pack = make_pack(tmp_path / "pack")
    app = build_app(home, pack)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        listing = screen.query_one("#library-list", OptionList)
        assert app.library is not None
        assert set(option_ids(listing)) == set(app.library.exercises)
        screen.query_one("#filter-mode", Select).value = "private"
        await pilot.pause()
        shown = option_ids(listing)
        assert "test-private" in shown
        assert all(app.library.exercises[i].mode == "private" for i in shown)
        screen.query_one("#filter-mode", Select).clear()
        await pilot.press("slash", *"pilot-only", "enter")
        await pilot.pause()
        assert screen.query_one("#library-search", Input).value == "pilot-only"
        assert option_ids(listing) == ["test-together"]
        assert "Test together" in screen.query_one("#library-detail", Markdown).source
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert "the one holding the floor speaks" in app.screen.body
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
    with Store.open(home, readonly=True) as store:
        (record,) = sessions.sessions(store).all()
    assert record.exercise_id == "test-together"


async def test_programs_mark_finished_exercises_and_point_at_the_next(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finished exercise is ticked once: the same exercise again in week 2 is still to do,
    the first step not done is marked next and highlighted, and the count is of steps."""
    from workbook import locations

    programs = make_programs(tmp_path / "programs")
    program = (programs / "test-program.yaml").read_text()
    repeated = program.replace(
        "exercises: [test-together]", "exercises: [test-kinds, test-together]"
    )
    (programs / "test-program.yaml").write_text(repeated)
    monkeypatch.setattr(locations, "programs_dir", lambda: programs)
    pack = make_pack(tmp_path / "pack")
    library = load_library(home, [pack])
    app = build_app(home, pack)
    exercise = library.exercises["test-kinds"]
    engine = Engine.start(exercise)
    with Store.open(home) as store:
        record = sessions.start(store, exercise, engine.state.model_dump(mode="json"))
        sessions.finish(store, record, engine.state.model_dump(mode="json"))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.post_message(OpenSection("programs"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgramsScreen)
        listing = screen.query_one("#programs-list", OptionList)
        labels = {
            listing.get_option_at_index(i).id: str(listing.get_option_at_index(i).prompt)
            for i in range(listing.option_count)
        }
        assert "✓" in labels["ex:test-program:1:test-kinds"]
        assert "(next)" in labels["ex:test-program:2:test-kinds"]
        assert "✓" not in labels["ex:test-program:2:test-kinds"]
        assert "○" in labels["ex:test-program:2:test-together"]
        assert listing.highlighted is not None
        highlighted = listing.get_option_at_index(listing.highlighted).id
        assert highlighted == "ex:test-program:2:test-kinds"
        assert "1 of 3 done" in str(screen.query_one("#programs-summary").render())


async def test_history_shows_both_answers_side_by_side(home: Path, tmp_path: Path) -> None:
    """Opening a past session shows each partner's answer in their own column; the list and
    the summary say "finished" once, with its date and time."""
    pack = make_pack(tmp_path / "pack")
    session_id = play_together(home, pack, finish=True)
    app = build_app(home, pack)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        listing = app.screen.query_one("#history-list", OptionList)
        assert option_ids(listing) == [session_id]
        line = str(listing.get_option_at_index(0).prompt)
        assert line.count("finished") == 1 and re.search(
            r"finished \d{4}-\d\d-\d\d \d\d:\d\d", line
        )
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        summary = str(detail.query_one("#detail-summary", Static).render())
        assert summary.count("finished") == 1 and "finished ·" not in summary
        column_a = " ".join(str(w.render()) for w in detail.query("#column-a Static"))
        column_b = " ".join(str(w.render()) for w in detail.query("#column-b Static"))
    assert "Sam" in column_a and "sam-history-words" in column_a
    assert "Alex" in column_b and "alex-history-words" in column_b
    assert "alex-history-words" not in column_a


async def test_history_keeps_unrevealed_blind_answers_hidden(home: Path, tmp_path: Path) -> None:
    """A blind answer whose reveal has not happened yet is not shown in History either."""
    pack = make_pack(tmp_path / "pack")
    session_id = play_together(home, pack, finish=False)
    app = build_app(home, pack)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.push_screen(SessionDetailScreen(session_id))
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
    assert "sam-history-words" not in text and "alex-history-words" not in text
    assert "never revealed" in text


async def test_the_library_marks_exercises_from_a_pack_and_names_the_pack(
    home: Path, tmp_path: Path
) -> None:
    """A pack's exercise says "pack: NAME" in the list and who made it in the side pane; a
    bundled one says nothing of the kind."""
    pack = make_pack(tmp_path / "pack")
    (pack / "pack.yaml").write_text(
        "name: Clinic pack\nversion: '2'\nauthor: A clinic\nlicence: CC-BY-4.0\n"
    )
    app = build_app(home, pack)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.post_message(OpenSection("library"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        listing = screen.query_one("#library-list", OptionList)
        prompts = {
            listing.get_option_at_index(i).id: str(listing.get_option_at_index(i).prompt)
            for i in range(listing.option_count)
        }
        assert prompts["test-kinds"].endswith("· pack: Clinic pack")
        assert "pack" not in prompts["weekly-check-in"]
        listing.highlighted = list(prompts).index("test-kinds")
        await pilot.pause()
        detail = screen.query_one("#library-detail", Markdown).source
    assert "From the pack *Clinic pack* by A clinic" in detail
