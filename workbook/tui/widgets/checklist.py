"""The `checklist` step: tick any of the items (space toggles; none ticked is an answer too)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import SelectionList

from workbook.tui.widgets.base import StepWidget


class ChecklistWidget(StepWidget):
    """A selection list; the answer is the list of ticked values (possibly empty)."""

    kind = "checklist"
    needs_answer = False
    DEFAULT_CSS = """
    ChecklistWidget SelectionList {
        height: auto;
        max-height: 12;
    }
    """

    def compose_body(self) -> ComposeResult:
        ticked = set(self.initial or [])
        yield SelectionList[str](
            *[(self.option_words(o), o.value, o.value in ticked) for o in self.step.items],
            id="answer",
        )

    def current_value(self) -> Any:
        return list(self.query_one("#answer", SelectionList).selected)
