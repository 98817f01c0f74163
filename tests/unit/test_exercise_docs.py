"""docs/authoring.md: every YAML example loads, and every field and step kind is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from workbook.exercises import load_paths, load_programs
from workbook.exercises.loader import load_model_file
from workbook.exercises.models import (
    STEP_KINDS,
    Blank,
    BreathPattern,
    Cutoff,
    Exercise,
    GoalTemplate,
    Pack,
    Program,
    ProgramReview,
    ProgramWeek,
    ScaleItem,
    ScaleScoring,
    Subscale,
)
from workbook.exercises.yamlsafe import loads

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
HEADER = (
    "id: {id}\ntitle: Example\nsummary: A documentation example.\ncategory: docs\n"
    "minutes: 5\napproach: Documentation\nsteps:\n"
)


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(), flags=re.DOTALL)


def test_every_yaml_example_loads_without_problems(tmp_path: Path) -> None:
    """Whole exercises, step snippets (wrapped in a minimal exercise), packs and programs from
    the reference all validate, references included."""
    blocks = yaml_blocks()
    assert len(blocks) >= 15
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    programs = tmp_path / "programs"
    programs.mkdir()
    packs = 0
    for number, block in enumerate(blocks):
        data, _ = loads(block)
        if isinstance(data, list):
            body = "".join(f"  {line}\n" for line in block.splitlines())
            (exercises / f"snippet-{number}.yaml").write_text(
                HEADER.format(id=f"snippet-{number}") + body
            )
        elif "weeks" in data:
            (programs / f"program-{number}.yaml").write_text(block)
        elif "author" in data:
            (tmp_path / "pack.yaml").write_text(block)
            pack, problems = load_model_file(tmp_path / "pack.yaml", Pack)
            assert pack is not None, [str(p) for p in problems]
            packs += 1
        else:
            (exercises / f"exercise-{number}.yaml").write_text(block)
    library = load_paths([exercises])
    assert [str(p) for p in library.problems] == []
    assert len(library.exercises) >= 12 and packs == 1
    loaded = load_programs(library, programs)
    assert [str(p) for p in loaded.problems] == [] and len(loaded.programs) == 1


def test_every_step_kind_has_an_example() -> None:
    """Each step kind has its own section and appears in at least one example."""
    text = DOC.read_text()
    examples = "\n".join(yaml_blocks())
    for kind in STEP_KINDS:
        assert f"### {kind}\n" in text
        assert f"kind: {kind}\n" in examples


@pytest.mark.parametrize(
    "model",
    [
        Exercise,
        *STEP_KINDS.values(),
        Blank,
        ScaleItem,
        BreathPattern,
        GoalTemplate,
        Cutoff,
        Subscale,
        ScaleScoring,
        Program,
        ProgramWeek,
        ProgramReview,
        Pack,
    ],
    ids=lambda m: m.__name__,
)
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    """Every field of every format model is named in the reference (as `field` or in YAML)."""
    text = DOC.read_text()
    for name in model.model_fields:
        assert f"`{name}`" in text or f"{name}:" in text, f"{model.__name__}.{name}"


WRONG = re.compile(r"```yaml wrong\n(.*?)```\n\n```text\n(.*?)```", flags=re.DOTALL)


def test_every_wrong_yaml_example_prints_what_the_docs_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each wrong file in "When YAML itself is wrong" (a step list, wrapped in a minimal
    exercise) makes `workbook validate wrong.yaml` print exactly the lines shown under it."""
    from workbook.cli import run

    examples = WRONG.findall(DOC.read_text())
    assert len(examples) >= 6
    monkeypatch.chdir(tmp_path)
    for block, expected in examples:
        body = "".join(f"  {line}\n" for line in block.splitlines())
        Path("wrong.yaml").write_text(HEADER.format(id="wrong") + body)
        assert run(["--home", str(tmp_path / "home"), "validate", "wrong.yaml"]) == 1
        assert capsys.readouterr().out == expected, block


def test_every_command_in_checking_your_work_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands under "Checking your work" all succeed on a pack built from the examples
    here (its exercise is the agreement example, its program the program example)."""
    import shlex

    from workbook.cli import run

    text = DOC.read_text()
    commands = re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL)[0].splitlines()
    assert len(commands) >= 8
    blocks = yaml_blocks()
    agreement = next(b for b in blocks if "id: deal" in b)
    program = next(b for b in blocks if "weeks:" in b)
    wholes = [
        b for b in blocks if b.startswith(("id:", "# yaml-language-server")) and "steps:" in b
    ]
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    (home / "exercises").mkdir(parents=True)
    for number, whole in enumerate(wholes):
        (home / "exercises" / f"whole-{number}.yaml").write_text(whole)
    Path("my-pack").mkdir()
    body = "".join(f"  {line}\n" for line in agreement.splitlines())
    Path("my-pack/chores.yaml").write_text(HEADER.format(id="share-the-chores") + body)
    Path("programs").mkdir()
    Path("programs/closer.yaml").write_text(program)
    for line in commands:
        argv = shlex.split(line.split("  #", 1)[0])
        assert argv[0] == "workbook"
        code = run(["--home", str(home), *argv[1:]])
        captured = capsys.readouterr()
        assert code == 0, (line, captured.out, captured.err)
