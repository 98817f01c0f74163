"""Programs: multi-week paths, with each week's exercises marked done and the next one shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from workbook.tui.bindings import bindings
from workbook.tui.messages import StartExercise
from workbook.tui.privacy import SharedScreen

if TYPE_CHECKING:
    from workbook.exercises.models import Program
    from workbook.tui.app import WorkbookApp


def next_exercise(program: Program, done: set[str]) -> str | None:
    """The first exercise of the program, week by week, not finished yet."""
    for week in program.weeks:
        for exercise_id in week.exercises:
            if exercise_id not in done:
                return exercise_id
    return None


class ProgramsScreen(SharedScreen, Screen[None]):
    """Every program, week by week; Enter starts the highlighted exercise."""

    CSS_PATH = "session.tcss"
    BINDINGS = bindings("back", "timeout", "help")

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="programs-summary", markup=False)
        yield OptionList(id="programs-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Programs"
        self.refresh_programs()

    def refresh_programs(self) -> None:
        from workbook import sessions
        from workbook.exercises import load_programs
        from workbook.exercises.models import text

        library, store = self.wb.library, self.wb.store
        listing = self.query_one("#programs-list", OptionList)
        listing.clear_options()
        if library is None or store is None:
            return
        programs = load_programs(library)
        done = sessions.finished_ids(store)
        lang = self.wb.language
        options: list[Option] = []
        summary: list[str] = []
        first_next: int | None = None
        for program in programs.programs.values():
            upcoming = next_exercise(program, done)
            ids = [e for w in program.weeks for e in w.exercises]
            finished = sum(1 for e in ids if e in done)
            title = text(program.title, lang)
            summary.append(f"{title}: {finished} of {len(ids)} done")
            options.append(
                Option(Text(title, style="bold"), id=f"program:{program.id}", disabled=True)
            )
            for week in program.weeks:
                options.append(
                    Option(
                        f" Week {week.week}: {text(week.title, lang)}",
                        disabled=True,
                        id=f"week:{program.id}:{week.week}",
                    )
                )
                for exercise_id in week.exercises:
                    exercise = library.exercises.get(exercise_id)
                    name = text(exercise.title, lang) if exercise else exercise_id
                    if exercise_id in done:
                        label = f"   ✓ {name}"
                    elif exercise_id == upcoming:
                        label = f"   → {name} (next)"
                        if first_next is None:
                            first_next = len(options)
                    else:
                        label = f"   ○ {name}"
                    options.append(
                        Option(
                            label,
                            id=f"ex:{program.id}:{week.week}:{exercise_id}",
                            disabled=exercise is None,
                        )
                    )
        if programs.problems:
            summary.append(f"{len(programs.problems)} program file(s) could not be read.")
        self.query_one("#programs-summary", Static).update(
            "\n".join(summary) or "No programs were found."
        )
        listing.add_options(options)
        if first_next is not None:
            listing.highlighted = first_next
        listing.focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_programs()

    @on(OptionList.OptionSelected, "#programs-list")
    def _start(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("ex:"):
            self.post_message(StartExercise(option_id.rsplit(":", 1)[1]))

    def action_go_back(self) -> None:
        self.dismiss(None)
