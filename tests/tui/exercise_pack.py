"""A small exercise pack written by the runner tests, so they never depend on bundled wording.

``make_pack(tmp)`` writes a facilitator folder with a ``together`` exercise that has every
step kind the shared-terminal flow needs (a blind ``each`` step, a reveal, speaker/listener
turns with paraphrase, an agreement that creates a goal), plus a ``private`` one-partner
exercise. ``make_couple(home)`` stores Sam and Alex.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from workbook.couple import make_couple as couple_from_names
from workbook.couple import save_couple
from workbook.sessions import SessionRecord, sessions
from workbook.store import Store
from workbook.tui.app import WorkbookApp, create_app
from workbook.tui.messages import StartExercise

TOGETHER = """\
id: test-together
title: Test together
summary: A test exercise with a blind step, a reveal, turns and an agreement.
category: conversation
mode: together
minutes: 15
tags: [listening, pilot-only]
approach: Test dialogue
guides: [test-guide.md]
steps:
  - id: welcome
    kind: read
    title: Welcome
    text: Hello {a} and {b}.
  - id: hope
    kind: prompt
    who: each
    blind: true
    multiline: false
    title: A hope
    text: "{me}, what do you hope {partner} hears?"
  - id: show
    kind: reveal
    title: Both hopes
    steps: [hope]
  - id: listen
    kind: turns
    rounds: 1
    speaker_seconds: 60
    speaker_prompt: Share one hope.
    listener_prompt: Listen for the feeling.
  - id: plan
    kind: agreement
    title: Our plan
    template: "We will listen for ten minutes each week."
    creates_goal:
      title: Weekly listening
      cadence: weekly
"""

KINDS = """\
id: test-kinds
title: Every kind
summary: One step of each kind that takes an answer.
category: check-in
mode: together
minutes: 10
approach: Test
steps:
  - id: feel
    kind: choice
    title: Feeling
    text: How do you feel?
    options: [calm, {value: tense, label: A bit tense}, tired]
  - id: close
    kind: scale
    title: Closeness
    text: How close do you feel?
    min: 0
    max: 10
    min_label: far
    max_label: close
  - id: topics
    kind: checklist
    title: Topics
    text: What shall we talk about?
    items: [money, chores, time together]
  - id: statement
    kind: fill
    title: An I-statement
    text: Build one sentence.
    template: I feel {feeling} when {situation}.
    blanks:
      - id: feeling
        suggestions: [worried, hopeful]
      - id: situation
        label: what happened
  - id: talk
    kind: timer
    title: Talk
    text: Talk for a minute.
    seconds: 60
  - id: breathe
    kind: pause
    title: Breathe
    text: Breathe together.
    seconds: 30
"""

PRIVATE = """\
id: test-private
title: Private page
summary: A private prompt.
category: journal
mode: private
minutes: 5
approach: Journaling
steps:
  - id: note
    kind: prompt
    title: Note
    text: What is on your mind?
  - id: done
    kind: read
    text: Thank you.
"""

GUIDE = """\
# A test guide

Take turns; the one holding the floor speaks, the other listens.
"""

PROGRAM = """\
id: test-program
title: Test program
summary: Two weeks of test exercises.
weeks:
  - week: 1
    title: Warming up
    exercises: [test-kinds]
  - week: 2
    title: Listening
    exercises: [test-together]
"""

FIXED_NOW = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=1)))


def make_pack(folder: Path) -> Path:
    """Write the test pack into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test-together.yaml").write_text(TOGETHER)
    (folder / "test-kinds.yaml").write_text(KINDS)
    (folder / "test-private.yaml").write_text(PRIVATE)
    (folder / "guides").mkdir(exist_ok=True)
    (folder / "guides" / "test-guide.md").write_text(GUIDE)
    return folder


def one_exercise_pack(folder: Path, exercise_yaml: str) -> Path:
    """A pack folder holding only ``exercise_yaml`` (for a test that needs its own exercise
    without changing the shared pack, whose library the snapshots show)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exercise.yaml").write_text(exercise_yaml)
    return folder


def make_programs(folder: Path) -> Path:
    """Write a program of the test exercises into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test-program.yaml").write_text(PROGRAM)
    return folder


def make_couple(home: Path) -> None:
    """Store the couple Sam (a) and Alex (b) in ``home``."""
    with Store.open(home) as store:
        save_couple(
            store, couple_from_names("Sam", "Alex").model_copy(update={"safety_acknowledged": True})
        )


def acknowledge_safety(home: Path) -> None:
    """Record that the couple in ``home`` has read the first-run safety note (as they do on
    their first open), so a test starts on the home screen."""
    from workbook.couple import get_couple

    with Store.open(home) as store:
        save_couple(store, get_couple(store).model_copy(update={"safety_acknowledged": True}))


def runner_app(home: Path, pack: Path, *, couple: bool = True) -> WorkbookApp:
    """The app on ``home`` with the pack, a fixed clock and timers that only tests tick."""
    if couple:
        make_couple(home)
    app = create_app(home, extra_exercise_dirs=[pack])
    app.live_timers = False  # type: ignore[attr-defined]
    app.session_clock = fixed_clock
    return app


async def start_exercise(pilot: Pilot[Any], exercise_id: str) -> Screen[Any]:
    """Start ``exercise_id`` from the home screen; returns the screen then on top."""
    await pilot.pause()
    pilot.app.post_message(StartExercise(exercise_id))
    await pilot.pause()
    return pilot.app.screen


def stored_session(home: Path) -> SessionRecord:
    """The one session stored in ``home``."""
    with Store.open(home, readonly=True) as store:
        (record,) = sessions(store).all()
    return record


def stored_state(home: Path) -> dict[str, Any]:
    """The plain engine state of the one session stored in ``home`` (never a sealed one)."""
    state = stored_session(home).state
    assert state is not None, "the session's state is sealed or missing"
    return state


def fixed_clock() -> datetime:
    """A clock that always says Monday 2 March 2026, 10:00 (+01:00)."""
    return FIXED_NOW


async def hand_over(pilot: Pilot[Any], name: str) -> None:
    """Check the hand-over to ``name`` is showing (nothing else), then press Enter (ready)."""
    from workbook.tui.screens.handover import HandoverScreen

    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HandoverScreen), f"expected a hand-over to {name}, got {screen}"
    assert screen.partner_name == name
    await pilot.press("enter")
    await pilot.pause()


def option_ids(listing: OptionList) -> list[str]:
    """Each option's id (or "" for one without), by position: ``index`` gives what to
    highlight."""
    return [listing.get_option_at_index(i).id or "" for i in range(listing.option_count)]
