"""Exercise sessions on the store: one record per time a couple (or one partner) runs an exercise.

A :class:`SessionRecord` keeps the engine's state (JSON, round-tripped by
:mod:`workbook.engine`), which exercise and version it belongs to, when it started, was last
saved and finished, and whether it is in progress, paused (after a time-out, with the time the
partners chose to come back) or finished. The runner saves after every answer, so a crash or a
closed terminal loses nothing: :func:`resume` gives back exactly the state that was saved.

Privacy: in a ``private`` exercise the engine state (which holds the answers) is never stored
in plain text. It is sealed to its author's journal key with :func:`workbook.journal.vault.seal_for`
and only opened inside an unlocked journal session (:func:`open_state`). The plain record then
holds only where the person is (a step index), never what they wrote.

No Textual here: the TUI, the CLI and the tests drive the same functions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from workbook.clock import now
from workbook.errors import AccessDeniedError, NotFoundError, WorkbookError
from workbook.partners import PARTNERS, PartnerKey
from workbook.scoring import responses, score
from workbook.store import Record, Repository, Store

if TYPE_CHECKING:
    from workbook.engine import Engine
    from workbook.exercises.models import Exercise
    from workbook.journal.vault import JournalSession

SESSIONS_TABLE = "sessions"
SessionStatus = Literal["in_progress", "paused", "finished"]
PRIVATE_TEXT = "private"

Clock = Callable[[], datetime]


class SessionOrigin(BaseModel):
    """Where a session was started: a program's step, or outside any program (``program`` is
    ``None``: the library, ``workbook start``). Program progress counts a sitting only for the
    program it was started from (:mod:`workbook.program_progress`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    program: str | None = None
    #: The step's place in the program, counted week by week from 0.
    step: int | None = Field(default=None, ge=0)


#: A session started outside any program.
OUTSIDE_PROGRAMS = SessionOrigin()


class SessionRecord(Record):
    """One run of one exercise, saved after every answer."""

    exercise_id: str
    exercise_version: int = 1
    title: str = ""
    mode: Literal["together", "solo", "private"] = "together"
    author: PartnerKey | None = None
    status: SessionStatus = "in_progress"
    state: dict[str, Any] | None = None
    sealed_state: str | None = None
    ui: dict[str, Any] = Field(default_factory=dict)
    position: int = 0
    total_steps: int = 0
    started_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    finished_at: datetime | None = None
    paused_until: datetime | None = None
    timeouts: int = 0
    #: Where it was started; ``None`` for a session stored before sessions recorded it.
    origin: SessionOrigin | None = None

    @property
    def private(self) -> bool:
        return self.mode == "private"

    @property
    def unfinished(self) -> bool:
        return self.status != "finished"


def sessions(store: Store) -> Repository[SessionRecord]:
    return store.repo(SessionRecord, SESSIONS_TABLE)


def safety_field(partner: PartnerKey) -> str:
    """The ``ui`` extra saying ``partner`` acknowledged the exercise's safety notes (a boolean,
    so a private run, whose extras keep numbers and booleans only, keeps it too)."""
    return f"safety_{partner}"


def _clean_ui(ui: dict[str, Any] | None, private: bool) -> dict[str, Any]:
    """Runner extras (timer seconds, the turn phase); words never go here for private runs."""
    if not ui:
        return {}
    if private:
        return {k: v for k, v in ui.items() if isinstance(v, int | float | bool) or v is None}
    return dict(ui)


def _store_state(store: Store, record: SessionRecord, state: dict[str, Any]) -> dict[str, Any]:
    """The fields that hold ``state``: plain, or sealed to the author for a private run."""
    if not record.private:
        return {"state": state, "sealed_state": None}
    if record.author is None:
        raise WorkbookError("A private exercise needs to know whose answers it keeps.")
    from workbook.journal.vault import seal_for  # deferred: the crypto layer is heavy

    return {"state": None, "sealed_state": seal_for(store, record.author, {"state": state})}


def start(
    store: Store,
    exercise: Exercise,
    state: dict[str, Any],
    *,
    author: PartnerKey | None = None,
    title: str = "",
    total_steps: int = 0,
    ui: dict[str, Any] | None = None,
    origin: SessionOrigin = OUTSIDE_PROGRAMS,
    clock: Clock = now,
) -> SessionRecord:
    """Store a new session for ``exercise`` at its first step and return it (with the runner's
    ``ui`` extras, say that the safety notes were acknowledged, and the program step it was
    started from, if any)."""
    if exercise.mode == "private" and author is None:
        raise WorkbookError("Choose whose private exercise this is before starting.")
    moment = clock()
    record = SessionRecord(
        exercise_id=exercise.id,
        exercise_version=exercise.version,
        title=title or exercise.id,
        mode=exercise.mode,
        author=author,
        total_steps=total_steps or len(exercise.steps),
        ui=_clean_ui(ui, exercise.mode == "private"),
        origin=origin,
        started_at=moment,
        updated_at=moment,
    )
    record = record.model_copy(update=_store_state(store, record, state))
    return sessions(store).add(record)


def save(
    store: Store,
    record: SessionRecord,
    state: dict[str, Any],
    *,
    position: int | None = None,
    ui: dict[str, Any] | None = None,
    clock: Clock = now,
) -> SessionRecord:
    """Save the state after an answer (one atomic write); the session is in progress again."""
    update: dict[str, Any] = _store_state(store, record, state)
    update.update(
        updated_at=clock(),
        status="in_progress" if record.status != "finished" else "finished",
        paused_until=None if record.status != "finished" else record.paused_until,
        ui=_clean_ui(ui, record.private) if ui is not None else record.ui,
    )
    if position is not None:
        update["position"] = position
    saved = record.model_copy(update=update)
    return sessions(store).put(saved)


def pause(
    store: Store,
    record_id: str,
    *,
    until: datetime | None,
    clock: Clock = now,
) -> SessionRecord:
    """Mark a session paused after a time-out, with the time the partners chose to come back."""
    with store.transaction():
        record = sessions(store).require(record_id, what="session")
        if record.status == "finished":
            return record
        paused = record.model_copy(
            update={
                "status": "paused",
                "paused_until": until,
                "updated_at": clock(),
                "timeouts": record.timeouts + 1,
            }
        )
        return sessions(store).put(paused)


def finish(
    store: Store,
    record: SessionRecord,
    state: dict[str, Any],
    *,
    clock: Clock = now,
    engine: Engine | None = None,
) -> SessionRecord:
    """Save the final state and mark the session finished.

    Given the ``engine`` that ran it, an exercise with a scored scale also stores each partner's
    score (:func:`record_scores`), so check-in scores can be followed over time.
    """
    moment = clock()
    update = _store_state(store, record, state)
    update.update(
        status="finished",
        finished_at=moment,
        updated_at=moment,
        paused_until=None,
        position=record.total_steps,
    )
    with store.transaction():
        finished = sessions(store).put(record.model_copy(update=update))
        if engine is not None:
            record_scores(store, engine, finished, day=moment.date())
    return finished


def record_scores(
    store: Store, engine: Engine, record: SessionRecord, *, day: date | None = None
) -> int:
    """Store each partner's score on the exercise's scored scale; return how many were stored.

    A private exercise's answers are sealed, and so are its scores: nothing is stored in plain
    text for it. A partner who did not answer every item gets no score.
    """
    if engine.exercise.scale is None or record.private:
        return 0
    from workbook.goals.scores import record_scores as store_score

    stored = 0
    for partner in PARTNERS:
        items = responses(engine.state.answers, partner)
        result = score(engine.exercise, items, engine.lang)
        if result is None or result.total is None:
            continue
        store_score(
            store,
            session_id=record.id,
            exercise_id=engine.exercise.id,
            partner=partner,
            total=result.total,
            band=result.band,
            subscales=result.subscales,
            subscale_bands=result.subscale_bands,
            items=items,
            day=day,
        )
        stored += 1
    return stored


def resume(store: Store, record_id: str) -> SessionRecord:
    """The saved session to continue (NotFoundError when it is gone)."""
    record = sessions(store).require(record_id, what="session")
    if record.status == "finished":
        raise WorkbookError("That session is already finished; start the exercise again instead.")
    return record


def open_state(record: SessionRecord, journal: JournalSession | None = None) -> dict[str, Any]:
    """The engine state of ``record``; a private one needs its author's unlocked journal."""
    if not record.private:
        if record.state is None:
            raise NotFoundError("This session has no saved progress.")
        return record.state
    if record.sealed_state is None:
        raise NotFoundError("This session has no saved progress.")
    if journal is None:
        raise AccessDeniedError(
            "This exercise is private. Its author unlocks it with their journal passphrase."
        )
    from workbook.journal.vault import open_for

    opened = open_for(journal, record.sealed_state)
    state = opened.get("state")
    if not isinstance(state, dict):
        raise WorkbookError("This private session opened but is not in the expected format.")
    return state


def discard(store: Store, session_id: str) -> SessionRecord:
    """Delete an unfinished session and every answer in it; returns what was deleted.

    A finished session is history and is never discarded this way. Who may discard a private
    session (its author, proven by their passphrase) is the caller's check.
    """
    repo = sessions(store)
    record = repo.require(session_id, what="session")
    if not record.unfinished:
        raise WorkbookError("This session is finished: it stays in your history.")
    repo.delete(record.id)
    return record


def latest_for(
    store: Store, exercise_id: str, origin: SessionOrigin = OUTSIDE_PROGRAMS
) -> SessionRecord | None:
    """The most recently saved unfinished session of an exercise that starting it from
    ``origin`` continues, if any.

    Outside programs (the library, ``workbook start``): the latest one, however it was started
    (a program's sitting stays that program's). From a program step: the latest one started
    from that program, else the latest one started outside any program (the caller moves it
    into the program with :func:`move_to`); never another program's sitting.
    """
    found = [r for r in unfinished(store) if r.exercise_id == exercise_id]
    if origin.program is None:
        return found[0] if found else None
    ours = [r for r in found if program_of(r) == origin.program]
    outside = [r for r in found if program_of(r) is None]
    return next(iter(ours or outside), None)


def program_of(record: SessionRecord) -> str | None:
    """The id of the program ``record`` was started from (``None``: outside programs, or not
    recorded)."""
    return record.origin.program if record.origin is not None else None


def move_to(store: Store, record: SessionRecord, origin: SessionOrigin) -> SessionRecord:
    """Record that ``record`` now belongs to the program step ``origin`` (a session begun
    outside programs and continued from a program step); nothing else changes."""
    if record.origin == origin:
        return record
    return sessions(store).put(record.model_copy(update={"origin": origin}))


def unfinished(store: Store) -> list[SessionRecord]:
    """Sessions in progress or paused, the most recently saved first."""
    found = sessions(store).where(lambda doc: doc.get("status") != "finished")
    return sorted(found, key=lambda r: r.updated_at, reverse=True)


def history(store: Store, *, limit: int | None = None, skip: int = 0) -> list[SessionRecord]:
    """Sessions, newest start first: ``limit`` of them after the ``skip`` newest (or all).

    Only the sessions returned are read into records, so a page of ten years costs a page.
    """
    table = sessions(store)
    return table.newest("started_at", table.count() if limit is None else limit, skip)


def resume_choices(moment: datetime) -> list[tuple[str, datetime | None]]:
    """Times offered for coming back after a time-out (``None``: decide later)."""
    from datetime import timedelta

    from dateutil.relativedelta import relativedelta

    moment = moment.replace(second=0, microsecond=0)
    choices: list[tuple[str, datetime | None]] = [
        ("In 20 minutes", moment + timedelta(minutes=20)),
        ("In an hour", moment + timedelta(hours=1)),
    ]
    evening = moment + relativedelta(hour=19, minute=0)
    if evening - moment >= timedelta(hours=1, minutes=30):
        choices.append(("This evening at 19:00", evening))
    choices.append(("Tomorrow at this time", moment + relativedelta(days=1)))
    choices.append(("We will decide later", None))
    return choices
