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


def test_a_review_must_compare_an_exercise_with_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A week's review naming an exercise without a scale, or a misspelt one, is a problem at
    the review's line; a review of the weekly check-in is fine."""
    folder = tmp_path / "pack" / "programs"
    folder.mkdir(parents=True)
    program = folder / "reviewed.yaml"
    week = "  - week: {n}\n    title: W\n    exercises: [safe-space]\n    review:\n"
    program.write_text(
        "id: reviewed\ntitle: Reviewed\nsummary: With reviews.\nweeks:\n"
        + week.format(n=1)
        + "      title: Halfway\n      scale: weekly-check-in\n"
        + week.format(n=2)
        + "      title: No scores\n      scale: safe-space\n"
        + week.format(n=3)
        + "      title: Misspelt\n      scale: weekly-chek-in\n"
    )
    assert run(["--home", str(tmp_path / "home"), "validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "week 1" not in out
    assert f"{program}:16:14: week 2: review: 'safe-space' has no scores to compare" in out
    assert f"{program}:22:14: week 3: review: no exercise 'weekly-chek-in'" in out
    assert "did you mean 'weekly-check-in'" in out


def test_a_folder_holding_programs_checks_them_as_programs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`validate content` (a folder with a `programs` folder inside) reads the programs as
    programs and the rest as exercises: the bundled content is clean, and a broken program
    inside such a folder is still reported as a program."""
    from workbook.locations import guides_dir

    content = guides_dir().parent
    assert run(["--home", str(tmp_path), "validate", str(content)]) == 0
    assert "missing required field" not in capsys.readouterr().out
    pack = tmp_path / "pack"
    (pack / "programs").mkdir(parents=True)
    (pack / "programs" / "p.yaml").write_text(
        "id: p\ntitle: P\nsummary: S.\nweeks:\n"
        "  - week: 1\n    title: W\n    exercises: [safe-spase]\n"
    )
    assert run(["--home", str(tmp_path / "home"), "validate", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "no exercise 'safe-spase'" in out and "missing required field" not in out


def _pack_with_program(tmp_path: Path, program_id: str) -> Path:
    pack = tmp_path / "pack"
    (pack / "programs").mkdir(parents=True)
    (pack / "programs" / f"{program_id}.yaml").write_text(
        f"id: {program_id}\ntitle: A pack's own path\nsummary: S.\nweeks:\n"
        "  - week: 1\n    title: W\n    exercises: [safe-space]\n"
    )
    return pack


def test_a_pack_carries_programs_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack opened with --exercises has its `programs` folder read as programs: nothing in it
    is read as an exercise, and the program is offered beside the bundled ones."""
    from workbook.exercises import load_library, load_programs

    pack = _pack_with_program(tmp_path, "pack-path")
    home = str(tmp_path / "home")
    assert run(["--home", home, "validate", "--exercises", str(pack)]) == 0
    assert "missing required field" not in capsys.readouterr().out
    library = load_library(None, [pack])
    assert not any(e.path.is_relative_to(pack / "programs") for e in library.entries.values())
    programs = load_programs(library)
    assert "pack-path" in programs.programs and "first-steps" in programs.programs


def test_a_pack_program_reusing_a_bundled_id_names_the_other_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two programs with one id: the later one is reported at its id, naming the first file,
    and the bundled program is kept."""
    from workbook.exercises import load_library, load_programs

    pack = _pack_with_program(tmp_path, "first-steps")
    assert run(["--home", str(tmp_path / "home"), "validate", "--exercises", str(pack)]) == 1
    out = capsys.readouterr().out
    assert f"{pack / 'programs' / 'first-steps.yaml'}:1:5: program id 'first-steps'" in out
    assert str(programs_dir() / "first-steps.yaml") in out
    kept = load_programs(load_library(None, [pack])).programs["first-steps"]
    assert kept.title != "A pack's own path"
