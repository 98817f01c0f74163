"""The private journal in the TUI: pick a partner, unlock, read, write, search and share.

Flow: :class:`JournalGateScreen` (whose journal?) -> :class:`UnlockScreen` (hidden passphrase)
or :class:`SetupKeyScreen` (first passphrase, with the warning that a forgotten one cannot be
recovered) -> :class:`JournalScreen` (entries by date, search, share) -> :class:`EditorScreen`
(an in-app editor; never an external editor or a temp file).

Everything past the gate is a :class:`~workbook.tui.privacy.PrivateScreen`: the app's
"Switch partner / Lock" key, the idle lock and leaving the journal all go through
``WorkbookApp.lock_private``, which calls each private screen's ``forget()`` (closing the
:class:`~workbook.journal.vault.JournalSession`, so the key and every decrypted payload are
dropped) and pops them off the stack, so "back" can
never show them again. Nothing here logs or raises with what was written: errors reach the
person as the core's own sentences through ``notify`` or a message line.

The passphrase unwrap (age's scrypt, about a second) runs in a thread worker; only the age
work runs there, because the store's lock and TinyDB belong to the app's thread. The worker
gets a closure rather than the passphrase as an argument, and an explicit description,
because a worker's default description is the ``repr`` of its arguments. The same worker
strengthens a wrapping below the floor (a second scrypt run); the app's thread stores it.

A key someone started over another is announced on the partner choice and the unlock screen
until its partner unlocks it and confirms making it (a button in the journal). A passphrase
that opens only an older key opens that key's entries, with a notice about the newer one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from workbook.errors import WorkbookError
from workbook.partners import PartnerKey, as_partner
from workbook.tui.app import workbook_app
from workbook.tui.bindings import bindings
from workbook.tui.privacy import PrivateScreen, SharedScreen
from workbook.tui.widgets.journal_dialogs import (
    ConfirmScreen,
    JournalPrompt,
    PromptPickerScreen,
    library_prompts,
    prompt_of_the_day,
)
from workbook.tui.widgets.journal_private import PrivateInput, PrivateTextArea

if TYPE_CHECKING:
    from workbook.journal.crypto import Identity, KeyMaterial
    from workbook.journal.models import JournalKey
    from workbook.journal.vault import JournalSession, OpenEntry

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


class JournalGateScreen(SharedScreen, Screen[None]):
    """Whose journal? Not private itself: it shows only names and whether a key exists."""

    BINDINGS = bindings("back", "help")

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journal-gate"):
            yield Label("Whose journal is this?", classes="section-title")
            yield OptionList(id="journal-partners")
            yield Static(
                "Each of you has a journal the other cannot read. It is sealed with your own "
                "passphrase; only an entry you choose to share becomes readable by both.",
                classes="hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.refresh_partners()

    def on_screen_resume(self) -> None:
        self.refresh_partners()

    def refresh_partners(self) -> None:
        from workbook.journal.vault import key_of, strength, when

        options = self.query_one("#journal-partners", OptionList)
        options.clear_options()
        store = workbook_app(self).store
        couple = workbook_app(self).couple
        if store is None or couple is None:
            return
        for partner in couple.partners:
            key = key_of(store, partner.key)
            line = Text.assemble((partner.name, "bold"))
            if key is None:
                line.append("  (set a passphrase to begin)")
            else:
                line.append(f"  (unlock)\n  key: {strength(key)}", style="dim")
                if key.unconfirmed_replacement:
                    line.append(
                        f"\n  a new key was started on {when(key.created)}, not yet confirmed",
                        style="bold",
                    )
            options.add_option(Option(line, id=partner.key))
        options.focus()
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#journal-partners")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from workbook.journal.vault import key_of

        partner = as_partner(event.option.id or "")
        if key_of(workbook_app(self).require_store(), partner) is None:
            self.app.push_screen(SetupKeyScreen(partner))
        else:
            self.app.push_screen(UnlockScreen(partner))

    def action_go_back(self) -> None:
        self.dismiss(None)


class _PrivateScreen(PrivateScreen, Screen[None]):
    """Base of every screen past the gate: locked and removed by the app's lock."""

    def forget(self) -> None:
        """Clear every private input on this screen."""
        for widget in self.query(PrivateInput):
            widget.forget()
        for area in self.query(PrivateTextArea):
            area.forget()

    def action_go_back(self) -> None:
        # Leaving any private screen locks the journal: nothing private stays behind "back".
        workbook_app(self).lock_private()


