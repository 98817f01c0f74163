"""The exercise runner: one step at a time, whose turn it is always in view, saved as it goes.

The UI-free :class:`workbook.engine.Engine` decides everything (the next step, who acts, what
is hidden from whom); this screen renders the current step with the widget for its kind,
records what the person entered through the engine, and saves the session after every change
(:mod:`workbook.sessions`), so a crash, a closed terminal or a time-out loses nothing.

Timers resume too: the seconds left on a `timer` or `pause` step, or on the speaker's turn,
are kept in the session's ``ui`` extras with the step (and turn) they belong to, saved when the
timer is paused or runs out, when the person leaves, on a time-out, when the app closes, and
every :data:`TIMER_SAVE_SECONDS` while it runs (not every tick: each save is a file write). A
resumed timer starts paused at the saved time; a value saved for another step or turn is ignored.
Only numbers are kept there, so private runs (whose ``ui`` keeps numbers only) resume too.

Privacy at one terminal: a widget only ever receives what the person acting may see. For a
``blind`` step the first partner's answer is never passed to the widget built for the second
one, and between them a full-screen hand-over hides the step altogether.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from workbook.errors import WorkbookError
from workbook.exercises.labels import step_label
from workbook.partners import is_partner
from workbook.tui.bindings import bindings
from workbook.tui.widgets import widget_class
from workbook.tui.widgets.base import StepWidget
from workbook.tui.widgets.timer import Countdown

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.engine import Engine
    from workbook.exercises.models import Exercise
    from workbook.sessions import Clock, SessionRecord
    from workbook.tui.app import WorkbookApp

ANSWERED_KINDS = frozenset({"prompt", "choice", "scale", "checklist", "fill"})
DRAFTED_KINDS = frozenset({"prompt", "fill", "turns", "agreement"})
#: Seconds between a keystroke and saving the words typed so far (a draft). A crash loses at
#: most this much typing; a save per keystroke would rewrite the data file on every key.
DRAFT_SECONDS = 1.0
#: Seconds a running timer counts between two saves: a crash loses at most this much of it.
TIMER_SAVE_SECONDS = 15
#: The ``ui`` extras that hold a timer: the step index and turn (-1 outside a `turns` step) it
#: belongs to, the seconds left, and whether it was running when saved.
TIMER_FIELDS = ("timer_step", "timer_turn", "timer_left", "timer_running")


class WhoScreen(ModalScreen[str | None]):
    """Ask which partner does a solo or private exercise."""

    BINDINGS = bindings("back")

    def __init__(self, couple: Couple, title: str) -> None:
        super().__init__()
        self.couple = couple
        self.title_text = title

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="who", classes="dialog"):
            yield Label(f"Who is doing “{self.title_text}”?", classes="title")
            yield OptionList(
                *[Option(p.name, id=p.key) for p in self.couple.partners], id="who-list"
            )

    def on_mount(self) -> None:
        self.query_one("#who-list", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_go_back(self) -> None:
        self.dismiss(None)


class PassphraseScreen(ModalScreen[str | None]):
    """A hidden one-line prompt for a partner's journal passphrase."""

    BINDINGS = bindings("back")

    def __init__(self, name: str, reason: str) -> None:
        super().__init__()
        self.name_text = name
        self.reason = reason

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(id="passphrase", classes="dialog"):
            yield Label(f"{self.name_text}, {self.reason}", classes="title")
            yield Input(password=True, id="passphrase-input", placeholder="passphrase")
            yield Label("Enter to unlock, Esc to cancel.", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        value = event.value
        event.input.value = ""
        self.dismiss(value or None)

    def action_go_back(self) -> None:
        self.dismiss(None)


class RunnerScreen(Screen[None]):
    """Runs one exercise (new, or resumed from its latest unfinished session)."""

    CSS_PATH = "session.tcss"
    BINDINGS = bindings("runner.next", "runner.back", "runner.leave", "timeout", "help")

    def __init__(self, exercise_id: str, *, session_id: str | None = None) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.session_id = session_id
        self.engine: Engine | None = None
        self.record: SessionRecord | None = None
        self.exercise: Exercise | None = None
        self.widget: StepWidget | None = None
        self.PRIVATE = False
        self._draft_pending = False
        #: Which step/turn the shown countdown belongs to, and what is stored for it.
        self._timer_key: tuple[int, int] | None = None
        self._timer_saved: tuple[int, bool] | None = None
        #: The shown step's countdown, once found (kept: it is still readable while unmounting).
        self._live_countdown: tuple[StepWidget, Countdown] | None = None

    # -- set-up ------------------------------------------------------------------------------

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def compose(self) -> ComposeResult:
        with Horizontal(id="runner-top"):
            yield Static("", id="runner-title", markup=False)
            yield Static("", id="runner-step", markup=False)
        yield ProgressBar(id="runner-progress", show_eta=False, show_percentage=False)
        yield Static("", id="turn-bar", markup=False)
        yield VerticalScroll(id="step-area")
        with Horizontal(id="runner-nav"):
            yield Button("Back", id="nav-back")
            yield Static("", id="nav-note", markup=False)
            yield Button("Next", id="nav-next", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self._open()
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="error", title="Cannot start")
            self.app.pop_screen()

    def _open(self) -> None:
        from workbook import sessions

        library, store, couple = self.wb.library, self.wb.store, self.wb.couple
        if library is None or store is None or couple is None:
            raise WorkbookError("The workbook is not ready yet.")
        self.exercise = library.get(self.exercise_id)
        from workbook.exercises.models import text

        self.query_one("#runner-title", Static).update(text(self.exercise.title, self.wb.language))
        record: SessionRecord | None
        if self.session_id is not None:
            record = sessions.resume(store, self.session_id)
        else:
            record = sessions.latest_for(store, self.exercise_id)
            if record is not None and record.exercise_version != self.exercise.version:
                record = None  # the exercise changed since; start afresh
        if record is not None:
            self._resume(record)
        elif self.exercise.mode == "together":
            self._begin(None)
        else:
            self.app.push_screen(WhoScreen(couple, text(self.exercise.title)), self._who_chosen)

    def _who_chosen(self, partner: str | None) -> None:
        if partner is None:
            self.app.pop_screen()
            return
        try:
            self._begin(partner)
        except WorkbookError as exc:  # e.g. a private exercise before a journal passphrase
            self.app.notify(exc.message, severity="warning", title="Cannot start")
            self.app.pop_screen()

    def _names(self) -> dict[str, str]:
        couple = self.wb.couple
        assert couple is not None
        return {p.key: p.name for p in couple.partners}

    def _begin(self, solo: str | None) -> None:
        from workbook import sessions
        from workbook.engine import Engine
        from workbook.exercises.models import text

        assert self.exercise is not None and self.wb.store is not None
        engine = Engine.start(
            self.exercise,
            names=self._names(),
            solo=solo,  # type: ignore[arg-type]
            lang=self.wb.language,
        )
        self.record = sessions.start(
            self.wb.store,
            self.exercise,
            engine.state.model_dump(mode="json"),
            author=solo if self.exercise.mode == "private" else None,  # type: ignore[arg-type]
            title=text(self.exercise.title),
            clock=self._clock(),
        )
        self.PRIVATE = self.exercise.mode == "private"
        self.engine = engine
        self._show()

    def _resume(self, record: SessionRecord) -> None:
        if record.private:
            couple = self.wb.couple
            assert couple is not None and record.author is not None
            self.app.push_screen(
                PassphraseScreen(
                    couple.partner(record.author).name,
                    "this exercise is private. Your passphrase opens it.",
                ),
                lambda phrase: self._unlock(record, phrase),
            )
            return
        self._load(record, None)

    def _unlock(self, record: SessionRecord, passphrase: str | None) -> None:
        if passphrase is None:
            self.app.pop_screen()
            return
        self._unlock_worker(record, passphrase)

    @work(thread=True, exclusive=True, name="unlock-session")
    def _unlock_worker(self, record: SessionRecord, passphrase: str) -> None:
        from workbook.journal.vault import unlock

        store = self.wb.store
        assert store is not None and record.author is not None
        try:
            journal = unlock(store, record.author, passphrase)
        except WorkbookError as exc:
            self.app.call_from_thread(self._unlock_failed, exc.message)
            return
        try:
            from workbook.sessions import open_state

            state = open_state(record, journal)
        except WorkbookError as exc:
            self.app.call_from_thread(self._unlock_failed, exc.message)
            return
        finally:
            journal.close()
        self.app.call_from_thread(self._guarded, self._load_state, record, state)

    def _unlock_failed(self, message: str) -> None:
        self.app.notify(message, severity="error")
        self.app.pop_screen()

    def _load(self, record: SessionRecord, state: dict[str, Any] | None) -> None:
        from workbook.sessions import open_state

        self._load_state(record, state if state is not None else open_state(record))

    def _load_state(self, record: SessionRecord, state: dict[str, Any]) -> None:
        from workbook import sessions
        from workbook.engine import Engine, SessionState

        assert self.exercise is not None and self.wb.store is not None
        self.engine = Engine(self.exercise, SessionState.model_validate(state), self._names())
        self.PRIVATE = record.private
        self.record = record
        if record.status == "paused":
            self.record = sessions.save(
                self.wb.store, record, state, ui=record.ui, clock=self._clock()
            )
            self.app.notify("Welcome back. You are where you left off.")
        self._show()
        actor = None if self.engine.finished else self._actor()
        if actor in ("a", "b") and self.engine.state.solo is None:
            # Whoever sits at the keyboard after a restart, the right partner takes it first.
            self._hand_over(actor)

    def _clock(self) -> Clock:
        clock = getattr(self.app, "session_clock", None)
        if callable(clock):
            return clock  # type: ignore[no-any-return]
        from workbook.clock import now

        return now

    def forget(self) -> None:
        """Drop the answers held in memory (the idle lock calls this for private runs)."""
        self.flush_timer()
        self.engine = None
        self.widget = None

    # -- showing a step ----------------------------------------------------------------------

    def _partner_class(self, widget: Static | Screen[Any], key: str | None) -> None:
        couple = self.wb.couple
        for k in ("a", "b", "both"):
            widget.set_class(key == k, f"-partner-{k}")
        if couple is not None:
            for partner in couple.partners:
                widget.set_class(key == partner.key, f"-colour-{partner.colour}")

    def _show(self) -> None:
        """Render the engine's current step for whoever acts now."""
        engine = self.engine
        if engine is None:
            return
        area = self.query_one("#step-area", VerticalScroll)
        area.remove_children()
        self.widget = None
        self._timer_key = self._timer_saved = self._live_countdown = None
        total = len(engine.exercise.steps)
        progress = self.query_one("#runner-progress", ProgressBar)
        progress.update(total=total, progress=min(engine.state.position, total))
        if engine.finished:
            self._show_finished(area)
            return
        step = engine.step
        actor = self._actor()
        self.query_one("#runner-step", Static).update(
            f"Step {engine.state.position + 1} of {total}"
        )
        self._turn_bar(actor)
        if step.kind in ANSWERED_KINDS and actor is None and step.who == "each":
            self._show_answered(area)
            return
        viewer = actor if actor in ("a", "b") else None
        widget = self._build(step, viewer, actor)
        self.widget = widget
        timer_key = self._current_timer_key()
        if timer_key is not None:
            self._timer_key = timer_key
            left = widget.context.get("remaining")
            self._timer_saved = (left, False) if isinstance(left, int) else None
        area.mount(widget)
        self.call_after_refresh(self._focus_step, widget, 3)
        back = self.query_one("#nav-back", Button)
        back.disabled = not engine.state.history
        self.query_one("#nav-next", Button).label = self._next_label(step, actor)

    def _focus_step(self, widget: StepWidget, tries: int) -> None:
        """Focus the step's first control once it is mounted (nested widgets mount later)."""
        from textual.css.query import NoMatches

        if widget is not self.widget or not widget.is_attached:
            return
        try:
            widget.focus_first()
        except NoMatches:
            if tries > 0:
                self.call_after_refresh(self._focus_step, widget, tries - 1)

    def _actor(self) -> str | None:
        engine = self.engine
        assert engine is not None
        if engine.state.solo is not None:
            return engine.state.solo
        actor = engine.actor()
        if engine.step.kind == "agreement" and actor is None:
            return None
        return actor

    def _turn_bar(self, actor: str | None) -> None:
        engine = self.engine
        assert engine is not None
        names = self._names()
        bar = self.query_one("#turn-bar", Static)
        step = engine.step
        if step.kind == "turns":
            view = engine.turn_view()
            if view.phase == "done":
                words, key = "Both of you: every turn is done", "both"
            elif view.phase == "paraphrase":
                words, key = (
                    f"{names[view.listener]}'s turn: say back what you heard",
                    (view.listener),
                )
            elif view.phase == "confirm":
                words, key = (
                    f"{names[view.speaker]}'s turn: is that what you meant?",
                    (view.speaker),
                )
            else:
                words, key = f"{names[view.speaker]} has the floor", view.speaker
        elif actor in ("a", "b"):
            words, key = f"{names[actor]}'s turn", actor
            if engine.state.solo is not None:
                words = f"{names[actor]}, on your own"
        else:
            words, key = f"Together: {names['a']} & {names['b']}", "both"
        bar.update(Text(f" ● {words}", style="bold"))
        self._partner_class(bar, key)

    def _next_label(self, step: Any, actor: str | None) -> str:
        if step.kind == "agreement" and actor in ("a", "b"):
            return f"Confirm ({self._names()[actor]})"
        return "Next"

    def _build(self, step: Any, viewer: str | None, actor: str | None) -> StepWidget:
        engine = self.engine
        assert engine is not None
        cls = widget_class(step.kind)
        context: dict[str, Any] = {}
        value: Any = None
        names = self._names()
        if step.kind in ANSWERED_KINDS and actor is not None:
            # Only the actor's own answer (or the joint one) ever reaches the widget.
            value = engine.visible_answers(viewer).get(step.id, {}).get(actor)  # type: ignore[arg-type]
        elif step.kind == "reveal":
            columns = []
            shown = engine.reveal_view()
            for key in ("a", "b"):
                answers = []
                for target, formatted in shown:
                    title = step_label(target, engine.render)
                    answers.append((title, formatted.get(key) or formatted.get("both") or "—"))
                columns.append((key, names[key], answers))
            context["columns"] = columns
        elif step.kind == "agreement":
            value = engine.agreement_text()
            done = engine.state.confirmations.get(step.id, [])
            context["confirmed"] = {k: names[k] for k in done}
            context["partners"] = [(k, names[k]) for k in ("a", "b")]
            if engine.state.solo is not None:
                context["partners"] = [(engine.state.solo, names[engine.state.solo])]
            if actor in ("a", "b"):
                context["confirmer"] = (actor, names[actor])
        elif step.kind == "turns":
            view = engine.turn_view()
            context.update(
                phase=view.phase if view.phase != "done" else "speak",
                remaining=self._stored_timer() if view.phase == "speak" else None,
                speaker=(view.speaker, names[view.speaker]),
                listener=(view.listener, names[view.listener]),
                round_text=f"round {view.round} of {step.rounds}",
                seconds=step.speaker_seconds,
                speaker_prompt=engine.render(step.speaker_prompt, view.speaker),
                listener_prompt=engine.render(step.listener_prompt, view.listener),
                may_correct=view.corrections < step.max_corrections,
            )
            if view.phase == "confirm":
                record = engine.state.answers.get(step.id, {}).get("both")
                if isinstance(record, list) and record:
                    last = record[-1]
                    heard = last.get("paraphrases", []) if isinstance(last, dict) else []
                    context["paraphrase"] = heard[-1] if isinstance(heard, list) and heard else ""
            if view.phase == "done":
                context["phase"] = "done"
        elif step.kind in ("timer", "pause"):
            context["remaining"] = self._stored_timer()
        draft = self._draft_for(step.kind, actor)
        if draft is not None and (value is None or step.kind == "agreement"):
            value = draft
        title = engine.render(step.title, viewer)  # type: ignore[arg-type]
        body = engine.step_text(step, viewer)  # type: ignore[arg-type]
        reader = viewer if is_partner(viewer) else None
        return cls(
            step,
            text=body,
            title=title,
            value=value,
            lang=engine.lang,
            context=context,
            say=lambda words: engine.render(words, reader),
        )

    def _show_answered(self, area: VerticalScroll) -> None:
        """An `each` step both partners already answered (reached with Back): no answers shown."""
        area.mount(
            Static(
                "You have both answered this step. Press Next to go on, or "
                "“Answer again” to clear both answers and start this step over.",
                classes="step-hint",
            ),
            Button("Answer again", classes="answer-again"),
        )
        self.query_one("#nav-back", Button).disabled = not self.engine or not (
            self.engine.state.history
        )
        self.query_one("#nav-next", Button).label = "Next"

    def _show_finished(self, area: VerticalScroll) -> None:
        self.query_one("#runner-step", Static).update("Finished")
        bar = self.query_one("#turn-bar", Static)
        bar.update(Text(" ● Well done, both of you", style="bold"))
        self._partner_class(bar, "both")
        area.mount(
            Static(
                "You finished this exercise. Everything you wrote is saved in History.\n"
                "Press Next (or Esc) to go back home.",
                id="finished-note",
            )
        )
        self.query_one("#nav-next", Button).label = "Home"

    # -- acting ------------------------------------------------------------------------------

    def _guarded(self, action: Any, *args: Any) -> None:
        """Run an action; a problem a person can meet becomes a notification, not a crash."""
        try:
            action(*args)
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="warning")

    # -- timers ------------------------------------------------------------------------------

    def _current_timer_key(self) -> tuple[int, int] | None:
        """The step index and turn (-1: not a `turns` step) a timer shown now belongs to.

        None when the current step shows no timer (a turn's timer is only in its speak phase).
        """
        engine = self.engine
        if engine is None or engine.finished:
            return None
        step = engine.step
        if step.kind in ("timer", "pause"):
            return (engine.state.position, -1)
        if step.kind == "turns":
            view = engine.turn_view()
            if view.phase == "speak":
                return (engine.state.position, view.turn)
        return None

    def _stored_timer(self) -> int | None:
        """The seconds left saved for the current step and turn (None: none, or another one's)."""
        record, key = self.record, self._current_timer_key()
        if record is None or key is None:
            return None
        ui = record.ui
        if (ui.get("timer_step"), ui.get("timer_turn")) != key:
            return None
        left = ui.get("timer_left")
        return left if isinstance(left, int) and not isinstance(left, bool) else None

    def _countdown(self) -> Countdown | None:
        """The countdown of the step shown now, if it has one."""
        widget = self.widget
        if widget is None or self._timer_key is None:
            return None
        if self._live_countdown is not None and self._live_countdown[0] is widget:
            return self._live_countdown[1]
        found = widget.query(Countdown)
        if not found:
            return None
        self._live_countdown = (widget, found.first())
        return self._live_countdown[1]

    def _timer_fields(self) -> dict[str, Any]:
        """The ``ui`` extras for the current step's timer: the live countdown's time, else what
        is stored for this same step and turn (say, under a hand-over), else nothing."""
        key = self._current_timer_key()
        if key is None:
            return {}
        countdown = self._countdown()
        if countdown is not None and self._timer_key == key:
            return dict(
                zip(
                    TIMER_FIELDS,
                    (key[0], key[1], countdown.remaining, countdown.running),
                    strict=True,
                )
            )
        record = self.record
        if record is not None and self._stored_timer() is not None:
            return {k: record.ui[k] for k in TIMER_FIELDS if k in record.ui}
        return {}

    def _timer_unsaved(self) -> bool:
        """Whether the shown countdown differs from what the store holds for it."""
        countdown = self._countdown()
        if countdown is None or self._timer_key != self._current_timer_key():
            return False
        saved = self._timer_saved or (countdown.total, False)
        return saved != (countdown.remaining, countdown.running)

    @on(Countdown.Changed)
    def _timer_changed(self, event: Countdown.Changed) -> None:
        """Save a paused or finished timer now; a running one every TIMER_SAVE_SECONDS."""
        event.stop()
        if event.countdown is not self._countdown() or self.record is None:
            return
        if event.running:
            since = (self._timer_saved or (event.countdown.total, False))[0]
            if since - event.remaining < TIMER_SAVE_SECONDS:
                return
        elif not self._timer_unsaved():
            return
        self._guarded(self._save, self._current_draft())

    def flush_timer(self) -> None:
        """Save the shown timer if it moved since the last save (leaving, closing, locking)."""
        if self.engine is None or self.record is None or self.record.status == "paused":
            return  # a time-out has already saved it, with the session marked paused
        if self._timer_unsaved():
            self._guarded(self._save, self._current_draft())

    def on_unmount(self) -> None:
        self.flush_timer()

    # -- drafts ------------------------------------------------------------------------------

    def _draft_key(self, actor: str | None) -> str:
        """Which step, person and phase a draft belongs to (a draft never crosses partners)."""
        engine = self.engine
        assert engine is not None
        step = engine.step
        phase = ""
        if step.kind == "turns":
            view = engine.turn_view()
            phase = f"{view.turn}:{view.phase}:{view.corrections}"
        elif step.kind == "agreement":
            phase = str(len(engine.state.confirmations.get(step.id, [])))
        return f"{step.id}:{actor or ''}:{phase}"

    def _draft_for(self, kind: str, actor: str | None) -> Any:
        record = self.record
        if record is None or kind not in DRAFTED_KINDS:
            return None
        draft = record.ui.get("draft")
        if isinstance(draft, dict) and draft.get("key") == self._draft_key(actor):
            return draft.get("value")
        return None

    def _current_draft(self) -> dict[str, Any] | None:
        widget, engine = self.widget, self.engine
        if widget is None or engine is None or engine.finished:
            return None
        if engine.step.kind not in DRAFTED_KINDS:
            return None
        value = widget.current_value()
        if value in (None, "", {}):
            return None
        return {"key": self._draft_key(self._actor()), "value": value}

    @on(StepWidget.Changed)
    def _typed(self, event: StepWidget.Changed) -> None:
        event.stop()
        if not self._draft_pending and self.record is not None and not self.record.private:
            self._draft_pending = True
            self.set_timer(DRAFT_SECONDS, self.flush_draft, name="save-draft")

    def flush_draft(self) -> None:
        """Save the words typed so far (private exercises keep no drafts: they are sealed)."""
        self._draft_pending = False
        if self.engine is None or self.record is None or self.record.private:
            return
        self._guarded(self._save, self._current_draft())

    def _save(self, draft: dict[str, Any] | None = None) -> None:
        """Save the engine state; a committed answer replaces any draft."""
        from workbook import sessions

        engine, record, store = self.engine, self.record, self.wb.store
        assert engine is not None and record is not None and store is not None
        state = engine.state.model_dump(mode="json")
        ui = {k: v for k, v in record.ui.items() if k != "draft" and k not in TIMER_FIELDS}
        if draft is not None:
            ui["draft"] = draft
        timer = self._timer_fields()
        ui.update(timer)
        if engine.finished:
            self.record = sessions.finish(store, record, state, clock=self._clock(), engine=engine)
        else:
            self.record = sessions.save(
                store, record, state, position=engine.state.position, ui=ui, clock=self._clock()
            )
        if timer and self._timer_key == self._current_timer_key():
            self._timer_saved = (timer["timer_left"], timer["timer_running"])

    def action_next(self) -> None:
        self._guarded(self._next)

    def action_back(self) -> None:
        self._guarded(self._back)

    def action_leave(self) -> None:
        """Leave the exercise; everything so far is already saved."""
        if self.engine is not None and not self.engine.finished:
            self._guarded(self._save, self._current_draft())
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
        assert self.engine is not None
        self.engine.clear_answer()
        self._save()
        self._show()

    @on(StepWidget.Submit)
    def _submitted(self, event: StepWidget.Submit) -> None:
        event.stop()
        self.action_next()

    def _back(self) -> None:
        engine = self.engine
        if engine is None:
            return
        if not engine.state.history:
            self.app.notify("This is the first step.")
            return
        engine.back()
        self._save()
        self._show()

    def _next(self) -> None:
        engine = self.engine
        if engine is None:
            return
        if engine.finished:
            self.dismiss(None)
            return
        step = engine.step
        widget = self.widget
        if widget is None:  # the "answered" view of an each step
            self._advance()
            return
        problem = widget.problem()
        if problem is not None:
            self.app.notify(problem, severity="warning")
            return
        kind = step.kind
        actor = self._actor()
        if kind in ANSWERED_KINDS:
            value = widget.current_value()
            empty = (
                value is None or value == "" or value == {} or (value == [] and kind != "checklist")
            )
            if not (empty and step.optional):
                engine.answer(value, actor)  # type: ignore[arg-type]
            self._save()
            following = engine.actor()
            if following in ("a", "b") and following != actor and engine.state.solo is None:
                self._hand_over(following)
                return
            if engine.waiting_for() and not step.optional:
                self._show()
                return
            self._advance()
        elif kind in ("timer", "pause"):
            timer = widget.query("#timer").first() if widget.query("#timer") else None
            elapsed = 0
            if timer is not None:
                countdown = timer.countdown  # type: ignore[attr-defined]
                elapsed = countdown.total - countdown.remaining
            engine.answer(elapsed)
            self._advance()
        elif kind == "turns":
            self._turn(widget)
        elif kind == "agreement":
            self._agree(widget, actor)
        else:
            self._advance()

    def _advance(self) -> None:
        engine = self.engine
        assert engine is not None
        engine.next()
        self._save()
        self._show()

    def _hand_over(self, partner: str) -> None:
        from workbook.tui.screens.handover import HandoverScreen

        area = self.query_one("#step-area", VerticalScroll)
        area.remove_children()  # the first answer leaves the screen before anyone else looks
        self.widget = None
        couple = self.wb.couple
        colour = couple.partner(partner).colour if couple is not None else ""
        self.app.push_screen(
            HandoverScreen(partner, self._names()[partner], colour=colour), self._handed
        )

    def _handed(self, _ready: bool | None) -> None:
        self._show()

    def _turn(self, widget: StepWidget) -> None:
        engine = self.engine
        assert engine is not None
        view = engine.turn_view()
        if view.phase == "done":
            self._advance()
            return
        value = widget.current_value()
        if view.phase == "speak":
            engine.answer(None, view.speaker)
        elif view.phase == "paraphrase":
            engine.answer(value, view.listener)
        else:
            engine.answer(bool(value), view.speaker)
        self._save()
        if engine.turn_view().phase == "done":
            self._advance()
        else:
            self._show()

    def _agree(self, widget: StepWidget, actor: str | None) -> None:
        engine = self.engine
        assert engine is not None
        step = engine.step
        if actor is None:
            self._advance()
            return
        words = widget.current_value()
        if (
            getattr(step, "editable", True)
            and not engine.state.confirmations.get(step.id)
            and isinstance(words, str)
            and words
            and words != engine.agreement_text()
        ):
            engine.edit_agreement(words)
        engine.confirm(actor)  # type: ignore[arg-type]
        self._save()
        if engine.waiting_for():
            self._show()
            return
        self._create_goal(step.id)
        self._advance()

    def _create_goal(self, step_id: str) -> None:
        """Both confirmed: turn the agreement into a goal, once (Back and Next never repeat it)."""
        from workbook.goals.repo import create_goal_from_agreement

        engine, record, store = self.engine, self.record, self.wb.store
        assert engine is not None and record is not None and store is not None
        made: dict[str, str] = dict(record.ui.get("goals", {}))
        for draft in engine.goals_to_create():
            if draft.step_id != step_id or step_id in made:
                continue
            words = engine.state.answers.get(step_id, {}).get("both")
            made_goal = create_goal_from_agreement(
                store,
                title=draft.title,
                cadence_text=draft.cadence,
                text=str(words or ""),
                session_id=record.id,
                exercise_id=engine.exercise.id,
                partner=draft.partner,
                why=draft.note or "",
                private=record.private,
            )
            made[step_id] = made_goal.goal.id
            self.app.notify(f"Added a goal: {made_goal.goal.display_title()}")
            for change in made_goal.changes:  # the agreement is kept; the problem is said
                self.app.notify(change, severity="warning", timeout=15)
        if made != record.ui.get("goals", {}):
            self.record = record.model_copy(update={"ui": {**record.ui, "goals": made}})
            self._save()

    # -- time-out ----------------------------------------------------------------------------

    def hold_timer(self) -> None:
        """A time-out was called: stop the step's countdown (saved at once, as any pause is).

        It stays paused if the couple comes back without pausing the session; the person
        resumes it with the usual key, as after a restart.
        """
        countdown = self._countdown()
        if countdown is not None and countdown.running:
            countdown.toggle()

    def pause_session(self, until: Any) -> bool:
        """Save the session as paused (a time-out); returns whether there was one to pause."""
        from workbook import sessions

        if self.record is None or self.wb.store is None or self.engine is None:
            return False
        if self.engine.finished:
            return False
        try:
            self._save(self._current_draft())
            assert self.record is not None
            self.record = sessions.pause(
                self.wb.store, self.record.id, until=until, clock=self._clock()
            )
            countdown = self._countdown()
            if countdown is not None:
                countdown.running = False  # its time is saved; nothing counts during a time-out
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="error")
            return False
        return True
