"""An agreement step: each partner confirms the words, and a confirmed agreement becomes a goal.

The words may be edited until the first confirmation; then they are fixed, so both partners
confirm the same sentence. When every partner has confirmed, the goal the step asks for is
created once: the session remembers which step made which goal, so Back and Next never repeat it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbook.exercises.models import AgreementStep

if TYPE_CHECKING:
    from workbook.partners import PartnerKey
    from workbook.tui.runner.run import Run


def confirm(run: Run, partner: PartnerKey, words: object) -> bool:
    """``partner`` confirms the agreement (with ``words`` if they changed them first); returns
    whether everyone has now confirmed."""
    engine = run.engine
    step = engine.step
    if (
        isinstance(step, AgreementStep)
        and step.editable
        and not engine.state.confirmations.get(step.id)
        and isinstance(words, str)
        and words
        and words != engine.agreement_text()
    ):
        engine.edit_agreement(words)
    engine.confirm(partner)
    return not engine.waiting_for()


def create_goals(run: Run, step_id: str) -> tuple[list[str], list[str]]:
    """Turn the confirmed agreement of ``step_id`` into its goal, once. Returns what to tell
    the couple: the goals added, and any problem the goal was made despite (the agreement is
    kept; the run remembers the goal and the caller saves it)."""
    from workbook.goals.repo import create_goal_from_agreement

    engine, record = run.engine, run.record
    made: dict[str, str] = dict(record.ui.get("goals", {}))
    added: list[str] = []
    warnings: list[str] = []
    for draft in engine.goals_to_create():
        if draft.step_id != step_id or step_id in made:
            continue
        words = engine.state.answers.get(step_id, {}).get("both")
        made_goal = create_goal_from_agreement(
            run.store,
            title=draft.title,
            cadence_text=draft.cadence,
            text=str(words or ""),
            session_id=record.id,
            exercise_id=engine.exercise.id,
            partner=draft.partner,
            why=draft.note or "",
            private=record.private,
        )
        made[step_id] = made_goal.goal.id
        added.append(f"Added a goal: {made_goal.goal.display_title()}")
        warnings.extend(made_goal.changes)
    if made != record.ui.get("goals", {}):
        run.keep({"goals": made})  # saved with the step: Back and Next never repeat a goal
    return added, warnings
