"""The cycle collector runs rarely while a command works, and as before once it has ended."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbook import locations
from workbook.cli import run
from workbook.collector import YOUNG_THRESHOLD, few_collections, paused, resume


@pytest.fixture(autouse=True)
def _default_thresholds() -> Iterator[None]:
    """Each test starts from CPython's own thresholds and leaves them so."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_thresholds_raised_inside_and_restored_after() -> None:
    """Inside the block young collections wait for many new containers; the older
    generations keep their ratios, and everything is as before once the block ends."""
    with few_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_restored_after_an_error() -> None:
    """An exception inside the block still restores the thresholds."""
    with pytest.raises(RuntimeError), few_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_command_runs_with_few_collections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`workbook where` runs with the raised threshold and leaves the process as it was."""
    seen: list[tuple[int, int, int]] = []
    real = locations.home_dir

    def spy(home: Path | str | None = None) -> Path:
        seen.append(gc.get_threshold())
        return real(home)

    monkeypatch.setattr(locations, "home_dir", spy)
    assert run(["--home", str(tmp_path), "where"]) == 0
    assert seen and all(t[0] == YOUNG_THRESHOLD for t in seen)
    assert gc.get_threshold() == (700, 10, 10)


@pytest.fixture
def _freeze_undone() -> Iterator[None]:
    """Whatever a test sets aside with gc.freeze is given back, and the collector left on."""
    frozen = gc.get_freeze_count()
    yield
    if frozen == 0:
        gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("_freeze_undone")
def test_paused_for_the_start_and_on_again_after_it() -> None:
    """The collector is off inside the block and on after it, even when the block fails."""
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


@pytest.mark.usefixtures("_freeze_undone")
def test_resume_sets_the_start_aside_only_after_a_pause() -> None:
    """resume() turns a paused collector on, freezing what exists; a running one is untouched."""
    frozen = gc.get_freeze_count()
    resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    with paused():
        resume()
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
