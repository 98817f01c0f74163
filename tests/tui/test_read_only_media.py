"""Pilot test: a workbook in a folder that cannot be written opens read-only, and says so."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from workbook.cli import run
from workbook.tui.app import create_app
from workbook.tui.screens.home import HomeScreen

from .exercise_pack import acknowledge_safety


async def test_read_only_folder_opens_the_app_read_only_with_a_banner(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the folder cannot be written (os.access says no, as on a read-only mount), the app
    still opens the couple's home, holds no lock, and its banner says it is read-only."""
    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    acknowledge_safety(home)  # read on an earlier, writable open
    real_access = os.access
    root = os.path.realpath(home)

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and os.path.realpath(os.fsdecode(path)).startswith(root):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store is not None
        assert app.store.readonly
        assert not app.store._lock.held
        banner = str(app.screen.query_one("#home-banner", Static).render())
        assert "Read-only" in banner
        assert "read-only here" in banner
