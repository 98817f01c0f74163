"""The `choice` step: pick one option (a radio list) or several (a selection list).

A multiple choice may set how many to pick (``min_selected``, ``max_selected``): the hint under
the list says so, a tick beyond the most is undone at once with a note, and Next refuses too
few. The engine checks the same limits with the same sentences.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from workbook.engine import choose_at_least, choose_up_to
from workbook.tui.widgets.base import StepWidget

TICK_HINT = "Space ticks or unticks an option."


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
                *[(self.option_words(o), o.value, o.value in chosen) for o in options],
                id="answer",
            )
            yield Static(f"{self.limit_hint()} {TICK_HINT}", classes="step-hint")
        else:
            listing = OptionList(
                *[Option(self.option_words(o), id=o.value) for o in options], id="answer"
            )
            values = [o.value for o in options]
            if self.initial in values:
                listing.highlighted = values.index(self.initial)
            self._picked: str | None = self.initial if self.initial in values else None
            yield listing

    def limit_hint(self) -> str:
        """How many to pick, in words: "Choose up to 5.", "Choose 2 to 3." and so on."""
        fewest, most = self.step.min_selected, self.step.max_selected
        if most is not None and fewest > 1:
            return f"Choose {fewest} to {most}." if fewest < most else f"Choose {most}."
        if most is not None:
            return choose_up_to(most)
        if fewest > 1:
            return choose_at_least(fewest)
        return "Choose any that fit."

    def problem(self) -> str | None:
        if not self.multiple:
            return super().problem()
        picked = len(self.current_value())
        if picked == 0 and self.step.optional:
            return None
        if picked < self.step.min_selected:
            return choose_at_least(self.step.min_selected)
        most = self.step.max_selected
        return choose_up_to(most) if most is not None and picked > most else None

    @on(SelectionList.SelectionToggled, "#answer")
    def _ticked(self, event: SelectionList.SelectionToggled[str]) -> None:
        most = self.step.max_selected
        listing = event.selection_list
        if most is not None and len(listing.selected) > most:
            listing.deselect(event.selection)
            self.app.notify(choose_up_to(most), severity="warning")

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
