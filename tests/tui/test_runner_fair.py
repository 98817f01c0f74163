"""Pilot tests of fair turns at one terminal: hand-overs both ways, Next as the one way to
commit, changing one's own answer before the reveal, who speaks first, and safety notes read by
both partners before the first step whichever way an exercise is opened.

Every test plays the real app and then checks the session the store holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from workbook import sessions
from workbook.engine import Engine
from workbook.exercises import load_library
from workbook.store import Store
from workbook.tui.app import WorkbookApp
from workbook.tui.messages import OpenSection
from workbook.tui.runner.dialogs import SafetyScreen
from workbook.tui.screens.help import HelpScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import (
    hand_over,
    one_exercise_pack,
    option_ids,
    runner_app,
    start_exercise,
    stored_session,
    stored_state,
)

TWO_EACH = """\
id: test-two-each
title: Two each steps
summary: Two steps in a row that each partner answers.
category: check-in
minutes: 5
approach: Test
steps:
  - id: mood
    kind: choice
    who: each
    blind: true
    title: Mood
    text: How are you, {me}?
    options: [calm, tense, tired]
  - id: wish
    kind: prompt
    who: each
    blind: true
    multiline: false
    title: A wish
    text: One wish for this week.
  - id: show
    kind: reveal
    steps: [mood, wish]
"""

SPEAK = """\
id: test-speak
title: Speak and listen
summary: One turns step.
category: conversation
minutes: 5
approach: Test
steps:
  - id: talk
    kind: turns
    rounds: 1
    speaker_seconds: 60
    speaker_prompt: "{speaker}, describe one good moment."
    listener_prompt: Listen without answering.
"""

SAFE = """\
id: test-safe
title: Careful talk
summary: An exercise with safety notes.
category: conflict
minutes: 5
approach: Test
safety_notes:
  - Stop at once if either of you feels unsafe.
  - A time-out is always allowed.
steps:
  - id: hello
    kind: read
    text: Hello.
  - id: bye
    kind: read
    text: Bye.
"""

PROGRAM = """\
id: test-safe-program
title: Safe program
summary: One week.
weeks:
  - week: 1
    title: Careful
    exercises: [test-safe]
"""


async def test_the_keyboard_changes_hands_both_ways_between_each_steps(
    home: Path, tmp_path: Path
) -> None:
    """Sam answers, Alex takes the keyboard; Alex answers, and before the next `each` step Sam
    takes it back (B to A); a stray Enter on Sam's choice only picks, never answers."""
    app = runner_app(home, one_exercise_pack(tmp_path / "pack", TWO_EACH))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-two-each")
        assert isinstance(runner, RunnerScreen)
        await pilot.press("enter")  # a stray Enter on Sam's list: picks "calm", answers nothing
        await pilot.pause()
        assert "mood" not in stored_state(home)["answers"]
        await pilot.press("down", "ctrl+n")  # moving the highlight does not change the pick
        await hand_over(pilot, "Alex")
        assert stored_state(home)["answers"]["mood"] == {"a": "calm"}
        await pilot.press("down", "down", "ctrl+n")  # only highlighted: Next refuses
        await pilot.pause()
        assert stored_state(home)["answers"]["mood"] == {"a": "calm"}
        await pilot.press("space", "ctrl+n")  # Alex picks "tired" (Space, as Enter) and commits
        await hand_over(pilot, "Sam")  # B to A: the keyboard comes back before Sam's next step
        assert runner.engine is not None and runner.engine.step.id == "wish"
        assert runner.query_one(Input).value == ""
    state = stored_state(home)
    assert state["answers"]["mood"] == {"a": "calm", "b": "tired"}


