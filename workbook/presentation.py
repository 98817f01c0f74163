"""A session's words as the people reading them see them.

The engine (:mod:`workbook.engine`) moves a session's state; this module turns that state into
text: any text of the exercise with ``{me}``, ``{partner}``, the names and ``{answers.<id>}``
filled in for one viewer (:func:`render`), an answer as a person reads it, with option labels
rather than stored values (:func:`format_answer`), a speaker-listener exchange turn by turn
(:func:`turn_lines`) and the answers a ``reveal`` step shows (:func:`revealed_answers`). A blind
answer someone may not see yet reads :data:`HIDDEN`: whether it is hidden is the engine's
rule, asked through :class:`SessionView`. The runner, the history screen and the export all
present answers through these functions, so an answer reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from pydantic import JsonValue

from workbook.exercises import conditions, templates
from workbook.exercises.labels import item_label
from workbook.exercises.models import (
    ChecklistStep,
    ChoiceStep,
    Exercise,
    FillStep,
    LangText,
    PauseStep,
    RevealStep,
    ScaleStep,
    Step,
    TimerStep,
    TurnsStep,
    text,
)
from workbook.partners import PartnerKey, is_partner, other

HIDDEN = "(hidden until revealed)"
UNANSWERED = "(no answer yet)"


class SessionView(Protocol):
    """What presenting a session reads from it; :class:`workbook.engine.Engine` is one."""

    @property
    def exercise(self) -> Exercise: ...

    @property
    def names(self) -> Mapping[str, str]: ...

    @property
    def lang(self) -> str: ...

    def answers_to(self, step_id: str) -> Mapping[str, JsonValue]:
        """Every answer given to ``step_id`` so far, by answer key."""
        ...

    def is_hidden(self, step_id: str, key: str, viewer: PartnerKey | None) -> bool:
        """Whether ``key``'s answer to ``step_id`` is hidden from ``viewer`` right now."""
        ...

    def current_speaker(self) -> PartnerKey:
        """Who has the floor (the starting speaker outside a `turns` step)."""
        ...


def render(session: SessionView, value: LangText | None, viewer: PartnerKey | None = None) -> str:
    """``value`` in the session's language with every placeholder filled in for ``viewer``
    (``None``: text shown to both partners at once)."""
    return templates.render(text(value, session.lang), lambda name: _resolve(session, name, viewer))


def format_answer(
    session: SessionView, step: Step, value: JsonValue, author: str | None = None
) -> str:
    """An answer as a person reads it (labels rather than stored values); ``author`` is the
    answer key (``"a"``/``"b"``; anything else means no single author)."""
    lang = session.lang
    writer = author if is_partner(author) else None
    if isinstance(step, ChoiceStep | ChecklistStep):
        options = step.options if isinstance(step, ChoiceStep) else step.items
        labels = {o.value: o.shown(lang) for o in options}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value) or "(none)"
        return labels.get(str(value), str(value))
    if isinstance(step, ScaleStep) and isinstance(value, dict):
        # Named by the item's label (or its statement, shortened), filled in for its author.
        items = {
            i.id: item_label(i, lambda words: render(session, words, writer)) for i in step.items
        }
        return "; ".join(f"{items.get(k, k)}: {v}" for k, v in value.items())
    if isinstance(step, FillStep) and isinstance(value, dict):
        filled = {k: str(v) for k, v in value.items()}
        return templates.render(
            text(step.template, lang),
            lambda name: filled[name] if name in filled else _resolve(session, name, writer),
        )
    if isinstance(step, TurnsStep) and isinstance(value, list):
        return f"{len(value)} turns"
    if isinstance(step, TimerStep | PauseStep) and isinstance(value, int):
        return f"{value} seconds"
    return "" if value is None else str(value)


def turn_lines(names: Mapping[str, str], step: TurnsStep, value: JsonValue) -> list[str]:
    """A `turns` answer as a person reads it, one line per turn: the round, who spoke, what
    the listener said back (the last try) and whether the speaker confirmed it."""
    lines: list[str] = []
    turns = value if isinstance(value, list) else []
    for index, turn in enumerate(turns):
        if not isinstance(turn, dict):
            continue
        speaker = turn.get("speaker")
        if not is_partner(speaker):
            continue
        listener = names[other(speaker)]
        line = f"Round {index // 2 + 1}: {names[speaker]} spoke."
        heard = turn.get("paraphrases")
        tries = [str(h) for h in heard] if isinstance(heard, list) else []
        if tries:
            again = f" (try {len(tries)})" if len(tries) > 1 else ""
            line += f" {listener} said back{again}: “{tries[-1]}”"
            confirmed = turn.get("confirmed")
            if not step.confirm:
                line += "."
            elif confirmed is True:
                line += f" · {names[speaker]} confirmed it."
            elif confirmed is False:
                line += f" · {names[speaker]} said it was not quite it."
            else:
                line += " · not confirmed yet."
        elif step.paraphrase:
            line += f" {listener} has not said it back yet."
        lines.append(line)
    return lines


def revealed_answers(session: SessionView, step: RevealStep) -> list[tuple[Step, dict[str, str]]]:
    """Each step a `reveal` step names, with every answer to it, formatted."""
    shown: list[tuple[Step, dict[str, str]]] = []
    for name in step.steps:
        target = session.exercise.step(name)
        given = session.answers_to(name)
        shown.append((target, {k: format_answer(session, target, v) for k, v in given.items()}))
    return shown


def _resolve(session: SessionView, name: str, viewer: PartnerKey | None) -> str:
    names = session.names
    if name == "me":
        return names[viewer] if viewer else "you"
    if name == "partner":
        return names[other(viewer)] if viewer else "your partner"
    if name in ("a", "b"):
        return names[name]
    if name == "speaker":
        return names[session.current_speaker()]
    if name == "listener":
        return names[other(session.current_speaker())]
    parts = name.split(".")
    if parts[0] != "answers" or len(parts) < 2:
        raise templates.TemplateError(f"unknown placeholder '{{{name}}}'", 0)
    return _answer_text(session, parts[1:], viewer)


def _answer_text(session: SessionView, parts: Sequence[str], viewer: PartnerKey | None) -> str:
    step_id, rest = parts[0], list(parts[1:])
    step = session.exercise.step(step_id)
    given = session.answers_to(step_id)
    keys: list[str] = [k for k in ("both", "a", "b") if k in given]
    if rest and rest[0] in ("a", "b", "me", "partner"):
        who = rest.pop(0)
        if who in ("me", "partner"):
            if viewer is None:
                keys = [k for k in keys if k in ("a", "b")]
            else:
                keys = [viewer if who == "me" else other(viewer)]
        else:
            keys = [who]
    if not keys or not any(k in given for k in keys):
        return UNANSWERED
    shown: list[str] = []
    for key in keys:
        if key not in given:
            continue
        if session.is_hidden(step_id, key, viewer):
            value_text = HIDDEN
        else:
            value: Any = given[key]
            for part in rest:
                value = conditions.dig(value, part)
            value_text = str(value) if rest else format_answer(session, step, value, key)
        prefix = f"{session.names[key]}: " if len(keys) > 1 and key in ("a", "b") else ""
        shown.append(prefix + value_text)
    return "; ".join(shown)
