"""`exercises list` and `exercises show`: the couple's language, whole ids, packs named."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.cli import run
from workbook.couple import get_couple, save_couple
from workbook.store import Store

EXERCISE = """\
id: a-rather-long-exercise-id-for-narrow-terminals
title: {en: Talking it through, fr: En parler ensemble}
summary:
  en: |
    A summary written
    over two lines.
  fr: Un résumé.
category: conversation
minutes: 5
approach: Test approach
steps:
  - {id: hello, kind: read, text: Hello.}
"""
PACK = "name: Clinic pack\nversion: '1'\nauthor: A clinic\nlicence: CC-BY-4.0\n"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "talk.yaml").write_text(EXERCISE)
    (folder / "pack.yaml").write_text(PACK)
    return folder


def wb(home: Path, *args: str) -> int:
    return run(["--home", str(home), *args])


def test_list_at_80_columns_keeps_every_id_whole_and_marks_pack_exercises(
    tmp_path: Path, pack: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every id appears whole on a line no wider than 80; the pack's exercise says its pack."""
    monkeypatch.setenv("COLUMNS", "80")
    from workbook.exercises import load_library

    assert wb(tmp_path / "home", "exercises", "list", "--exercises", str(pack)) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    words = out.split()
    for exercise_id in load_library(None, [pack]).exercises:
        assert exercise_id in words
    (line,) = [line for line in out.splitlines() if "a-rather-long-exercise-id" in line]
    assert "Talking it" in line and "(pack: Clinic pack)" in " ".join(words)


def test_list_and_show_use_the_couples_language(
    tmp_path: Path, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A French-speaking couple sees the French title; `show` reflows the summary."""
    home = tmp_path / "home"
    assert wb(home, "couple", "init", "--a", "Ana", "--b", "Ben") == 0
    with Store.open(home) as store:
        save_couple(store, get_couple(store).model_copy(update={"language": "fr"}))
    capsys.readouterr()
    assert wb(home, "exercises", "list", "--exercises", str(pack), "--format", "json") == 0
    assert "En parler ensemble" in capsys.readouterr().out
    exercise_id = "a-rather-long-exercise-id-for-narrow-terminals"
    assert wb(home, "exercises", "show", exercise_id, "--exercises", str(pack)) == 0
    out = capsys.readouterr().out
    assert out.startswith("En parler ensemble\nUn résumé.")
    with Store.open(home) as store:
        save_couple(store, get_couple(store).model_copy(update={"language": "en"}))
    assert wb(home, "exercises", "show", exercise_id, "--exercises", str(pack)) == 0
    assert "A summary written over two lines." in capsys.readouterr().out
