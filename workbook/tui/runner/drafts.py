"""Drafts: the words typed but not yet committed, kept so a crash loses little.

A draft is saved :data:`DRAFT_SECONDS` after typing starts (a save per keystroke would rewrite
the data file on every key) under a key naming the step, the person and the phase, so a draft
never reaches another partner, or another turn of the same step. Private exercises keep no
drafts: their words are only ever stored sealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbook.engine import Engine
    from workbook.tui.runner.run import Run
    from workbook.tui.widgets.base import StepWidget

DRAFTED_KINDS = frozenset({"prompt", "fill", "turns", "agreement"})
#: Seconds between a keystroke and saving the words typed so far (a draft). A crash loses at
#: most this much typing; a save per keystroke would rewrite the data file on every key.
DRAFT_SECONDS = 1.0


def draft_key(engine: Engine, actor: str | None) -> str:
    """Which step, person and phase a draft belongs to (a draft never crosses partners)."""
    step = engine.step
    phase = ""
    if step.kind == "turns":
        view = engine.turn_view()
        phase = f"{view.turn}:{view.phase}:{view.corrections}"
    elif step.kind == "agreement":
        phase = str(len(engine.state.confirmations.get(step.id, [])))
    return f"{step.id}:{actor or ''}:{phase}"


def stored_draft(run: Run, actor: str | None) -> Any:
    """The draft kept for the current step and ``actor``, if any."""
    if run.engine.finished or run.engine.step.kind not in DRAFTED_KINDS:
        return None
    draft = run.record.ui.get("draft")
    if isinstance(draft, dict) and draft.get("key") == draft_key(run.engine, actor):
        return draft.get("value")
    return None


def current_draft(run: Run | None, widget: StepWidget | None, actor: str | None) -> dict[str, Any]:
    """The extras that keep what ``widget`` holds now (empty when there is nothing to keep)."""
    if widget is None or run is None or run.engine.finished or run.private:
        return {}
    if run.engine.step.kind not in DRAFTED_KINDS:
        return {}
    value = widget.current_value()
    if value in (None, "", {}):
        return {}
    return {"draft": {"key": draft_key(run.engine, actor), "value": value}}


def waiting_draft(run: Run, actor: str | None) -> dict[str, Any]:
    """The stored draft, kept through a commit when it belongs to whoever acts next on this
    step (say, the words the second partner typed before the first went back to change their
    answer); any other draft is replaced by the answer just committed."""
    draft = run.record.ui.get("draft")
    if run.engine.finished or not isinstance(draft, dict):
        return {}
    if run.engine.step.kind not in DRAFTED_KINDS:
        return {}
    return {"draft": draft} if draft.get("key") == draft_key(run.engine, actor) else {}
