"""Scale names kept between runs of `workbook progress`: reused while nothing they come from
changed, made afresh from the library when anything did, and never a reason to fail."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

import workbook.exercises
from workbook import locations
from workbook.cli import run
from workbook.exercises import Library, load_library
from workbook.goals.schedule import local_today
from workbook.partners import PARTNERS
from workbook.scale_labels import ScaleLabels, labels_file, scale_labels
from workbook.store import Store

NAMES = {"a": "Ana", "b": "Ben"}


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """Each time the exercise library is loaded, the home it was loaded for."""
    seen: list[Path | None] = []

    def counted(home: Path | None, extra_dirs: tuple[Path, ...] = ()) -> Library:
        seen.append(home)
        return load_library(home, extra_dirs)

    monkeypatch.setattr(workbook.exercises, "load_library", counted)
    return seen


def test_names_come_from_the_exercise_and_are_kept(tmp_path: Path, loads: list[Path]) -> None:
    """A scale is called by its title and its items by their labels; a scale no exercise
    defines by its id. The second time nothing is loaded and the names are the same."""
    first = scale_labels(tmp_path, ["weekly-check-in", "gone"], NAMES, "en")
    assert first["weekly-check-in"].title == "Weekly check-in"
    assert first["weekly-check-in"].items["week.heard"] == "Felt heard"
    assert first["gone"] == ScaleLabels("gone", {})
    assert labels_file(tmp_path).is_file()
    assert scale_labels(tmp_path, ["weekly-check-in", "gone"], NAMES, "en") == first
    assert scale_labels(tmp_path, ["gone"], NAMES, "en") == {"gone": first["gone"]}
    assert loads == [tmp_path]


def test_any_change_means_a_fresh_load(tmp_path: Path, loads: list[Path]) -> None:
    """Other names, another language, a scale not kept yet or a new exercise file in the
    person's own folder each load the library again."""
    scale_labels(tmp_path, ["weekly-check-in"], NAMES, "en")
    scale_labels(tmp_path, ["weekly-check-in"], {"a": "Cleo", "b": "Ben"}, "en")
    scale_labels(tmp_path, ["weekly-check-in"], {"a": "Cleo", "b": "Ben"}, "de")
    scale_labels(tmp_path, ["weekly-check-in", "pulse"], {"a": "Cleo", "b": "Ben"}, "de")
    bundled = locations.bundled_exercises_dir() / "check-ins" / "weekly-check-in.yaml"
    own = locations.user_exercises_dir(tmp_path)
    own.mkdir()
    shutil.copy(bundled, own / "weekly-check-in.yaml")
    scale_labels(tmp_path, ["weekly-check-in", "pulse"], {"a": "Cleo", "b": "Ben"}, "de")
    assert len(loads) == 5


def test_a_home_that_cannot_be_written_still_gets_names(tmp_path: Path) -> None:
    """Where the kept file cannot be written, the names are made and returned all the same;
    a damaged kept file is made again."""
    (tmp_path / "cache").write_text("not a folder")
    assert scale_labels(tmp_path, ["weekly-check-in"], NAMES, "en")["weekly-check-in"].title
    (tmp_path / "cache").unlink()
    scale_labels(tmp_path, ["weekly-check-in"], NAMES, "en")
    labels_file(tmp_path).write_text("{ damaged")
    assert scale_labels(tmp_path, ["weekly-check-in"], NAMES, "en")["weekly-check-in"].title
    assert json.loads(labels_file(tmp_path).read_text())["scales"]


def test_progress_names_scales_without_the_library_once_kept(tmp_path: Path) -> None:
    """`workbook progress` prints the same scale names on its second run, which reads the kept
    names and imports neither the exercise files' reader nor YAML."""
    from workbook.goals import scores

    home = tmp_path / "home"
    assert run(["--home", str(home), "couple", "init", "--a", "Ana", "--b", "Ben"]) == 0
    with Store.open(home) as store:
        for partner, heard in zip(PARTNERS, (5, 2), strict=True):
            scores.record_scores(
                store,
                session_id="s1",
                exercise_id="weekly-check-in",
                partner=partner,
                total=3.0,
                items={"week": {"heard": heard, "close": 3}},
                day=local_today() - timedelta(days=7),
            )
    code = (
        "import io, json, sys, contextlib; from workbook.cli import run; out = io.StringIO()\n"
        f"with contextlib.redirect_stdout(out): rc = run(['--home', {str(home)!r}, 'progress'])\n"
        "heavy = [m for m in ('yaml', 'workbook.exercises.loader') if m in sys.modules]\n"
        "print(json.dumps([rc, out.getvalue(), heavy]))"
    )
    outputs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout))
    (rc1, first, _), (rc2, second, heavy) = outputs
    assert rc1 == rc2 == 0
    assert "Weekly check-in: scores" in first and "Felt heard" in first
    assert second == first
    assert heavy == []
