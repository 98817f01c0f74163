"""The `pause` step and the time-out screen's breathing guide: in, hold, out, counted in ticks."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from workbook.tui.widgets.base import StepWidget
from workbook.tui.widgets.timer import TimerControls, live_timers

ACTIVITY_HINTS = {
    "breathing": "Breathe along with the bar. Nothing else to do.",
    "time_out": "Step away for a moment; the workbook will wait right here.",
    "grounding": "Notice five things you can see, four you can hear, three you can touch.",
}


class Breathing(Widget):
    """A bar that grows on the in-breath and shrinks on the out-breath."""

    DEFAULT_CSS = """
    Breathing {
        height: 3;
        width: 1fr;
        content-align: center middle;
        color: $accent;
    }
    """

    elapsed: reactive[int] = reactive(0)

    def __init__(
        self, inhale: int = 4, hold: int = 2, exhale: int = 6, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.inhale, self.hold, self.exhale = inhale, hold, exhale

    def on_mount(self) -> None:
        if live_timers(self):
            self.set_interval(1.0, self.tick, name="breathing")

    def tick(self, seconds: int = 1) -> None:
        self.elapsed += seconds

    def phase(self) -> tuple[str, int, float]:
        """The current phase's words, the seconds left in it, and how full the lungs are."""
        cycle = self.inhale + self.hold + self.exhale
        at = self.elapsed % cycle
        if at < self.inhale:
            return "Breathe in", self.inhale - at, (at + 1) / self.inhale
        if at < self.inhale + self.hold:
            return "Hold", self.inhale + self.hold - at, 1.0
        into = at - self.inhale - self.hold
        return "Breathe out", self.exhale - into, 1 - (into + 1) / self.exhale

    def render(self) -> Text:
        words, left, fullness = self.phase()
        width = max(4, min(40, self.size.width - 4))
        filled = max(1, round(width * fullness))
        bar = ("●" * filled).center(width)
        return Text(f"{words}… {left}\n{bar}", justify="center")


class PauseWidget(StepWidget):
    """Breathing (or a plain pause) with a countdown for the whole pause."""

    kind = "pause"
    needs_answer = False

    def compose_body(self) -> ComposeResult:
        step = self.step
        pattern = step.breathing
        if step.activity == "breathing":
            if pattern is None:
                yield Breathing(id="breathing")
            else:
                yield Breathing(pattern.inhale, pattern.hold, pattern.exhale, id="breathing")
        yield Static(ACTIVITY_HINTS.get(step.activity, ""), classes="step-hint")
        yield TimerControls(step.seconds, remaining=self.context.get("remaining"), id="timer")

    def current_value(self) -> Any:
        return None
