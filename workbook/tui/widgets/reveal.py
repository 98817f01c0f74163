"""The `reveal` step: both partners' answers to earlier steps, side by side.

The runner passes ``context["columns"]``: for each partner, their key, name and a list of
(step title, answer text) pairs, already formatted. Nothing blind reaches any widget before
this step, so this is the first time either answer is on screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from workbook.tui.widgets.base import StepWidget

Column = tuple[str, str, list[tuple[str, str]]]  # partner key, name, [(step title, answer)]


class AnswerColumns(Horizontal):
    """Two columns, one per partner, headed by the name in the partner's colour."""

    DEFAULT_CSS = """
    AnswerColumns {
        height: auto;
    }
    AnswerColumns > Vertical {
        width: 1fr;
        height: auto;
        padding: 0 1;
        border: round $primary 40%;
    }
    AnswerColumns .column-name {
        text-style: bold;
        height: auto;
    }
    AnswerColumns .answer-title {
        color: $text-muted;
        margin-top: 1;
        height: auto;
    }
    AnswerColumns .answer-text {
        height: auto;
    }
    """

    def __init__(self, columns: list[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns

    def compose(self) -> ComposeResult:
        for key, name, answers in self.columns:
            with Vertical(classes=f"answer-column -partner-{key}", id=f"column-{key}"):
                yield Static(name, classes=f"column-name -partner-{key}", markup=False)
                for title, answer in answers:
                    yield Static(title, classes="answer-title", markup=False)
                    yield Static(answer, classes="answer-text", markup=False)


class RevealWidget(StepWidget):
    """Shows the named steps' answers for both partners at once."""

    kind = "reveal"
    needs_answer = False

    def compose_body(self) -> ComposeResult:
        yield AnswerColumns(self.context.get("columns", []), id="reveal-columns")
