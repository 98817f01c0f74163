"""Committing what the person acting entered: one rule for every step kind.

Next is the only way an answer is committed; picking or ticking only marks (see the widgets).
:func:`commit` records the value through the engine (a speaker's turn, a paraphrase, a
confirmation, an agreement, a timer's seconds) and says whether the step is done, so the screen
moves on or shows the same step for whoever acts next. :func:`may_change` is the rule for going
back to change an answer: a partner's own answer to an `each` step, until a reveal shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbook.partners import AnswerKey, PartnerKey, is_partner
from workbook.tui.runner import agreement

if TYPE_CHECKING:
    from workbook.tui.runner.run import Run

ANSWERED_KINDS = frozenset({"prompt", "choice", "scale", "checklist", "fill"})


@dataclass(frozen=True)
class Outcome:
    """What a commit did: whether the step is done, and what to tell the couple (the goals it
    added, and problems a goal was made despite)."""

    step_done: bool
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def commit(run: Run, value: Any, actor: AnswerKey | None, elapsed: int) -> Outcome:
    """Record ``value`` (what the step's widget holds) for ``actor`` on the current step."""
    engine = run.engine
    step = engine.step
    if step.kind in ANSWERED_KINDS:
        empty = value in (None, "", {}) or (value == [] and step.kind != "checklist")
        if not (empty and step.optional):
            engine.answer(value, actor)
        following = engine.actor()
        turn_passes = is_partner(following) and following != actor
        return Outcome(not engine.waiting_for() or (step.optional and not turn_passes))
    if step.kind in ("timer", "pause"):
        engine.answer(elapsed)
        return Outcome(True)
    if step.kind == "turns":
        return Outcome(_turn(run, value))
    if step.kind == "agreement" and is_partner(actor):
        if not agreement.confirm(run, actor, value):
            return Outcome(False)
        return Outcome(True, *agreement.create_goals(run, step.id))
    return Outcome(True)


def _turn(run: Run, value: Any) -> bool:
    """The speaker has spoken, the listener said it back, or the speaker answered."""
    engine = run.engine
    turn = engine.turn_view()
    if turn.phase == "speak":
        engine.answer(None, turn.speaker)
    elif turn.phase == "paraphrase":
        engine.answer(value, turn.listener)
    elif turn.phase == "confirm":
        engine.answer(bool(value), turn.speaker)
    return engine.turn_view().phase == "done"


def may_change(run: Run, partner: PartnerKey) -> bool:
    """Whether ``partner`` may go back to change their own answer to the current step: an
    `each` step they answered, done together, and not revealed yet."""
    engine = run.engine
    if run.solo is not None or engine.finished:
        return False
    step = engine.step
    return (
        step.who == "each"
        and step.kind in ANSWERED_KINDS
        and partner in engine.state.answers.get(step.id, {})
        and step.id not in engine.state.revealed
    )
