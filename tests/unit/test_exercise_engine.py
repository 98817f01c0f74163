"""The exercise engine: who acts, blind answers and reveals, turns, agreements, branches,
moving back and forth, resuming from JSON, and scoring."""

from __future__ import annotations

from typing import Any

import pytest

from workbook.engine import Engine, EngineError
from workbook.exercises.models import Exercise
from workbook.partners import PartnerKey
from workbook.presentation import HIDDEN
from workbook.scoring import responses, score

NAMES = {"a": "Ana", "b": "Ben"}


def exercise(*steps: dict[str, Any], **fields: Any) -> Exercise:
    base: dict[str, Any] = {
        "id": "test-exercise",
        "title": "Test",
        "summary": "For tests.",
        "category": "testing",
        "minutes": 5,
        "approach": "Testing",
        "steps": list(steps),
    }
    return Exercise.model_validate({**base, **fields})


def resumed(engine: Engine) -> Engine:
    """Save to JSON and resume, as the TUI does after every answer."""
    return Engine.resume(engine.exercise, engine.save(), NAMES)


FEEL = {
    "id": "feel",
    "kind": "choice",
    "who": "each",
    "blind": True,
    "text": "{me}, how do you feel?",
    "options": ["calm", {"value": "tense", "label": "A bit tense"}],
}
REVEAL = {"id": "show", "kind": "reveal", "steps": ["feel"]}


def test_blind_each_step_hides_the_other_answer_until_the_reveal() -> None:
    """Each partner answers in turn; neither sees the other's answer until the reveal step."""
    engine = Engine.start(exercise(FEEL, REVEAL), names=NAMES)
    assert engine.actor() == "a" and engine.step_text() == "Ana, how do you feel?"
    engine.answer("tense")
    assert engine.actor() == "b" and engine.step_text() == "Ben, how do you feel?"
    engine = resumed(engine)
    assert engine.visible_answers("b") == {"feel": {}}
    assert engine.render("{answers.feel}", "b") == HIDDEN
    assert engine.render("{answers.feel}", "a") == "A bit tense"
    engine.answer("calm")
    assert engine.visible_answers("a") == {"feel": {"a": "tense"}}
    engine.next()
    assert engine.step.id == "show"
    assert engine.visible_answers("b") == {"feel": {"a": "tense", "b": "calm"}}
    assert engine.render("{answers.feel}") == "Ana: A bit tense; Ben: calm"
    assert [(s.id, shown) for s, shown in engine.reveal_view()] == [
        ("feel", {"a": "A bit tense", "b": "calm"})
    ]


def test_a_reveal_shows_every_step_it_names_and_no_other() -> None:
    """A reveal naming two blind steps shows both partners' answers to both of them; a blind
    step it does not name stays hidden from the other partner."""
    hope = {"id": "hope", "kind": "prompt", "who": "each", "blind": True, "text": "Hope?"}
    fear = {"id": "fear", "kind": "prompt", "who": "each", "blind": True, "text": "Fear?"}
    wish = {"id": "wish", "kind": "prompt", "who": "each", "blind": True, "text": "Wish?"}
    both = {"id": "show", "kind": "reveal", "steps": ["hope", "fear"]}
    engine = Engine.start(exercise(hope, fear, wish, both), names=NAMES)
    for step_id in ("hope", "fear", "wish"):
        engine.answer(f"{step_id} of Ana", "a")
        engine.answer(f"{step_id} of Ben", "b")
        engine.next()
    assert engine.step.id == "show"
    engine = resumed(engine)
    assert engine.visible_answers("b") == {
        "hope": {"a": "hope of Ana", "b": "hope of Ben"},
        "fear": {"a": "fear of Ana", "b": "fear of Ben"},
        "wish": {"b": "wish of Ben"},
    }
    assert engine.render("{answers.fear.partner}", "b") == "fear of Ana"
    assert engine.render("{answers.wish.partner}", "b") == HIDDEN
    assert [(s.id, shown) for s, shown in engine.reveal_view()] == [
        ("hope", {"a": "hope of Ana", "b": "hope of Ben"}),
        ("fear", {"a": "fear of Ana", "b": "fear of Ben"}),
    ]


