"""Opening a journal: the hidden passphrase, or a first (or new) passphrase, then the journal.

The passphrase unwrap (age's scrypt, about a second) runs in a thread worker; only the age
work runs there, because the store's lock and TinyDB belong to the app's thread. The worker
gets a closure rather than the passphrase as an argument, and an explicit description,
because a worker's default description is the ``repr`` of its arguments. The same worker
strengthens a wrapping below the floor (a second scrypt run); the app's thread stores it.

A key someone started over another is announced above the passphrase (the words are in
:mod:`.notice`) until its partner unlocks it and confirms making it in the journal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Label, Static

from workbook.errors import WorkbookError
from workbook.partners import PartnerKey
from workbook.tui.app import workbook_app
from workbook.tui.bindings import screen_bindings
from workbook.tui.journal import notice
from workbook.tui.journal.base import JournalPrivateScreen
from workbook.tui.markdown import Markdown
from workbook.tui.widgets.footer import SafetyFooter
from workbook.tui.widgets.journal_dialogs import ConfirmScreen
from workbook.tui.widgets.journal_private import PrivateInput

if TYPE_CHECKING:
    from workbook.journal.crypto import Identity, KeyMaterial
    from workbook.journal.models import JournalKey
    from workbook.journal.vault import JournalSession

FORGOTTEN_NOTE = """\
**Before you choose a passphrase.** Your entries are sealed with it, on this computer only.
If it is forgotten, **the entries cannot be recovered**: not by your partner, not by the
workbook, not by anyone. You could then start a new key and keep writing, but entries sealed
with the old passphrase stay sealed. A few words you will remember work well (at least 8
characters); keep a note of it somewhere only you can reach.
"""

NEW_KEY_WARNING = (
    "This starts a new key with a new passphrase. Entries written with the old passphrase "
    "stay sealed to it: the old key is kept, so the old passphrase still opens them if it is "
    "ever remembered. Until you confirm, in the journal, that you started the new key, it is "
    "announced every time this journal is opened."
)


class _KeyScreen(JournalPrivateScreen[None]):
    """Shared by unlock and setup: runs the slow key work in a thread, then opens the journal."""

    # Seconds to wait after a wrong passphrase (None: the vault's default); tests use 0.
    WRONG_DELAY: ClassVar[float | None] = None

    def __init__(self, partner: PartnerKey) -> None:
        super().__init__()
        self.partner: PartnerKey = partner
        self._forgotten = False
        self._pending: JournalSession | None = None

    def forget(self) -> None:
        self._forgotten = True
        if self._pending is not None:
            self._pending.close()
            self._pending = None
        super().forget()

    def _say(self, message: str, *, problem: bool = False) -> None:
        """Write ``message`` under the fields; a problem is a notification too, since the line
        can sit below the fold of a small window."""
        self.query_one("#key-message", Static).update(message)
        if problem:
            self.notify(message, severity="error")

    def _busy(self, busy: bool) -> None:
        for widget in self.query(PrivateInput):
            widget.disabled = busy
        for button in self.query(Button):
            button.disabled = busy

    def _unlock(self, passphrase: str, waiting: str) -> None:
        """Unwrap the partner's key in a worker; open the journal when it succeeds.

        Only the age work runs in the thread: the store (its lock and TinyDB) stays on the
        app's thread, so the key records are read here and the session is made on return.
        """
        from workbook.journal.vault import unlock_candidates

        try:
            candidates = unlock_candidates(workbook_app(self).require_store(), self.partner)
        except WorkbookError as exc:
            self._say(exc.message, problem=True)
            return
        delay = self.WRONG_DELAY
        self._busy(True)
        self._say(waiting)

        def task() -> _Unwrapped:
            from workbook.journal.vault import open_any, stronger_wrapping

            # The pause after a wrong passphrase slows guessing; the screen stays responsive.
            key, identity = open_any(candidates, passphrase, delay=delay)
            return _Unwrapped(key, identity, stronger_wrapping(key, identity, passphrase))

        self._run_key_task(task)

    @work(thread=True, exclusive=True, name="journal-key", description="Opening a journal key")
    def _run_key_task(self, task: Callable[[], _Unwrapped]) -> None:
        try:
            done = task()
        except WorkbookError as exc:
            message = exc.message
            self.app.call_from_thread(self._failed, message)
            return
        if self._forgotten:  # locked while the key was being unwrapped
            done.identity.forget()
            return
        self.app.call_from_thread(self._opened, done)

    def _failed(self, message: str) -> None:
        if self._forgotten or not self.is_attached:
            return
        self._busy(False)
        for widget in self.query(PrivateInput):
            widget.forget()
        self._say(message, problem=True)
        self.query(PrivateInput).first().focus()

    def _opened(self, done: _Unwrapped) -> None:
        from workbook.journal.vault import JournalSession, save_wrapping

        if self._forgotten or not self.is_attached:
            done.identity.forget()
            return
        store = workbook_app(self).require_store()
        key = done.key
        if done.stronger is not None:
            key = save_wrapping(store, key, done.stronger)
        self._pending = JournalSession(store, key, done.identity)
        if self.app.screen is self:
            self._show_journal()
        # Otherwise (the curtain or help is on top) the journal opens when this screen resumes.

    def on_screen_resume(self) -> None:
        if self._pending is not None:
            self._show_journal()

    def _show_journal(self) -> None:
        session, self._pending = self._pending, None
        if session is None:
            return
        super().forget()
        # Imported here: the journal screen's module imports this one for the partner choice.
        from workbook.tui.screens.journal import JournalScreen

        self.app.switch_screen(JournalScreen(session))


@dataclass(frozen=True)
class _Unwrapped:
    """What the key worker hands back: the key it opened, its identity, a stronger wrapping."""

    key: JournalKey
    identity: Identity
    stronger: str | None

    def __repr__(self) -> str:  # a worker's result may be shown in a traceback
        return f"<_Unwrapped key {self.key.generation} of {self.key.partner}>"


class UnlockScreen(_KeyScreen):
    """Ask for a partner's passphrase (hidden) and unlock their journal."""

    BINDINGS = screen_bindings("journal.new_key", "journal.lock", "back", "help")

    def compose(self) -> ComposeResult:
        from workbook.journal.vault import pending_replacement

        name = workbook_app(self).require_couple().partner(self.partner).name
        pending = pending_replacement(workbook_app(self).require_store(), self.partner)
        yield Header()
        with Vertical(id="journal-unlock", classes="journal-key"):
            yield Label(f"{name}'s journal", classes="section-title")
            if pending is not None:
                yield Static(
                    notice.on_unlock(name, pending),
                    id="replacement-notice",
                    classes="journal-notice",
                )
            yield Label("Passphrase")
            yield PrivateInput(password=True, id="passphrase", placeholder="Type, then Enter")
            yield Static("", id="key-message", classes="key-message")
            yield Button("Forgot it? Start a new key", id="new-key")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.query_one("#passphrase", PrivateInput).focus()

    @on(PrivateInput.Submitted, "#passphrase")
    def _submit(self) -> None:
        field = self.query_one("#passphrase", PrivateInput)
        if not field.value:
            self._say("Type your passphrase, then press Enter.")
            return
        passphrase = field.value
        field.value = ""
        self._unlock(passphrase, "Unlocking...")

    @on(Button.Pressed, "#new-key")
    def action_new_key(self) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.app.switch_screen(SetupKeyScreen(self.partner, new_key=True))

        self.app.push_screen(
            ConfirmScreen("Start a new key?", NEW_KEY_WARNING, yes="Start a new key"), answer
        )


