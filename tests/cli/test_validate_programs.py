"""`workbook validate` checks program files as programs, not as exercises."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.cli import run
from workbook.locations import programs_dir


def test_bundled_programs_validate_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled programs folder, and one program file in it, have no problems."""
    assert run(["--home", str(tmp_path), "validate", str(programs_dir())]) == 0
    one = next(programs_dir().glob("*.yaml"))
    assert run(["--home", str(tmp_path), "validate", str(one)]) == 0
    assert "missing required field" not in capsys.readouterr().out


def test_a_program_naming_an_unknown_exercise_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt exercise id is a problem at path:line:col with a suggestion; exit code 1."""
    folder = tmp_path / "pack" / "programs"
    folder.mkdir(parents=True)
    program = folder / "two-weeks.yaml"
    program.write_text(
        "id: two-weeks\ntitle: Two weeks\nsummary: A short path.\nweeks:\n"
        "  - week: 1\n    title: Start\n    exercises: [safe-spase]\n"
    )
    assert run(["--home", str(tmp_path / "home"), "validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{program}:7:17: week 1: no exercise 'safe-spase'" in out
    assert "did you mean 'safe-space'" in out
