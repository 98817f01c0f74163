"""Dialogs the journal uses: a typed yes/no confirmation and a prompt picker.

Both are ``ModalScreen`` subclasses that return their answer through ``dismiss`` (typed
``ModalScreen[bool]`` and ``ModalScreen[JournalPrompt | None]``), so callers read a value,
never a widget. The prompts come from the exercise library: the ``prompt`` steps of its
journaling exercises, with one picked per calendar day as the "prompt of the day".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

if TYPE_CHECKING:
    from workbook.exercises import Library

JOURNAL_CATEGORIES = frozenset({"journaling", "journal"})


@dataclass(frozen=True)
class JournalPrompt:
    """One writing prompt: where it comes from and its text."""

    id: str  # "<exercise id>/<step id>"
    source: str  # the exercise's title
    text: str


def _fill(text: str, me: str, partner: str) -> str:
    """Put the partners' names into a prompt's standard placeholders."""
    return (
        text.replace("{{", "\x00")
        .replace("{me}", me)
        .replace("{partner}", partner)
        .replace("\x00", "{")
        .strip()
    )


def library_prompts(
    library: Library | None, lang: str = "en", me: str = "", partner: str = ""
) -> list[JournalPrompt]:
    """Every prompt step of the library's journaling exercises, in a stable order."""
    if library is None:
        return []
    from workbook.exercises.models import text

    found: list[JournalPrompt] = []
    for exercise in sorted(library.exercises.values(), key=lambda e: e.id):
        if exercise.category not in JOURNAL_CATEGORIES and "journal" not in exercise.tags:
            continue
        for step in exercise.steps:
            if step.kind != "prompt":
                continue
            words = _fill(text(step.text, lang), me or "you", partner or "your partner")
            if words:
                found.append(
                    JournalPrompt(f"{exercise.id}/{step.id}", text(exercise.title, lang), words)
                )
    return found


def prompt_of_the_day(prompts: list[JournalPrompt], day: date) -> JournalPrompt | None:
    """The same prompt all day, a different one the next (cycling through them all)."""
    if not prompts:
        return None
    return prompts[day.toordinal() % len(prompts)]


class ConfirmScreen(SharedScreen, ModalScreen[bool]):
    """Ask one clear question; ``True`` only when the person chooses the yes button."""

    BINDINGS = screen_bindings("back")

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="journal-dialog"):
            yield Label(self.question, classes="title")
            yield Static(Text(self.message), id="confirm-message")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="confirm-yes", variant="primary")
                yield Button(self.no, id="confirm-no")
        yield SafetyFooter()

    def on_mount(self) -> None:
        # The safe answer has the focus, so a stray Enter never shares or discards anything.
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_go_back(self) -> None:
        self.dismiss(False)


class PromptPickerScreen(SharedScreen, ModalScreen["JournalPrompt | None"]):
    """Choose one of the library's journaling prompts."""

    BINDINGS = screen_bindings("back")

    def __init__(self, prompts: list[JournalPrompt]) -> None:
        super().__init__()
        self.prompts = {p.id: p for p in prompts}

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-picker", classes="journal-dialog"):
            yield Label("Pick a prompt to write about", classes="title")
            options = [
                Option(Text.assemble((p.source, "bold"), "\n", p.text), id=p.id)
                for p in self.prompts.values()
            ]
            yield OptionList(*options, id="prompt-list")
            yield Label("Enter picks a prompt; Esc closes.", classes="hint")
        yield SafetyFooter()

    def on_mount(self) -> None:
        if not self.prompts:
            self.query_one("#prompt-list", OptionList).add_option(
                Option("No journaling prompts were found in the library.", disabled=True)
            )
        self.query_one("#prompt-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#prompt-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.prompts.get(event.option.id or ""))

    def action_go_back(self) -> None:
        self.dismiss(None)