class _KeyScreen(_PrivateScreen):
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

    def _say(self, message: str) -> None:
        self.query_one("#key-message", Static).update(message)

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
            self._say(exc.message)
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
        self._say(message)
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

    BINDINGS = bindings("journal.new_key", "journal.lock", "back", "help")

    def compose(self) -> ComposeResult:
        from workbook.journal.vault import pending_replacement, replacement_notice

        name = workbook_app(self).require_couple().partner(self.partner).name
        pending = pending_replacement(workbook_app(self).require_store(), self.partner)
        yield Header()
        with Vertical(id="journal-unlock", classes="journal-key"):
            yield Label(f"{name}'s journal", classes="section-title")
            if pending is not None:
                yield Static(
                    replacement_notice(name, pending)
                    + " Your usual passphrase opens those entries; the new one lets you confirm.",
                    id="replacement-notice",
                    classes="journal-notice",
                )
            yield Label("Passphrase")
            yield PrivateInput(password=True, id="passphrase", placeholder="Type, then Enter")
            yield Static("", id="key-message", classes="key-message")
            yield Button("Forgot it? Start a new key", id="new-key")
        yield Footer()

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

    BINDINGS = bindings("journal.lock", "back", "help")

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
            yield Static("", id="key-message", classes="key-message")
            yield Button("Set the passphrase and open my journal", id="set-passphrase")
        yield Footer()

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
            self._say("The two passphrases are not the same. Please type the second one again.")
            second.focus()
            return
        try:
            check_new_passphrase(first.value)
        except WorkbookError as exc:
            self._say(exc.message)
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


def _date(item: OpenEntry) -> str:
    return item.entry.created.strftime("%Y-%m-%d")


