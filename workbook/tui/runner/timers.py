"""Keeping a step's countdown in the session, so a timer resumes where it was.

The seconds left on a `timer` or `pause` step, or on the speaker's turn, are kept in the
session's ``ui`` extras with the step (and turn) they belong to (:data:`TIMER_FIELDS`), saved
when the timer is paused or runs out, when the person leaves, on a time-out, when the app
closes, and every :data:`TIMER_SAVE_SECONDS` while it runs (not every tick: each save is a file
write). A resumed timer starts paused at the saved time; a value saved for another step or turn
is ignored. Only numbers are kept, so private runs (whose extras keep numbers only) resume too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbook.tui.runner.run import TIMER_FIELDS
from workbook.tui.widgets.timer import Countdown

if TYPE_CHECKING:
    from workbook.tui.runner.run import Run
    from workbook.tui.widgets.base import StepWidget

#: Seconds a running timer counts between two saves: a crash loses at most this much of it.
TIMER_SAVE_SECONDS = 15

TimerKey = tuple[int, int]


def timer_key(run: Run | None) -> TimerKey | None:
    """The step index and turn (-1: not a `turns` step) a timer shown now belongs to.

    None when the current step shows no timer (a turn's timer is only in its speak phase).
    """
    if run is None or run.engine.finished:
        return None
    engine = run.engine
    step = engine.step
    if step.kind in ("timer", "pause"):
        return (engine.state.position, -1)
    if step.kind == "turns":
        view = engine.turn_view()
        if view.phase == "speak":
            return (engine.state.position, view.turn)
    return None


def stored_seconds(run: Run | None) -> int | None:
    """The seconds left saved for the current step and turn (None: none, or another one's)."""
    key = timer_key(run)
    if run is None or key is None:
        return None
    ui = run.record.ui
    if (ui.get("timer_step"), ui.get("timer_turn")) != key:
        return None
    left = ui.get("timer_left")
    return left if isinstance(left, int) and not isinstance(left, bool) else None


class TimerKeeper:
    """Follows the countdown of the step shown and what the session holds for it."""

    def __init__(self) -> None:
        #: Which step/turn the shown countdown belongs to, and what is stored for it.
        self.key: TimerKey | None = None
        self.saved: tuple[int, bool] | None = None
        #: The shown step's countdown, once found (kept: it is still readable while unmounting).
        self._live: tuple[StepWidget, Countdown] | None = None

    def shown(self, run: Run, widget: StepWidget | None) -> None:
        """A new step (or none) is on screen: follow its timer, if it has one."""
        self.key = self.saved = self._live = None
        key = timer_key(run)
        if widget is None or key is None:
            return
        self.key = key
        left = widget.context.get("remaining")
        self.saved = (left, False) if isinstance(left, int) else None

    def countdown(self, widget: StepWidget | None) -> Countdown | None:
        """The countdown of the step shown now, if it has one."""
        if widget is None or self.key is None:
            return None
        if self._live is not None and self._live[0] is widget:
            return self._live[1]
        found = widget.query(Countdown)
        if not found:
            return None
        self._live = (widget, found.first())
        return self._live[1]

    def elapsed(self, widget: StepWidget | None) -> int:
        """Seconds the shown countdown has run (what a `timer` or `pause` step records)."""
        countdown = self.countdown(widget)
        return 0 if countdown is None else countdown.total - countdown.remaining

    def fields(self, run: Run, widget: StepWidget | None) -> dict[str, Any]:
        """The extras for the current step's timer: the live countdown's time, else what is
        stored for this same step and turn (say, under a hand-over), else nothing."""
        key = timer_key(run)
        if key is None:
            return {}
        countdown = self.countdown(widget)
        if countdown is not None and self.key == key:
            values = (key[0], key[1], countdown.remaining, countdown.running)
            return dict(zip(TIMER_FIELDS, values, strict=True))
        if stored_seconds(run) is not None:
            return {k: run.record.ui[k] for k in TIMER_FIELDS if k in run.record.ui}
        return {}

    def saved_as(self, run: Run, fields: dict[str, Any]) -> None:
        """Note what a save just stored for the shown timer."""
        if fields and self.key == timer_key(run):
            self.saved = (fields["timer_left"], fields["timer_running"])

    def unsaved(self, run: Run | None, widget: StepWidget | None) -> bool:
        """Whether the shown countdown differs from what the store holds for it."""
        countdown = self.countdown(widget)
        if countdown is None or self.key != timer_key(run):
            return False
        saved = self.saved or (countdown.total, False)
        return saved != (countdown.remaining, countdown.running)

    def worth_saving(self, event: Countdown.Changed, run: Run, widget: StepWidget | None) -> bool:
        """Save a paused or finished timer now; a running one every TIMER_SAVE_SECONDS."""
        if event.countdown is not self.countdown(widget):
            return False
        if event.running:
            since = (self.saved or (event.countdown.total, False))[0]
            return since - event.remaining >= TIMER_SAVE_SECONDS
        return self.unsaved(run, widget)

    def hold(self, widget: StepWidget | None) -> None:
        """Stop the shown countdown (a time-out); its state change is saved as any pause is."""
        countdown = self.countdown(widget)
        if countdown is not None and countdown.running:
            countdown.toggle()

    def stop(self, widget: StepWidget | None) -> None:
        """Stop the shown countdown without a save (the session is saved paused already)."""
        countdown = self.countdown(widget)
        if countdown is not None:
            countdown.running = False