async def test_a_partner_goes_back_to_change_their_own_answer_and_keeps_the_others(
    home: Path, tmp_path: Path
) -> None:
    """Before the reveal, Back on Alex's turn gives the keyboard to Sam to change Sam's answer
    (Alex's typing waits); from the both-answered view one partner's answer can be changed
    while the other's stays stored."""
    app = runner_app(home, one_exercise_pack(tmp_path / "pack", TWO_EACH))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-two-each")
        assert isinstance(runner, RunnerScreen)
        await pilot.press("enter", "ctrl+n")  # Sam: calm
        await hand_over(pilot, "Alex")
        await pilot.press("enter", "ctrl+n")  # Alex: calm
        await hand_over(pilot, "Sam")
        await pilot.press(*"sams-first-wish", "ctrl+n")
        await hand_over(pilot, "Alex")
        await pilot.press(*"alex-typing")
        runner.flush_draft()  # what the draft timer does a second after the last key
        await pilot.press("ctrl+left")  # back: Sam may change Sam's own answer
        await hand_over(pilot, "Sam")
        assert runner.query_one(Input).value == "sams-first-wish"
        assert "alex-typing" not in str(runner.query_one(Input).value)
        runner.query_one(Input).value = "sams-better-wish"
        runner.flush_draft()  # Sam's draft is saved too, and Alex's words still wait
        assert stored_session(home).ui["draft_waiting"]["value"] == "alex-typing"
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Alex")
        assert runner.query_one(Input).value == "alex-typing"  # Alex's words waited
        state = stored_state(home)
        assert state["answers"]["wish"] == {"a": "sams-better-wish"}
        await pilot.press("ctrl+left")  # back to Sam's turn once more, then straight on
        await hand_over(pilot, "Sam")
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Alex")
        await pilot.press("ctrl+n")  # Alex commits; the reveal comes
        await pilot.pause()
        assert runner.engine is not None and runner.engine.step.id == "show"
        await pilot.press("ctrl+left")  # back to the wish step: revealed, no changing now
        await pilot.pause()
        assert not runner.query(".change-answer")
        await pilot.press("ctrl+left")  # the mood step was revealed too
        await pilot.pause()
        assert not runner.query(".change-answer")
    state = stored_state(home)
    assert state["answers"]["wish"] == {"a": "sams-better-wish", "b": "alex-typing"}


async def test_changing_one_answer_from_the_both_answered_view_keeps_the_other(
    home: Path, tmp_path: Path
) -> None:
    """Back to an `each` step both answered, before any reveal: "Change Alex's answer" hands
    the keyboard to Alex alone (Back from there changes nothing), shows only Alex's own answer,
    and Sam's stays stored."""
    app = runner_app(home, one_exercise_pack(tmp_path / "pack", TWO_EACH))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-two-each")
        assert isinstance(runner, RunnerScreen)
        await pilot.press("enter", "ctrl+n")  # Sam: calm
        await hand_over(pilot, "Alex")
        await pilot.press("down", "enter", "ctrl+n")  # Alex: tense
        await hand_over(pilot, "Sam")
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert runner.engine is not None and runner.engine.step.id == "mood"
        await pilot.click("#change-b")
        await hand_over(pilot, "Alex")
        await pilot.press("ctrl+left")  # Alex changes their mind: back, nothing changed
        await pilot.pause()
        assert runner.query(".change-answer") and runner.editing is None
        await pilot.click("#change-b")
        await hand_over(pilot, "Alex")
        listing = runner.query_one("#answer", OptionList)
        assert "● A bit" not in str(listing.get_option_at_index(0).prompt)
        assert str(listing.get_option_at_index(1).prompt).startswith("●")  # Alex's own pick
        await pilot.press("down", "enter", "ctrl+n")  # Alex: tired
        await hand_over(pilot, "Sam")  # on to the wish step, Sam first
        assert runner.engine.step.id == "wish"
    state = stored_state(home)
    assert state["answers"]["mood"] == {"a": "calm", "b": "tired"}


AGREE = """\
id: test-agree
title: Agree
summary: One agreement.
category: conversation
minutes: 5
approach: Test
steps:
  - id: promise
    kind: agreement
    editable: false
    template: "We will walk on Sundays."
"""


async def test_a_stray_enter_after_the_hand_over_does_not_confirm_for_the_other(
    home: Path, tmp_path: Path
) -> None:
    """Sam confirms with Enter on the Next button; after the hand-over, a stray Enter on
    Alex's turn confirms nothing: the keyboard is not left on Next."""
    app = runner_app(home, one_exercise_pack(tmp_path / "pack", AGREE))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-agree")
        assert isinstance(runner, RunnerScreen)
        runner.query_one("#nav-next").focus()
        await pilot.press("enter")  # Sam confirms
        await hand_over(pilot, "Alex")
        await pilot.press("enter")
        await pilot.pause()
        state = stored_state(home)
        assert state["confirmations"]["promise"] == ["a"]
        await pilot.press("ctrl+n")  # Alex confirms on purpose
        await pilot.pause()
    assert stored_session(home).status == "finished"


async def test_the_couple_may_swap_who_speaks_first_before_the_first_turn(
    home: Path, tmp_path: Path
) -> None:
    """The turns step says Sam speaks first and offers Alex instead; swapping is stored, Alex
    takes the keyboard and the floor. The prompt names the speaker once ("Alex, describe...")."""
    app = runner_app(home, one_exercise_pack(tmp_path / "pack", SPEAK))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-speak")
        assert isinstance(runner, RunnerScreen)
        texts = " ".join(str(w.render()) for w in runner.query("Static"))
        assert "Sam speaks first." in texts
        assert "Sam: Sam," not in texts and "Sam, describe one good moment." in texts
        await pilot.pause()
        await pilot.click("#swap-speakers")
        await hand_over(pilot, "Alex")
        assert "Alex has the floor" in str(runner.query_one("#turn-bar").render())
        state = stored_state(home)
        assert state["turns"]["talk"]["first"] == "b"
        await pilot.press("space")  # the timer starts: the first turn has begun
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Sam")
        assert not runner.query("#swap-speakers")
    state = stored_state(home)
    assert state["answers"]["talk"]["both"][0]["speaker"] == "b"