class JournalScreen(_PrivateScreen):
    """One partner's unlocked journal: entries by date, a preview, search and sharing."""

    BINDINGS = bindings(
        "journal.new",
        "journal.edit",
        "journal.share",
        "journal.search",
        "journal.lock",
        "back",
        "help",
    )

    def __init__(self, session: JournalSession) -> None:
        super().__init__()
        self.session: JournalSession = session
        self._shown: dict[str, OpenEntry] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="journal-heading")
        with Horizontal(id="journal-notice-bar"):
            yield Static("", id="journal-notice", classes="journal-notice")
            yield Button("I started this key", id="confirm-key")
        with Horizontal(id="journal-body"):
            with Vertical(id="journal-left"):
                yield PrivateInput(placeholder="Search words or #tag (/)", id="journal-search")
                yield OptionList(id="journal-entries")
            with VerticalScroll(id="journal-right"):
                yield Static("", id="journal-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.sub_title = f"{self.partner_name()} (unlocked)"
        self.refresh_entries()
        self.show_key_notice()
        self.query_one("#journal-entries", OptionList).focus()

    def show_key_notice(self) -> None:
        """Say when this passphrase opened an older key, or when the new key needs confirming."""
        from workbook.journal.vault import older_key_notice, when

        name = self.partner_name()
        newer = self.session.newer_key
        words = ""
        if newer is not None:
            words = (
                older_key_notice(name, self.session.key, newer)
                + " To write with a key only you hold, start a new key on the unlock screen."
            )
        elif self.session.unconfirmed:
            words = (
                f"This key was started on {when(self.session.key.created)} over an earlier one. "
                f"Until you confirm that you started it, every unlock of {name}'s journal says so."
            )
        self.query_one("#journal-notice", Static).update(words)
        self.query_one("#confirm-key", Button).set_class(newer is not None, "-hidden")
        self.query_one("#journal-notice-bar").set_class(not words, "-hidden")

    @on(Button.Pressed, "#confirm-key")
    def _confirm_key(self) -> None:
        if self.session.closed:
            return
        try:
            self.session.confirm_new_key()
        except WorkbookError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.notify("Confirmed: this is your key.")
        self.show_key_notice()

    def partner_name(self, key: str | None = None) -> str:
        return workbook_app(self).require_couple().partner(key or self.session.partner).name

    def forget(self) -> None:
        """Drop the key and every decrypted entry, and blank what the widgets show."""
        self.session.close()
        self._shown.clear()
        # query (not query_one): this also runs while the app is shutting down.
        for options in self.query("#journal-entries").results(OptionList):
            options.clear_options()
        for preview in self.query("#journal-preview").results(Static):
            preview.update("")
        super().forget()

    # -- the list --------------------------------------------------------------------------

    def _query(self) -> tuple[str, list[str]]:
        words, tags = [], []
        for part in self.query_one("#journal-search", PrivateInput).value.split():
            if part.startswith("#") and len(part) > 1:
                tags.append(part[1:])
            else:
                words.append(part)
        return " ".join(words), tags

    def refresh_entries(self, select: str | None = None) -> None:
        """Fill the list from the session (filtered by the search box), newest first."""
        if self.session.closed:
            return
        text, tags = self._query()
        try:
            found, sealed = self.session.overview(text, tags)
        except WorkbookError as exc:
            self.notify(exc.message, severity="warning")
            return
        options = self.query_one("#journal-entries", OptionList)
        current = select or self._highlighted_id()
        self._shown = {item.id: item for item in found}
        options.clear_options()
        options.add_options([self._option(item) for item in found])
        ids = list(self._shown)
        if current in self._shown:
            options.highlighted = ids.index(current)
        elif ids:
            options.highlighted = 0
        self._heading(len(found), sealed, bool(text or tags))
        self._preview()

    def _option(self, item: OpenEntry) -> Option:
        payload = item.payload
        line = Text(f"{_date(item)}  ")
        line.append(payload.title or _first_line(payload.body) or "(untitled)", style="bold")
        if item.entry.author != self.session.partner:
            line.append(f"  from {self.partner_name(item.entry.author)}", style="italic")
        elif item.entry.shared:
            line.append("  shared", style="italic")
        if payload.tags:
            line.append("  " + " ".join(f"#{t}" for t in payload.tags), style="dim")
        return Option(line, id=item.id)

    def _heading(self, count: int, sealed: int, filtered: bool) -> None:
        noun = "entry" if count == 1 else "entries"
        words = f"{count} {noun}" + (" found" if filtered else "")
        if not count and not filtered:
            words = "No entries yet. Press n to write your first one."
        if sealed:
            from workbook.journal.vault import sealed_words

            words += f" · {sealed_words(sealed, self.session)}"
        self.query_one("#journal-heading", Static).update(words)

    def _highlighted_id(self) -> str | None:
        options = self.query_one("#journal-entries", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def selected(self) -> OpenEntry | None:
        """The entry under the cursor, if any."""
        entry_id = self._highlighted_id()
        return self._shown.get(entry_id) if entry_id else None

    @on(OptionList.OptionHighlighted, "#journal-entries")
    def _preview(self) -> None:
        self.query_one("#journal-preview", Static).update(self.render_preview(self.selected()))

    def render_preview(self, item: OpenEntry | None) -> Text:
        """The selected entry in full, as plain text (no markup is interpreted)."""
        if item is None:
            return Text("")
        payload = item.payload
        shown = Text()
        shown.append(payload.title or "(untitled)", style="bold")
        shown.append(f"\n{item.entry.created.strftime('%A %d %B %Y, %H:%M')}", style="dim")
        if item.entry.author != self.session.partner:
            shown.append(f"\nShared with you by {self.partner_name(item.entry.author)}")
        elif item.entry.shared:
            other = workbook_app(self).require_couple().other(self.session.partner)
            shown.append(f"\nShared with {other.name}")
        if payload.tags:
            shown.append("\n" + " ".join(f"#{t}" for t in payload.tags), style="dim")
        if payload.prompt_text:
            shown.append(f"\n\nPrompt: {payload.prompt_text}", style="italic")
        shown.append(f"\n\n{payload.body}")
        return shown

    @on(PrivateInput.Changed, "#journal-search")
    def _search_changed(self) -> None:
        self.refresh_entries()

    @on(PrivateInput.Submitted, "#journal-search")
    def _search_done(self) -> None:
        self.query_one("#journal-entries", OptionList).focus()

    @on(OptionList.OptionSelected, "#journal-entries")
    def _open_selected(self) -> None:
        self.action_edit_entry()

    # -- actions ---------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#journal-search", PrivateInput).focus()

    def action_new_entry(self) -> None:
        self.app.push_screen(EditorScreen(self.session), self._after_edit)

    def action_edit_entry(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.entry.author != self.session.partner:
            self.notify("This entry was shared with you; only its author can change it.")
            return
        self.app.push_screen(EditorScreen(self.session, item), self._after_edit)

    def _after_edit(self, entry_id: str | None) -> None:
        if entry_id is not None and not self.session.closed:
            self.refresh_entries(select=entry_id)

    def action_share_entry(self) -> None:
        item = self.selected()
        if item is None:
            return
        other = workbook_app(self).require_couple().other(self.session.partner).name
        if item.entry.author != self.session.partner:
            self.notify(f"{other} wrote this entry; it is already shared with you.")
            return
        if item.entry.shared:
            self.notify(f"This entry is already shared with {other}.")
            return
        entry_id = item.id

        def answer(yes: bool | None) -> None:
            if not yes or self.session.closed:
                return
            try:
                self.session.share(entry_id)
            except WorkbookError as exc:
                self.notify(exc.message, severity="warning")
                return
            self.notify(f"Shared with {other}.")
            self.refresh_entries(select=entry_id)

        self.app.push_screen(
            ConfirmScreen(
                f"Share this entry with {other}?",
                f"{other} will be able to read this one entry with their own passphrase. "
                "Your other entries stay private. Once they have read it, it cannot be "
                "taken back.",
                yes=f"Share with {other}",
            ),
            answer,
        )


def _first_line(body: str) -> str:
    return next((line.strip() for line in body.splitlines() if line.strip()), "")[:60]


class EditorScreen(PrivateScreen, Screen["str | None"]):
    """Write or change one entry in the app (title, tags, a prompt, the text).

    Returns the saved entry's id, or None when nothing was saved.
    """

    BINDINGS = bindings(
        "editor.save", "editor.prompt_today", "editor.pick_prompt", "journal.lock", "back", "help"
    )

    def __init__(self, session: JournalSession, item: OpenEntry | None = None) -> None:
        super().__init__()
        self.session = session
        self.entry_id = item.id if item is not None else None
        self._start = item.payload if item is not None else None
        self.prompt: JournalPrompt | None = None
        if item is not None and item.payload.prompt_text:
            self.prompt = JournalPrompt(item.payload.prompt_id or "", "", item.payload.prompt_text)

    def compose(self) -> ComposeResult:
        start = self._start
        yield Header()
        with Vertical(id="journal-editor"):
            with Horizontal(classes="editor-fields"):
                yield PrivateInput(
                    start.title if start else "", placeholder="Title (optional)", id="entry-title"
                )
                yield PrivateInput(
                    ", ".join(start.tags) if start else "",
                    placeholder="Tags, separated by commas",
                    id="entry-tags",
                )
            yield Static("", id="entry-prompt")
            with Horizontal(classes="editor-buttons"):
                yield Button("Prompt of the day (F2)", id="prompt-today")
                yield Button("Pick a prompt (F3)", id="pick-prompt")
                yield Button("Save (Ctrl+S)", id="save-entry", variant="primary")
            yield PrivateTextArea(start.body if start else "", id="entry-body", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.sub_title = "Editing an entry" if self.entry_id else "New entry"
        self._show_prompt()
        self.query_one("#entry-body", PrivateTextArea).focus()

    def forget(self) -> None:
        self._start = None
        for widget in self.query(PrivateInput):
            widget.forget()
        for area in self.query(PrivateTextArea):
            area.forget()

    def _show_prompt(self) -> None:
        words = (
            Text.assemble(("Prompt: ", "bold"), self.prompt.text)
            if self.prompt
            else Text("No prompt. F2 gives the prompt of the day; F3 lets you pick one.")
        )
        self.query_one("#entry-prompt", Static).update(words)

    def _prompts(self) -> list[JournalPrompt]:
        app = workbook_app(self)
        couple = workbook_app(self).require_couple()
        return library_prompts(
            app.library,
            app.language,
            me=couple.partner(self.session.partner).name,
            partner=couple.other(self.session.partner).name,
        )

    @on(Button.Pressed, "#prompt-today")
    def action_prompt_today(self) -> None:
        prompt = prompt_of_the_day(self._prompts(), date.today())
        if prompt is None:
            self.notify("No journaling prompts were found in the library.")
            return
        self.prompt = prompt
        self._show_prompt()
        self.query_one("#entry-body", PrivateTextArea).focus()

    @on(Button.Pressed, "#pick-prompt")
    def action_pick_prompt(self) -> None:
        def picked(prompt: JournalPrompt | None) -> None:
            if prompt is not None:
                self.prompt = prompt
                self._show_prompt()
            self.query_one("#entry-body", PrivateTextArea).focus()

        self.app.push_screen(PromptPickerScreen(self._prompts()), picked)

    def _payload(self) -> dict[str, object]:
        tags_text = self.query_one("#entry-tags", PrivateInput).value
        tags: list[str] = []
        for raw in tags_text.replace("#", " ").replace(",", " ").split():
            if raw.casefold() not in {t.casefold() for t in tags}:
                tags.append(raw)
        return {
            "title": self.query_one("#entry-title", PrivateInput).value.strip(),
            "body": self.query_one("#entry-body", PrivateTextArea).text,
            "tags": tags,
            "prompt_id": self.prompt.id if self.prompt and self.prompt.id else None,
            "prompt_text": self.prompt.text if self.prompt else None,
            "mood": self._start.mood if self._start else None,
        }

    def _changed(self) -> bool:
        payload = self._payload()
        if self._start is None:
            return bool(payload["title"] or str(payload["body"]).strip() or payload["tags"])
        start = self._start
        return (payload["title"], payload["body"], payload["tags"], payload["prompt_text"]) != (
            start.title,
            start.body,
            start.tags,
            start.prompt_text,
        )

    @on(Button.Pressed, "#save-entry")
    def action_save(self) -> None:
        payload = self._payload()
        if not payload["title"] and not str(payload["body"]).strip():
            self.notify("There is nothing to save yet.")
            return
        try:
            if self.entry_id is None:
                saved = self.session.add(payload)
            else:
                saved = self.session.edit(self.entry_id, payload)
        except WorkbookError as exc:
            self.notify(exc.message, severity="warning")
            return
        self.notify("Saved, sealed with your key.")
        self.forget()
        self.dismiss(saved.id)

    def action_go_back(self) -> None:
        if not self._changed():
            self.forget()
            self.dismiss(None)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.forget()
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Leave without saving?",
                "What you wrote here since the last save will be gone.",
                yes="Leave without saving",
                no="Keep writing",
            ),
            answer,
        )