def test_an_engine_without_names_calls_the_partners_partner_a_and_b() -> None:
    """With no names given (a playthrough, a preview), text reads "Partner A"/"Partner B"."""
    engine = Engine.start(exercise(FEEL, REVEAL))
    assert engine.step_text() == "Partner A, how do you feel?"
    assert engine.render("{partner}", "a") == "Partner B"


def test_answers_are_checked_against_the_step() -> None:
    """A choice outside the options, a wrong partner, or a number out of range is refused."""
    scale = {"id": "close", "kind": "scale", "min": 1, "max": 5}
    engine = Engine.start(exercise(FEEL, scale), names=NAMES)
    with pytest.raises(EngineError):
        engine.answer("angry")
    with pytest.raises(EngineError):
        engine.answer("calm", "both")
    with pytest.raises(EngineError, match="Waiting for Ana and Ben"):
        engine.next()
    engine.answer("calm", "b")
    assert engine.actor() == "a"
    engine.answer("calm")
    engine.next()
    for bad in (0, 6, True, "3", 2.5):
        with pytest.raises(EngineError):
            engine.answer(bad)
    engine.answer(5)
    assert engine.state.answers["close"] == {"both": 5}


def test_turns_swap_speaker_and_listener_with_paraphrase_and_confirmation() -> None:
    """Speaker speaks, listener paraphrases, speaker confirms or corrects; roles swap."""
    turns = {"id": "talk", "kind": "turns", "rounds": 1, "max_corrections": 1}
    after = {"id": "after", "kind": "prompt", "who": "listener", "text": "{me}, reflect."}
    engine = Engine.start(exercise(turns, after), names=NAMES, speaker="b")
    view = engine.turn_view()
    assert (view.speaker, view.listener, view.phase) == ("b", "a", "speak")
    assert engine.actor() == "b"
    with pytest.raises(EngineError, match="Ben's turn"):
        engine.answer(None, "a")
    engine.answer()  # Ben has spoken
    assert engine.actor() == "a" and engine.turn_view().phase == "paraphrase"
    engine.answer("You felt unheard.")
    assert engine.actor() == "b" and engine.turn_view().phase == "confirm"
    engine.answer("Not quite: unseen.")  # a correction sends it back to Ana
    engine = resumed(engine)
    assert engine.turn_view().phase == "paraphrase" and engine.turn_view().corrections == 1
    engine.answer("You felt unseen.")
    engine.answer(False)  # corrections used up: the turn ends unconfirmed
    view = engine.turn_view()
    assert (view.speaker, view.listener, view.phase, view.turn) == ("a", "b", "speak", 1)
    with pytest.raises(EngineError):
        engine.next()
    engine.answer()
    engine.answer("You are tired.")
    engine.answer(True)
    assert engine.turn_view().phase == "done" and engine.can_advance()
    record = engine.state.answers["talk"]["both"]
    assert record == [
        {
            "speaker": "b",
            "paraphrases": ["You felt unheard.", "You felt unseen."],
            "confirmed": False,
            "corrections": ["Not quite: unseen."],
        },
        {"speaker": "a", "paraphrases": ["You are tired."], "confirmed": True},
    ]
    engine.next()
    assert engine.actor() == "a"  # the listener outside turns is the one who listened first
    assert engine.step_text() == "Ana, reflect."


def test_agreement_needs_both_confirmations_and_an_edit_resets_them() -> None:
    """An agreement is composed from answers, confirmed by both, and can create a goal."""
    wish = {"id": "wish", "kind": "prompt", "text": "What do you want?"}
    agree = {
        "id": "deal",
        "kind": "agreement",
        "template": "We will {answers.wish}.",
        "creates_goal": {"title": "{answers.wish}", "cadence": "weekly"},
    }
    engine = Engine.start(exercise(wish, agree), names=NAMES)
    engine.answer("walk on Sundays")
    engine.next()
    assert engine.agreement_text() == "We will walk on Sundays."
    engine.confirm("a")
    assert not engine.can_advance() and engine.actor() == "b"
    engine.edit_agreement("We will walk on Sundays after lunch.")
    assert engine.waiting_for() == ["a", "b"]
    assert engine.goals_to_create() == []
    engine.answer(True)
    engine.answer(True)
    engine = resumed(engine)
    assert engine.can_advance()
    drafts = engine.goals_to_create()
    assert [(d.title, d.cadence) for d in drafts] == [("walk on Sundays", "weekly")]
    assert engine.next() is None and engine.finished


