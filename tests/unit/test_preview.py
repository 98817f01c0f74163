"""The preview core behind `workbook preview`: what one partner sees along the first path."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.cli import run
from workbook.preview import as_markdown, preview

BLIND = """\
id: blind-preview
title: Blind preview
summary: For the preview tests.
category: testing
minutes: 5
approach: Testing
steps:
  - id: wish
    kind: prompt
    who: each
    blind: true
    text: "{me}, one wish?"
  - id: show
    kind: reveal
    steps: [wish]
    text: Read them together.
  - id: how
    kind: scale
    who: each
    min: 1
    max: 5
    items:
      - id: close
        text: Close
      - id: calm
        text: Calm
        reverse: true
scale:
  name: Closeness
  cutoffs:
    - min: 0
      label: Low
    - min: 5
      label: Fine
"""


def test_a_blind_answer_is_hidden_from_the_other_partner_and_the_score_is_given(
    tmp_path: Path,
) -> None:
    """As partner B, A's blind answer shows as hidden and B's own as given; the path's scale
    is scored for B as a session scores it."""
    path = tmp_path / "blind.yaml"
    path.write_text(BLIND)
    shown = preview(path, partner="b")
    wish = shown.steps[0]
    assert wish.text == "Sam, one wish?"
    assert "Alex: (hidden until revealed)" in wish.answer
    assert "Sam: A generated answer." in wish.answer
    assert shown.score == "Sam: 6 (Fine)"
    assert "- Score: Sam: 6 (Fine)" in as_markdown(shown)


def test_an_unknown_language_falls_back_to_english_and_problems_stop_the_play(
    tmp_path: Path,
) -> None:
    """Asking for a language the file does not have shows English; a file with an error is
    not played, and its problems are given instead."""
    path = tmp_path / "blind.yaml"
    path.write_text(BLIND)
    assert preview(path, lang="de").lang == "en"
    path.write_text(BLIND.replace("kind: reveal", "kind: revel"))
    broken = preview(path)
    assert not broken.runs and broken.problems
    assert "unknown step kind 'revel'" in as_markdown(broken)


def test_preview_command_names_a_missing_file(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook preview` on a path that is not a file says so and exits 5 (not found)."""
    assert run(["--home", str(home), "preview", str(tmp_path / "nope.yaml")]) == 5
    assert "There is no exercise file at" in capsys.readouterr().err
