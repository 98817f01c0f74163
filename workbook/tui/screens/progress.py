"""Goals and progress: streaks, completion, ratings, adjustments, scores; check in from here.

Everything shown comes from the goals core (:func:`workbook.goals.progress.progress_of_goals`
for goals, :func:`workbook.goals.scores.trend` for scale scores), so this screen and
``workbook progress`` never disagree. Charts are textual-plotext plots
(:class:`~workbook.tui.widgets.charts.TrendChart`) in each partner's colour; a scale's trend
carries its cutoffs as reference lines.

The words are kind on purpose: a period that did not happen is "not this time", skips are
"excused" and never break a run, and there is no red anywhere on this screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from workbook.errors import WorkbookError
from workbook.partners import is_partner
from workbook.tui.app import workbook_app
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.charts import RefLine, Series, TrendChart
from workbook.tui.widgets.footer import SafetyFooter
from workbook.wording import count, number

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.exercises.models import Exercise
    from workbook.goals.models import Goal
    from workbook.goals.progress import GoalProgress, PartnerProgress
    from workbook.goals.schedule import PeriodResult

PERIODS_SHOWN = 6
OUTCOME_WORDS = {
    "completed": "done",
    "excused": "excused (a skip with a reason)",
    "missed": "not this time",
    "open": "still open",
}
STATUS_CHOICES = (
    ("Done", "done"),
    ("Partly", "partly"),
    ("Skipped, with a reason", "skipped"),
    ("Missed", "missed"),
)


def period_words(result: PeriodResult, unit: str) -> str:
    """One period in plain words, e.g. "week from 2026-11-16: 2 of 3, done"."""
    period = result.period
    when = (
        period.start.isoformat()
        if period.start == period.end
        else f"{unit} from {period.start.isoformat()}"
    )
    counts = f"{min(result.done, period.target)} of {period.target}"
    return f"{when}: {counts}, {OUTCOME_WORDS.get(result.outcome.value, result.outcome.value)}"


def partner_words(couple: Couple, mine: PartnerProgress, unit: str) -> Text:
    """A partner's streaks and completion, in kind words."""
    partner = couple.partner(mine.partner)
    s = mine.streaks
    out = Text()
    out.append(partner.name, style=f"bold {partner.colour}")
    if s.current:
        out.append(f"  {count(s.current, unit)} in a row")
    else:
        out.append("  a fresh run starts with the next check-in")
    if s.best:
        out.append(f" · best run {count(s.best, unit)}")
    rate = s.completion_rate
    if rate is not None:
        out.append(f" · done in {s.completed} of {s.completed + s.missed} ({rate:.0%})")
    if s.excused:
        out.append(f" · {s.excused} excused")
    for result in s.results[-PERIODS_SHOWN:]:
        out.append(f"\n   {period_words(result, unit)}", style="dim")
    return out


def goal_words(couple: Couple, item: GoalProgress[Goal]) -> Text:
    """Everything written about one goal: who, cadence, streaks, periods and its history."""
    goal = item.goal
    unit = goal.cadence.period_unit()
    out = Text()
    out.append(goal.display_title(), style="bold")
    who = "both of you" if goal.shared else couple.partner(goal.partner or "a").name
    out.append(f"\n{goal.cadence.to_text()} · {who} · {goal.status.value}")
    out.append(f" · since {goal.start_date.isoformat()}", style="dim")
    if goal.why and not goal.private:
        out.append(f"\nWhy: {goal.why}", style="italic")
    for mine in item.partners:
        out.append("\n\n")
        out.append_text(partner_words(couple, mine, unit))
    out.append("\n\nChanges along the way", style="bold")
    if not item.adjustments:
        out.append("\n   none yet", style="dim")
    for adj in item.adjustments:
        if goal.private and adj.field in {"title", "why"}:
            change = f"{adj.field} changed"
        else:
            change = f"{adj.field}: {adj.old or '-'} -> {adj.new or '-'}"
        why = f" ({adj.reason})" if adj.reason else ""
        out.append(f"\n   {adj.at.date().isoformat()}  {change}{why}")
    return out


