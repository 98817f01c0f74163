"""The base of every journal screen past the partner choice: locked and removed by the lock.

The app's "Switch partner / Lock" key, the idle lock and leaving the journal all go through
``WorkbookApp.lock_private``, which calls each private screen's ``forget()`` and pops it off the
stack, so "back" can never show it again.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

from workbook.tui.app import workbook_app
from workbook.tui.privacy import PrivateScreen
from workbook.tui.widgets.journal_private import PrivateInput, PrivateTextArea

ResultT = TypeVar("ResultT")


class JournalPrivateScreen(PrivateScreen, Screen[ResultT]):
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
