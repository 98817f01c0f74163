"""Pilot tests of the exercise runner: blind steps, hand-over, reveal, turns, agreements.

Each test plays through the real app (built with ``create_app``) and then checks what the
store holds, not only what the screen shows.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from workbook.sessions import sessions
from workbook.store import Store
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.handover import HandoverScreen
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import (
    hand_over,
    make_pack,
    one_exercise_pack,
    runner_app,
    start_exercise,
    stored_session,
    stored_state,
)


def build_app(home: Path, tmp_path: Path) -> WorkbookApp:
    return runner_app(home, make_pack(tmp_path / "pack"))


def all_text(app: WorkbookApp) -> str:
    """Every piece of text the current screen holds in its widgets (rendered or not)."""
    parts: list[str] = []
    for widget in app.screen.walk_children(Widget, with_self=True):
        for attr in ("value", "text", "_text", "source"):
            value = getattr(widget, attr, None)
            if isinstance(value, str):
                parts.append(value)
        with contextlib.suppress(Exception):  # some widgets cannot render off-screen
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def test_blind_each_step_hand_over_and_reveal(home: Path, tmp_path: Path) -> None:
    """Sam answers blind; after the hand-over Alex never sees Sam's words; the reveal shows both."""
    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-together")
        assert isinstance(runner, RunnerScreen)
        assert "Together" in str(runner.query_one("#turn-bar").render())
        await pilot.press("ctrl+n")  # welcome -> hope (Sam)
        await pilot.pause()
        assert "Sam's turn" in str(runner.query_one("#turn-bar").render())
        assert runner.query_one("#turn-bar").has_class("-partner-a")
        await pilot.press(*"sam-hope-1234", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert "Pass the keyboard to Alex" in all_text(app)
        assert "sam-hope-1234" not in all_text(app)
        with Store.open(home, readonly=True) as store:
            record = sessions(store).all()[0]
            assert record.state is not None
            assert record.state["answers"]["hope"]["a"] == "sam-hope-1234"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is runner  # mypy keeps `app.screen` narrowed to the hand-over
        assert "Alex's turn" in str(runner.query_one("#turn-bar").render())
        assert runner.query_one("#turn-bar").has_class("-partner-b")
        assert runner.query_one(Input).value == ""
        assert "sam-hope-1234" not in all_text(app)
        await pilot.press(*"alex-hope-5678", "ctrl+n")
        await pilot.pause()
        text = all_text(app)
        assert "sam-hope-1234" in text and "alex-hope-5678" in text
        assert runner.query_one("#column-a") and runner.query_one("#column-b")
    with Store.open(home, readonly=True) as store:
        record = sessions(store).all()[0]
        assert record.state is not None
        assert record.state["answers"]["hope"] == {"a": "sam-hope-1234", "b": "alex-hope-5678"}
        assert "hope" in record.state["revealed"]


async def play_to_turns(pilot: Pilot[int], app: WorkbookApp) -> RunnerScreen:
    """Start the together exercise and answer up to the speaker/listener step."""
    runner = await start_exercise(pilot, "test-together")
    assert isinstance(runner, RunnerScreen)
    await pilot.press("ctrl+n", *"mine", "ctrl+n")
    await hand_over(pilot, "Alex")
    await pilot.press(*"yours", "ctrl+n", "ctrl+n")  # Alex answers; reveal -> turns
    await pilot.pause()
    return runner


async def test_speaker_listener_round_needs_a_paraphrase_and_the_speakers_word(
    home: Path, tmp_path: Path
) -> None:
    """The floor passes only after a paraphrase the speaker confirms; the timer pauses."""
    from textual.widgets import Button

    from workbook.tui.widgets.timer import Countdown

    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        runner = await play_to_turns(pilot, app)
        assert "Sam has the floor" in str(runner.query_one("#turn-bar").render())
        floor = runner.query_one("#floor")
        assert floor.has_class("-partner-a")
        await pilot.press("space")  # start the timer
        countdown = runner.query_one(Countdown)
        assert countdown.running
        countdown.tick(10)
        await pilot.press("space")  # pause
        assert not countdown.running and countdown.remaining == 50
        countdown.tick(10)
        assert countdown.remaining == 50
        await pilot.press("ctrl+n")  # Sam has said it
        await pilot.pause()
        assert "Alex's turn" in str(runner.query_one("#turn-bar").render())
        await hand_over(pilot, "Alex")
        await pilot.press("ctrl+n")  # no paraphrase yet: refused
        await pilot.pause()
        assert stored_state(home)["turns"]["listen"]["phase"] == "paraphrase"
        await pilot.press(*"you hope for calm", "ctrl+n")
        await pilot.pause()
        assert "Sam's turn" in str(runner.query_one("#turn-bar").render())
        await hand_over(pilot, "Sam")
        assert "you hope for calm" in str(runner.query_one("#heard").render())
        await pilot.click("#confirm-no")
        await pilot.press("ctrl+n")
        await pilot.pause()
        state = stored_state(home)
        assert state["turns"]["listen"] == {"turn": 0, "phase": "paraphrase", "corrections": 1}
        await hand_over(pilot, "Alex")
        await pilot.press(*"you hope we slow down", "ctrl+n")
        await hand_over(pilot, "Sam")
        await pilot.click("#confirm-yes")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Alex has the floor" in str(runner.query_one("#turn-bar").render())
        await hand_over(pilot, "Alex")
        assert runner.query_one("#floor").has_class("-partner-b")
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Sam")
        await pilot.press(*"you want rest", "ctrl+n")
        await hand_over(pilot, "Alex")
        assert isinstance(runner.query_one("#confirm-yes", Button), Button)
        await pilot.click("#confirm-yes")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert runner.engine is not None and runner.engine.step.kind == "agreement"
    record = stored_state(home)["answers"]["listen"]["both"]
    assert [turn["speaker"] for turn in record] == ["a", "b"]
    assert record[0]["paraphrases"] == ["you hope for calm", "you hope we slow down"]
    assert record[0]["confirmed"] is True and record[1]["paraphrases"] == ["you want rest"]


async def test_agreement_confirmed_by_each_partner_creates_one_goal(
    home: Path, tmp_path: Path
) -> None:
    """Sam confirms, then Alex; each confirmation is stored, the goal links to the session."""
    from workbook.goals.repo import goals

    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        runner = await play_to_turns(pilot, app)
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Alex")
        await pilot.press(*"heard", "ctrl+n")
        await hand_over(pilot, "Sam")
        await pilot.click("#confirm-yes")
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Alex")
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Sam")
        await pilot.press(*"heard too", "ctrl+n")
        await hand_over(pilot, "Alex")
        await pilot.click("#confirm-yes")
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Sam")
        assert "Sam's turn" in str(runner.query_one("#turn-bar").render())
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert stored_state(home)["confirmations"]["plan"] == ["a"]
        with Store.open(home, readonly=True) as store:
            assert goals(store).count() == 0
        assert "Alex's turn" in str(runner.query_one("#turn-bar").render())
        await hand_over(pilot, "Alex")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert runner.engine is not None and runner.engine.finished
    record = stored_session(home)
    assert record.status == "finished" and record.finished_at is not None
    assert record.state is not None
    assert record.state["confirmations"]["plan"] == ["a", "b"]
    with Store.open(home, readonly=True) as store:
        (goal,) = goals(store).all()
    assert goal.title == "Weekly listening"
    assert goal.source.kind == "agreement" and goal.source.session_id == record.id
    assert goal.source.agreement_text == "We will listen for ten minutes each week."


async def test_back_to_an_answered_blind_step_shows_neither_answer(
    home: Path, tmp_path: Path
) -> None:
    """Going back to a blind step both answered offers "answer again", never the words."""
    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-together")
        assert isinstance(runner, RunnerScreen)
        await pilot.press("ctrl+n", *"first-words", "ctrl+n")
        await hand_over(pilot, "Alex")
        await pilot.press(*"second-words", "ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+left")
        await pilot.pause()
        text = all_text(app)
        assert "You have both answered" in text
        assert "first-words" not in text and "second-words" not in text
        await pilot.click(".answer-again")
        await pilot.pause()
        assert "Sam's turn" in str(runner.query_one("#turn-bar").render())
    state = stored_state(home)
    assert "hope" not in state["answers"] or state["answers"]["hope"] == {}


OWNED = """\
id: test-owned
title: Owned goal
summary: An agreement that commits partner A alone.
category: conversation
minutes: 5
approach: Test
steps:
  - id: promise
    kind: agreement
    template: "{a} will take a walk each morning."
    creates_goal:
      title: Morning walk
      cadence: daily
      owner: a
"""


async def test_an_agreement_owned_by_a_creates_a_goal_for_partner_a(
    home: Path, tmp_path: Path
) -> None:
    """With `owner: a`, the goal both partners confirm is stored as partner A's, not shared."""
    from workbook.goals.repo import goals

    app = runner_app(home, one_exercise_pack(tmp_path / "owned", OWNED))
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-owned")
        assert isinstance(runner, RunnerScreen)
        await pilot.press("ctrl+n")  # Sam (a) confirms
        await hand_over(pilot, "Alex")
        await pilot.press("ctrl+n")  # Alex (b) confirms
        await pilot.pause()
        assert runner.engine is not None and runner.engine.finished
    record = stored_session(home)
    with Store.open(home, readonly=True) as store:
        (goal,) = goals(store).all()
    assert goal.partner == "a" and goal.title == "Morning walk"
    assert goal.source.session_id == record.id
    assert goal.source.agreement_text == "Sam will take a walk each morning."


async def test_an_agreement_whose_goal_cadence_cannot_be_read_is_kept_as_a_goal(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a session meets a goal template the goals feature cannot read (here a cadence forced
    past validation), both confirmations still finish the step and the agreement is stored as
    a goal (weekly), and the couple is told what changed: nothing they agreed is lost."""
    from workbook.exercises.models import AgreementStep, GoalTemplate
    from workbook.goals.repo import goals

    app = runner_app(home, one_exercise_pack(tmp_path / "owned", OWNED))
    notices: list[str] = []
    async with app.run_test() as pilot:
        runner = await start_exercise(pilot, "test-owned")
        assert isinstance(runner, RunnerScreen) and runner.engine is not None
        exercise = runner.engine.exercise
        step = exercise.steps[0]
        assert isinstance(step, AgreementStep) and step.creates_goal is not None
        broken = GoalTemplate.model_construct(
            **{**dict(step.creates_goal), "cadence": "fortnightly"}
        )
        runner.engine.exercise = exercise.model_copy(
            update={"steps": [step.model_copy(update={"creates_goal": broken})]}
        )
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(str(message)))
        await pilot.press("ctrl+n")
        await hand_over(pilot, "Alex")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert runner.engine.finished
    with Store.open(home, readonly=True) as store:
        (goal,) = goals(store).all()
    assert goal.title == "Morning walk" and goal.cadence.to_text() == "weekly"
    assert goal.source.agreement_text == "Sam will take a walk each morning."
    assert any("'fortnightly'" in notice for notice in notices), notices


async def test_a_save_refused_in_a_read_only_window_is_said_in_view_and_changes_nothing(
    home: Path, tmp_path: Path
) -> None:
    """In a window opened read-only (the workbook is in use elsewhere), committing an answer
    brings a warning notification, visible at 80x24, naming why; the stored session is as it
    was, the runner stays on the same step (the refused answer is not taken as given), and
    leaving does not claim the work was saved."""
    from workbook.store.db import READ_ONLY_MESSAGE

    pack = make_pack(tmp_path / "pack")
    app = runner_app(home, pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_exercise(pilot, "test-kinds")
        await pilot.press("escape")  # leave at once: the session waits at its first step
        await pilot.pause()
    record = stored_session(home)
    holder = Store.open(home, hold_lock=True, purpose="a test holder")
    try:
        app = runner_app(home, pack, couple=False)
        async with app.run_test(size=(80, 24)) as pilot:
            runner = await start_exercise(pilot, "test-kinds")
            assert isinstance(runner, RunnerScreen) and runner.engine is not None
            await pilot.press("down", "enter", "ctrl+n")
            await pilot.pause()
            warnings = [n.message for n in app._notifications if n.severity == "warning"]
            assert warnings == [READ_ONLY_MESSAGE]
            assert runner.engine.step.id == "feel"
            assert runner.engine.state.answers == {}
            await pilot.press("escape")
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert not any(m.startswith("Saved") for m in said), said
    finally:
        holder.close()
    assert stored_session(home) == record


WRAPPED_TURNS = """\
id: test-wrapped
title: Wrapped prompts
summary: Speaker and listener prompts written as YAML blocks.
category: conversation
mode: together
minutes: 5
approach: Test
steps:
  - id: listen
    kind: turns
    rounds: 1
    speaker_seconds: 60
    speaker_prompt: |
      {speaker}, talk about the topic a few sentences at
      a time, and use "I".
    listener_prompt: |
      {listener}, listen to understand, not to
      answer.
"""


async def test_speaker_and_listener_prompts_reflow_like_markdown(
    home: Path, tmp_path: Path
) -> None:
    """A speaker or listener prompt written as a YAML block reads as one sentence: its line
    breaks are spaces, as Markdown reads them, not breaks in the middle of a sentence."""
    from textual.widgets import Static

    app = runner_app(home, one_exercise_pack(tmp_path / "pack", WRAPPED_TURNS))
    async with app.run_test(size=(80, 24)) as pilot:
        runner = await start_exercise(pilot, "test-wrapped")
        assert isinstance(runner, RunnerScreen)
        await pilot.pause()
        words = [str(s.render()) for s in runner.query(Static)]
    assert 'Sam, talk about the topic a few sentences at a time, and use "I".' in words
    assert "Alex, listen to understand, not to answer." in words
