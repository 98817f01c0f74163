"""The committed JSON Schemas against the validator: every wrong fixture the validator rejects
for a reason JSON Schema can express is rejected by the schema too, and nothing the workbook
ships or documents is rejected by it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from workbook import locations
from workbook.exercises.loader import load_exercise_file, load_model_file
from workbook.exercises.models import SCHEMA_FILES, Pack, Program, SchemaKind, json_schema
from workbook.exercises.yamlsafe import load

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "invalid").glob("*.yaml"))


def kind_of(path: Path) -> SchemaKind:
    if path.name.startswith("pack-"):
        return "pack"
    return "program" if path.name.startswith("program-") else "exercise"


def schema_errors(kind: SchemaKind, data: Any) -> list[str]:
    validator = Draft202012Validator(json_schema(kind))
    return [error.message for error in validator.iter_errors(data)]


def validator_errors(path: Path, kind: SchemaKind) -> list[str]:
    if kind == "exercise":
        _, problems, _ = load_exercise_file(path)
    else:
        _, problems = load_model_file(path, Pack if kind == "pack" else Program)
    return [str(p) for p in problems if p.severity == "error"]


@pytest.mark.parametrize("kind", ["exercise", "pack", "program"])
def test_each_schema_is_valid_json_schema_with_an_id(kind: SchemaKind) -> None:
    """Each schema passes the 2020-12 meta-schema and names itself with an `$id`."""
    schema = json_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(kind)


def test_there_are_wrong_fixtures_of_both_sorts() -> None:
    """The fixture set covers many rules, both those a schema can carry and those it cannot."""
    labels = [path.read_text().splitlines()[0] for path in FIXTURES]
    assert sum(label == "# schema: rejects" for label in labels) >= 20
    assert sum(label.startswith("# schema: cannot: ") for label in labels) >= 8


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_the_schema_rejects_what_the_validator_rejects_where_it_can(path: Path) -> None:
    """Every fixture is rejected by the validator. One marked `# schema: rejects` is rejected
    by the schema too; one marked `# schema: cannot: <why>` says why JSON Schema cannot carry
    the rule, and the schema indeed accepts it (so the marks stay honest)."""
    kind = kind_of(path)
    label = path.read_text().splitlines()[0]
    assert validator_errors(path, kind), f"{path.name}: the validator accepts it"
    data, _ = load(path)
    found = schema_errors(kind, data)
    if label == "# schema: rejects":
        assert found, f"{path.name}: the {kind} schema accepts it"
    else:
        assert label.startswith("# schema: cannot: ") and len(label) > 25
        assert found == [], f"{path.name}: the schema rejects it now; mark it `rejects`"


def test_everything_shipped_passes_its_schema() -> None:
    """Every bundled exercise and program is accepted by its schema (no false alarms in an
    editor), and each file points its editor at the schema with a modeline."""
    exercises = sorted(locations.bundled_exercises_dir().glob("*/*.yaml"))
    programs = sorted(locations.programs_dir().glob("*.yaml"))
    assert exercises and programs
    shipped: list[tuple[SchemaKind, list[Path]]] = [("exercise", exercises), ("program", programs)]
    for kind, paths in shipped:
        for path in paths:
            data, _ = load(path)
            assert schema_errors(kind, data) == [], path
            modeline = path.read_text().splitlines()[0]
            assert modeline.startswith("# yaml-language-server: $schema="), path
            target = (path.parent / modeline.split("=", 1)[1]).resolve()
            assert target == (ROOT / SCHEMA_FILES[kind]).resolve(), path
