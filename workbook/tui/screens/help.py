"""Help: every binding of the screen underneath, generated from the bindings themselves, and
the screen's own rule in words (its Textual ``HELP``), such as how answering works.

Each key is explained in words: Textual's own widget bindings are terse ("Up", "Select"), so
their actions get a sentence here. Keys that do nothing useful in this app are left out:
copying and cutting (text selection is off, and private fields never reach the clipboard).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

#: Actions whose keys do not work here, so help does not offer them.
UNLISTED_ACTIONS = frozenset({"copy", "cut", "copy_text", "help_quit", "screenshot"})

#: Words for the actions of Textual's own widgets (lists, tables, text fields, scrolling).
ACTION_WORDS = {
    "cursor_up": "Move the highlight up",
    "cursor_down": "Move the highlight down",
    "cursor_left": "Move left",
    "cursor_right": "Move right",
    "first": "Go to the first item",
    "last": "Go to the last item",
    "page_up": "Go up a page",
    "page_down": "Go down a page",
    "select": "Choose the highlighted item (or tick it)",
    "select_cursor": "Choose the highlighted row",
    "scroll_up": "Scroll up",
    "scroll_down": "Scroll down",
    "scroll_left": "Scroll left",
    "scroll_right": "Scroll right",
    "page_left": "Go left a page",
    "page_right": "Go right a page",
    "scroll_home": "Go to the top",
    "scroll_end": "Go to the bottom",
    "scroll_top": "Go to the top",
    "scroll_bottom": "Go to the bottom",
    "focus_next": "Move to the next control",
    "focus_previous": "Move to the previous control",
    "command_palette": "Find any action by name",
    "press": "Press the highlighted button",
    "next_button": "Choose the next option",
    "previous_button": "Choose the previous option",
    "toggle_button": "Choose the highlighted option",
    "submit": "Send what is typed",
}


def action_name(action: str) -> str:
    """``screen.copy_text`` or ``move(1)`` -> ``copy_text``, ``move``."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


def action_words(action: str, description: str) -> str:
    """What a binding does, in words: our own description, or a sentence for a widget's."""
    return ACTION_WORDS.get(action_name(action), description)


def describe_key(key: str) -> str:
    """A key as people write it ("ctrl+t" -> "Ctrl+T")."""
    names = {"question_mark": "?", "escape": "Esc", "enter": "Enter"}
    return "+".join(names.get(part, part.capitalize()) for part in key.split("+"))


class HelpScreen(SharedScreen, ModalScreen[None]):
    """Lists the keys active on ``target`` (the screen that was showing)."""

    BINDINGS = screen_bindings("back", "gethelp")

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label("Keys you can use here", classes="title")
            if self.target.HELP:
                yield Static(self.target.HELP, id="help-rule", markup=False)
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Label("Esc closes this · F2: when to get help", classes="hint")
        yield SafetyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "What it does")
        seen: set[str] = set()
        # The screen's and the app's own keys first, then those of the focused widget.
        ordered = sorted(
            self.target.active_bindings.items(),
            key=lambda item: not isinstance(item[1].node, (Screen, App)),
        )
        for key, active in ordered:
            binding = active.binding
            if action_name(binding.action) in UNLISTED_ACTIONS:
                continue
            words = action_words(binding.action, binding.description)
            if not words or words in seen:
                continue
            seen.add(words)
            table.add_row(describe_key(key), words)
        table.focus()

    def action_go_back(self) -> None:
        self.dismiss(None)
