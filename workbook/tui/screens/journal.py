"""The private journal in the TUI: pick a partner, unlock, read, write, search and share.

Flow: :class:`JournalGateScreen` (whose journal?) -> :class:`UnlockScreen` (hidden passphrase)
or :class:`SetupKeyScreen` (first passphrase, with the warning that a forgotten one cannot be
recovered) -> :class:`JournalScreen` (entries by date, search, share) -> :class:`EditorScreen`
(an in-app editor; never an external editor or a temp file).

This module holds the partner choice and the open journal, and only composes and routes; the
parts live in :mod:`workbook.tui.journal` (the key screens, the editor, how entries and key
notices read). Everything past the gate is a private screen
(:class:`~workbook.tui.journal.base.JournalPrivateScreen`): locking calls ``forget()``, which
here closes the :class:`~workbook.journal.vault.JournalSession`, so the key and every decrypted
payload are dropped. Nothing here logs or raises with what was written: errors reach the
person as the core's own sentences through ``notify`` or a message line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.errors import WorkbookError
from workbook.partners import as_partner
from workbook.tui.app import workbook_app
from workbook.tui.bindings import screen_bindings
from workbook.tui.journal import entries, notice
from workbook.tui.journal.base import JournalPrivateScreen
from workbook.tui.journal.editor import EditorScreen
from workbook.tui.journal.keys import SetupKeyScreen, UnlockScreen
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter
from workbook.tui.widgets.journal_dialogs import ConfirmScreen
from workbook.tui.widgets.journal_private import PrivateInput

if TYPE_CHECKING:
    from workbook.journal.vault import JournalSession, OpenEntry

__all__ = ["EditorScreen", "JournalGateScreen", "JournalScreen", "SetupKeyScreen", "UnlockScreen"]


class JournalGateScreen(SharedScreen, Screen[None]):
    """Whose journal? Not private itself: it shows only names and whether a key exists."""

    BINDINGS = screen_bindings("back", "help")

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
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.refresh_partners()

    def on_screen_resume(self) -> None:
        self.refresh_partners()

    def refresh_partners(self) -> None:
        from workbook.journal.vault import key_of

        options = self.query_one("#journal-partners", OptionList)
        options.clear_options()
        store = workbook_app(self).store
        couple = workbook_app(self).couple
        if store is None or couple is None:
            return
        for partner in couple.partners:
            line = notice.partner_choice(partner.name, key_of(store, partner.key))
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


OLDER = "journal:older"  # the "Show older entries" row; entry ids are hex, never this


class JournalScreen(JournalPrivateScreen[None]):
    """One partner's unlocked journal: entries by date, a preview, search and sharing.

    The list shows the newest page; "Show older entries" adds the next one. Only listed entries
    are decrypted (years of entries took about a second to open), except while searching.
    """

    BINDINGS = screen_bindings(
        "journal.new",
        "journal.edit",
        "journal.share",
        "journal.search",
        "journal.lock",
        "back",
        "help",
    )

    PAGE = 100  # entries decrypted and listed at a time; a search looks through all

    def __init__(self, session: JournalSession) -> None:
        super().__init__()
        self.session: JournalSession = session
        self._shown: dict[str, OpenEntry] = {}
        self.listed = self.PAGE

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
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.sub_title = f"{self.partner_name()} (unlocked)"
        self.refresh_entries()
        self.show_key_notice()
        self.query_one("#journal-entries", OptionList).focus()

    def show_key_notice(self) -> None:
        """Say when this passphrase opened an older key, or when the new key needs confirming."""
        words = notice.in_journal(self.partner_name(), self.session)
        self.query_one("#journal-notice", Static).update(words)
        older = self.session.newer_key is not None  # confirming is for the newest key only
        self.query_one("#confirm-key", Button).set_class(older, "-hidden")
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

    def refresh_entries(self, select: str | None = None) -> None:
        """Fill the list from the session (filtered by the search box), newest first."""
        if self.session.closed:
            return
        text, tags = entries.search_terms(self.query_one("#journal-search", PrivateInput).value)
        try:
            found, sealed, older = self.session.overview(text, tags, limit=self.listed)
        except WorkbookError as exc:
            self.notify(exc.message, severity="warning")
            return
        options = self.query_one("#journal-entries", OptionList)
        current = select or self._highlighted_id()
        self._shown = {item.id: item for item in found}
        options.clear_options()
        me, couple = self.session.partner, workbook_app(self).require_couple()
        options.add_options([Option(entries.entry_line(i, me, couple), id=i.id) for i in found])
        if older:
            options.add_option(Option(f"Show older entries… ({older} more)", id=OLDER))
        ids = list(self._shown)
        if current in self._shown:
            options.highlighted = ids.index(current)
        elif ids:
            options.highlighted = 0
        words = entries.heading(
            len(found) + older, sealed, filtered=bool(text or tags), session=self.session
        )
        self.query_one("#journal-heading", Static).update(words)
        self._preview()

    def _show_older(self) -> None:
        """List the next page of older entries and put the cursor on the first of them."""
        first_new = self.listed
        self.listed += self.PAGE
        self.refresh_entries()
        self.query_one("#journal-entries", OptionList).highlighted = first_new

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
        me, couple = self.session.partner, workbook_app(self).require_couple()
        shown = entries.preview(self.selected(), me, couple)
        self.query_one("#journal-preview", Static).update(shown)

    @on(PrivateInput.Changed, "#journal-search")
    def _search_changed(self) -> None:
        self.refresh_entries()

    @on(PrivateInput.Submitted, "#journal-search")
    def _search_done(self) -> None:
        self.query_one("#journal-entries", OptionList).focus()

    @on(OptionList.OptionSelected, "#journal-entries")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == OLDER:
            self._show_older()
        else:
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
