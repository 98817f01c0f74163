"""Authored words as people read them: text reflowed like Markdown, answers named by labels."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workbook.engine import Engine
from workbook.exercises.labels import item_label, shorten, step_label
from workbook.exercises.models import Exercise, ScaleItem, ScaleStep, text
from workbook.exercises.prose import reflow
from workbook.presentation import format_answer


def test_a_single_line_break_is_a_space_and_a_blank_line_a_paragraph() -> None:
    """A YAML ``|`` block's mid-sentence breaks join up; paragraphs stay apart."""
    assert reflow("Sit down\ntogether and\nbreathe.\n\nThen talk.\n") == (
        "Sit down together and breathe.\n\nThen talk."
    )


def test_list_items_headings_and_code_keep_their_own_lines() -> None:
    """Markdown blocks are not glued to the sentence before them."""
    words = "Try:\n- one\n- two\n  continued\n1. first\n# Title\nbody\n```\na\nb\n```"
    assert reflow(words) == "Try:\n- one\n- two continued\n1. first\n# Title\nbody\n```\na\nb\n```"


def test_shorten_keeps_the_first_sentence_and_cuts_on_a_word() -> None:
    """Labels default to the first sentence, without Markdown marks or its full stop, cut at a
    word with …."""
    assert shorten("I felt **close** to Sam.\nAnd more.") == "I felt close to Sam"
    assert shorten("Did you feel heard? Say so.") == "Did you feel heard?"
    long = "Write three things you appreciated about your partner this week and why"
    cut = shorten(long)
    assert cut == "Write three things you appreciated…"
    assert len(cut) <= 40


def exercise(**step: object) -> Exercise:
    return Exercise.model_validate(
        {
            "id": "t",
            "title": "T",
            "summary": "S",
            "category": "check-in",
            "minutes": 1,
            "approach": "A",
            "steps": [{"id": "on_guard", "kind": "scale", **step}],
        }
    )


def test_a_step_is_named_by_its_label_then_title_then_text_never_its_id() -> None:
    """The reveal/history name of an answer comes from the author's words."""
    engine = Engine.start(exercise(text="How tense did you feel?"), names={"a": "Sam"})
    step = engine.exercise.steps[0]
    assert step_label(step, engine.render) == "How tense did you feel?"
    titled = exercise(title="Tension", text="How tense did you feel?").steps[0]
    assert step_label(titled, engine.render) == "Tension"
    labelled = exercise(label="On guard", title="Tension").steps[0]
    assert step_label(labelled, engine.render) == "On guard"
    assert "on_guard" not in step_label(exercise().steps[0], engine.render)


def test_a_scale_item_label_fills_names_and_an_answer_reads_by_it() -> None:
    """``I felt close to {partner}.`` reads with the partner's name, and a label wins."""
    ex = exercise(
        who="each",
        min=1,
        max=5,
        text="This week",
        items=[
            {"id": "close", "text": "I felt close to {partner}."},
            {"id": "team", "text": "We were a team.", "label": "Teamwork"},
        ],
    )
    engine = Engine.start(ex, names={"a": "Sam", "b": "Alex"})
    step = ex.steps[0]
    assert isinstance(step, ScaleStep)
    close = step.items[0]
    assert item_label(close, lambda w: engine.render(w, "a")) == "I felt close to Alex"
    shown = format_answer(engine, ex.steps[0], {"close": 4, "team": 2}, "a")
    assert shown == "I felt close to Alex: 4; Teamwork: 2"
    assert "{" not in shown


def test_a_label_over_forty_characters_is_refused_with_the_limit() -> None:
    """Authors learn the limit instead of a reveal column being cut."""
    with pytest.raises(ValidationError, match="at most 40 characters"):
        ScaleItem(id="x", text="t", label="x" * 41)
    assert text(ScaleItem(id="x", text="t", label="Fine").label) == "Fine"
