"""The first frame's cheap views: the couple read without models, and the kept exercise list
that is only trusted while every file it was made from is unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from workbook import glance, locations
from workbook.couple import get_couple, make_couple, save_couple
from workbook.exercises import load_library
from workbook.store import Store

EXERCISE = """\
id: {id}
title: {title}
summary: Used by the tests.
category: testing
minutes: 5
approach: Test approach
steps:
  - kind: read
    id: intro
    text: Hello.
"""


def own_exercise(home: Path, name: str, title: str) -> Path:
    """Write a valid exercise into the person's own folder of ``home``."""
    folder = locations.user_exercises_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(EXERCISE.format(id=name, title=title))
    return path


def kept_after_load(home: Path, lang: str = "en") -> glance.ExerciseList:
    """Make the list from the loaded library, keep it, and return it."""
    listing = glance.exercise_list(load_library(home), lang)
    glance.keep_exercise_list(home, (), lang, listing)
    return listing


def test_couple_glance_matches_the_stored_couple(home: Path) -> None:
    """The glance shows the stored partners (key, name and colour, each found by key), the
    language and theme, or None before setup."""
    with Store.open(home) as store:
        assert glance.couple_glance(store) is None
        couple = make_couple("Sam", "Alex").model_copy(update={"language": "fr", "theme": "x"})
        couple.partners[1].colour = "yellow"
        save_couple(store, couple)
        stored = get_couple(store)
        seen = glance.couple_glance(store)
    assert seen is not None
    assert seen.names == tuple(p.name for p in stored.partners)
    assert [(p.key, p.name, p.colour) for p in seen.partners] == [
        (p.key, p.name, p.colour) for p in stored.partners
    ]
    assert seen.partner("b").colour == "yellow" == stored.partner("b").colour
    assert seen.partner("a").name == "Sam"
    assert (seen.language, seen.theme) == (stored.language, stored.theme)


def test_kept_list_is_read_back_while_nothing_changed(home: Path) -> None:
    """A kept list comes back equal to the one made from the library, problems included."""
    own_exercise(home, "mine", "My own")
    (locations.user_exercises_dir(home) / "broken.yaml").write_text("id: [unclosed\n")
    listing = kept_after_load(home)
    assert any(line.id == "mine" for line in listing.lines)
    assert listing.problems
    assert glance.read_exercise_list(home, (), "en") == listing


def test_kept_list_is_dropped_when_a_file_changes_appears_or_goes(home: Path) -> None:
    """Editing, adding or removing an exercise file, or another language, means a fresh load."""
    path = own_exercise(home, "mine", "My own")
    kept_after_load(home)
    path.write_text(EXERCISE.format(id="mine", title="Renamed"))
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert glance.read_exercise_list(home, (), "en") is None

    kept_after_load(home)
    assert glance.read_exercise_list(home, (), "de") is None
    extra = own_exercise(home, "another", "Another")
    assert glance.read_exercise_list(home, (), "en") is None

    kept_after_load(home)
    extra.unlink()
    assert glance.read_exercise_list(home, (), "en") is None


def test_a_damaged_kept_list_is_ignored(home: Path) -> None:
    """An unreadable kept list is no list at all (the library loads instead)."""
    kept_after_load(home)
    glance.list_file(home).write_text("{not json")
    assert glance.read_exercise_list(home, (), "en") is None


def test_store_and_glance_do_not_import_pydantic(tmp_path: Path) -> None:
    """Opening the store and glancing at the couple and the kept list leave Pydantic out."""
    home = tmp_path / "home"
    with Store.open(home) as store:
        save_couple(store, make_couple("Sam", "Alex"))
    kept_after_load(home)
    code = f"""
        import sys
        from pathlib import Path
        from workbook import glance
        from workbook.store import Store
        home = Path({str(home)!r})
        with Store.open(home, hold_lock=True) as store:
            assert glance.couple_glance(store).names == ("Sam", "Alex")
        assert glance.read_exercise_list(home, (), "en") is not None
        assert "pydantic" not in sys.modules, "pydantic was imported"
    """
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
