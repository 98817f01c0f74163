"""Countdown timers: the `timer` step, and the clock reused by turns and pauses.

Time is counted in ticks, never read from the wall clock inside the widget: the app drives one
tick a second (``set_interval``) when ``app.live_timers`` is true, and tests (and snapshots)
turn that off and call :meth:`Countdown.tick` themselves, so nothing ever sleeps.

A countdown can start part-way (``remaining``): the runner passes the seconds it saved, so a
timer resumed after a restart or a time-out starts paused where it was. Every tick, start and
pause posts :class:`Countdown.Changed` (messages up); the runner decides when that is worth a save.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Static

from workbook.tui.widgets.base import StepWidget


def clock_text(seconds: int) -> str:
    """Seconds as ``m:ss``."""
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"


def live_timers(widget: Widget) -> bool:
    """Whether the app ticks timers by itself (tests and snapshots switch this off)."""
    return bool(getattr(widget.app, "live_timers", True))


class Countdown(Widget):
    """A visible countdown with a bar; pausable; posts :class:`Countdown.Finished` at zero."""

    DEFAULT_CSS = """
    Countdown {
        height: 1;
        width: 1fr;
    }
    Countdown.-paused {
        color: $warning;
    }
    Countdown.-done {
        color: $success;
    }
    """

    remaining: reactive[int] = reactive(0)
    running: reactive[bool] = reactive(False)

    class Finished(Message):
        """The countdown reached zero."""

    class Changed(Message):
        """The countdown ticked, started or paused (with its time left and running state)."""

        def __init__(self, countdown: Countdown, remaining: int, running: bool) -> None:
            super().__init__()
            self.countdown = countdown
            self.remaining = remaining
            self.running = running

    def __init__(
        self,
        total: int,
        *,
        remaining: int | None = None,
        running: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.total = max(1, total)
        left = self.total if remaining is None else min(self.total, max(0, remaining))
        self.set_reactive(Countdown.remaining, left)
        self.set_reactive(Countdown.running, running)

    def on_mount(self) -> None:
        self._sync_classes()
        if live_timers(self):
            self.set_interval(1.0, self.tick, name="countdown")

    def tick(self, seconds: int = 1) -> None:
        """Count ``seconds`` down while running."""
        if not self.running or self.remaining <= 0:
            return
        self.remaining = max(0, self.remaining - seconds)
        if self.remaining == 0:
            self.running = False
            self.post_message(self.Finished())
        self.post_message(self.Changed(self, self.remaining, self.running))

    def toggle(self) -> None:
        """Pause a running countdown, or start/resume a paused one."""
        if self.remaining > 0:
            self.running = not self.running
            self.post_message(self.Changed(self, self.remaining, self.running))

    def watch_running(self) -> None:
        self._sync_classes()

    def watch_remaining(self) -> None:
        self._sync_classes()

    def _sync_classes(self) -> None:
        self.set_class(not self.running and self.remaining > 0, "-paused")
        self.set_class(self.remaining == 0, "-done")

    def render(self) -> Text:
        width = max(10, self.size.width - 24)
        done = int(width * (self.total - self.remaining) / self.total)
        if self.remaining == 0:
            state = "done"
        elif self.running:
            state = "running"
        else:
            state = "ready" if self.remaining == self.total else "paused"
        out = Text(f" {clock_text(self.remaining)} ", style="bold")
        out.append("█" * done, style="dim")
        out.append("░" * (width - done), style="dim")
        out.append(f"  {state}")
        return out


class TimerControls(Widget):
    """A countdown with a Start/Pause button; space toggles it."""

    DEFAULT_CSS = """
    TimerControls {
        height: auto;
        layout: horizontal;
    }
    TimerControls Countdown {
        margin: 1 1 0 0;
    }
    TimerControls Button {
        min-width: 12;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_timer", "Pause/Resume", id="timer.toggle"),
    ]

    def __init__(
        self,
        total: int,
        *,
        remaining: int | None = None,
        pausable: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.total = total
        self.start_remaining = remaining
        self.pausable = pausable

    def compose(self) -> ComposeResult:
        countdown = Countdown(self.total, remaining=self.start_remaining, id="countdown")
        yield countdown
        left = countdown.remaining
        label = "Done" if left == 0 else "Start" if left == countdown.total else "Resume"
        yield Button(label, id="timer-toggle", disabled=left == 0)

    @property
    def countdown(self) -> Countdown:
        return self.query_one(Countdown)

    def on_mount(self) -> None:
        # The button follows the countdown whoever changes it: this key, a tick reaching zero,
        # or a time-out that holds or stops it from outside.
        self.watch(self.countdown, "running", self._follow, init=False)
        self.watch(self.countdown, "remaining", self._follow, init=False)

    def _follow(self) -> None:
        self._label()

    def action_toggle_timer(self) -> None:
        countdown = self.countdown
        if countdown.running and not self.pausable:
            return
        countdown.toggle()

    def _label(self) -> None:
        countdown = self.countdown
        button = self.query_one("#timer-toggle", Button)
        if countdown.remaining == 0:
            button.label = "Done"
            button.disabled = True
        else:
            button.label = "Pause" if countdown.running else "Resume"
            button.disabled = countdown.running and not self.pausable

    @on(Button.Pressed, "#timer-toggle")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_toggle_timer()

    def tick(self, seconds: int = 1) -> None:
        self.countdown.tick(seconds)


class TimerWidget(StepWidget):
    """The `timer` step: a pausable countdown; Next is always allowed (stop early is fine)."""

    kind = "timer"
    needs_answer = False

    def compose_body(self) -> ComposeResult:
        yield TimerControls(
            self.step.seconds,
            remaining=self.context.get("remaining"),
            pausable=self.step.pausable,
            id="timer",
        )
        yield Static(
            "Space starts and pauses the timer. Press Next when you are done.", classes="step-hint"
        )

    def current_value(self) -> Any:
        return None

    def focus_first(self) -> None:
        self.query_one("#timer-toggle", Button).focus()
