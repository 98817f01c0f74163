"""`workbook preview FILE`: an author's live view of one exercise, as each partner, per language."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList, Static

from workbook.cli import run
from workbook.preview import build_preview
from workbook.tui.preview import PreviewScreen, create_preview_app

EXERCISE = """\
id: preview-me
title:
  en: Preview me
  fr: Aperçu
summary: An exercise for the preview tests.
category: testing
minutes: 5
approach: Testing
safety_notes:
  - Stop if either of you feels unsafe.
steps:
  - id: mood
    kind: choice
    who: each
    blind: true
    text:
      en: "{me}, how are you with {partner}?"
      fr: "{me}, comment ça va avec {partner} ?"
    options: [calm, tense]
  - id: settle
    kind: pause
    seconds: 30
    when: answers.mood == "tense"
    text: Breathe together first.
  - id: show
    kind: reveal
    steps: [mood]
  - id: how_close
    kind: scale
    who: each
    text: How close do you feel?
    min: 1
    max: 5
    items:
      - id: near
        text: I feel near to {partner}.
      - id: guarded
        text: I feel guarded.
        reverse: true
  - id: plan
    kind: agreement
    template: We will check in on Sundays.
    creates_goal:
      title: Sunday check-in
      cadence: weekly
scale:
  name: Closeness
  scoring: sum
"""


@pytest.fixture
def exercise(tmp_path: Path) -> Path:
    """One exercise file with a branch, a blind step, a scale, a goal and two languages."""
    path = tmp_path / "pack" / "preview-me.yaml"
    path.parent.mkdir()
    path.write_text(EXERCISE, encoding="utf-8")
    return path


def test_preview_describes_the_path_goal_and_score(exercise: Path) -> None:
    """The preview names who acts, fills placeholders for the viewer, says which way a `when`
    went and on which answer, and shows the goal and score the path would produce."""
    as_a = build_preview(exercise, "a")
    assert as_a.errors == [] and as_a.languages == ["en", "fr"]
    mood, settle = as_a.steps[0], as_a.steps[1]
    assert mood.words == "Partner A, how are you with Partner B?"
    assert mood.who == "each of you in turn, blind"
    assert not settle.shown
    assert settle.branch is not None and "skipped" in settle.branch
    assert "answers.mood" in settle.branch and "calm" in settle.branch
    assert as_a.goals == ["'Sunday check-in' for the couple, once a week"]
    assert as_a.scores == ["Partner A: 6", "Partner B: 6"]
    assert as_a.safety_notes == ["Stop if either of you feels unsafe."]
    as_b = build_preview(exercise, "b", "fr")
    assert as_b.steps[0].words == "Partner B, comment ça va avec Partner A ?"
    assert as_b.title == "Aperçu"


def test_a_broken_file_is_its_problems_not_a_crash(exercise: Path) -> None:
    """A file that does not load gives its problems at file:line:col and no steps."""
    exercise.write_text(EXERCISE.replace("kind: pause", "kind: paws"), encoding="utf-8")
    preview = build_preview(exercise)
    assert preview.steps == []
    assert preview.errors and all(str(p).startswith(f"{exercise}:") for p in preview.errors)


def test_an_unknown_language_falls_back_to_english(exercise: Path) -> None:
    """Asking for a language the file does not have shows English, and says so."""
    preview = build_preview(exercise, "a", "de")
    assert preview.lang == "en" and preview.title == "Preview me"


def _plain(widget: Static) -> str:
    """The text a widget shows, as a console 200 columns wide would print it."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def _view(screen: PreviewScreen, which: str = "a") -> str:
    return _plain(screen.query_one(f"#preview-view-{which}", Static))


async def test_preview_switches_partner_language_and_reloads(exercise: Path, home: Path) -> None:
    """In the app: the steps are listed, p shows partner B, l moves to French, and saving the
    file reloads the preview with its problems in place; the couple's home stays untouched."""
    app = create_preview_app(exercise)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PreviewScreen)
        steps = screen.query_one("#preview-steps", OptionList)
        assert steps.option_count == 6  # five steps and "At the end"
        assert "Stop if either of you feels unsafe." in _view(screen)
        assert "Partner A, how are you with Partner B?" in _view(screen)
        await pilot.press("p")
        assert "Partner B, how are you with Partner A?" in _view(screen)
        await pilot.press("l")
        assert "comment ça va avec Partner A" in _view(screen)
        await pilot.press("s")
        assert "comment ça va avec Partner B" in _view(screen, "a")
        assert "comment ça va avec Partner A" in _view(screen, "b")
        await pilot.press("end")
        assert "Sunday check-in" in _view(screen)
        before = screen.reloads
        exercise.write_text(EXERCISE.replace("kind: pause", "kind: paws"), encoding="utf-8")

        async def reloaded() -> None:
            while screen.reloads == before:
                await pilot.pause(0.05)

        await asyncio.wait_for(reloaded(), timeout=30)
        problems = _plain(screen.query_one("#preview-problems", Static))
        assert "preview-me.yaml:" in problems and "paws" in problems
    assert not home.exists() or not any(home.iterdir())


def test_preview_names_a_missing_file(home: Path, tmp_path: Path) -> None:
    """`workbook preview` on a path with no file exits 5 with a sentence, opening nothing."""
    assert run(["--home", str(home), "preview", str(tmp_path / "nope.yaml")]) == 5
