"""The `read` step: Markdown to read together; Next moves on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from workbook.tui.widgets.base import StepWidget


class ReadWidget(StepWidget):
    """Shows the step's text; nothing to answer."""

    kind = "read"
    needs_answer = False

    def compose_body(self) -> ComposeResult:
        yield Static("Press Next when you have both read this.", classes="step-hint")