async def test_an_exercise_that_fixes_the_first_speaker_offers_no_swap(
    home: Path, tmp_path: Path
) -> None:
    """With `first_speaker: b` Alex has the floor first and there is nothing to swap."""
    fixed = SPEAK.replace("    rounds: 1\n", "    rounds: 1\n    first_speaker: b\n")
    app = runner_app(home, one_exercise_pack(tmp_path / "pack", fixed))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-speak")
        assert isinstance(runner, RunnerScreen)
        assert "Alex has the floor" in str(runner.query_one("#turn-bar").render())
        assert "Alex speaks first." in " ".join(str(w.render()) for w in runner.query("Static"))
        assert not runner.query("#swap-speakers")


async def test_help_over_the_runner_says_how_answering_works(home: Path, tmp_path: Path) -> None:
    """F1 over an exercise explains, in words, that only Next commits an answer."""
    app = runner_app(home, one_exercise_pack(tmp_path / "pack", TWO_EACH))
    async with app.run_test() as pilot:
        await start_exercise(pilot, "test-two-each")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rule = str(app.screen.query_one("#help-rule").render())
        assert "Only Next (Ctrl+N) saves an answer" in rule


async def acknowledge_both(pilot: Pilot[Any], app: WorkbookApp) -> None:
    """The safety notes are showing: Sam presses 1, Alex presses 2."""
    await pilot.pause()
    assert isinstance(app.screen, SafetyScreen)
    text = " ".join(str(w.render()) for w in app.screen.query("Static"))
    assert "Stop at once if either of you feels unsafe." in text
    await pilot.press("1")
    await pilot.pause()
    assert isinstance(app.screen, SafetyScreen)  # one partner is not enough
    await pilot.press("2")
    await pilot.pause()


def safe_pack(tmp_path: Path) -> Path:
    return one_exercise_pack(tmp_path / "pack", SAFE)


async def test_safety_notes_come_first_from_the_library_and_are_kept_in_the_session(
    home: Path, tmp_path: Path
) -> None:
    """Started from the library, the safety notes come before the first step; both partners
    acknowledge (1, 2) and the session stores it, so continuing later does not ask again."""
    app = runner_app(home, safe_pack(tmp_path))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("slash", *"Careful talk", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await acknowledge_both(pilot, app)
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("escape")  # leave (saved), back to the library, then home
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.screen.query_one("#continue-list", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)  # no second time
    record = stored_session(home)
    assert record.ui["safety_a"] is True and record.ui["safety_b"] is True


async def test_leaving_the_safety_notes_starts_nothing(home: Path, tmp_path: Path) -> None:
    """Esc on the safety notes goes back home and stores no session."""
    app = runner_app(home, safe_pack(tmp_path))
    async with app.run_test() as pilot:
        await start_exercise(pilot, "test-safe")
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("1", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store.open(home, readonly=True) as store:
        assert sessions.sessions(store).count() == 0


async def test_safety_notes_come_first_when_continuing_a_session_without_them(
    home: Path, tmp_path: Path
) -> None:
    """A session stored without the acknowledgement (say, from before) asks for it when it is
    continued from home, before the hand-over and the step."""
    pack = safe_pack(tmp_path)
    app = runner_app(home, pack)
    exercise = load_library(home, [pack]).exercises["test-safe"]
    engine = Engine.start(exercise)
    with Store.open(home) as store:
        sessions.start(store, exercise, engine.state.model_dump(mode="json"))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.screen.query_one("#continue-list", OptionList).focus()
        await pilot.press("enter")
        await acknowledge_both(pilot, app)
        assert isinstance(app.screen, RunnerScreen)
    record = stored_session(home)
    assert record.ui["safety_a"] is True and record.ui["safety_b"] is True


async def test_safety_notes_come_first_from_a_program_step(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened from a program's step, the exercise's safety notes still come first."""
    from workbook import locations

    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "test-safe-program.yaml").write_text(PROGRAM)
    monkeypatch.setattr(locations, "programs_dir", lambda: programs)
    app = runner_app(home, safe_pack(tmp_path))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.post_message(OpenSection("programs"))
        await pilot.pause()
        listing = app.screen.query_one("#programs-list", OptionList)
        ids = option_ids(listing)
        listing.highlighted = ids.index("ex:test-safe-program:1:test-safe")
        listing.focus()
        await pilot.press("enter")
        await acknowledge_both(pilot, app)
        assert isinstance(app.screen, RunnerScreen)
    assert stored_session(home).ui["safety_b"] is True
