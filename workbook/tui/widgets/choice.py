"""The `choice` step: pick one option (a radio list) or several (a selection list)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import Option

from workbook.tui.widgets.base import StepWidget


class ChoiceWidget(StepWidget):
    """Single choice: an option list (Enter picks and moves on). Multiple: space toggles."""

    kind = "choice"
    DEFAULT_CSS = """
    ChoiceWidget OptionList, ChoiceWidget SelectionList {
        height: auto;
        max-height: 12;
    }
    """

    @property
    def multiple(self) -> bool:
        return getattr(self.step, "select", "single") == "multiple"

    def compose_body(self) -> ComposeResult:
        options = self.step.options
        if self.multiple:
            chosen = set(self.initial or [])
            yield SelectionList[str](
                *[(o.shown(self.lang), o.value, o.value in chosen) for o in options],
                id="answer",
            )
        else:
            listing = OptionList(
                *[Option(o.shown(self.lang), id=o.value) for o in options], id="answer"
            )
            values = [o.value for o in options]
            if self.initial in values:
                listing.highlighted = values.index(self.initial)
            self._picked: str | None = self.initial if self.initial in values else None
            yield listing

    def current_value(self) -> Any:
        if self.multiple:
            return list(self.query_one("#answer", SelectionList).selected)
        listing = self.query_one("#answer", OptionList)
        if self._picked is not None:
            return self._picked
        if listing.highlighted is not None:
            return listing.get_option_at_index(listing.highlighted).id
        return None

    @on(OptionList.OptionSelected, "#answer")
    def _picked_one(self, event: OptionList.OptionSelected) -> None:
        self._picked = event.option.id
        self.post_message(self.Submit())

    @on(OptionList.OptionHighlighted, "#answer")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        self._picked = event.option.id
