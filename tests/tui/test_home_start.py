"""The home screen's fast start: the kept exercise list and the couple's glance in the first
frame, replaced by what the library and the stored couple say once they have loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from workbook import glance, sessions
from workbook.couple import Couple, make_couple, save_couple
from workbook.exercises import load_library
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.home import HomeScreen

from .exercise_pack import option_ids


def sam_and_alex() -> Couple:
    """Sam and Alex, who have read the first-run safety note."""
    return make_couple("Sam", "Alex").model_copy(update={"safety_acknowledged": True})


def listed_ids(screen: HomeScreen) -> list[str]:
    """The exercise ids the home screen's list shows, in order."""
    options = screen.query_one("#exercise-list", OptionList)
    ids = option_ids(options)
    return [i[3:] for i in ids if i.startswith("ex:")]


async def test_start_keeps_the_exercise_list_for_the_next_start(home: Path) -> None:
    """After a start the kept list equals the one made from the library, in the list's order."""
    with Store.open(home) as store:
        save_couple(
            store, make_couple("Sam", "Alex").model_copy(update={"safety_acknowledged": True})
        )
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = listed_ids(app.screen)
        assert "Sam & Alex" in str(app.screen.sub_title)
    kept = glance.read_exercise_list(home, (), "en")
    assert kept is not None
    assert kept == glance.exercise_list(load_library(home), "en")
    assert [line.id for line in kept.lines] == shown


async def test_a_kept_list_that_disagrees_with_the_library_is_replaced(home: Path) -> None:
    """Whatever a kept list says, once the library has loaded the home lists the library."""
    with Store.open(home) as store:
        save_couple(
            store, make_couple("Sam", "Alex").model_copy(update={"safety_acknowledged": True})
        )
    wrong = glance.ExerciseLine("not-there", "testing", "Not there", "", 5, "together", "")
    glance.keep_exercise_list(home, (), "en", glance.ExerciseList((wrong,)))
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = listed_ids(app.screen)
    library = load_library(home)
    assert sorted(shown) == sorted(library.exercises)
    assert glance.read_exercise_list(home, (), "en") == glance.exercise_list(library, "en")


async def test_continue_list_names_the_next_program_step_on_every_start(home: Path) -> None:
    """After the first exercise of a program is finished, started from that program, the
    "continue" list offers the next one the program names, on a start that loads the library
    and on one using the kept list."""
    from workbook import sessions
    from workbook.exercises import load_programs

    library = load_library(home)
    program = load_programs(library).programs["six-weeks-together"]
    first, following = [e for week in program.weeks for e in week.exercises][:2]
    with Store.open(home) as store:
        save_couple(
            store, make_couple("Sam", "Alex").model_copy(update={"safety_acknowledged": True})
        )
        origin = sessions.SessionOrigin(program="six-weeks-together", step=0)
        record = sessions.start(store, library.get(first), {}, origin=origin)
        sessions.finish(store, record, {})
    for start in ("library", "kept list"):
        assert (glance.read_exercise_list(home, (), "en") is None) == (start == "library")
        app = create_app(home)
        async with app.run_test() as pilot:
            await pilot.pause()
            listing = app.screen.query_one("#continue-list", OptionList)
            ids = option_ids(listing)
        assert f"next:six-weeks-together:{following}" in ids


async def test_a_check_in_still_to_do_is_not_marked_as_done(home: Path) -> None:
    """A goal due today is offered on home with an open mark, never a tick (a tick reads "done")."""
    from workbook.goals import repo

    with Store.open(home) as store:
        save_couple(
            store, make_couple("Sam", "Alex").model_copy(update={"safety_acknowledged": True})
        )
        repo.add_goal(store, title="Evening walk", cadence="daily")
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#continue-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    (due,) = [p for p in prompts if "Evening walk" in p]
    assert due.startswith("○ Check in") and "✓" not in due


async def test_a_new_couples_home_suggests_where_to_begin_until_they_have_begun(
    home: Path,
) -> None:
    """With no session yet, the cursor rests on the starter program's first exercise; Enter
    starts it as that program's first step (the stored session says so); once anything is
    begun the suggestion is gone."""
    from workbook.tui.screens.runner import RunnerScreen

    with Store.open(home) as store:
        save_couple(store, sam_and_alex())
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.pause()
        listing = app.screen.query_one("#continue-list", OptionList)
        assert listing.has_focus and listing.highlighted == 0
        first = listing.get_option_at_index(0)
        assert first.id == "begin:first-steps:safe-space"
        assert "Where to begin: First steps" in str(first.prompt)
        await pilot.press("enter")
        await pilot.pause()
        runners = [s for s in app.screen_stack if isinstance(s, RunnerScreen)]
        assert [r.exercise_id for r in runners] == ["safe-space"]  # its safety notes on top
        await pilot.press("1", "2")  # each partner acknowledges them: the session starts
        await pilot.pause()
        assert app.screen is runners[0]
    with Store.open(home, readonly=True) as store:
        (started,) = sessions.sessions(store).all()
    assert started.origin == sessions.SessionOrigin(program="first-steps", step=0)
    with Store.open(home) as store:  # once anything is begun
        exercise = load_library(home).get("safe-space")
        sessions.start(store, exercise, {})
    again = create_app(home)
    async with again.run_test() as pilot:
        await pilot.pause()
        await pilot.pause()
        listing = again.screen.query_one("#continue-list", OptionList)
        ids = option_ids(listing)
        assert not any(i.startswith("begin:") for i in ids)


@pytest.mark.parametrize("paused", [True, False])
async def test_the_settled_home_sets_aside_what_the_app_holds_when_its_start_did(
    home: Path, paused: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started as ``workbook`` starts it (the collector paused), the app sets aside what exists
    at its first frame and again once home has settled, library loaded (at ten years a full
    collection walking them cost ~0.2 s of a screen's opening); started with the collector
    running (tests, another program), it sets nothing aside."""
    import gc

    with Store.open(home) as store:
        save_couple(store, sam_and_alex())
    freezes: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(len(freezes)))
    was_enabled = gc.isenabled()
    if paused:
        gc.disable()
    try:
        app = create_app(home)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert app.library is not None
            assert gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
    assert len(freezes) == (2 if paused else 0)
