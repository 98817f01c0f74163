"""The home screen's "continue where you left off" and "what is due" list.

One short list: unfinished and paused exercise sessions first (a paused one says when the
partners agreed to come back), then goals waiting for a check-in today, then the next exercise
of each program the couple has started. Choosing a session resumes it exactly where it was.
The panel hides itself when there is nothing to show.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbook.errors import WorkbookError
from workbook.glance import ExerciseLine, ProgramLine

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp


def when_text(moment: datetime, now: datetime) -> str:
    """A time as people say it: "10:20", "tomorrow 10:20" or "Mon 3 Mar 10:20"."""
    day = (moment.date() - now.date()).days
    if day == 0:
        return f"{moment:%H:%M}"
    if day == 1:
        return f"tomorrow {moment:%H:%M}"
    return f"{moment:%a %-d %b %H:%M}"


class ContinuePanel(Vertical):
    """Unfinished sessions, due check-ins and next program steps, as one option list."""

    DEFAULT_CSS = """
    ContinuePanel {
        height: auto;
    }
    ContinuePanel.-empty {
        display: none;
    }
    ContinuePanel OptionList {
        height: auto;
        max-height: 6;
    }
    """

    def compose(self) -> ComposeResult:
        yield Label("Continue where you left off · what is due", classes="section-title")
        yield OptionList(id="continue-list")

    def on_mount(self) -> None:
        self.add_class("-empty")  # the screen fills it when it is shown (ScreenResume)

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def _now(self) -> datetime:
        clock = getattr(self.app, "session_clock", None)
        if callable(clock):
            value = clock()
            assert isinstance(value, datetime)
            return value
        from workbook.sessions import now

        return now()

    def refresh_items(self) -> None:
        """Re-read the store and rebuild the list, once the home screen is on display.

        Sessions need the library, goals and programs import and read more: none of it
        delays the first paint (see bench/startup.py).
        """
        self.call_after_refresh(self.fill)

    def fill(self) -> None:
        """Re-read the store and rebuild the list now."""
        if not self.is_attached:
            return
        try:
            now = self._now()
            self._fill([*self._sessions(), *self._due(now), *self._programs()])
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="warning")

    def _fill(self, options: list[Option]) -> None:
        listing = self.query_one("#continue-list", OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = 0
        self.set_class(not options, "-empty")

    def _lines(self) -> tuple[dict[str, ExerciseLine], tuple[ProgramLine, ...]]:
        """The exercises (by id) and programs as the home lists them (workbook.glance)."""
        listing = self.wb.exercise_list()
        return (listing.by_id(), listing.programs) if listing is not None else ({}, ())

    def _sessions(self) -> list[Option]:
        from workbook import sessions

        store = self.wb.store
        if store is None:
            return []
        lines = self._lines()[0]
        now = self._now()
        options: list[Option] = []
        for record in sessions.unfinished(store):
            line = lines.get(record.exercise_id)
            if line is None or line.version != record.exercise_version:
                continue
            title = line.title
            if record.status == "paused" and record.paused_until is not None:
                if record.paused_until <= now:
                    note = "time to come back"
                else:
                    note = f"paused until {when_text(record.paused_until, now)}"
            elif record.status == "paused":
                note = "paused"
            else:
                note = f"step {record.position + 1} of {record.total_steps}"
            options.append(Option(f"▶ {title} · {note}", id=f"session:{record.id}"))
        return options

    def _due(self, now: datetime) -> list[Option]:
        from workbook.goals.repo import due_on

        store, couple = self.wb.store, self.wb.couple
        if store is None:
            return []
        due = due_on(store, now.date())
        names = {p.key: p.name for p in couple.partners} if couple is not None else {}
        who: dict[str, list[str]] = {}
        titles: dict[str, str] = {}
        for partner, items in due.items():
            for item in items:
                if item.today is not None:
                    continue
                titles[item.goal.id] = item.goal.display_title()
                who.setdefault(item.goal.id, []).append(names.get(partner, partner))
        return [
            Option(f"○ Check in: {titles[gid]} ({' & '.join(people)})", id=f"goal:{gid}")
            for gid, people in who.items()
        ]

    def _programs(self) -> list[Option]:
        from workbook import program_progress

        store = self.wb.store
        if store is None:
            return []
        finished = program_progress.sittings(store)
        if not finished:
            return []
        lines, programs = self._lines()
        options: list[Option] = []
        for program in programs:
            done = program_progress.steps_done(program.exercises, finished)
            if not any(done):
                continue
            left = [e for e, d in zip(program.exercises, done, strict=True) if not d]
            upcoming = next((e for e in left if e in lines), None)
            if upcoming is None or any(o.id == f"exercise:{upcoming}" for o in options):
                continue  # two programs may share their next step: offer it once
            title = lines[upcoming].title
            options.append(Option(f"→ Next in {program.title}: {title}", id=f"exercise:{upcoming}"))
        return options

    @on(OptionList.OptionSelected, "#continue-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, ref = (event.option.id or "").partition(":")
        if kind == "session":
            self._resume(ref)
        elif kind == "exercise":
            from workbook.tui.messages import StartExercise

            self.post_message(StartExercise(ref))
        elif kind == "goal":
            from workbook.tui.messages import OpenSection

            self.post_message(OpenSection("progress"))

    def _resume(self, session_id: str) -> Any:
        from workbook import sessions
        from workbook.tui.screens.runner import RunnerScreen

        store = self.wb.store
        assert store is not None
        record = sessions.sessions(store).get(session_id)
        if record is None:
            self.app.notify("That session is no longer there.", severity="warning")
            self.refresh_items()
            return None
        self.app.push_screen(RunnerScreen(record.exercise_id, session_id=record.id))
        return None
