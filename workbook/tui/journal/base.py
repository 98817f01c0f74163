"""The base of every journal screen past the partner choice: locked and removed by the lock."""

from __future__ import annotations

from textual.screen import Screen

from workbook.tui.app import workbook_app
from workbook.tui.privacy import PrivateScreen
from workbook.tui.widgets.journal_private import PrivateInput, PrivateTextArea


class JournalPrivateScreen(PrivateScreen, Screen[None]):
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