def test_no_goal_is_drafted_until_every_partner_has_confirmed() -> None:
    """One partner's confirmation of an agreement drafts no goal, even saved and resumed; the
    second partner's confirmation drafts exactly one."""
    deal = owned_deal("shared")
    engine = Engine.start(exercise(deal), names=NAMES)
    engine.confirm("b")
    assert engine.unconfirmed() == ["a"]
    assert engine.goals_to_create() == []
    assert resumed(engine).goals_to_create() == []
    engine.confirm("b")  # confirming twice is still one partner
    assert engine.goals_to_create() == []
    engine.confirm("a")
    assert engine.unconfirmed() == []
    assert [(d.title, d.partner) for d in resumed(engine).goals_to_create()] == [
        ("Rest on Sundays", None)
    ]


def test_when_skips_steps_and_a_changed_answer_forgets_the_skipped_branch() -> None:
    """Steps whose condition is false are skipped; going back and changing course drops the
    answers of the branch no longer taken."""
    steps = (
        {"id": "mood", "kind": "choice", "options": ["ok", "upset"]},
        {"id": "calm", "kind": "pause", "when": 'answers.mood == "upset"', "seconds": 30},
        {"id": "why", "kind": "prompt", "text": "Why?", "when": 'answers.mood == "upset"'},
        {"id": "end", "kind": "read", "text": "Done."},
    )
    engine = Engine.start(exercise(*steps), names=NAMES)
    engine.answer("upset")
    assert engine.next() is not None and engine.step.id == "calm"
    engine.answer(25)
    engine.next()
    engine.answer("Long day.")
    engine.next()
    assert engine.step.id == "end"
    for expected in ("why", "calm", "mood"):
        assert engine.back().id == expected
    with pytest.raises(EngineError, match="first step"):
        engine.back()
    engine.answer("ok")
    engine.next()
    assert engine.step.id == "end"
    assert set(engine.state.answers) == {"mood"}
    assert engine.back().id == "mood"


def test_state_round_trips_through_json_at_every_step() -> None:
    """Saving and resuming after every operation gives the same state and the same result."""
    steps = (
        FEEL,
        REVEAL,
        {"id": "talk", "kind": "turns", "rounds": 1, "paraphrase": False},
        {"id": "deal", "kind": "agreement", "template": "{answers.feel.a} and {answers.feel.b}"},
    )
    ex = exercise(*steps)
    direct = Engine.start(ex, names=NAMES)
    saved = Engine.start(ex, names=NAMES)
    script: list[tuple[str, Any]] = [
        ("answer", "calm"),
        ("answer", "tense"),
        ("next", None),
        ("next", None),
        ("answer", None),
        ("answer", None),
        ("next", None),
        ("answer", True),
        ("answer", True),
        ("next", None),
    ]
    for operation, value in script:
        for engine in (direct, saved):
            if operation == "answer":
                engine.answer(value)
            else:
                engine.next()
        saved = resumed(saved)
        assert saved.state == direct.state
    assert saved.finished and saved.state.answers["deal"]["both"] == "calm and A bit tense"


def test_resume_refuses_another_exercise_or_version() -> None:
    """Progress saved for one version of an exercise does not silently apply to another."""
    engine = Engine.start(exercise(FEEL), names=NAMES)
    changed = exercise(FEEL, version=2)
    with pytest.raises(EngineError, match="changed"):
        Engine.resume(changed, engine.save())
    with pytest.raises(EngineError, match="belongs to"):
        Engine.resume(exercise(FEEL, id="other"), engine.save())


def test_solo_exercise_stores_answers_under_its_author() -> None:
    """A private exercise's answers belong to the partner doing it, who sees them all."""
    note = {"id": "note", "kind": "prompt", "text": "{me}, write."}
    engine = Engine.start(exercise(note, mode="private"), names=NAMES, solo="b")
    assert engine.actor() == "b" and engine.step_text() == "Ben, write."
    engine.answer("Private words.")
    assert engine.state.answers == {"note": {"b": "Private words."}}
    assert engine.visible_answers("b") == {"note": {"b": "Private words."}}


