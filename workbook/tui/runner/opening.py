"""Opening a run: finding the session to continue, starting a new one, unsealing a private one.

The screen asks the questions (who, passphrase, safety notes); these functions do the work
with the core. :func:`open_sealed` is what the unlock worker runs in its thread: the age key
work, then closing the journal session so no key outlives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbook import sessions
from workbook.partners import PARTNERS, PartnerKey
from workbook.tui.runner.dialogs import SafetyScreen
from workbook.tui.runner.run import Run, safety_field

if TYPE_CHECKING:
    from workbook.exercises.models import Exercise
    from workbook.sessions import Clock, SessionRecord
    from workbook.store import Store


def session_to_continue(
    store: Store, exercise: Exercise, session_id: str | None
) -> SessionRecord | None:
    """The session asked for, else the exercise's latest unfinished one (if still current)."""
    if session_id is not None:
        return sessions.resume(store, session_id)
    record = sessions.latest_for(store, exercise.id)
    if record is not None and record.exercise_version != exercise.version:
        return None  # the exercise changed since; start afresh
    return record


def start(
    store: Store,
    exercise: Exercise,
    *,
    names: dict[str, str],
    solo: PartnerKey | None,
    lang: str,
    acknowledged: bool,
    clock: Clock,
) -> Run:
    """Start a new session of ``exercise`` (its safety notes already acknowledged, if any)."""
    from workbook.engine import Engine
    from workbook.exercises.models import text

    engine = Engine.start(exercise, names=names, solo=solo, lang=lang)
    partners = (solo,) if solo is not None else PARTNERS
    record = sessions.start(
        store,
        exercise,
        engine.state.model_dump(mode="json"),
        author=solo if exercise.mode == "private" else None,
        title=text(exercise.title),
        ui={safety_field(p): True for p in partners} if acknowledged else None,
        clock=clock,
    )
    return Run(store, engine, record, clock)


def load(
    store: Store,
    exercise: Exercise,
    record: SessionRecord,
    state: dict[str, Any],
    *,
    names: dict[str, str],
    clock: Clock,
) -> Run:
    """A run for a stored session and its (opened) state; a paused one is in progress again."""
    from workbook.engine import Engine, SessionState

    run = Run(store, Engine(exercise, SessionState.model_validate(state), names), record, clock)
    if record.status == "paused":
        run.unpause()
    return run


def open_sealed(store: Store, record: SessionRecord, passphrase: str) -> dict[str, Any]:
    """A private session's state, opened with its author's passphrase (a WorkbookError with
    the reason otherwise). Slow (the key's scrypt): run it in a thread worker."""
    from workbook.journal.vault import unlock

    if record.author is None:
        return sessions.open_state(record)
    journal = unlock(store, record.author, passphrase)
    try:
        return sessions.open_state(record, journal)
    finally:
        journal.close()


def safety_screen(
    exercise: Exercise, solo: PartnerKey | None, names: dict[str, str], lang: str
) -> SafetyScreen:
    """The exercise's safety notes, for the partners taking part to acknowledge."""
    from workbook.exercises.models import text

    readers = [(p, names[p]) for p in ((solo,) if solo is not None else PARTNERS)]
    notes = [text(note, lang) for note in exercise.safety_notes]
    return SafetyScreen(text(exercise.title, lang), notes, readers)
