"""Presenting a session: answers as people read them, filled-in text, exchanges turn by turn.

These run :mod:`workbook.presentation` on a plain stand-in for a session rather than the
engine, which also shows that presenting needs nothing of the engine but what
:class:`~workbook.presentation.SessionView` names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import JsonValue

from workbook.exercises.models import Exercise, RevealStep, Step, TurnsStep
from workbook.exercises.templates import TemplateError
from workbook.partners import PartnerKey
from workbook.presentation import (
    HIDDEN,
    UNANSWERED,
    SessionView,
    format_answer,
    render,
    revealed_answers,
    turn_lines,
)

NAMES = {"a": "Ana", "b": "Ben"}

STEPS: list[dict[str, Any]] = [
    {
        "id": "mood",
        "kind": "choice",
        "who": "each",
        "blind": True,
        "options": ["calm", {"value": "tense", "label": "A bit tense"}],
    },
    {
        "id": "topics",
        "kind": "choice",
        "select": "multiple",
        "min_selected": 0,
        "options": [{"value": "money", "label": "Money"}, "chores"],
    },
    {"id": "done", "kind": "checklist", "items": [{"value": "walk", "label": "A walk"}, "tea"]},
    {
        "id": "week",
        "kind": "scale",
        "min": 1,
        "max": 5,
        "items": [{"id": "heard", "text": "I felt heard."}, {"id": "team", "text": "A team."}],
    },
    {
        "id": "i_feel",
        "kind": "fill",
        "who": "each",
        "template": "{me}: I feel {feeling}.",
        "blanks": [{"id": "feeling"}],
    },
    {"id": "talk", "kind": "turns", "rounds": 1},
    {"id": "quiet", "kind": "turns", "rounds": 1, "paraphrase": False, "confirm": False},
    {"id": "breathe", "kind": "timer", "seconds": 60},
    {"id": "note", "kind": "prompt", "who": "each", "text": "A note?"},
    {"id": "show", "kind": "reveal", "steps": ["mood", "week"]},
]
EXERCISE = Exercise.model_validate(
    {
        "id": "present",
        "title": "Present",
        "summary": "For tests.",
        "category": "testing",
        "minutes": 5,
        "approach": "Testing",
        "steps": STEPS,
    }
)


@dataclass
class Session:
    """A stand-in session: answers, the speaker, and which answers are hidden from whom."""

    answers: dict[str, dict[str, JsonValue]] = field(default_factory=dict)
    hidden: set[tuple[str, str, PartnerKey | None]] = field(default_factory=set)
    speaker: PartnerKey = "a"
    exercise: Exercise = EXERCISE
    names: Mapping[str, str] = field(default_factory=lambda: NAMES)
    lang: str = "en"

    def answers_to(self, step_id: str) -> Mapping[str, JsonValue]:
        return self.answers.get(step_id, {})

    def is_hidden(self, step_id: str, key: str, viewer: PartnerKey | None) -> bool:
        return (step_id, key, viewer) in self.hidden

    def current_speaker(self) -> PartnerKey:
        return self.speaker


def view(session: Session) -> SessionView:
    """The stand-in, typed as what presentation reads (mypy checks it fits the protocol)."""
    return session


def step(step_id: str) -> Step:
    return EXERCISE.step(step_id)


@pytest.mark.parametrize(
    ("step_id", "value", "shown"),
    [
        ("mood", "tense", "A bit tense"),
        ("mood", "unknown", "unknown"),
        ("topics", ["money", "chores"], "Money, chores"),
        ("topics", [], "(none)"),
        ("done", ["walk"], "A walk"),
        ("week", {"heard": 4, "team": 2}, "I felt heard: 4; A team: 2"),
        ("talk", [{"speaker": "a"}, {"speaker": "b"}], "2 turns"),
        ("breathe", 75, "75 seconds"),
        ("note", "  kept as written ", "  kept as written "),
        ("note", None, ""),
    ],
)
def test_an_answer_reads_with_labels_not_stored_values(
    step_id: str, value: JsonValue, shown: str
) -> None:
    """Options show their labels, a scale its statements, a timer its seconds; a value with
    no label is shown as it is and a missing one as nothing."""
    assert format_answer(view(Session()), step(step_id), value) == shown


def test_a_filled_sentence_names_its_author() -> None:
    """A fill answer's `{me}` is the partner who wrote it; with no single author, "you"."""
    session = view(Session())
    answer: JsonValue = {"feeling": "tired"}
    assert format_answer(session, step("i_feel"), answer, "b") == "Ben: I feel tired."
    assert format_answer(session, step("i_feel"), answer, "both") == "you: I feel tired."


def test_placeholders_fill_in_names_roles_and_answers_for_the_viewer() -> None:
    """`{me}`/`{partner}` follow the viewer ("you"/"your partner" for both at once), the roles
    follow the speaker, and `{answers.<id>}` shows the formatted answer or says none yet."""
    session = Session(answers={"mood": {"a": "tense", "b": "calm"}}, speaker="b")
    assert render(session, "{me} and {partner}", "a") == "Ana and Ben"
    assert render(session, "{me} and {partner}") == "you and your partner"
    assert render(session, "{speaker} speaks, {listener} listens") == "Ben speaks, Ana listens"
    assert render(session, "{answers.mood}") == "Ana: A bit tense; Ben: calm"
    assert render(session, "{answers.mood.partner}", "b") == "A bit tense"
    assert render(session, "{answers.note}") == UNANSWERED
    with pytest.raises(TemplateError):
        render(session, "{nobody}")


def test_an_answer_hidden_from_the_viewer_reads_hidden() -> None:
    """What the session says is hidden from a viewer is replaced, for that viewer only."""
    session = Session(answers={"mood": {"a": "tense", "b": "calm"}}, hidden={("mood", "a", "b")})
    assert render(session, "{answers.mood.partner}", "b") == HIDDEN
    assert render(session, "{answers.mood.me}", "a") == "A bit tense"


def test_a_reveal_lists_each_named_step_with_every_answer() -> None:
    """A reveal shows the steps it names, in its order, each answer formatted."""
    session = Session(answers={"mood": {"a": "tense", "b": "calm"}, "note": {"a": "no"}})
    reveal = step("show")
    assert isinstance(reveal, RevealStep)
    shown = revealed_answers(session, reveal)
    assert [(s.id, answers) for s, answers in shown] == [
        ("mood", {"a": "A bit tense", "b": "calm"}),
        ("week", {}),
    ]


def test_an_exchange_reads_turn_by_turn() -> None:
    """Each turn says who spoke, the last paraphrase and its try, and whether it was
    confirmed; an exchange without paraphrases says only who spoke."""
    talk = step("talk")
    quiet = step("quiet")
    assert isinstance(talk, TurnsStep) and isinstance(quiet, TurnsStep)
    turns: JsonValue = [
        {"speaker": "a", "paraphrases": ["one", "two"], "confirmed": True},
        {"speaker": "b", "paraphrases": ["three"], "confirmed": False},
        {"speaker": "x"},
        {"speaker": "a", "paraphrases": []},
    ]
    assert turn_lines(NAMES, talk, turns) == [
        "Round 1: Ana spoke. Ben said back (try 2): “two” · Ana confirmed it.",
        "Round 1: Ben spoke. Ana said back: “three” · Ben said it was not quite it.",
        "Round 2: Ana spoke. Ben has not said it back yet.",
    ]
    assert turn_lines(NAMES, quiet, [{"speaker": "b"}]) == ["Round 1: Ben spoke."]
