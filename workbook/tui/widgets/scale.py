"""The `scale` step: a number on a range, or several scored items each on its range."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from workbook.tui.widgets.base import StepWidget


class ScaleBar(Widget, can_focus=True):
    """A row of numbers; Left/Right (or a digit, or a click) moves the mark."""

    DEFAULT_CSS = """
    ScaleBar {
        height: 1;
        width: auto;
        padding: 0 1;
    }
    ScaleBar:focus {
        background: $boost;
        text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Lower", show=False),
        Binding("right", "move(1)", "Higher", show=False),
        Binding("home", "jump('min')", "Lowest", show=False),
        Binding("end", "jump('max')", "Highest", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    def __init__(
        self,
        low: int,
        high: int,
        value: int | None,
        *,
        low_label: str = "",
        high_label: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.low = low
        self.high = high
        self.low_label = low_label
        self.high_label = high_label
        self.set_reactive(ScaleBar.value, value)

    def render(self) -> Text:
        out = Text()
        if self.low_label:
            out.append(f"{self.low_label} ", style="italic")
        for number in range(self.low, self.high + 1):
            if number == self.value:
                out.append(f"[{number}]", style="reverse bold")
            else:
                out.append(f" {number} ")
        if self.high_label:
            out.append(f" {self.high_label}", style="italic")
        return out

    def action_move(self, delta: int) -> None:
        start = self.value if self.value is not None else (self.low if delta > 0 else self.high + 1)
        if self.value is None and delta > 0:
            start = self.low - 1
        self.value = max(self.low, min(self.high, start + delta))

    def action_jump(self, end: str) -> None:
        self.value = self.low if end == "min" else self.high

    def on_key(self, event: Any) -> None:
        if event.character and event.character.isdigit():
            number = int(event.character)
            if self.low <= number <= self.high:
                self.value = number
                event.stop()

    def on_click(self, event: Click) -> None:
        offset = event.x - 1 - (len(self.low_label) + 1 if self.low_label else 0)
        cells = [len(f" {n} ") for n in range(self.low, self.high + 1)]
        position = 0
        for number, width in zip(range(self.low, self.high + 1), cells, strict=True):
            if position <= offset < position + width:
                self.value = number
                return
            position += width


class ScaleWidget(StepWidget):
    """One bar for a plain scale; one labelled bar per item for a questionnaire."""

    kind = "scale"
    DEFAULT_CSS = """
    ScaleWidget .item-text {
        height: auto;
        margin-top: 1;
    }
    """

    def compose_body(self) -> ComposeResult:
        step = self.step
        low_label = self.say(step.min_label)
        high_label = self.say(step.max_label)
        if not step.items:
            value = self.initial if isinstance(self.initial, int) else None
            yield ScaleBar(
                step.min, step.max, value, low_label=low_label, high_label=high_label, id="answer"
            )
            return
        given = self.initial if isinstance(self.initial, dict) else {}
        for item in step.items:
            low, high = step.item_range(item)
            yield Static(self.say(item.text), classes="item-text", markup=False)
            yield ScaleBar(
                low,
                high,
                given.get(item.id),
                low_label=low_label,
                high_label=high_label,
                id=f"item-{item.id}",
            )

    def current_value(self) -> Any:
        if not self.step.items:
            return self.query_one("#answer", ScaleBar).value
        values = {
            item.id: self.query_one(f"#item-{item.id}", ScaleBar).value for item in self.step.items
        }
        return {key: value for key, value in values.items() if value is not None}

    def problem(self) -> str | None:
        if getattr(self.step, "optional", False):
            return None
        value = self.current_value()
        if value is None:
            return "Pick a number with the arrow keys first."
        if self.step.items and len(value) < len(self.step.items):
            return "Give each statement a number first."
        return None
