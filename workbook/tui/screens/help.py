"""Help: every binding of the screen underneath, generated from the bindings themselves."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from workbook.tui.bindings import bindings


def describe_key(key: str) -> str:
    """A key as people write it ("ctrl+t" -> "Ctrl+T")."""
    names = {"question_mark": "?", "escape": "Esc", "enter": "Enter"}
    return "+".join(names.get(part, part.capitalize()) for part in key.split("+"))


class HelpScreen(ModalScreen[None]):
    """Lists the keys active on ``target`` (the screen that was showing)."""

    BINDINGS = bindings("back", "gethelp")

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label("Keys you can use here", classes="title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Label("Press Esc to close.", classes="hint")

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
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            table.add_row(describe_key(key), binding.description)
        table.focus()

    def action_go_back(self) -> None:
        self.dismiss(None)