def test_placeholders_for_names_roles_and_answer_parts() -> None:
    """{a}, {b}, {partner}, {speaker} and answer parts render for the viewer."""
    fill = {
        "id": "i_feel",
        "kind": "fill",
        "who": "each",
        "template": "I feel {feeling} when {when_it}.",
        "blanks": [{"id": "feeling", "suggestions": ["sad"]}, {"id": "when_it"}],
    }
    engine = Engine.start(exercise(fill), names=NAMES, speaker="b")
    engine.answer({"feeling": "sad", "when_it": "we rush"})
    engine.answer({"feeling": "calm", "when_it": "we walk"})
    assert engine.render("{a} & {b}; {partner}; {speaker}", "a") == "Ana & Ben; Ben; Ben"
    assert engine.render("{answers.i_feel.me}", "a") == "I feel sad when we rush."
    assert engine.render("{answers.i_feel.partner.feeling}", "a") == "calm"
    assert engine.render("{{literal}}") == "{literal}"
    with pytest.raises(EngineError):
        engine.answer({"feeling": "sad"}, "a")


CHECK = {
    "id": "items",
    "kind": "scale",
    "min": 1,
    "max": 5,
    "items": [
        {"id": "heard", "text": "I felt heard.", "subscale": "warmth"},
        {"id": "distant", "text": "I felt distant.", "reverse": True, "subscale": "warmth"},
        {"id": "team", "text": "We were a team.", "max": 3, "subscale": "team"},
    ],
}
SCALE = {
    "name": "Check",
    "scoring": "sum",
    "subscales": [
        {"id": "warmth", "title": "Warmth", "cutoffs": [{"min": 2, "label": "low"}]},
        {"id": "team", "title": "Team"},
    ],
    "cutoffs": [{"min": 3, "label": "hard"}, {"min": 8, "label": "good"}],
}


def test_scoring_reverses_keys_and_bands_totals() -> None:
    """Reverse-keyed items score min+max-r; totals and subscales pick the highest band."""
    ex = exercise(CHECK, scale=SCALE, mode="solo")
    engine = Engine.start(ex, names=NAMES)
    engine.answer({"heard": 4, "distant": 2, "team": 3})
    result = score(ex, responses(engine.state.answers, "a"))
    assert result is not None and result.complete
    # heard 4, distant reversed 1+5-2=4, team 3
    assert result.total == 11 and result.band == "good"
    assert result.subscales == {"warmth": 8, "team": 3}
    assert result.subscale_bands == {"warmth": "low", "team": None}


def test_scoring_mean_and_incomplete_answers() -> None:
    """Mean scoring averages; a missing item leaves the total empty rather than misleading."""
    ex = exercise(CHECK, scale={**SCALE, "scoring": "mean"})
    full = score(ex, {"items": {"heard": 5, "distant": 1, "team": 2}})
    assert full is not None and full.total == pytest.approx(4.0) and full.band == "hard"
    partial = score(ex, {"items": {"heard": 5}})
    assert partial is not None and partial.total is None and not partial.complete
    assert (partial.answered, partial.expected) == (1, 3)
    assert score(exercise(FEEL), {}) is None


def test_each_partner_is_scored_on_their_own_numbers() -> None:
    """In a together session both rate the items; each score is made of that partner's
    numbers only, and steps without items are left out."""
    why = {"id": "why", "kind": "prompt", "who": "each", "text": "Why?"}
    ex = exercise({**CHECK, "who": "each"}, why, scale=SCALE)
    engine = Engine.start(ex, names=NAMES)
    engine.answer({"heard": 5, "distant": 1, "team": 3}, "a")
    engine.answer({"heard": 1, "distant": 5, "team": 1}, "b")
    engine.next()
    engine.answer("because", "a")
    assert responses(engine.state.answers, "b") == {"items": {"heard": 1, "distant": 5, "team": 1}}
    totals = [score(ex, responses(engine.state.answers, key)) for key in ("a", "b")]
    assert [t.total if t else None for t in totals] == [13, 3]


def owned_deal(owner: str) -> dict[str, Any]:
    """An agreement whose goal belongs to ``owner``."""
    return {
        "id": "deal",
        "kind": "agreement",
        "template": "We will rest on Sundays.",
        "creates_goal": {"title": "Rest on Sundays", "cadence": "weekly", "owner": owner},
    }


def confirmed_goal_partner(engine: Engine) -> str | None:
    """Confirm the agreement with everyone it needs; the one goal draft's partner."""
    for partner in engine.unconfirmed():
        engine.confirm(partner)
    (draft,) = resumed(engine).goals_to_create()
    return draft.partner