class ProgressScreen(SharedScreen, Screen[None]):
    """Goals and scales on the left; the highlighted one's progress and chart on the right."""

    BINDINGS = screen_bindings("progress.checkin", "progress.change", "back", "help")

    def __init__(self) -> None:
        super().__init__()
        self.goals: dict[str, Goal] = {}
        # Each goal's progress, read when it is first highlighted in this opening: years of
        # check-ins make it the slow part, and the list itself needs titles only. Everything
        # is read again when the screen is shown and the data file has changed since the last
        # read (a check-in or goal change saved from here, another screen or another process),
        # never on a return from help or a time-out that changed nothing (bench/scale.py).
        self.items: dict[str, GoalProgress[Goal]] = {}
        self.scales: dict[str, Exercise | None] = {}
        self._read_from: list[int] | None = []  # the data file's identity then; [] = never
        # The option whose detail and chart are drawn from the data read last: setting the
        # highlight draws it at once and its OptionHighlighted event would draw it again.
        self._drawn: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Skips with a reason are excused and never break a run. "
            "c: check in on the highlighted goal · e: change its pace, pause or finish it.",
            id="progress-intro",
            classes="hint",
        )
        with Horizontal(id="progress-body"):
            with Vertical(id="progress-left"):
                yield OptionList(id="progress-list")
                yield Static("", id="program-progress")
            with VerticalScroll(id="progress-right"):
                yield Static("", id="progress-detail")
                yield TrendChart(id="progress-chart")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Goals and progress"

    def on_screen_resume(self) -> None:
        if self._data_identity() != self._read_from:
            self.refresh_progress()

    def _data_identity(self) -> list[int] | None:
        """The data file's identity (inode, size, times; see :mod:`workbook.checked`): every
        write replaces the file, so a new identity means something was saved since."""
        from workbook import checked

        try:
            return checked.identity(workbook_app(self).require_store().path.stat())
        except OSError:
            return None

    # -- data ------------------------------------------------------------------------------

    def refresh_progress(self, select: str | None = None) -> None:
        """Read goals, scores and programs again and redraw the list."""
        from workbook.goals import repo, scores

        store = workbook_app(self).require_store()
        self._read_from = self._data_identity()
        listing = self.query_one("#progress-list", OptionList)
        current = select or self._highlighted_id()
        self.goals = {f"goal:{goal.id}": goal for goal in repo.listed_goals(store)}
        self.items = {}
        self._drawn = None
        scale_ids = scores.scored_scales(store)
        library = workbook_app(self).library
        self.scales = {
            f"scale:{s}": library.exercises.get(s) if library is not None else None
            for s in scale_ids
        }
        options: list[Option] = []
        if self.goals:
            options.append(Option(Text("Goals", style="bold"), disabled=True))
        for option_id, goal in self.goals.items():
            options.append(Option(f"  {goal.display_title()}", id=option_id))
        if self.scales:
            options.append(Option(Text("Check-in scores", style="bold"), disabled=True))
        for option_id, exercise in self.scales.items():
            options.append(Option(f"  {self._scale_title(option_id, exercise)}", id=option_id))
        listing.clear_options()
        listing.add_options(options)
        ids = [o.id for o in options]
        if current is not None and current in ids:
            listing.highlighted = ids.index(current)
        else:
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            if first is not None:
                listing.highlighted = first
        if not self.goals and not self.scales:
            self.query_one("#progress-detail", Static).update(
                "No goals yet. Goals come from agreements you make in exercises, or from "
                "`workbook goals add`."
            )
        listing.focus()
        self._show_programs()
        self._show_selected()

    def _scale_title(self, option_id: str, exercise: Exercise | None) -> str:
        from workbook.exercises.models import text

        lang = workbook_app(self).language
        if exercise is not None and exercise.scale is not None:
            return text(exercise.scale.name, lang)
        return option_id.removeprefix("scale:")

    def _show_programs(self) -> None:
        """Program progress, when programs and the session history are available."""
        words = Text()
        from workbook import program_progress
        from workbook.exercises import load_programs
        from workbook.exercises.models import text

        library = workbook_app(self).library
        if library is None:
            return
        finished = program_progress.sittings(workbook_app(self).require_store())
        lang = workbook_app(self).language
        for program in load_programs(library).programs.values():
            steps = program_progress.program_steps(program)
            done = program_progress.steps_done(steps, finished.of(program.id))
            if not any(done):
                continue
            words.append(f"{text(program.title, lang)}", style="bold")
            words.append(f"\n  {sum(done)} of {len(steps)} exercises done")
            upcoming = program_progress.next_step(steps, done)
            if upcoming is not None and upcoming in library.exercises:
                words.append(f"\n  next: {text(library.exercises[upcoming].title, lang)}")
            words.append("\n")
        self.query_one("#program-progress", Static).update(words)

    def _highlighted_id(self) -> str | None:
        listing = self.query_one("#progress-list", OptionList)
        if listing.highlighted is None or listing.option_count == 0:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    @on(OptionList.OptionHighlighted, "#progress-list")
    def _show_selected(self) -> None:
        option_id = self._highlighted_id() or ""
        if option_id == self._drawn:
            return
        self._drawn = option_id
        if option_id in self.goals:
            self._show_goal(self.goal_progress(option_id))
        elif option_id in self.scales:
            self._show_scale(option_id)

    def goal_progress(self, option_id: str) -> GoalProgress[Goal]:
        """The progress of one listed goal, read once per opening."""
        if option_id not in self.items:
            from workbook.goals.progress import progress_of_goals

            store = workbook_app(self).require_store()
            (self.items[option_id],) = progress_of_goals(store, [self.goals[option_id]])
        return self.items[option_id]

    def _show_goal(self, item: GoalProgress[Goal]) -> None:
        couple = workbook_app(self).require_couple()
        self.query_one("#progress-detail", Static).update(goal_words(couple, item))
        series = [
            Series(
                couple.partner(mine.partner).name,
                couple.partner(mine.partner).colour,
                [(day, float(rating)) for day, rating in mine.ratings],
            )
            for mine in item.partners
        ]
        self.query_one("#progress-chart", TrendChart).show(
            "How it went (ratings 1-10)", series, y_range=(1, 10)
        )

    def _show_scale(self, option_id: str) -> None:
        from workbook.exercises.models import text
        from workbook.goals import scores

        couple = workbook_app(self).require_couple()
        scale_id = option_id.removeprefix("scale:")
        exercise = self.scales.get(option_id)
        lang = workbook_app(self).language
        points = scores.trend(workbook_app(self).require_store(), scale_id)
        series = [
            Series(p.name, p.colour, [(t.day, t.value) for t in points[p.key]])
            for p in couple.partners
        ]
        lines: list[RefLine] = []
        detail = Text(self._scale_title(option_id, exercise), style="bold")
        scale = exercise.scale if exercise is not None else None
        if scale is not None:
            lines = [RefLine(c.min, text(c.label, lang)) for c in scale.cutoffs]
            if scale.higher_is:
                detail.append(f"\nHigher means {text(scale.higher_is, lang)}.")
            for line in lines:
                detail.append(f"\n   from {number(line.value)}: {line.label}", style="dim")
        for partner in couple.partners:
            mine = points[partner.key]
            if mine:
                latest = mine[-1]
                band = f" ({latest.band})" if latest.band else ""
                detail.append(f"\n{partner.name}", style=f"bold {partner.colour}")
                detail.append(f": latest {number(latest.value)} on {latest.day.isoformat()}{band}")
        self.query_one("#progress-detail", Static).update(detail)
        self.query_one("#progress-chart", TrendChart).show(
            "Scores over time (lines mark where each band starts)", series, lines=lines
        )

    # -- actions ---------------------------------------------------------------------------

    def action_checkin(self) -> None:
        option_id = self._highlighted_id() or ""
        goal = self.goals.get(option_id)
        if goal is None:
            self.notify("Highlight a goal first, then press c to check in on it.")
            return
        if goal.status.value != "active":
            self.notify(f"This goal is {goal.status.value}; check-ins are for active goals.")
            return

        # A stored check-in changes the data file: the screen reads it again on its return.
        self.app.push_screen(CheckInScreen(goal.id))

    def action_change(self) -> None:
        """Change the highlighted goal's cadence, pause or resume it, or mark it achieved."""
        from workbook.tui.screens.goal_change import GoalChangeScreen

        option_id = self._highlighted_id() or ""
        item = self.items.get(option_id)
        if item is None:
            self.notify("Highlight a goal first, then press e to change it.")
            return

        self.app.push_screen(GoalChangeScreen(item.goal.id))  # read again on return, if saved

    def action_go_back(self) -> None:
        self.dismiss(None)


