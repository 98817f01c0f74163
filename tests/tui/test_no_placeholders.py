"""Every word a step shows reaches a person filled in: no ``{partner}`` left on the screen.

The real step widgets (the ones the runner builds) are mounted for every step of every bundled
exercise, for each partner and in every language the exercise is written in, and every word
they hold is searched for a placeholder left unfilled.

They are mounted in a hidden container: mounting composes them and fills every word, while
laying out and painting about a hundred screens of steps found nothing more (the words
searched were the same, byte for byte) and took most of the test's time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Markdown, OptionList, Select, Static

from workbook.engine import Engine
from workbook.exercises import Exercise, load_library
from workbook.partners import PARTNERS, PartnerKey
from workbook.tui.widgets import widget_class
from workbook.tui.widgets.scale import ScaleBar

LEFT_OVER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.]*\}")
NAMES = {"a": "Robin", "b": "Kim"}


def languages(node: Any) -> set[str]:
    """Every language code used in a language map anywhere inside ``node``."""
    found: set[str] = set()
    if isinstance(node, dict):
        keys = set(node)
        codes = all(re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*", str(k)) for k in keys)
        if keys and codes and all(isinstance(v, str) for v in node.values()):
            found |= keys
        for value in node.values():
            found |= languages(value)
    elif isinstance(node, list):
        for value in node:
            found |= languages(value)
    return found


def step_widgets(exercise: Exercise, viewer: PartnerKey, lang: str) -> list[Any]:
    """Every step of ``exercise``, built as the runner builds it, for ``viewer``."""
    engine = Engine.start(exercise, names=NAMES, lang=lang)
    return [
        widget_class(step.kind)(
            step,
            text=engine.step_text(step, viewer),
            title=engine.render(step.title, viewer),
            lang=engine.lang,
            say=lambda words: engine.render(words, viewer),
        )
        for step in exercise.steps
    ]


def shown_words(root: Widget) -> list[str]:
    """The words every widget under ``root`` shows (or holds ready to show)."""
    words: list[str] = []
    for widget in root.query("*"):
        if isinstance(widget, Markdown):
            words.append(widget.source)
        elif isinstance(widget, Static):
            words.append(str(widget.content))
        elif isinstance(widget, OptionList):
            words.extend(str(option.prompt) for option in widget.options)
        elif isinstance(widget, Input):
            words.extend([widget.placeholder, widget.value])
        elif isinstance(widget, Select):
            words.extend(str(prompt) for prompt, _ in widget._options)
        elif isinstance(widget, ScaleBar):
            words.append(str(widget.render()))
    return words


@pytest.mark.parametrize("viewer", PARTNERS)
async def test_every_bundled_step_renders_without_a_placeholder(
    viewer: PartnerKey, tmp_path: Path
) -> None:
    """Each step's title, text, options, scale items and labels show names, not ``{...}``."""
    library = load_library(tmp_path)
    assert len(library.exercises) >= 24
    left: dict[str, list[str]] = {}
    app: App[None] = App()
    async with app.run_test(size=(100, 40)) as pilot:
        for exercise in library.exercises.values():
            for lang in sorted(languages(exercise.model_dump()) | {"en"}):
                area = VerticalScroll()
                area.display = False  # composed and mounted, never laid out or painted
                await app.screen.mount(area)
                await area.mount_all(step_widgets(exercise, viewer, lang))
                await pilot.pause()
                words = "\n".join(shown_words(area))
                assert words.strip(), exercise.id
                found = LEFT_OVER.findall(words)
                if found:
                    left[f"{exercise.id} ({lang})"] = found
                await area.remove()
    assert left == {}
