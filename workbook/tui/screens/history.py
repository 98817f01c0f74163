"""History: past sessions by date and exercise; open one to see both partners' answers.

Answers of a ``private`` exercise are sealed; they show as "private" until their author
unlocks them with the journal passphrase (Ctrl+U), and are forgotten when the screen closes
or the idle lock fires. Blind answers that were never revealed stay hidden here too.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from workbook.errors import WorkbookError
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

if TYPE_CHECKING:
    from workbook.sessions import SessionRecord
    from workbook.tui.app import WorkbookApp

OLDER = "history:older"  # the "Show older sessions" row; session ids are hex, never this
STATUS_WORDS = {"in_progress": "in progress", "paused": "paused", "finished": "finished"}


def app_of(screen: Screen[Any]) -> WorkbookApp:
    from workbook.tui.app import workbook_app

    return workbook_app(screen)


def when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def status_words(record: SessionRecord) -> str:
    """Where a session stands, said once: "finished 2026-11-27 08:39", "paused", "in progress"."""
    if record.status == "finished" and record.finished_at is not None:
        return f"finished {when(record.finished_at)}"
    return STATUS_WORDS[record.status]


class HistoryScreen(SharedScreen, Screen[None]):
    """Sessions, newest first, a page at a time: "Show older sessions" adds the next page.

    Ten years hold about 1,600 sessions; reading and measuring every row took about a second,
    so only the pages asked for are read (:func:`workbook.sessions.history`).
    """

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings("back", "timeout", "help")
    PAGE = 100

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="history-list")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "History"
        self.refresh_history()

    def refresh_history(self) -> None:
        listing = self.query_one("#history-list", OptionList)
        listing.clear_options()
        self.shown = 0
        if app_of(self).store is None:
            return
        self._show_older()
        if not self.shown:
            listing.add_option(
                Option("No sessions yet. Start one from the library.", disabled=True)
            )
        else:
            listing.highlighted = 0
        listing.focus()

    def _show_older(self) -> None:
        """Add the next page of older sessions, and the way to the page after it if any."""
        from workbook import sessions

        store = app_of(self).require_store()
        listing = self.query_one("#history-list", OptionList)
        if listing.option_count and listing.get_option_at_index(-1).id == OLDER:
            listing.remove_option_at_index(listing.option_count - 1)
        records = sessions.history(store, limit=self.PAGE, skip=self.shown)
        self.shown += len(records)
        options = [
            Option(
                f"{when(r.started_at)}  {r.title}  · {status_words(r)}"
                + ("  · private" if r.private else ""),
                id=r.id,
            )
            for r in records
        ]
        left = sessions.sessions(store).count() - self.shown
        if left > 0:
            options.append(Option(f"Show older sessions… ({left} more)", id=OLDER))
        listing.add_options(options)

    @on(OptionList.OptionSelected, "#history-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == OLDER:
            first_new = event.option_index
            self._show_older()
            self.query_one("#history-list", OptionList).highlighted = first_new
        elif event.option.id:
            self.app.push_screen(SessionDetailScreen(event.option.id))

    def action_go_back(self) -> None:
        self.dismiss(None)


def answer_columns(
    wb: WorkbookApp, record: SessionRecord, state: dict[str, Any] | None
) -> tuple[list[tuple[str, str]], list[tuple[str, str, list[tuple[str, str]]]]]:
    """Together answers, and one column per partner, for a session (``None``: sealed)."""
    from workbook.engine import Engine, SessionState
    from workbook.exercises.labels import step_label
    from workbook.exercises.models import TurnsStep
    from workbook.presentation import format_answer, turn_lines

    couple = wb.couple
    names: dict[str, str] = {p.key: p.name for p in couple.partners} if couple else {}
    keys: list[str] = ["a", "b"] if record.author is None else [record.author]
    if state is None:
        sealed = [("Answers", "private")]
        return [], [(k, names.get(k, k), sealed) for k in keys]
    library = wb.library
    exercise = library.exercises.get(record.exercise_id) if library is not None else None
    if exercise is None or exercise.version != record.exercise_version:
        raise WorkbookError(
            "This exercise has changed or is no longer in the library, so its answers cannot "
            "be shown step by step."
        )
    engine = Engine(exercise, SessionState.model_validate(state), names)
    visible = engine.visible_answers(None)
    together: list[tuple[str, str]] = []
    columns = {k: [] for k in keys}  # type: dict[str, list[tuple[str, str]]]
    for step in exercise.steps:
        given = engine.state.answers.get(step.id)
        if not given or step.kind in ("timer", "pause"):
            continue
        title = step_label(step, engine.render)
        shown = visible.get(step.id, {})
        for key, value in given.items():
            if key not in shown:
                words = "(hidden: never revealed)"
            elif isinstance(step, TurnsStep):
                # Who spoke and what was heard, not the engine's one-line "2 turns".
                lines = turn_lines(engine.names, step, value)
                words = "\n".join(["", *lines]) if lines else "(no turn yet)"
            else:
                words = format_answer(engine, step, value, key)
            if key == "both":
                together.append((title, words))
            elif key in columns:
                columns[key].append((title, words))
    return together, [(k, names.get(k, k), columns[k]) for k in keys]


class SessionDetailScreen(Screen[None]):
    """One session's answers: together ones first, then each partner's side by side."""

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings("history.unlock", "back", "timeout", "help")

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.state: dict[str, Any] | None = None
        self._private = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="detail-summary", markup=False)
        yield VerticalScroll(id="detail-body")
        yield SafetyFooter()

    def record(self) -> SessionRecord:
        from workbook import sessions

        store = app_of(self).store
        assert store is not None
        return sessions.sessions(store).require(self.session_id, what="session")

    def on_mount(self) -> None:
        try:
            record = self.record()
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="error")
            self.dismiss(None)
            return
        self.title = record.title
        self._private = record.private
        if not record.private:
            self.state = record.state
        self.show(record)

    def show(self, record: SessionRecord) -> None:
        from workbook.tui.widgets.reveal import AnswerColumns

        summary = f"Started {when(record.started_at)} · {status_words(record)}"
        if record.private and self.state is None:
            summary += " · private: its author can unlock it with Ctrl+U"
        self.query_one("#detail-summary", Static).update(summary)
        body = self.query_one("#detail-body", VerticalScroll)
        body.remove_children()
        try:
            together, columns = answer_columns(app_of(self), record, self.state)
        except WorkbookError as exc:
            body.mount(Static(exc.message, markup=False))
            return
        widgets: list[Any] = []
        if together:
            widgets.append(Static("Together", classes="section-title"))
            for title, words in together:
                widgets.append(Static(f"{title}: {words}", markup=False, classes="together"))
        widgets.append(AnswerColumns(columns))
        body.mount_all(widgets)

    def action_unlock(self) -> None:
        from workbook.tui.runner.dialogs import PassphraseScreen

        record = self.record()
        if not record.private or record.author is None:
            self.app.notify("Nothing in this session is private.")
            return
        if self.state is not None:
            return
        couple = app_of(self).couple
        name = couple.partner(record.author).name if couple is not None else record.author

        def chosen(phrase: str | None) -> None:
            if phrase:
                self._unlock(record, phrase)

        self.app.push_screen(PassphraseScreen(name, "unlock your private answers."), chosen)

    @work(thread=True, exclusive=True, name="unlock-history")
    def _unlock(self, record: SessionRecord, passphrase: str) -> None:
        from workbook import sessions
        from workbook.journal.vault import unlock

        store = app_of(self).store
        assert store is not None and record.author is not None
        try:
            with_journal = unlock(store, record.author, passphrase)
            try:
                state = sessions.open_state(record, with_journal)
            finally:
                with_journal.close()
        except WorkbookError as exc:
            self.app.call_from_thread(self.app.notify, exc.message, severity="error")
            return
        self.app.call_from_thread(self._opened, record, state)

    def _opened(self, record: SessionRecord, state: dict[str, Any]) -> None:
        self.state = state
        self.show(record)

    def shows_private_text(self) -> bool:
        """A private session's page is locked with the journal (its answers may be open)."""
        return self._private

    def forget(self) -> None:
        """Drop decrypted answers (the idle lock and closing the screen call this)."""
        self.state = None

    def on_unmount(self) -> None:
        self.forget()

    def action_go_back(self) -> None:
        self.forget()
        self.dismiss(None)