class CheckInScreen(SharedScreen, ModalScreen[bool]):
    """One partner's check-in on one goal for today; returns whether one was stored."""

    BINDINGS = screen_bindings("editor.save", "back")

    def __init__(self, goal_id: str) -> None:
        super().__init__()
        self.goal_id = goal_id

    def compose(self) -> ComposeResult:
        from workbook.goals.repo import resolve_goal

        couple = workbook_app(self).require_couple()
        goal = resolve_goal(workbook_app(self).require_store(), self.goal_id)
        who = [(couple.partner(key).name, key) for key in goal.partners()]
        with Vertical(id="checkin", classes="journal-dialog"):
            yield Label(f"Check in: {goal.display_title()}", classes="title")
            with VerticalScroll(id="checkin-fields"):
                yield Label("Who is checking in?")
                yield Select(who, value=who[0][1], allow_blank=False, id="checkin-partner")
                yield Label("How did it go today?")
                with RadioSet(id="checkin-status"):
                    for index, (label, value) in enumerate(STATUS_CHOICES):
                        yield RadioButton(label, value=index == 0, id=f"status-{value}")
                yield Input(
                    placeholder="Reason for the skip (needed for a skip)", id="checkin-reason"
                )
                yield Input(
                    placeholder="How it went, 1-10 (optional)",
                    id="checkin-rating",
                    type="integer",
                    max_length=2,
                )
                yield Input(placeholder="A note (optional)", id="checkin-note")
                yield Static("", id="checkin-error", classes="key-message")
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="checkin-save", variant="primary")
                yield Button("Cancel", id="checkin-cancel")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.query_one("#checkin-status", RadioSet).focus()

    def status(self) -> str:
        pressed = self.query_one("#checkin-status", RadioSet).pressed_button
        return (pressed.id or "status-done").removeprefix("status-") if pressed else "done"

    @on(Button.Pressed, "#checkin-save")
    def action_save(self) -> None:
        from workbook.goals.repo import record_checkin

        partner = self.query_one("#checkin-partner", Select).value
        raw_rating = self.query_one("#checkin-rating", Input).value.strip()
        error = self.query_one("#checkin-error", Static)
        try:
            rating = int(raw_rating) if raw_rating else None
        except ValueError:
            rating = 0  # record_checkin explains the range
        try:
            if not is_partner(partner):
                raise WorkbookError("Choose who is checking in.")
            record_checkin(
                workbook_app(self).require_store(),
                self.goal_id,
                partner,
                self.status(),
                rating=rating,
                skip_reason=self.query_one("#checkin-reason", Input).value,
                note=self.query_one("#checkin-note", Input).value,
            )
        except WorkbookError as exc:
            error.update(exc.message)
            # Also as a notification: the dialog's own line can be below the fold at 80x24.
            self.notify(exc.message, severity="error", title="Not saved")
            return
        name = workbook_app(self).require_couple().partner(str(partner)).name
        self.notify(f"Thank you, {name}. Check-in saved.")
        self.dismiss(True)

    @on(Button.Pressed, "#checkin-cancel")
    def action_go_back(self) -> None:
        self.dismiss(False)
