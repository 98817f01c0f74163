"""The footer every screen shows styles its keys once as they mount.

Textual's footer keys start ``compact`` and are then bound to the footer's own value, so each
key was restyled twice as it mounted (a class added, then removed) every time a screen opened
or closed: about a sixth of the app's time opening screens (bench/scale.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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
    after it mounts, and each key ends as Textual's footer leaves it: the binding keys follow
    the footer (not compact), the command palette's key keeps its own (compact)."""
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
        for key in keys:
            palette = key.has_class("-command-palette")
            assert key.has_class("-compact") == palette
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert [key for key in restyled if not key.has_class("-command-palette")] == []
