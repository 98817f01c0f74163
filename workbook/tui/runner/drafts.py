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
#: The ``ui`` extra holding the words of a partner who waits while the other goes back to
#: change their answer (the ``draft`` itself always belongs to the person on screen).
WAITING = "draft_waiting"
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
    """The draft kept for the current step and ``actor`` (typed, or set aside), if any."""
    if run.engine.finished or run.engine.step.kind not in DRAFTED_KINDS:
        return None
    key = draft_key(run.engine, actor)
    for slot in ("draft", WAITING):
        draft = run.record.ui.get(slot)
        if isinstance(draft, dict) and draft.get("key") == key:
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


def draft_extras(
    run: Run, widget: StepWidget | None, actor: str | None, *, typing: bool, set_aside: bool
) -> dict[str, Any]:
    """The draft extras for a save.

    ``typing`` (a moment's save, not a commit) keeps the words in the fields shown; a commit
    replaces them. ``set_aside`` keeps them apart for when this partner's turn comes back (the
    other partner went back to change an answer). Words stored for this step carry over: set
    aside ones while their partner waits, and as the draft once it is that partner's turn.
    """
    shown = current_draft(run, widget, actor) if typing or set_aside else {}
    if set_aside:
        return {WAITING: shown["draft"]} if shown else {}
    carried: dict[str, Any] = {}
    if run.engine.finished:
        return shown
    own = draft_key(run.engine, actor)
    for slot in ("draft", WAITING):
        stored = run.record.ui.get(slot)
        if not isinstance(stored, dict):
            continue
        key = str(stored.get("key", ""))
        if key == own and (slot == WAITING or (typing and widget is None)):
            carried["draft"] = stored  # the person on screen's words (none shown: a hand-over)
        elif slot == WAITING and key.startswith(f"{run.engine.step.id}:"):
            carried[WAITING] = stored  # still waiting for their partner's turn
    return {**carried, **shown}
