"""Short names for answers: what a reveal, history, progress or an export calls a step's answer.

A step or a scale item may carry a ``label:`` written by its author; without one the name is
its title, or else the first sentence of its text, shortened to :data:`LABEL_MAX` characters on
a word boundary. Ids (``on_guard``) are never shown: they are for conditions, not for people.
Text is rendered by the caller's ``render`` (which fills ``{partner}`` and the other
placeholders for the right person) before it is shortened, so a cut never splits a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from workbook.exercises.models import (
    LABEL_MAX,
    Exercise,
    LangText,
    ScaleItem,
    ScaleStep,
    Step,
    text,
)
from workbook.exercises.prose import reflow

Render = Callable[[LangText | None], str]

_ADDRESS = re.compile(r"\A\s*\{\s*me\s*\}\s*[,:]\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")
_MARKUP = re.compile(r"[*_`#>]+")


def shorten(words: str, limit: int = LABEL_MAX) -> str:
    """The first sentence of ``words`` without Markdown marks or its full stop, at most
    ``limit`` characters."""
    first = reflow(words).split("\n\n", 1)[0].split("\n", 1)[0]
    first = " ".join(_MARKUP.sub("", first).split())
    first = _SENTENCE_END.split(first, 1)[0]
    if first.endswith(".") and not first.endswith(".."):
        first = first[:-1]  # a name, not a sentence: "I felt close to Sam: 4"
    if len(first) <= limit:
        return first
    cut = first[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def unaddressed(value: LangText | None, lang: str = "en") -> str | None:
    """``value`` in ``lang`` without a leading "{me}, ": a question put to each partner in
    turn reads, where both answers are shown together, as the question alone."""
    if value is None:
        return None
    words = text(value, lang)
    bare = _ADDRESS.sub("", words, count=1)
    return bare[:1].upper() + bare[1:] if bare != words else words


def step_label(step: Step, render: Render) -> str:
    """The words naming ``step``'s answer: its label, title or shortened text, never its id."""
    for source in (step.label, step.title, unaddressed(step.text)):
        words = render(source).strip() if source is not None else ""
        if words:
            return words if source is step.label else shorten(words)
    return step.kind.capitalize()


def item_label(item: ScaleItem, render: Render) -> str:
    """The words naming one scale item's number: its label, or its statement shortened."""
    if item.label is not None:
        return render(item.label).strip()
    return shorten(render(item.text))


def scale_names(exercise: Exercise, render: Render) -> dict[str, str]:
    """What a scored scale's parts are called: ``"step.item"`` ids and subscale ids to labels.

    Scores are stored by id (``pulse.heard``); a progress line or an export names them here.
    """
    names: dict[str, str] = {}
    for step in exercise.steps:
        if isinstance(step, ScaleStep):
            for item in step.items:
                names[f"{step.id}.{item.id}"] = item_label(item, render)
    if exercise.scale is not None:
        for subscale in exercise.scale.subscales:
            names[subscale.id] = render(subscale.title)
    return names


def scale_title(exercise: Exercise, lang: str) -> str:
    """A scored scale's name, else its exercise's title."""
    scale = exercise.scale
    return (text(scale.name, lang) if scale is not None else "") or text(exercise.title, lang)
