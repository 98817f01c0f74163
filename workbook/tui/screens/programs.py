"""Programs: multi-week paths, with each week's exercises marked done and the next one shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from workbook.tui.bindings import screen_bindings
from workbook.tui.messages import StartExercise

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp


class ProgramsScreen(Screen[None]):
    """Every program, week by week; Enter starts the highlighted exercise."""

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings("back", "timeout", "help")

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
        from workbook import program_progress
        from workbook.exercises import load_programs
        from workbook.exercises.models import text

        library, store = self.wb.library, self.wb.store
        listing = self.query_one("#programs-list", OptionList)
        listing.clear_options()
        if library is None or store is None:
            return
        programs = load_programs(library)
        finished = program_progress.sittings(store)
        lang = self.wb.language
        options: list[Option] = []
        summary: list[str] = []
        first_next: int | None = None
        for program in programs.programs.values():
            steps = program_progress.program_steps(program)
            done = program_progress.steps_done(steps, finished)
            marks = iter(done)
            upcoming_at = done.index(False) if False in done else None
            title = text(program.title, lang)
            summary.append(f"{title}: {sum(done)} of {len(steps)} done")
            position = 0
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
                    if next(marks):
                        label = f"   ✓ {name}"
                    elif position == upcoming_at:
                        label = f"   → {name} (next)"
                        if first_next is None:
                            first_next = len(options)
                    else:
                        label = f"   ○ {name}"
                    position += 1
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
