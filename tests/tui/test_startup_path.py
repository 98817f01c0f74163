"""The TUI's way to its first frame: what it does once, what it leaves for later.

Speed itself is measured in bench/startup.py; these tests pin the structure that makes it
fast, so a change that quietly doubles the work fails here.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.app import App

from workbook.couple import make_couple, save_couple
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.onboarding import OnboardingScreen
from workbook.tui.themes import DEFAULT_THEME, HIGH_CONTRAST


def _couple_at(home: Path, theme: str = DEFAULT_THEME) -> None:
    with Store.open(home) as store:
        couple = make_couple("Sam", "Alex")
        save_couple(store, couple.model_copy(update={"safety_acknowledged": True, "theme": theme}))


def _count_css_refreshes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every stylesheet refresh (a full re-parse of the app's CSS) noted by the theme then."""
    seen: list[str] = []
    real = App.refresh_css

    def counting(self: App[object], animate: bool = True) -> None:
        seen.append(self.theme)
        real(self, animate)

    monkeypatch.setattr(App, "refresh_css", counting)
    return seen


async def test_a_couple_in_the_default_theme_start_without_parsing_the_css_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app is built in the calm theme, so a couple who keep it reach home with the CSS
    parsed once (no theme change, no re-parse of every stylesheet)."""
    _couple_at(home)
    refreshes = _count_css_refreshes(monkeypatch)
    app = create_app(home)
    assert app.theme == DEFAULT_THEME
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == DEFAULT_THEME
        assert app.current_theme.name == DEFAULT_THEME
    assert refreshes == []


async def test_a_stored_theme_other_than_the_default_is_applied_at_start(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A couple who chose high contrast see it from the first frame on."""
    _couple_at(home, HIGH_CONTRAST)
    refreshes = _count_css_refreshes(monkeypatch)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == HIGH_CONTRAST
    assert refreshes and set(refreshes) == {HIGH_CONTRAST}


async def test_a_new_couple_sets_up_in_the_default_theme(home: Path) -> None:
    """Before anyone is set up, the onboarding screen is shown in the workbook's own theme."""
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert app.current_theme.name == DEFAULT_THEME


def test_the_demo_loads_the_exercise_library_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``workbook --demo`` loads the library once: the demo is played from it and the app
    lists it, without reading and validating every exercise file a second time."""
    import workbook.exercises
    from workbook.tui import launch as launching
    from workbook.tui.app import WorkbookApp

    loads: list[object] = []
    real_load = workbook.exercises.load_library

    def counting_load(
        home: Path | None, extra_dirs: Sequence[Path] = ()
    ) -> workbook.exercises.Library:
        library = real_load(home, extra_dirs)
        loads.append(library)
        return library

    opened: list[WorkbookApp] = []

    def fake_run(self: WorkbookApp) -> None:
        opened.append(self)
        assert self.library is not None and self.exercise_list() is not None

    monkeypatch.setattr(workbook.exercises, "load_library", counting_load)
    monkeypatch.setattr(WorkbookApp, "run", fake_run)
    monkeypatch.setattr(tempfile, "mkdtemp", lambda prefix: str(tmp_path / "demo"))
    assert launching.launch(tmp_path / "home", demo=True) == 0
    (app,) = opened
    assert len(loads) == 1
    assert app.library is loads[0]
