"""Writing or changing one journal entry in the app: never an external editor or a temp file."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Static

from workbook.errors import WorkbookError
from workbook.tui.app import workbook_app
from workbook.tui.bindings import screen_bindings
from workbook.tui.journal.base import JournalPrivateScreen
from workbook.tui.widgets.footer import SafetyFooter
from workbook.tui.widgets.journal_dialogs import (
    ConfirmScreen,
    JournalPrompt,
    PromptPickerScreen,
    library_prompts,
    prompt_of_the_day,
)
from workbook.tui.widgets.journal_private import PrivateInput, PrivateTextArea

if TYPE_CHECKING:
    from workbook.journal.vault import JournalSession, OpenEntry


class EditorScreen(JournalPrivateScreen["str | None"]):
    """Write or change one entry in the app (title, tags, a prompt, the text).

    Returns the saved entry's id, or None when nothing was saved.
    """

    BINDINGS = screen_bindings(
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
            with Horizontal(classes="editor-buttons"):  # Save first: it fits at 60 columns
                yield Button("Save (Ctrl+S)", id="save-entry", variant="primary")
                yield Button("Today's prompt (F2)", id="prompt-today")
                yield Button("Pick a prompt (F3)", id="pick-prompt")
            yield PrivateTextArea(start.body if start else "", id="entry-body", soft_wrap=True)
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Private journal"
        self.sub_title = "Editing an entry" if self.entry_id else "New entry"
        self._show_prompt()
        self.query_one("#entry-body", PrivateTextArea).focus()

    def forget(self) -> None:
        """Drop the entry as it was opened, and clear every private input."""
        self._start = None
        super().forget()

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
