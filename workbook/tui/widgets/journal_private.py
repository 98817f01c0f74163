"""Input widgets for private text: they never hand what is typed to the clipboard.

Textual's ``Input`` and ``TextArea`` copy (and cut) to the terminal clipboard with Ctrl+C /
Ctrl+X; the app also keeps a copy in memory. For a journal entry or a passphrase that is a
leak out of the vault (issue 5, "Never plaintext"), so these subclasses turn both actions
off. Selection with the mouse is already off app-wide (``ALLOW_SELECT = False``).
"""

from __future__ import annotations

from textual.widgets import Input, TextArea


class PrivateInput(Input):
    """A one-line input whose text never reaches the clipboard."""

    def action_copy(self) -> None:
        """Copying private text is turned off."""

    def action_cut(self) -> None:
        """Cutting private text is turned off (it would copy it)."""

    def forget(self) -> None:
        """Clear what was typed."""
        self.value = ""


class PrivateTextArea(TextArea):
    """A multi-line editor whose text never reaches the clipboard."""

    def action_copy(self) -> None:
        """Copying private text is turned off."""

    def action_cut(self) -> None:
        """Cutting private text is turned off (it would copy it)."""

    def forget(self) -> None:
        """Clear the text and its undo history, so nothing typed stays in the widget."""
        self.load_text("")  # also clears the undo history