@pytest.mark.parametrize(
    ("owner", "speaker", "expected"),
    [
        ("shared", "a", None),
        ("a", "b", "a"),
        ("b", "a", "b"),
        ("speaker", "a", "a"),
        ("speaker", "b", "b"),
        ("listener", "a", "b"),
        ("listener", "b", "a"),
    ],
)
def test_a_together_goal_belongs_to_the_partner_its_owner_names(
    owner: str, speaker: PartnerKey, expected: str | None
) -> None:
    """`shared` makes the couple's goal; `a`/`b` name a partner whoever speaks first;
    `speaker`/`listener` follow the session's starting speaker."""
    engine = Engine.start(exercise(owned_deal(owner)), names=NAMES, speaker=speaker)
    assert confirmed_goal_partner(engine) == expected


@pytest.mark.parametrize(("mode", "owner"), [("solo", "me"), ("solo", "shared"), ("private", "me")])
@pytest.mark.parametrize("author", ["a", "b"])
def test_a_solo_or_private_goal_belongs_to_its_author(
    mode: str, owner: str, author: PartnerKey
) -> None:
    """Only the author confirms a solo or private agreement, so the goal is theirs (`me`, or
    the default)."""
    engine = Engine.start(exercise(owned_deal(owner), mode=mode), names=NAMES, solo=author)
    assert confirmed_goal_partner(engine) == author


def test_a_multiple_choice_keeps_to_its_limits() -> None:
    """More than `max_selected` or fewer than `min_selected` picks are refused with a sentence;
    an answer within the limits is stored in the options' order."""
    values = {
        "id": "values",
        "kind": "choice",
        "select": "multiple",
        "min_selected": 2,
        "max_selected": 3,
        "options": ["honesty", "kindness", "courage", "calm"],
    }
    engine = Engine.start(exercise(values), names=NAMES)
    with pytest.raises(EngineError, match=r"^Choose up to 3\.$"):
        engine.answer(["honesty", "kindness", "courage", "calm"])
    with pytest.raises(EngineError, match=r"^Choose at least 2\.$"):
        engine.answer(["calm"])
    assert "values" not in engine.state.answers
    engine.answer(["calm", "honesty", "courage"])
    assert resumed(engine).state.answers["values"] == {"both": ["honesty", "courage", "calm"]}


def test_a_multiple_choice_needs_one_pick_unless_min_selected_is_zero() -> None:
    """By default an empty selection is no answer (as the TUI has always treated it);
    `min_selected: 0` makes picking none an answer."""
    base = {"id": "help", "kind": "choice", "select": "multiple", "options": ["rest", "talk"]}
    engine = Engine.start(exercise(base), names=NAMES)
    with pytest.raises(EngineError, match="Choose at least 1"):
        engine.answer([])
    engine = Engine.start(exercise({**base, "min_selected": 0}), names=NAMES)
    engine.answer([])
    assert engine.state.answers["help"] == {"both": []} and engine.can_advance()


def test_the_couple_may_swap_who_speaks_first_until_the_first_turn() -> None:
    """Before anyone speaks the other partner may start instead (kept in the saved state);
    once the first turn is taken, or when the exercise fixes it, no swap."""
    turns = {"id": "talk", "kind": "turns", "rounds": 1, "paraphrase": False}
    engine = Engine.start(exercise(turns), names=NAMES)
    assert engine.turn_view().speaker == "a" and engine.may_swap_speakers()
    engine.swap_speakers()
    engine = resumed(engine)
    assert engine.turn_view().speaker == "b" and engine.turn_view().listener == "a"
    engine.answer(None, "b")  # Alex has spoken; Sam's turn follows
    assert engine.turn_view().speaker == "a"
    assert not engine.may_swap_speakers()
    with pytest.raises(EngineError, match="settled"):
        engine.swap_speakers()
    fixed = Engine.start(exercise({**turns, "first_speaker": "b"}), names=NAMES)
    assert fixed.turn_view().speaker == "b" and not fixed.may_swap_speakers()
    unswapped = Engine.start(exercise(turns), names=NAMES)
    assert "first" not in unswapped.state.model_dump(mode="json").get("turns", {}).get("talk", {})
