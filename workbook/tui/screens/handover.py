"""The hand-over screen between partners: nothing of the previous answer is on it.

It is a full screen (not a modal over the runner), so the step underneath, and whatever the
first partner just wrote, is not drawn while the keyboard changes hands.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from workbook.partners import PartnerKey
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter


class HandoverScreen(SharedScreen, Screen[bool]):
    """Asks for the keyboard to change hands ("Pass the keyboard to Alex..."); dismisses True."""

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings("handover.ready", "help")

    def __init__(
        self, partner_key: PartnerKey, name: str, *, colour: str = "", note: str = ""
    ) -> None:
        super().__init__()
        self.partner_key = partner_key
        self.partner_name = name
        self.colour = colour
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="handover"):
            yield Static(
                f"Pass the keyboard to {self.partner_name}.",
                id="handover-title",
                classes=f"-partner-{self.partner_key} -colour-{self.colour}",
                markup=False,
            )
            if self.note:
                yield Static(self.note, id="handover-note", markup=False)
            yield Static(
                f"{self.partner_name}, press Enter when you're ready.",
                id="handover-hint",
                markup=False,
            )
            with Center():
                yield Button("I'm ready", id="handover-ready", variant="primary")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.query_one("#handover-ready", Button).focus()

    def action_ready(self) -> None:
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)
