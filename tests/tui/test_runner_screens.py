"""Pilot tests of the library, programs and history screens around the runner."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList, Select, Static

from workbook import sessions
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.sessions import OUTSIDE_PROGRAMS, SessionOrigin
from workbook.store import Store
from workbook.tui.app import WorkbookApp
from workbook.tui.messages import OpenSection
from workbook.tui.screens.history import HistoryScreen, SessionDetailScreen
from workbook.tui.screens.library import GuideScreen, LibraryScreen
from workbook.tui.screens.programs import ProgramsScreen
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import make_pack, make_programs, one_exercise_pack, option_ids, runner_app


def build_app(home: Path, pack: Path) -> WorkbookApp:
    return runner_app(home, pack)


def option_prompts(listing: OptionList) -> dict[str, str]:
    """Each option's words, by its id, in list order."""
    options = (listing.get_option_at_index(i) for i in range(listing.option_count))
    return {option.id or "": str(option.prompt) for option in options}


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
    the first step not done is marked next and highlighted, and the count is of steps. A
    sitting from the library ticks nothing."""
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
    state = Engine.start(exercise).state.model_dump(mode="json")
    with Store.open(home) as store:
        for origin in (SessionOrigin(program="test-program", step=0), OUTSIDE_PROGRAMS):
            record = sessions.start(store, exercise, state, origin=origin)
            sessions.finish(store, record, state)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.post_message(OpenSection("programs"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgramsScreen)
        listing = screen.query_one("#programs-list", OptionList)
        labels = option_prompts(listing)
        assert "✓" in labels["ex:test-program:1:test-kinds"]
        assert "(next)" in labels["ex:test-program:2:test-kinds"]
        assert "✓" not in labels["ex:test-program:2:test-kinds"]
        assert "○" in labels["ex:test-program:2:test-together"]
        assert listing.highlighted is not None
        highlighted = listing.get_option_at_index(listing.highlighted).id
        assert highlighted == "ex:test-program:2:test-kinds"
        assert "1 of 3 done" in str(screen.query_one("#programs-summary").render())


SHORT = """\
id: test-short
title: A short sitting
summary: One page to read.
category: check-in
mode: together
minutes: 2
approach: Test
steps:
  - id: hello
    kind: read
    text: Hello both.
"""


def short_programs(folder: Path) -> Path:
    """Two programs that share the short exercise; the first names it in both its weeks."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "twice.yaml").write_text(
        "id: twice\ntitle: Twice\nsummary: Two weeks.\nweeks:\n"
        "  - {week: 1, title: One, exercises: [test-short]}\n"
        "  - {week: 2, title: Two, exercises: [test-short]}\n"
    )
    (folder / "other.yaml").write_text(
        "id: other\ntitle: Other\nsummary: One week.\nweeks:\n"
        "  - {week: 1, title: One, exercises: [test-short]}\n"
    )
    return folder


async def start_program_step(
    app: WorkbookApp, pilot: Pilot[Any], option_id: str
) -> tuple[ProgramsScreen, OptionList]:
    """Open the Programs screen and start the step listed as ``option_id``."""
    app.post_message(OpenSection("programs"))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ProgramsScreen)
    listing = screen.query_one("#programs-list", OptionList)
    listing.highlighted = option_ids(listing).index(option_id)
    await pilot.press("enter")
    await pilot.pause()
    return screen, listing


async def test_a_step_started_from_programs_counts_for_that_program_only(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started from a program's step on the Programs screen and finished, the stored session
    names that program and step; back on the screen the program shows 1 of 2 done, and another
    program that names the same exercise still shows 0 of 1."""
    from workbook import locations

    programs = short_programs(tmp_path / "programs")
    monkeypatch.setattr(locations, "programs_dir", lambda: programs)
    app = build_app(home, one_exercise_pack(tmp_path / "pack", SHORT))
    async with app.run_test() as pilot:
        await pilot.pause()
        screen, listing = await start_program_step(app, pilot, "ex:twice:1:test-short")
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("ctrl+n")  # the one page read: finished
        await pilot.pause()
        await pilot.press("ctrl+n")  # leave the finished exercise
        await pilot.pause()
        assert screen.is_current  # back on the Programs screen
        summary = str(screen.query_one("#programs-summary").render())
        assert "Twice: 1 of 2 done" in summary and "Other: 0 of 1 done" in summary
        assert sum("✓" in label for label in option_prompts(listing).values()) == 1
    with Store.open(home, readonly=True) as store:
        (record,) = sessions.sessions(store).all()
    assert record.status == "finished"
    assert record.origin == SessionOrigin(program="twice", step=0)


async def test_continuing_keeps_a_sittings_program_and_a_step_takes_one_begun_outside(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sitting of one program continued from home's list stays that program's; a program
    step started on the Programs screen continues the sitting begun outside programs (which
    then belongs to it), not the other program's; each program counts its own."""
    from workbook import locations

    programs = short_programs(tmp_path / "programs")
    monkeypatch.setattr(locations, "programs_dir", lambda: programs)
    pack = one_exercise_pack(tmp_path / "pack", SHORT)
    app = build_app(home, pack)
    exercise = load_library(home, [pack]).exercises["test-short"]
    state = Engine.start(exercise).state.model_dump(mode="json")
    with Store.open(home) as store:
        outside = sessions.start(store, exercise, state)
        other = sessions.start(
            store, exercise, state, origin=SessionOrigin(program="other", step=0)
        )
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.pause()
        listing = app.screen.query_one("#continue-list", OptionList)
        listing.focus()
        prompts = option_prompts(listing)
        assert "(Other)" in prompts[f"session:{other.id}"]  # says whose sitting it is
        assert "(" not in prompts[f"session:{outside.id}"]
        listing.highlighted = option_ids(listing).index(f"session:{other.id}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        screen, _ = await start_program_step(app, pilot, "ex:twice:2:test-short")
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        summary = str(screen.query_one("#programs-summary").render())
        assert "Twice: 1 of 2 done" in summary and "Other: 1 of 1 done" in summary
    with Store.open(home, readonly=True) as store:
        stored = {r.id: r for r in sessions.sessions(store).all()}
    assert set(stored) == {outside.id, other.id}
    assert all(r.status == "finished" for r in stored.values())
    assert stored[other.id].origin == SessionOrigin(program="other", step=0)
    assert stored[outside.id].origin == SessionOrigin(program="twice", step=1)


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
        prompts = option_prompts(listing)
        assert prompts["test-kinds"].endswith("· pack: Clinic pack")
        assert "pack" not in prompts["weekly-check-in"]
        listing.highlighted = list(prompts).index("test-kinds")
        await pilot.pause()
        detail = screen.query_one("#library-detail", Markdown).source
    assert "From the pack *Clinic pack* by A clinic" in detail
