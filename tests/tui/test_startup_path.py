"""The TUI's way to its first frame: what it does once, what it leaves for later.

Speed itself is measured in bench/startup.py; these tests pin the structure that makes it
fast, so a change that quietly doubles the work fails here.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Iterator, Sequence
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


@pytest.fixture
def collector_paused() -> Iterator[None]:
    """The garbage collector paused as the console script starts the app; restored after."""
    was_enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.disable()
    yield
    if frozen == 0:
        gc.unfreeze()  # give back what the app set aside, so later tests collect as usual
    if was_enabled:
        gc.enable()


async def test_the_collector_paused_for_the_start_runs_again_once_home_is_drawn(
    home: Path, collector_paused: None
) -> None:
    """Started with the collector paused (as ``workbook`` starts it), the app turns it back
    on once the home screen is on display, setting aside what exists by then."""
    _couple_at(home)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0


async def test_a_new_couple_gets_the_collector_back_on_the_first_screen_too(
    home: Path, collector_paused: None
) -> None:
    """The first screen need not be home: the set-up screen also turns the collector on."""
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert gc.isenabled()


async def test_a_running_collector_is_left_as_it_was(home: Path) -> None:
    """An app started with the collector on (tests, another program) freezes nothing."""
    _couple_at(home)
    frozen = gc.get_freeze_count()
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_launch_pauses_the_collector_for_the_start_and_always_resumes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the app starts the collector is paused; when it returns, or fails, it runs."""
    from workbook.errors import NotFoundError
    from workbook.tui import launch as launching
    from workbook.tui.app import WorkbookApp

    seen: list[bool] = []
    monkeypatch.setattr(WorkbookApp, "run", lambda self: seen.append(gc.isenabled()))
    assert launching.launch(tmp_path / "home") == 0
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(NotFoundError):
        launching.launch(tmp_path / "home", extra_exercise_dirs=[tmp_path / "missing"])
    assert gc.isenabled()
