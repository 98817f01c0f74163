"""The privacy curtain: one key blanks the screen instantly; the same key brings it back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from workbook.tui.bindings import bindings
from workbook.tui.privacy import SharedScreen


class CurtainScreen(SharedScreen, ModalScreen[None]):
    """A blank screen covering everything; nothing underneath is rendered through it."""

    BINDINGS = bindings("curtain", "back")

    def compose(self) -> ComposeResult:
        yield Static("Press Ctrl+B or Esc to come back.", id="curtain-hint")

    def action_curtain(self) -> None:
        self.dismiss(None)

    def action_go_back(self) -> None:
        self.dismiss(None)
