"""The `choice` step: pick one option (a radio list) or several (a selection list).

A multiple choice may set how many to pick (``min_selected``, ``max_selected``): the hint under
the list says so, a tick beyond the most is undone at once with a note, and Next refuses too
few. The engine checks the same limits with the same sentences.

A single choice is picked, never guessed: moving the highlight picks nothing, Enter or Space
marks the highlighted option (●), and Next commits the marked one. Next with nothing marked
says how to pick, so a stray key can never answer with whatever happened to be highlighted.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from workbook.engine import choose_at_least, choose_up_to
from workbook.tui.widgets.base import StepWidget

TICK_HINT = "Space ticks or unticks an option."
PICK_HINT = "Enter or Space picks the highlighted option; Next saves it."
PICK_FIRST = "Pick one first: move with the arrow keys, then press Enter or Space."
PICKED, UNPICKED = "● ", "○ "


class ChoiceWidget(StepWidget):
    """Single choice: an option list (Enter or Space marks one). Multiple: Space toggles."""

    kind = "choice"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pick", "Pick the highlighted option", show=False)
    ]
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
            values = [o.value for o in options]
            self._picked: str | None = self.initial if self.initial in values else None
            listing = OptionList(
                *[Option(self._prompt(o.value), id=o.value) for o in options], id="answer"
            )
            if self._picked is not None:
                listing.highlighted = values.index(self._picked)
            yield listing
            yield Static(PICK_HINT, classes="step-hint")

    def _prompt(self, value: str) -> str:
        option = next(o for o in self.step.options if o.value == value)
        label = self.option_words(option)
        return (PICKED if value == self._picked else UNPICKED) + label

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
            if self._picked is None and not self.step.optional:
                return PICK_FIRST
            return None
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
        return self._picked

    def pick(self, value: str | None) -> None:
        """Mark ``value`` as the chosen option (it is committed with Next)."""
        self._picked = value
        listing = self.query_one("#answer", OptionList)
        for index, option in enumerate(self.step.options):
            listing.replace_option_prompt_at_index(index, self._prompt(option.value))

    @on(OptionList.OptionSelected, "#answer")
    def _picked_one(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option.id)

    def action_pick(self) -> None:
        if self.multiple:
            return
        listing = self.query_one("#answer", OptionList)
        if listing.highlighted is not None:
            self.pick(listing.get_option_at_index(listing.highlighted).id)
