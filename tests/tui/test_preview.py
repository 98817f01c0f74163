"""The author's preview app: each partner, each language, branches, outcome, problems in place,
reloading, and that it writes nothing anywhere near a couple's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.tui.preview import PreviewApp, create_preview_app

EXERCISE = """\
id: previewed
title:
  en: Talk it through
  fr: En parler
summary: For the preview tests.
category: testing
minutes: 5
approach: Testing
safety_notes:
  - Stop if either of you feels unsafe.
steps:
  - id: mood
    kind: choice
    who: each
    text:
      en: "{me}, how do you feel?"
      fr: "{me}, comment te sens-tu ?"
    options: [calm, tense]
  - id: calming
    kind: read
    when: answers.mood == "tense"
    text: Breathe first.
  - id: deal
    kind: agreement
    template: We talk on Sundays.
    creates_goal:
      title: Sunday talk
      cadence: weekly
"""


def write(tmp_path: Path, text: str = EXERCISE) -> Path:
    path = tmp_path / "previewed.yaml"
    path.write_text(text)
    return path


async def test_each_partner_and_language_with_branches_and_outcome(tmp_path: Path) -> None:
    """The preview shows the steps as partner A reads them, with the safety note, the branch
    each `when` takes and why, and the goal; `p` shows partner B's view and `l` the French
    text."""
    app = create_preview_app(write(tmp_path), watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = app.markdown("a")
        assert "As **Alex** (partner A), in **en** (languages: en, fr)" in shown
        assert "Stop if either of you feels unsafe." in shown
        assert "Alex, how do you feel?" in shown
        assert 'when answers.mood == "tense": false' in shown and "(skipped)" in shown
        assert "Goal: Sunday talk: once a week (shared)" in shown
        assert not app.query_one("#preview-b").display
        await pilot.press("p")
        await pilot.pause()
        assert app.partner == "b" and app.query_one("#preview-b").display
        assert "Sam, how do you feel?" in app.markdown("b")
        await pilot.press("l")
        await pilot.pause()
        assert "Sam, comment te sens-tu ?" in app.markdown("b")
        assert "## En parler" in app.markdown("b")


async def test_both_partners_side_by_side_on_a_wide_terminal(tmp_path: Path) -> None:
    """At 140 columns or more both partners are shown at once; `s` switches to one."""
    app = create_preview_app(write(tmp_path), watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert app.query_one("#preview-a").display and app.query_one("#preview-b").display
        await pilot.press("s")
        await pilot.pause()
        assert app.query_one("#preview-a").display and not app.query_one("#preview-b").display


async def test_problems_show_in_place_and_a_save_reloads(tmp_path: Path) -> None:
    """A file with an error shows its problems as path:line:col: message instead of failing;
    after the file is fixed a reload shows the exercise again."""
    path = write(tmp_path, EXERCISE.replace("cadence: weekly", "cadence: fortnightly"))
    app = create_preview_app(path, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = app.markdown("a")
        assert "### Problems" in shown
        assert f"{path}:28:16: step 'deal': creates_goal.cadence: I can't read" in shown
        assert "### Outcome" not in shown
        path.write_text(EXERCISE)
        await pilot.press("r")
        await pilot.pause()
        assert "### Problems" not in app.markdown("a")
        assert "Goal: Sunday talk" in app.markdown("a")


async def test_the_watcher_runs_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview watches its file in a named worker, and opening it writes nothing: the
    workbook home stays absent and the exercise folder holds only the file."""
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBOOK_HOME", str(home))
    folder = tmp_path / "pack"
    folder.mkdir()
    app: PreviewApp = create_preview_app(write(folder))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert any(w.name == "watch the exercise file" for w in app.workers)
    assert not home.exists()
    assert [p.name for p in folder.iterdir()] == ["previewed.yaml"]
