"""`workbook translate export/import` and `validate --lang`: the PO round trip for translators."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest

from workbook import locations
from workbook.cli import run
from workbook.exercises.loader import load_exercise_file
from workbook.exercises.models import Exercise, text
from workbook.exercises.translations import units

SOURCE = """\
# A pack exercise for the translation tests (this comment must survive an import).
id: evening-hello
title: Evening hello
summary: A short hello at the end of the day.
category: testing
minutes: 5
approach: Testing
steps:
  - id: intro
    kind: read
    text: |
      Take a breath, {a} and {b}.
      Sit side by side.
  - id: mood
    kind: choice
    who: each
    text: "{me}, how was today?"
    options: [calm, tense]  # values stored in sessions
  - id: thanks
    kind: prompt
    who: each
    text: Say one thing you liked about {partner} today.
"""


def wb(home: Path, *args: str) -> int:
    return run(["--home", str(home), *args])


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A folder holding one English-only exercise."""
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "evening-hello.yaml").write_text(SOURCE, encoding="utf-8")
    return folder


def export(home: Path, pack: Path, target: Path, *extra: str) -> polib.POFile:
    assert (
        wb(home, "translate", "export", str(pack), "--lang", "fr", "-o", str(target), *extra) == 0
    )
    return polib.pofile(str(target))


def translate_all(po: polib.POFile, target: Path, *, change: dict[str, str] | None = None) -> None:
    """Fill every entry as a translator would ("FR: " + the English), save the PO file."""
    for entry in po:
        entry.msgstr = (change or {}).get(entry.msgctxt or "", "FR: " + entry.msgid)
    po.save(str(target))


def loaded(path: Path) -> Exercise:
    exercise, problems, _ = load_exercise_file(path)
    assert [p for p in problems if p.severity == "error"] == [] and exercise is not None
    return exercise


def test_export_lists_every_text_with_its_place(home: Path, pack: Path, tmp_path: Path) -> None:
    """Each text a person reads becomes one entry: English as msgid, file and path as context,
    a reference with the line, and the brace-format flag where placeholders must survive."""
    po = export(home, pack, tmp_path / "fr.po")
    by_context = {entry.msgctxt: entry for entry in po}
    assert set(by_context) == {
        "evening-hello.yaml:title",
        "evening-hello.yaml:summary",
        "evening-hello.yaml:steps.0.text",
        "evening-hello.yaml:steps.1.text",
        "evening-hello.yaml:steps.1.options.0",
        "evening-hello.yaml:steps.1.options.1",
        "evening-hello.yaml:steps.2.text",
    }
    assert by_context["evening-hello.yaml:steps.2.text"].msgid == (
        "Say one thing you liked about {partner} today."
    )
    assert by_context["evening-hello.yaml:steps.2.text"].occurrences == [
        ("evening-hello.yaml", "22")
    ]
    assert "python-brace-format" in by_context["evening-hello.yaml:steps.1.text"].flags
    assert "python-brace-format" not in by_context["evening-hello.yaml:title"].flags
    assert po.metadata["Language"] == "fr"
    assert all(entry.msgstr == "" for entry in po)