class SetupKeyScreen(_KeyScreen):
    """Choose a first (or a new) passphrase, after the warning about forgetting it."""

    BINDINGS = screen_bindings("journal.lock", "back", "help")

    def __init__(self, partner: PartnerKey, *, new_key: bool = False) -> None:
        super().__init__(partner)
        self.new_key = new_key

    def compose(self) -> ComposeResult:
        name = workbook_app(self).require_couple().partner(self.partner).name
        heading = "a new passphrase" if self.new_key else "a journal passphrase"
        yield Header()
        with VerticalScroll(id="journal-setup", classes="journal-key"):
            yield Label(f"{name}: choose {heading}", classes="section-title")
            yield Markdown(FORGOTTEN_NOTE, id="forgotten-note")
            yield Label("Passphrase")
            yield PrivateInput(password=True, id="new-passphrase")
            yield Label("The same passphrase again")
            yield PrivateInput(password=True, id="confirm-passphrase")
        with Horizontal(classes="key-actions"):
            yield Button("Set the passphrase and open my journal", id="set-passphrase")
            yield Static("", id="key-message", classes="key-message")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.query_one("#new-passphrase", PrivateInput).focus()

    @on(PrivateInput.Submitted, "#new-passphrase")
    def _next(self) -> None:
        self.query_one("#confirm-passphrase", PrivateInput).focus()

    @on(PrivateInput.Submitted, "#confirm-passphrase")
    @on(Button.Pressed, "#set-passphrase")
    def _submit(self) -> None:
        from workbook.journal.crypto import check_new_passphrase

        first = self.query_one("#new-passphrase", PrivateInput)
        second = self.query_one("#confirm-passphrase", PrivateInput)
        if first.value != second.value:
            second.value = ""
            self._say(
                "The two passphrases are not the same. Please type the second one again.",
                problem=True,
            )
            second.focus()
            return
        try:
            check_new_passphrase(first.value)
        except WorkbookError as exc:
            self._say(exc.message, problem=True)
            first.focus()
            return
        passphrase = first.value
        first.value = second.value = ""
        self._busy(True)
        self._say("Making your key...")

        self._make_key(passphrase)

    @work(thread=True, exclusive=True, name="journal-new-key", description="Making a journal key")
    def _make_key(self, passphrase: str) -> None:
        """Wrap a new key with the passphrase (scrypt, seconds) away from the app's thread."""
        from workbook.journal import crypto

        try:
            material = crypto.create_keys(passphrase)
        except WorkbookError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        self.app.call_from_thread(self._store_new_key, material, passphrase)

    def _store_new_key(self, material: KeyMaterial, passphrase: str) -> None:
        """Back on the app's thread (the store's lock belongs to it): keep the key, then open."""
        from workbook.journal.vault import store_key

        if self._forgotten or not self.is_attached:
            return
        try:
            store_key(
                workbook_app(self).require_store(),
                self.partner,
                material,
                new_key=self.new_key,
            )
        except WorkbookError as exc:
            self._failed(exc.message)
            return
        self._unlock(passphrase, "Opening your journal...")
