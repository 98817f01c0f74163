"""The exercise runner: one step at a time, whose turn it is always in view, saved as it goes.

The UI-free :class:`workbook.engine.Engine` decides everything (the next step, who acts, what
is hidden from whom). This screen composes the step area and the navigation and routes what
people do to small parts with one job each (:mod:`workbook.tui.runner`): the run and its saves,
the hand-over rule, the timer and draft keepers, the agreement-to-goal controller and the view
that builds a step's widget for the person acting. The session is saved after every change,
so a crash, a closed terminal or a time-out loses nothing.

Fair turns: Next (Ctrl+N or the button) is the one way to commit an answer on every step kind;
Enter and Space only pick or tick. Whenever the partner who must act changes, a full-screen
hand-over hides the step first, and until a reveal a partner can go back to change their own
answer without touching the other's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from workbook.errors import WorkbookError
from workbook.partners import AnswerKey, PartnerKey, as_partner, is_partner, other
from workbook.tui.bindings import screen_bindings
from workbook.tui.runner import opening, view
from workbook.tui.runner.commit import ANSWERED_KINDS, Outcome, commit, may_change
from workbook.tui.runner.drafts import DRAFT_SECONDS, draft_extras
from workbook.tui.runner.header import RunnerHeader
from workbook.tui.runner.keyboard import Keyboard
from workbook.tui.runner.run import Run
from workbook.tui.runner.timers import TimerKeeper
from workbook.tui.widgets.base import ANSWER_RULE, StepWidget
from workbook.tui.widgets.footer import SafetyFooter
from workbook.tui.widgets.timer import Countdown
from workbook.tui.widgets.turns import TurnsWidget

if TYPE_CHECKING:
    from textual.timer import Timer

    from workbook.engine import Engine
    from workbook.sessions import SessionOrigin
    from workbook.tui.app import WorkbookApp


class RunnerScreen(Screen[None]):
    """Runs one exercise (new, or resumed from its latest unfinished session)."""

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings("runner.next", "runner.back", "runner.leave", "help")
    HELP = ANSWER_RULE

    def __init__(
        self,
        exercise_id: str,
        *,
        session_id: str | None = None,
        origin: SessionOrigin | None = None,
    ) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.session_id = session_id
        #: The program step it was started from (``None``: outside programs).
        self.origin = origin
        self.run: Run | None = None
        self.widget: StepWidget | None = None
        self.timers = TimerKeeper()
        self.keyboard = Keyboard(None)  # a new run starts with both at the keyboard
        #: The partner changing their own answer to the current step (Back, before a reveal).
        self.editing: PartnerKey | None = None
        self._draft_timer: Timer | None = None

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    @property
    def engine(self) -> Engine | None:
        """The engine of the run shown (None before it starts, or after a lock)."""
        return self.run.engine if self.run is not None else None

    def shows_private_text(self) -> bool:
        """A private exercise's answers are on this screen: it is locked with the journal."""
        return self.run is not None and self.run.private

    def forget(self) -> None:
        """Drop the answers held in memory (the idle lock calls this for private runs)."""
        self.flush_timer()
        self.run = None
        self.widget = None

    def compose(self) -> ComposeResult:
        yield RunnerHeader()
        yield VerticalScroll(id="step-area")
        with Horizontal(id="runner-nav"):
            yield Button("Back", id="nav-back")
            yield Static("", id="nav-note", markup=False)
            yield Button("Next", id="nav-next", variant="primary")
        yield SafetyFooter()

    # -- opening -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        opening.Opener(
            self,
            self.exercise_id,
            self.session_id,
            origin=self.origin,
            opened=self._opened,
            stopped=self._stopped,
        ).begin()

    def _opened(self, run: Run, resumed: bool) -> None:
        from workbook.exercises.models import text

        self.run = run
        self.query_one(RunnerHeader).show_title(text(run.engine.exercise.title, self.wb.language))
        if resumed:  # whoever sits there after a restart, the partner acting goes first
            self.keyboard.lost()
        self._show()

    def _stopped(self, message: str) -> None:
        """The couple backed out before the first step (or it could not open: ``message``)."""
        if message:
            self.app.notify(message, severity="warning", title="Cannot start")
        self.app.pop_screen()

    def _names(self) -> dict[str, str]:
        return {p.key: p.name for p in self.wb.require_couple().partners}

    # -- showing a step ----------------------------------------------------------------------

    def _actor(self) -> AnswerKey | None:
        """Who acts now: the partner changing their answer, else whoever the run waits for."""
        if self.run is None:
            return None
        return self.editing if self.editing is not None else self.run.actor()

    def _clear(self) -> VerticalScroll:
        area = self.query_one("#step-area", VerticalScroll)
        area.remove_children()
        self.widget = None
        return area

    def _show(self) -> None:
        """Render the engine's current step for whoever acts now (after a hand-over if the
        keyboard must change hands)."""
        run = self.run
        if run is None:
            return
        engine, names = run.engine, self._names()
        self._drop_pending_draft()
        area = self._clear()
        area.focus()  # never left on Next: a stray Enter on the next step must not commit it
        self.timers.shown(run, None)
        header = self.query_one(RunnerHeader)
        header.show_step(engine.state.position, len(engine.exercise.steps))
        self.query_one("#nav-back", Button).disabled = not engine.state.history
        if engine.finished:
            header.show_turn("Well done, both of you", "both", self.wb.couple)
            area.mount(view.finished())
            self.query_one("#nav-next", Button).label = "Home"
            return
        step, actor = engine.step, self._actor()
        header.show_turn(*view.turn_words(run, names, actor), self.wb.couple)
        if self.keyboard.needs_hand_over(actor, solo=run.solo is not None) and is_partner(actor):
            self._hand_over(actor)
            return
        if step.kind in ANSWERED_KINDS and actor is None and step.who == "each":
            self._show_answered(area)
            return
        widget = view.build(run, names, actor)
        self.widget = widget
        self.timers.shown(run, widget)
        area.mount(widget)  # its Mounted message puts the keyboard on it (_focus_step)
        self.query_one("#nav-next", Button).label = view.next_label(step, actor, names)

    @on(StepWidget.Mounted)
    def _focus_step(self, event: StepWidget.Mounted) -> None:
        """Focus the step's first control once the step and its controls are mounted (waiting
        a refresh or two was a race: a step's fields could still be mounting)."""
        if event.widget is self.widget and event.widget.is_attached:
            event.widget.focus_first()

    def _hand_over(self, partner: PartnerKey) -> None:
        from workbook.tui.screens.handover import HandoverScreen

        couple = self.wb.require_couple()
        note = ""
        if self.editing == partner:
            note = f"{couple.partner(partner).name} can change their own answer here."

        def handed(_ready: bool | None) -> None:
            self.keyboard.handed_to(partner)
            self._show()

        self.app.push_screen(
            HandoverScreen(
                partner,
                couple.partner(partner).name,
                colour=couple.partner(partner).colour,
                note=note,
            ),
            handed,
        )

    def _show_answered(self, area: VerticalScroll) -> None:
        """An `each` step both partners already answered (reached with Back): no answers shown;
        until a reveal each partner may change their own answer."""
        changeable = self.run is not None and may_change(self.run, "a")  # (both answered)
        area.mount_all(view.answered(self._names(), changeable=changeable))
        self.query_one("#nav-next", Button).label = "Next"

    # -- saving ------------------------------------------------------------------------------

    def _guarded(self, action: Any, *args: Any, **kwargs: Any) -> bool:
        """Run an action; a problem a person can meet becomes a notification (in view at any
        size, unlike a line under the step), not a crash. If it fails, the run goes back to
        what it was, so nothing unsaved (a read-only window, a full disk) counts as done.
        Returns whether it succeeded."""
        run = self.run
        before = run.engine.state.model_copy(deep=True) if run is not None else None
        try:
            action(*args, **kwargs)
        except WorkbookError as exc:
            if run is not None and before is not None:
                run.engine.state = before
            self.app.notify(exc.message, severity="warning")
            return False
        return True

    def _changed(self, change: Callable[[], object]) -> None:
        """Change the run (``change``), then save it: one step for :meth:`_guarded`."""
        change()
        self._save()

    def _save(self, *, keep_draft: bool = False, set_aside: bool = False) -> None:
        """Save the run. A commit replaces the draft; a moment's save (leaving, a timer, typing)
        keeps the words in the fields; ``set_aside`` keeps them for when this partner's turn
        comes back (the other went back to change an answer)."""
        run = self.run
        if run is None:
            return
        extras = draft_extras(
            run, self.widget, self._actor(), typing=keep_draft, set_aside=set_aside
        )
        timer = self.timers.fields(run, self.widget)
        run.save({**extras, **timer})
        self.timers.saved_as(run, timer)

    @on(Countdown.Changed)
    def _timer_changed(self, event: Countdown.Changed) -> None:
        event.stop()
        if self.run is not None and self.timers.worth_saving(event, self.run, self.widget):
            self._guarded(self._save, keep_draft=True)

    def flush_timer(self) -> None:
        """Save the shown timer if it moved since the last save (leaving, closing, locking)."""
        run = self.run
        if run is None or run.record.status == "paused":
            return  # a time-out has already saved it, with the session marked paused
        if self.timers.unsaved(run, self.widget):
            self._guarded(self._save, keep_draft=True)

    def on_unmount(self) -> None:
        self.flush_timer()

    @on(StepWidget.Changed)
    def _typed(self, event: StepWidget.Changed) -> None:
        event.stop()
        if event.widget is not self.widget:
            return  # words from a step already gone (committed or handed over) are not a draft
        if self._draft_timer is None and self.run is not None and not self.run.private:
            self._draft_timer = self.set_timer(DRAFT_SECONDS, self.flush_draft, name="save-draft")

    def _drop_pending_draft(self) -> None:
        """A new step or turn is shown: the words of the last one were committed or saved."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def flush_draft(self) -> None:
        """Save the words typed so far (private exercises keep no drafts: they are sealed)."""
        self._draft_timer = None
        if self.run is not None and not self.run.private:
            self._guarded(self._save, keep_draft=True)

    # -- acting ------------------------------------------------------------------------------

    def action_next(self) -> None:
        self._guarded(self._next)

    def action_back(self) -> None:
        self._guarded(self._back)

    def action_leave(self) -> None:
        """Leave the exercise; everything so far is already saved."""
        run = self.run
        if (
            run is not None
            and not run.engine.finished
            and self._guarded(self._save, keep_draft=True)
        ):
            self.app.notify("Saved. You can continue from the home screen.")
        self.dismiss(None)

    @on(Button.Pressed, "#nav-next")
    def _next_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_next()

    @on(Button.Pressed, "#nav-back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()

    @on(Button.Pressed, ".answer-again")
    def _again(self, event: Button.Pressed) -> None:
        event.stop()
        if self.run is not None and self._guarded(self._changed, self.run.engine.clear_answer):
            self._show()

    @on(Button.Pressed, ".change-answer")
    def _change(self, event: Button.Pressed) -> None:
        event.stop()
        self._edit(as_partner((event.button.id or "").removeprefix("change-")))

    def _edit(self, partner: PartnerKey) -> None:
        """``partner`` changes their own answer: the keyboard goes to them first."""
        self.editing = partner
        self.keyboard.lost()
        self._show()

    @on(TurnsWidget.Swap)
    def _swap_speakers(self, event: TurnsWidget.Swap) -> None:
        """The couple chose the other partner to speak first (before the first turn)."""
        event.stop()
        if self.run is not None and self._guarded(self._changed, self.run.engine.swap_speakers):
            self._show()

    @on(StepWidget.Done)
    def _fields_done(self, event: StepWidget.Done) -> None:
        """Enter in the last field: the keyboard moves to Next, which commits (one rule)."""
        event.stop()
        self.query_one("#nav-next", Button).focus()

    def _back(self) -> None:
        run = self.run
        if run is None:
            return
        if self.editing is not None:  # back from changing an answer: as it was, unchanged
            self.editing = None
            self.keyboard.lost()
            self._show()
            return
        actor = self._actor()
        if is_partner(actor) and may_change(run, other(actor)):
            self._save(set_aside=True)  # the words typed so far wait for this partner
            self._edit(other(actor))
            return
        if not run.engine.state.history:
            self.app.notify("This is the first step.")
            return
        self.editing = None
        run.engine.back()
        self._save()
        self._show()

    def _next(self) -> None:
        run, widget = self.run, self.widget
        if run is None:
            return
        if run.engine.finished:
            self.dismiss(None)
            return
        if widget is None:  # the "answered" view of an each step
            outcome = Outcome(True)
        elif (problem := widget.problem()) is not None:
            self.app.notify(problem, severity="warning")
            return
        else:
            value, elapsed = widget.current_value(), self.timers.elapsed(widget)
            outcome = commit(run, value, self._actor(), elapsed)
        for note in outcome.notes:
            self.app.notify(note)
        for warning in outcome.warnings:  # the agreement is kept; the problem is said
            self.app.notify(warning, severity="warning", timeout=15)
        self.editing = None
        if outcome.step_done:
            run.engine.next()
        self._save()
        self._show()

    # -- time-out ----------------------------------------------------------------------------

    def hold_timer(self) -> None:
        """A time-out was called: stop the step's countdown (saved at once, as any pause is).

        It stays paused if the couple comes back without pausing the session; the person
        resumes it with the usual key, as after a restart.
        """
        self.timers.hold(self.widget)

    def pause_session(self, until: datetime | None) -> bool:
        """Save the session as paused (a time-out); returns whether there was one to pause."""
        run = self.run
        if run is None or run.engine.finished:
            return False
        try:
            self._save(keep_draft=True)
            run.pause(until)
            self.timers.stop(self.widget)  # its time is saved; nothing counts during a time-out
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="error")
            return False
        return True
