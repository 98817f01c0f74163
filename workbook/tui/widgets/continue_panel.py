"""The home screen's "continue where you left off" and "what is due" list.

One short list: unfinished and paused exercise sessions first (a paused one says when the
partners agreed to come back), then goals waiting for a check-in today, then the next exercise
of each program the couple has started. Choosing a session resumes it exactly where it was.
The panel hides itself when there is nothing to show.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbook.errors import WorkbookError
from workbook.glance import ExerciseLine, ProgramLine
from workbook.tui.bindings import bindings

if TYPE_CHECKING:
    from workbook.sessions import SessionOrigin, SessionRecord
    from workbook.tui.app import WorkbookApp

#: The program a new couple is pointed at until they have begun anything.
STARTER_PROGRAM = "first-steps"


def when_text(moment: datetime, now: datetime) -> str:
    """A time as people say it: "10:20", "tomorrow 10:20" or "Mon 3 Mar 10:20"."""
    day = (moment.date() - now.date()).days
    if day == 0:
        return f"{moment:%H:%M}"
    if day == 1:
        return f"tomorrow {moment:%H:%M}"
    return f"{moment:%a %-d %b %H:%M}"


class ContinuePanel(Vertical):
    """Unfinished sessions, due check-ins and next program steps, as one option list.

    Delete discards the highlighted unfinished session after a confirmation that says what is
    lost; a private session only by its author, who proves it with their passphrase.
    """

    BINDINGS = bindings("continue.discard")

    DEFAULT_CSS = """
    ContinuePanel {
        height: auto;
    }
    ContinuePanel.-empty {
        display: none;
    }
    ContinuePanel OptionList {
        height: auto;
        max-height: 6;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The program step each "next in" and "where to begin" option starts.
        self.origins: dict[str, SessionOrigin] = {}

    def compose(self) -> ComposeResult:
        yield Label("Continue where you left off · what is due", classes="section-title")
        yield OptionList(id="continue-list")

    def on_mount(self) -> None:
        self.add_class("-empty")  # the screen fills it when it is shown (ScreenResume)

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def _now(self) -> datetime:
        clock = getattr(self.app, "session_clock", None)
        if callable(clock):
            value = clock()
            assert isinstance(value, datetime)
            return value
        from workbook.clock import now

        return now()

    def refresh_items(self) -> None:
        """Re-read the store and rebuild the list, once the home screen is on display.

        Sessions need the library, goals and programs import and read more: none of it
        delays the first paint (see bench/startup.py).
        """
        self.call_after_refresh(self.fill)

    def fill(self) -> None:
        """Re-read the store and rebuild the list now."""
        if not self.is_attached:
            return
        try:
            from workbook import sessions

            now = self._now()
            store = self.wb.store
            unfinished = sessions.unfinished(store) if store is not None else []
            options = self._sessions(unfinished, now) + self._due(now)
            self._fill(options + self._programs(unfinished))
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="warning")

    def _fill(self, options: list[Option]) -> None:
        listing = self.query_one("#continue-list", OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = 0
        self.set_class(not options, "-empty")
        if options and (options[0].id or "").startswith("begin:"):
            listing.focus()  # a new couple's cursor rests on where to begin

    def _lines(self) -> tuple[dict[str, ExerciseLine], tuple[ProgramLine, ...]]:
        """The exercises (by id) and programs as the home lists them (workbook.glance)."""
        listing = self.wb.exercise_list()
        return (listing.by_id(), listing.programs) if listing is not None else ({}, ())

    def _sessions(self, unfinished: list[SessionRecord], now: datetime) -> list[Option]:
        lines, programs = self._lines()
        program_titles = {program.id: program.title for program in programs}
        options: list[Option] = []
        for record in unfinished:
            line = lines.get(record.exercise_id)
            if line is None or line.version != record.exercise_version:
                continue
            title = line.title
            program = record.origin.program if record.origin is not None else None
            if program is not None and program in program_titles:
                title = f"{title} ({program_titles[program]})"
            if record.status == "paused" and record.paused_until is not None:
                if record.paused_until <= now:
                    note = "time to come back"
                else:
                    note = f"paused until {when_text(record.paused_until, now)}"
            elif record.status == "paused":
                note = "paused"
            else:
                note = f"step {record.position + 1} of {record.total_steps}"
            options.append(Option(f"▶ {title} · {note}", id=f"session:{record.id}"))
        return options

    def _due(self, now: datetime) -> list[Option]:
        from workbook.goals.repo import due_on

        store, couple = self.wb.store, self.wb.couple
        if store is None:
            return []
        due = due_on(store, now.date())
        names = {p.key: p.name for p in couple.partners} if couple is not None else {}
        who: dict[str, list[str]] = {}
        titles: dict[str, str] = {}
        for partner, items in due.items():
            for item in items:
                if item.today is not None:
                    continue
                titles[item.goal.id] = item.goal.display_title()
                who.setdefault(item.goal.id, []).append(names.get(partner, partner))
        return [
            Option(f"○ Check in: {titles[gid]} ({' & '.join(people)})", id=f"goal:{gid}")
            for gid, people in who.items()
        ]

    def _programs(self, unfinished: list[SessionRecord]) -> list[Option]:
        """Each begun program's next step. Two programs may share it (the weekly check-in):
        each is offered, since a sitting moves on only the program it is started from. A step
        whose sitting is already under way is left to its "▶" line above, which continues it."""
        from workbook import program_progress
        from workbook.sessions import SessionOrigin

        store = self.wb.store
        if store is None:
            return []
        self.origins.clear()
        finished = program_progress.sittings(store)
        lines, programs = self._lines()
        if finished.empty:
            return self._where_to_begin(store, lines, programs)
        under_way = {r.origin for r in unfinished if r.origin is not None}
        options: list[Option] = []
        for program in programs:
            done = program_progress.steps_done(program.exercises, finished.of(program.id))
            if not any(done):
                continue
            upcoming = next(
                (
                    step
                    for step, (exercise_id, filled) in enumerate(
                        zip(program.exercises, done, strict=True)
                    )
                    if not filled and exercise_id in lines
                ),
                None,
            )
            if upcoming is None or SessionOrigin(program=program.id, step=upcoming) in under_way:
                continue
            exercise_id = program.exercises[upcoming]
            words = f"→ Next in {program.title}: {lines[exercise_id].title}"
            options.append(self._step_option(words, "next", program.id, upcoming, exercise_id))
        return options

    def _step_option(
        self, words: str, kind: str, program_id: str, step: int, exercise_id: str
    ) -> Option:
        """An option that starts ``exercise_id`` as step ``step`` of ``program_id``."""
        from workbook.sessions import SessionOrigin

        option_id = f"{kind}:{program_id}:{exercise_id}"
        self.origins[option_id] = SessionOrigin(program=program_id, step=step)
        return Option(words, id=option_id)

    def _where_to_begin(
        self, store: Any, lines: dict[str, ExerciseLine], programs: tuple[ProgramLine, ...]
    ) -> list[Option]:
        """For a couple who has not begun anything: the starter program's first exercise."""
        from workbook import sessions

        if sessions.sessions(store).count():
            return []
        starter = next((p for p in programs if p.id == STARTER_PROGRAM), None)
        steps = enumerate(starter.exercises if starter else ())
        first = next((i for i, e in steps if e in lines), None)
        if starter is None or first is None:
            return []
        exercise_id = starter.exercises[first]
        words = f"★ Where to begin: {starter.title}, starting with {lines[exercise_id].title}"
        return [self._step_option(words, "begin", starter.id, first, exercise_id)]

    @on(OptionList.OptionSelected, "#continue-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        kind, _, ref = option_id.partition(":")
        if kind == "session":
            self._resume(ref)
        elif kind in ("next", "begin"):
            from workbook.tui.messages import StartExercise

            exercise_id = option_id.rsplit(":", 1)[1]
            self.post_message(StartExercise(exercise_id, self.origins.get(option_id)))
        elif kind == "goal":
            from workbook.tui.messages import OpenSection

            self.post_message(OpenSection("progress"))

    def _resume(self, session_id: str) -> Any:
        from workbook import sessions
        from workbook.tui.screens.runner import RunnerScreen

        store = self.wb.store
        assert store is not None
        record = sessions.sessions(store).get(session_id)
        if record is None:
            self.app.notify("That session is no longer there.", severity="warning")
            self.refresh_items()
            return None
        self.app.push_screen(RunnerScreen(record.exercise_id, session_id=record.id))
        return None

    # -- discarding a session ------------------------------------------------------------------

    def action_discard(self) -> None:
        """Ask before deleting the highlighted unfinished session, saying what is lost."""
        from workbook import sessions
        from workbook.tui.widgets.journal_dialogs import ConfirmScreen

        listing = self.query_one("#continue-list", OptionList)
        index = listing.highlighted
        option_id = (listing.get_option_at_index(index).id or "") if index is not None else ""
        if not option_id.startswith("session:"):
            self.app.notify("Highlight an unfinished session first, then press Delete.")
            return
        store = self.wb.store
        record = sessions.sessions(store).get(option_id[8:]) if store is not None else None
        if record is None:
            self.refresh_items()
            return
        self.app.push_screen(
            ConfirmScreen(
                f"Discard “{record.title or record.exercise_id}”?",
                self._what_is_lost(record),
                yes="Discard it",
                no="Keep it",
            ),
            lambda yes: self._confirmed(record, yes),
        )

    def _what_is_lost(self, record: SessionRecord) -> str:
        now = self._now()
        started = when_text(record.started_at.astimezone(now.tzinfo), now)
        whose = "your answers" if record.private else "every answer either of you gave"
        words = (
            f"Started {started}, at step {record.position + 1} of {record.total_steps}. "
            f"Discarding deletes {whose} in it, for good; the exercise itself stays in the "
            "library to start afresh."
        )
        if record.private and record.author is not None and self.wb.couple is not None:
            name = self.wb.couple.partner(record.author).name
            words += f" It is private: only {name} can discard it, with their passphrase."
        return words

    def _confirmed(self, record: SessionRecord, yes: bool | None) -> None:
        if not yes:
            return
        if not record.private:
            self._discard(record)
            return
        from workbook.tui.runner.dialogs import PassphraseScreen

        couple = self.wb.couple
        assert couple is not None and record.author is not None
        self.app.push_screen(
            PassphraseScreen(
                couple.partner(record.author).name,
                "this session is private. Your passphrase confirms it is yours to discard.",
            ),
            lambda phrase: self._check_author(record, phrase),
        )

    def _check_author(self, record: SessionRecord, passphrase: str | None) -> None:
        if passphrase:
            self._author_worker(record, passphrase)

    @work(thread=True, exclusive=True, name="discard-unlock")
    def _author_worker(self, record: SessionRecord, passphrase: str) -> None:
        """Unlock the author's key (about a second of scrypt) off the UI thread."""
        from workbook.journal.vault import unlock

        store = self.wb.store
        assert store is not None and record.author is not None
        try:
            unlock(store, record.author, passphrase).close()
        except WorkbookError as exc:
            self.app.call_from_thread(
                self.app.notify, f"Not discarded: {exc.message}", severity="warning"
            )
            return
        self.app.call_from_thread(self._discard, record)

    def _discard(self, record: SessionRecord) -> None:
        from workbook import sessions

        store = self.wb.store
        try:
            if store is None:
                raise WorkbookError("The workbook's data is not open.")
            sessions.discard(store, record.id)
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="error", title="Not discarded")
            return
        self.app.notify(f"Discarded “{record.title or record.exercise_id}”.")
        self.fill()
