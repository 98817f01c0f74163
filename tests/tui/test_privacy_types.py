"""Privacy is part of every screen's type: no screen can escape the lock by forgetting a flag."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

import workbook.tui
from workbook.store import Store
from workbook.tui.app import is_private
from workbook.tui.privacy import Privacy, PrivateScreen, SharedScreen

if TYPE_CHECKING:
    from conftest import PreparedKeys


def workbook_screens() -> list[type[Screen[object]]]:
    """Every Screen subclass defined in workbook.tui (every module imported first)."""
    for module in pkgutil.walk_packages(workbook.tui.__path__, "workbook.tui."):
        importlib.import_module(module.name)
    found: list[type[Screen[object]]] = []
    todo: list[type[Screen[object]]] = [Screen]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("workbook.tui."):
                found.append(sub)
    return found


def test_every_screen_says_whether_it_shows_private_text() -> None:
    """Each screen class in workbook.tui implements the Privacy protocol, and a private one
    says what it forgets (PrivateScreen's own forget only raises)."""
    screens = workbook_screens()
    assert len(screens) >= 20  # the walk found the screens, not nothing
    unclassified = [cls.__qualname__ for cls in screens if not issubclass(cls, Privacy)]
    assert unclassified == []
    for cls in screens:
        if issubclass(cls, PrivateScreen):
            assert cls.forget is not PrivateScreen.forget, cls.__qualname__


def test_the_app_asks_the_screens_type_not_a_flag() -> None:
    """A shared screen is never locked, a private one always, and a screen outside the
    workbook (say, Textual's own) is not taken for a private one."""

    class Shared(SharedScreen, Screen[object]):
        PRIVATE = True  # an old-style flag means nothing now

    class Private(PrivateScreen, Screen[object]):
        def forget(self) -> None:
            """Nothing held in this test."""

    assert not is_private(Shared())
    assert is_private(Private())
    assert not is_private(Screen())


async def test_a_private_exercise_is_locked_and_forgotten_a_shared_one_is_not(
    home: Path, tmp_path: Path, journal_keys: PreparedKeys
) -> None:
    """The runner is private by what it runs: the lock leaves a together exercise in place
    and removes a private one, dropping its answers from memory."""
    from workbook.tui.screens.runner import RunnerScreen

    from .exercise_pack import make_pack, runner_app, start_exercise
    from .test_runner_kinds import PASSPHRASE

    app = runner_app(home, make_pack(tmp_path / "pack"))
    with Store.open(home) as store:
        journal_keys.install(store, "a", PASSPHRASE)
    async with app.run_test() as pilot:
        together = await start_exercise(pilot, "test-together")
        assert isinstance(together, RunnerScreen) and not together.shows_private_text()
        assert not app.lock_private()
        assert app.screen is together
        await pilot.press("escape")
        private = await start_exercise(pilot, "test-private")
        await pilot.press("enter")  # Sam
        await pilot.pause()
        private = app.screen
        assert isinstance(private, RunnerScreen) and private.shows_private_text()
        assert app.lock_private()
        await pilot.pause()
        assert private not in app.screen_stack
        assert private.run is None and private.engine is None
