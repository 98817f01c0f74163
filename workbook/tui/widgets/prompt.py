"""The `prompt` step: a free-text answer, one line or several."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from workbook.tui.widgets.base import StepWidget


class PromptWidget(StepWidget):
    """A text box; multi-line answers use a TextArea. Next (the button or Ctrl+N) commits."""

    kind = "prompt"
    DEFAULT_CSS = """
    PromptWidget TextArea {
        height: 6;
    }
    """

    def compose_body(self) -> ComposeResult:
        initial = self.initial if isinstance(self.initial, str) else ""
        placeholder = self.say(getattr(self.step, "placeholder", None))
        if getattr(self.step, "multiline", True):
            area = TextArea(initial, id="answer", soft_wrap=True, show_line_numbers=False)
            area.placeholder = placeholder
            yield area
        else:
            yield Input(initial, placeholder=placeholder, id="answer", select_on_focus=False)

    def current_value(self) -> Any:
        field = self.query_one("#answer")
        if isinstance(field, TextArea):
            return field.text.strip()
        return field.value.strip() if isinstance(field, Input) else ""

    @on(Input.Changed, "#answer")
    @on(TextArea.Changed, "#answer")
    def _typed(self) -> None:
        self.post_message(self.Changed(self))

    @on(Input.Submitted, "#answer")
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())
