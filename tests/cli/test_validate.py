"""`workbook validate`, `workbook schema` and `workbook exercises` through the CLI's exit point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.cli import run
from workbook.exercises.models import SCHEMA_FILES, SchemaKind, json_schema_text

GOOD = """\
id: {id}
title: Good
summary: A fine exercise.
category: {category}
minutes: 5
approach: Testing
steps:
  - id: mood
    kind: choice
    options: [ok, upset]
  - id: calm
    kind: pause
    when: answers.mood == "upset"
"""

BAD = """\
id: broken
title: Bad
summary: Has a typo.
category: testing
minutes: 5
approach: Testing
steps:
  - id: q
    kind: promt
    text: Hi
"""


def wb(home: Path, *args: str) -> int:
    return run(["--home", str(home), *args])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one good and one bad exercise file."""
    path = tmp_path / "pack"
    path.mkdir()
    (path / "good.yaml").write_text(GOOD.format(id="good-one", category="testing"))
    (path / "bad.yaml").write_text(BAD)
    return path


def test_clean_files_exit_zero(
    home: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Validating only good files prints no problem and exits 0."""
    assert wb(home, "validate", str(folder / "good.yaml")) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1 file, 1 exercise: 0 errors, 0 warnings." in captured.err


def test_problems_print_path_line_col_and_exit_one(
    home: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each problem is one `path:line:col: message` line on stdout; the exit code is 1."""
    assert wb(home, "validate", str(folder)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{folder / 'bad.yaml'}:9:11: step 'q': unknown step kind 'promt'; did you mean 'prompt'?"
    ]


def test_json_output(home: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json gives counts and structured problems."""
    assert wb(home, "validate", "--format", "json", str(folder)) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    assert (payload["files"], payload["exercises"]) == (2, 1)
    assert payload["problems"] == [
        {
            "path": str(folder / "bad.yaml"),
            "line": 9,
            "col": 11,
            "severity": "error",
            "message": "step 'q': unknown step kind 'promt'; did you mean 'prompt'?",
        }
    ]


def test_default_sources_include_the_persons_folder(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without paths, validate reads the bundled library and <home>/exercises."""
    mine = home / "exercises"
    mine.mkdir(parents=True)
    (mine / "bad.yaml").write_text(BAD)
    assert wb(home, "validate", "--format", "json") == 1
    payload = json.loads(capsys.readouterr().out)
    errors = [p for p in payload["problems"] if p["severity"] == "error"]
    assert [Path(p["path"]).name for p in errors] == ["bad.yaml"]
    assert payload["exercises"] >= 1


def test_bundled_library_validates_and_walks_clean(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every shipped exercise loads, every branch is reachable and every text renders."""
    assert wb(home, "validate", "--walk", "--format", "json") == 0, capsys.readouterr().out
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] and payload["walked"] == payload["exercises"] > 0


def test_walk_reports_unreachable_steps(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A step whose condition can never hold is reported at its `when`."""
    path = tmp_path / "x.yaml"
    text = GOOD.format(id="walked", category="testing").replace(
        'answers.mood == "upset"', 'answers.mood == "upset" and answers.mood == "ok"'
    )
    path.write_text(text)
    assert wb(home, "validate", str(path)) == 0
    capsys.readouterr()
    assert wb(home, "validate", "--walk", str(path)) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:13:11: step 'calm' is never reached: its 'when' is false on every path"
    ]


@pytest.mark.parametrize("kind", ["exercise", "pack", "program"])
def test_schema_prints_the_committed_schema(
    home: Path, kind: SchemaKind, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook schema KIND` prints exactly the committed schema file for that format, with
    its `$id`; `workbook schema` alone prints the exercise schema."""
    assert wb(home, "schema", kind) == 0
    printed = capsys.readouterr().out
    committed = Path(__file__).resolve().parents[2] / SCHEMA_FILES[kind]
    assert printed == json_schema_text(kind) == committed.read_text(), (
        f"{SCHEMA_FILES[kind]} is stale: run `workbook schema {kind} > {SCHEMA_FILES[kind]}`"
    )
    assert json.loads(printed)["$id"] == f"urn:couples-workbook:schema:{kind}"
    if kind == "exercise":
        assert json.loads(printed)["properties"]["steps"]["type"] == "array"
        assert wb(home, "schema") == 0
        assert capsys.readouterr().out == printed


def test_exercises_list_and_show(
    home: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """list filters by category and prints JSON; show describes one exercise; unknown ids fail."""
    (folder / "bad.yaml").unlink()
    (folder / "other.yaml").write_text(GOOD.format(id="other-one", category="elsewhere"))
    args = ["exercises", "list", "--exercises", str(folder), "--format", "json"]
    assert wb(home, *args, "--category", "testing") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["source"]) for r in rows] == [("good-one", "pack")]
    assert wb(home, "exercises", "list", "--exercises", str(folder)) == 0
    assert "other-one" in capsys.readouterr().out
    assert wb(home, "exercises", "list", "--category", "nope") == 5
    assert wb(home, "exercises", "show", "good-one", "--exercises", str(folder)) == 0
    shown = capsys.readouterr().out
    assert "approach:  Testing" in shown and "calm [pause] who: both, when: answers.mood" in shown
    assert wb(home, "exercises", "show", "good-on", "--exercises", str(folder)) == 5
    assert "Did you mean 'good-one'?" in capsys.readouterr().err


BLIND = """\
id: blind-only
title: Blind
summary: Answers nobody ever sees.
category: testing
minutes: 5
approach: Testing
steps:
  - id: wish
    kind: prompt
    who: each
    blind: true
    text: A wish.
"""


def test_warnings_pass_unless_strict(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A blind step no reveal names is a warning at its `blind`: validate prints it and exits
    0 (the exercise still loads), and exits 1 with --strict; JSON counts it apart."""
    path = tmp_path / "blind.yaml"
    path.write_text(BLIND)
    assert wb(home, "validate", str(path)) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{path}:11:5: warning: step 'wish' is blind and no 'reveal'")
    assert "1 file, 1 exercise: 0 errors, 1 warning." in captured.err
    assert wb(home, "validate", "--strict", str(path)) == 1
    capsys.readouterr()
    assert wb(home, "validate", "--strict", "--format", "json", str(path)) == 1
    payload = json.loads(capsys.readouterr().out)
    assert (payload["ok"], payload["errors"], payload["warnings"]) == (False, 0, 1)
    assert payload["problems"][0]["severity"] == "warning"
    path.write_text(BLIND + "  - id: show\n    kind: reveal\n    steps: [wish]\n")
    assert wb(home, "validate", "--strict", str(path)) == 0
