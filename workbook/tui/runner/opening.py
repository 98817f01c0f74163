"""Opening a run: finding the session to continue, starting a new one, unsealing a private one.

:class:`Opener` asks what must be asked before the first step (who does a solo exercise, the
author's passphrase, the safety notes) and hands the screen a ready :class:`Run`. The safety
notes come first whichever way an exercise starts (the library, home's Continue list, a program
step, a facilitator's pack), because every way opens this runner; the partners' acknowledgement
is kept in the session, so it is asked once per session. :func:`open_sealed` is what the unlock
worker runs in its thread: the age key work, then closing the journal session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from workbook import sessions
from workbook.errors import WorkbookError
from workbook.partners import PARTNERS, PartnerKey
from workbook.sessions import safety_field
from workbook.tui.runner.dialogs import PassphraseScreen, SafetyScreen, WhoScreen
from workbook.tui.runner.run import Run

if TYPE_CHECKING:
    from textual.screen import Screen

    from workbook.exercises.models import Exercise
    from workbook.sessions import Clock, SessionOrigin, SessionRecord
    from workbook.store import Store


def session_to_continue(
    store: Store,
    exercise: Exercise,
    session_id: str | None,
    origin: SessionOrigin = sessions.OUTSIDE_PROGRAMS,
) -> SessionRecord | None:
    """The session asked for (it keeps its program), else the exercise's latest unfinished one
    to continue from ``origin`` (if still current; :func:`workbook.sessions.latest_for`). One
    begun outside programs and continued from a program step belongs to that step from now."""
    if session_id is not None:
        return sessions.resume(store, session_id)
    record = sessions.latest_for(store, exercise.id, origin)
    if record is None or record.exercise_version != exercise.version:
        return None  # none, or the exercise changed since; start afresh
    if origin.program is not None and sessions.program_of(record) is None:
        return sessions.move_to(store, record, origin)
    return record


def start(
    store: Store,
    exercise: Exercise,
    *,
    names: dict[str, str],
    solo: PartnerKey | None,
    lang: str,
    acknowledged: bool,
    origin: SessionOrigin,
    clock: Clock,
) -> Run:
    """Start a new session of ``exercise`` (its safety notes already acknowledged, if any) from
    ``origin`` (a program step, or outside programs)."""
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
        origin=origin,
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
    """A run for a stored session and its (opened) state."""
    from workbook.engine import Engine, SessionState

    return Run(store, Engine(exercise, SessionState.model_validate(state), names), record, clock)


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


class Opener:
    """Opens the run a runner screen asked for, asking first what must be asked: who does a
    solo or private exercise, the author's passphrase for a private session, and the safety
    notes (once per session). Calls ``opened(run, resumed)`` when done, or ``stopped(message)``
    when the couple backs out (no message) or it cannot open (the reason)."""

    def __init__(
        self,
        screen: Screen[Any],
        exercise_id: str,
        session_id: str | None,
        *,
        origin: SessionOrigin | None = None,
        opened: Callable[[Run, bool], None],
        stopped: Callable[[str], None],
    ) -> None:
        from workbook.tui.app import workbook_app

        self.screen = screen
        self.wb = workbook_app(screen)
        self.exercise_id = exercise_id
        self.session_id = session_id
        #: Where the exercise is started from: a program step, or outside programs.
        self.origin = origin or sessions.OUTSIDE_PROGRAMS
        self.opened = opened
        self.stopped = stopped

    @property
    def exercise(self) -> Exercise:
        library = self.wb.library
        if library is None:
            raise WorkbookError("The workbook is not ready yet.")
        return library.get(self.exercise_id)

    def names(self) -> dict[str, str]:
        return {p.key: p.name for p in self.wb.require_couple().partners}

    def begin(self) -> None:
        """Find the session to continue, or ask who does a new one."""
        from workbook.exercises.models import text

        try:
            exercise, couple = self.exercise, self.wb.require_couple()
            store = self.wb.require_store()
            record = session_to_continue(store, exercise, self.session_id, self.origin)
        except WorkbookError as exc:
            self.stopped(exc.message)
            return
        if record is not None:
            self._unseal(record)
        elif exercise.mode == "together":
            self._read_safety(None)
        else:
            self.wb.push_screen(WhoScreen(couple, text(exercise.title)), self._read_safety)

    def _read_safety(self, solo: PartnerKey | None) -> None:
        exercise = self.exercise
        if exercise.mode != "together" and solo is None:
            self.stopped("")  # nobody was chosen
        elif not exercise.safety_notes:
            self._start(solo, acknowledged=False)
        else:
            self.wb.push_screen(
                safety_screen(exercise, solo, self.names(), self.wb.language),
                lambda read: self._start(solo, acknowledged=True) if read else self.stopped(""),
            )

    def _start(self, solo: PartnerKey | None, *, acknowledged: bool) -> None:
        try:
            run = start(
                self.wb.require_store(),
                self.exercise,
                names=self.names(),
                solo=solo,
                lang=self.wb.language,
                acknowledged=acknowledged,
                origin=self.origin,
                clock=self.wb.session_clock,
            )
        except WorkbookError as exc:  # e.g. a private exercise before a journal passphrase
            self.stopped(exc.message)
            return
        self.opened(run, False)

    def _unseal(self, record: SessionRecord) -> None:
        if not record.private or record.author is None:
            try:
                state = sessions.open_state(record)
            except WorkbookError as exc:
                self.stopped(exc.message)
                return
            self._load(record, state)
            return
        name = self.wb.require_couple().partner(record.author).name

        def unlock(passphrase: str | None) -> None:
            if passphrase is None:
                self.stopped("")
                return
            # A closure, not an argument: a worker's default description shows its arguments.
            self.screen.run_worker(
                lambda: self._unlock(record, passphrase),
                thread=True,
                exclusive=True,
                name="unlock-session",
                description="Opening a private session",
            )

        reason = "this exercise is private. Your passphrase opens it."
        self.wb.push_screen(PassphraseScreen(name, reason), unlock)

    def _unlock(self, record: SessionRecord, passphrase: str) -> None:
        """In the worker's thread: the slow key work, then back to the app's thread."""
        try:
            state = open_sealed(self.wb.require_store(), record, passphrase)
        except WorkbookError as exc:
            self.wb.call_from_thread(self.stopped, exc.message)
            return
        self.wb.call_from_thread(self._load, record, state)

    def _load(self, record: SessionRecord, state: dict[str, Any]) -> None:
        try:
            run = load(
                self.wb.require_store(),
                self.exercise,
                record,
                state,
                names=self.names(),
                clock=self.wb.session_clock,
            )
        except WorkbookError as exc:
            self.stopped(exc.message)
            return
        if run.acknowledged() or run.engine.finished:
            self._resumed(run, changed=False)
            return

        def read(done: bool | None) -> None:
            if not done:
                self.stopped("")
                return
            run.keep({safety_field(p): True for p in run.partners()})
            self._resumed(run, changed=True)

        notes = safety_screen(run.engine.exercise, run.solo, self.names(), self.wb.language)
        self.wb.push_screen(notes, read)

    def _resumed(self, run: Run, *, changed: bool) -> None:
        """Back in a stored session: after a time-out it is in progress again."""
        paused = run.record.status == "paused"
        try:
            if paused or changed:
                run.save_as_is()
        except WorkbookError as exc:
            self.stopped(exc.message)
            return
        if paused:
            self.wb.notify("Welcome back. You are where you left off.")
        self.opened(run, True)
