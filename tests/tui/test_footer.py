"""The footer every screen shows builds and styles its keys once, and follows real changes.

Textual's footer keys start ``compact`` and are then bound to the footer's own value, so each
key was restyled twice as it mounted (a class added, then removed) every time a screen opened
or closed: about a sixth of the app's time opening screens (bench/scale.py). Textual also
rebuilds the footer each time a screen's bindings may have changed (three to five times as a
screen opens); the footer rebuilds only when the keys it shows would change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from workbook.couple import make_couple, save_couple
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.progress import ProgressScreen
from workbook.tui.widgets.footer import SafetyFooter


async def test_footer_keys_are_not_restyled_as_they_mount(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening home and the goals screen and going back restyles no binding key of a footer
    after it mounts, and each key ends as Textual's footer leaves it: following the footer
    (not compact)."""
    with Store.open(home) as store:
        save_couple(
            store, make_couple("Sam", "Alex").model_copy(update={"safety_acknowledged": True})
        )
    restyled: list[FooterKey] = []
    real = FooterKey.update_node_styles

    def counted(self: FooterKey, *args: Any, **kwargs: Any) -> None:
        restyled.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(FooterKey, "update_node_styles", counted)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        footers = list(app.screen.query(TextualFooter))
        assert footers and all(isinstance(footer, SafetyFooter) for footer in footers)
        keys = list(app.screen.query(FooterKey))
        assert keys
        assert not any(key.has_class("-compact") for key in keys)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert restyled == []


def _home_with_couple(home: Path) -> None:
    with Store.open(home) as store:
        save_couple(
            store, make_couple("Sam", "Alex").model_copy(update={"safety_acknowledged": True})
        )


async def test_opening_a_screen_builds_its_footer_keys_once(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the goals screen builds its footer's keys once (Textual asks several times
    while the screen opens and takes focus), and going back home rebuilds none: the home's
    keys are unchanged. The keys shown are the screen's and the safety keys, all of them."""
    _home_with_couple(home)
    built: list[str] = []
    real = SafetyFooter._keys_styled_once

    def counted(self: SafetyFooter) -> ComposeResult:
        keys = list(real(self))
        if keys:  # before its screen's bindings are ready a footer builds no keys
            built.append(type(self.screen).__name__)
        return iter(keys)

    monkeypatch.setattr(SafetyFooter, "_keys_styled_once", counted)
    app = create_app(home)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        built.clear()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert built == ["ProgressScreen"]
        keys = [key.key for key in app.screen.query(FooterKey)]
        assert keys[:3] == ["ctrl+q", "ctrl+t", "ctrl+b"]
        assert {"c", "e", "escape", "f1"} <= set(keys)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert built == ["ProgressScreen"]


async def test_every_key_of_the_goals_screen_fits_80_columns(home: Path) -> None:
    """At 80x24 the goals screen's footer shows each of its keys whole, Back and Help
    included; the command palette is not in the footer (F1's help lists it, and its key
    opens it), where it cut Back to "esc Ba" and hid Help."""
    _home_with_couple(home)
    app = create_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        keys = list(app.screen.query(FooterKey))
        shown = {key.key: key.description for key in keys}
        assert shown["escape"] == "Back" and shown["f1"] == "Help"
        assert all(key.region.right <= 80 for key in keys), [(key.key, key.region) for key in keys]
        assert not app.screen.query(".-command-palette")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


class _Keyed(Input):
    """A field with a key of its own, shown in the footer while it has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+r", "clear", "Clear the field")]

    def action_clear(self) -> None:
        self.value = ""


class _FocusApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Button("Plain", id="plain")
        yield _Keyed(id="keyed")
        yield SafetyFooter()


async def test_footer_follows_the_focused_widgets_keys() -> None:
    """The footer still changes when the keys do: a focused widget's own key appears in the
    footer, and goes again when the focus moves to a widget without it."""
    app = _FocusApp()

    def shown() -> list[str]:
        return [key.description for key in app.screen.query(FooterKey)]

    async with app.run_test() as pilot:
        app.query_one("#plain", Button).focus()
        await pilot.pause()
        assert "Clear the field" not in shown()
        app.query_one("#keyed", _Keyed).focus()
        await pilot.pause()
        assert "Clear the field" in shown()
        app.query_one("#plain", Button).focus()
        await pilot.pause()
        assert "Clear the field" not in shown()