def test_import_writes_translations_and_keeps_the_file_as_authored(
    home: Path, pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After import the exercise loads, French reads the translation, English is unchanged,
    an option keeps its stored value, and the authors' comments stay where they were."""
    target = tmp_path / "fr.po"
    translate_all(export(home, pack, target), target)
    assert wb(home, "translate", "import", str(target), str(pack)) == 0
    assert "7 translations written" in capsys.readouterr().out
    path = pack / "evening-hello.yaml"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("# A pack exercise for the translation tests")
    assert "# values stored in sessions" in raw
    exercise = loaded(path)
    assert text(exercise.title, "fr") == "FR: Evening hello"
    assert text(exercise.title, "en") == "Evening hello"
    mood = exercise.steps[1]
    options = getattr(mood, "options")  # noqa: B009 - a choice step
    assert [o.value for o in options] == ["calm", "tense"]
    assert [o.shown("fr") for o in options] == ["FR: calm", "FR: tense"]
    assert text(exercise.steps[0].text, "fr").startswith("FR: Take a breath")


def test_a_second_import_changes_nothing(home: Path, pack: Path, tmp_path: Path) -> None:
    """Importing the same PO file twice leaves the file byte for byte as the first import did."""
    target = tmp_path / "fr.po"
    translate_all(export(home, pack, target), target)
    assert wb(home, "translate", "import", str(target), str(pack)) == 0
    first = (pack / "evening-hello.yaml").read_bytes()
    assert wb(home, "translate", "import", str(target), str(pack)) == 0
    assert (pack / "evening-hello.yaml").read_bytes() == first


def test_a_translation_that_breaks_the_file_is_refused(
    home: Path, pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt placeholder in a translation is reported at file:line:col with exit 1, and
    the YAML file is left exactly as it was."""
    target = tmp_path / "fr.po"
    broken = {"evening-hello.yaml:steps.2.text": "Dites une chose sur {partnr}."}
    translate_all(export(home, pack, target), target, change=broken)
    before = (pack / "evening-hello.yaml").read_bytes()
    assert wb(home, "translate", "import", str(target), str(pack)) == 1
    err = capsys.readouterr().err
    assert "evening-hello.yaml:" in err and "partnr" in err
    assert (pack / "evening-hello.yaml").read_bytes() == before


def test_export_fills_existing_translations_and_marks_outdated_ones_fuzzy(
    home: Path, pack: Path, tmp_path: Path
) -> None:
    """A second export carries the translations made so far; when the English changes after
    a translation, that entry is marked fuzzy, as gettext tools mark outdated work."""
    target = tmp_path / "fr.po"
    translate_all(export(home, pack, target), target)
    assert wb(home, "translate", "import", str(target), str(pack)) == 0
    path = pack / "evening-hello.yaml"
    path.write_text(
        path.read_text().replace("en: Evening hello", "en: A hello at night"), encoding="utf-8"
    )
    again = {e.msgctxt: e for e in export(home, pack, tmp_path / "again.po")}
    assert again["evening-hello.yaml:summary"].msgstr.startswith("FR: A short hello")
    assert "fuzzy" not in again["evening-hello.yaml:summary"].flags
    assert again["evening-hello.yaml:title"].msgid == "A hello at night"
    assert "fuzzy" in again["evening-hello.yaml:title"].flags


def test_fuzzy_and_stale_entries_are_left_out(
    home: Path, pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry the translator left fuzzy, or whose English changed since the export, is not
    written; the person is told how many and why."""
    target = tmp_path / "fr.po"
    po = export(home, pack, target)
    for entry in po:
        entry.msgstr = "FR: " + entry.msgid
        if entry.msgctxt == "evening-hello.yaml:summary":
            entry.flags.append("fuzzy")
        if entry.msgctxt == "evening-hello.yaml:title":
            entry.msgid = "An older title"
    po.save(str(target))
    assert wb(home, "translate", "import", str(target), str(pack)) == 0
    err = capsys.readouterr().err
    assert "1 entry marked fuzzy" in err and "English changed" in err
    exercise = loaded(pack / "evening-hello.yaml")
    assert text(exercise.summary, "fr") == "A short hello at the end of the day."
    assert text(exercise.title, "fr") == "Evening hello"
    assert text(exercise.steps[2].text, "fr").startswith("FR: ")


def test_validate_lang_lists_missing_and_outdated(
    home: Path, pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`validate --lang fr` lists each text with no current French at file:line:col, and counts
    them; missing translations are not errors (exit 0)."""
    assert wb(home, "validate", str(pack), "--lang", "fr") == 0
    out, err = capsys.readouterr()
    assert out.count("missing translation of") == 7
    assert "evening-hello.yaml:22:" in out and "steps.2.text" in out
    assert "0 of 7 texts current, 7 missing, 0 outdated" in err
    target = tmp_path / "fr.po"
    translate_all(export(home, pack, target), target)
    assert wb(home, "translate", "import", str(target), str(pack)) == 0
    capsys.readouterr()
    path = pack / "evening-hello.yaml"
    path.write_text(path.read_text().replace("en: Evening hello", "en: Hello"), encoding="utf-8")
    assert wb(home, "validate", str(pack), "--lang", "fr", "--format", "json") == 0
    payload: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert payload["translations"]["texts"] == 7
    assert [(g["at"], g["state"]) for g in payload["translations"]["gaps"]] == [
        ("title", "outdated")
    ]


@pytest.mark.parametrize("lang", ["english!", "en", ""])
def test_a_bad_language_is_refused(home: Path, pack: Path, tmp_path: Path, lang: str) -> None:
    """A language that is not a tag, or English itself, is a usage error (exit 2); no file."""
    target = tmp_path / "x.po"
    assert wb(home, "translate", "export", str(pack), "--lang", lang, "-o", str(target)) == 2
    assert not target.exists()


def test_export_never_replaces_a_file_without_force(home: Path, pack: Path, tmp_path: Path) -> None:
    """An existing PO file is replaced only with --force; a name without .po is refused."""
    target = tmp_path / "fr.po"
    target.write_text("keep me")
    assert wb(home, "translate", "export", str(pack), "--lang", "fr", "-o", str(target)) == 2
    assert target.read_text() == "keep me"
    export(home, pack, target, "--force")
    assert "evening-hello.yaml:title" in target.read_text()
    wrong = tmp_path / "fr.txt"
    assert wb(home, "translate", "export", str(pack), "--lang", "fr", "-o", str(wrong)) == 2
    assert not wrong.exists()


def test_import_names_a_missing_po_file(home: Path, pack: Path, tmp_path: Path) -> None:
    """Importing a PO file that does not exist, or is not a PO file, says so without a trace."""
    assert wb(home, "translate", "import", str(tmp_path / "none.po"), str(pack)) == 2
    junk = tmp_path / "junk.po"
    junk.write_text('msgid "unterminated\n')
    assert wb(home, "translate", "import", str(junk), str(pack)) == 2


def _at(model: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        model = model[part] if isinstance(part, int) else getattr(model, part)
    return model


def test_units_point_at_the_texts_of_every_bundled_exercise(tmp_path: Path) -> None:
    """For every bundled exercise, each unit's path leads to a text field of the loaded model
    whose English is the unit's source, so import writes where export read."""
    from ruamel.yaml import YAML

    folder = locations.bundled_exercises_dir()
    count = 0
    for path in sorted(folder.rglob("*.yaml")):
        exercise = loaded(path)
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
        for unit in units(Exercise, data):
            value = _at(exercise, unit.path)
            shown = value.shown("en") if unit.kind == "option" else text(value, "en")
            assert shown == unit.source, (path.name, unit.context)
            count += 1
    assert count > 500


def test_bundled_library_round_trips_untouched(home: Path, tmp_path: Path) -> None:
    """Exporting the whole bundled library and importing an untranslated PO file changes no
    file (nothing to write), so the command is safe to run on authored content."""
    copy = tmp_path / "library"
    shutil.copytree(locations.bundled_exercises_dir(), copy)
    target = tmp_path / "all.po"
    export(home, copy, target)
    before = {p: p.read_bytes() for p in copy.rglob("*.yaml")}
    assert wb(home, "translate", "import", str(target), str(copy)) == 0
    assert {p: p.read_bytes() for p in copy.rglob("*.yaml")} == before


def test_strict_validation_fails_on_missing_translations(
    home: Path, pack: Path, tmp_path: Path
) -> None:
    """With --strict, a text without a current translation fails validation (exit 1), so a pack
    can promise a language; once everything is translated it passes again."""
    assert wb(home, "validate", str(pack), "--lang", "fr", "--strict") == 1
    target = tmp_path / "fr.po"
    translate_all(export(home, pack, target), target)
    assert wb(home, "translate", "import", str(target), str(pack)) == 0
    assert wb(home, "validate", str(pack), "--lang", "fr", "--strict") == 0
