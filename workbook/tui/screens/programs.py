"""Programs: multi-week paths, with each week's exercises marked done and the next one shown.

Starting an exercise here starts it as that program's step (its session records the program
and the step), so it moves this program on and no other
(:mod:`workbook.program_progress`).

A week may end with a review sitting: each partner's first and latest check-in scores, side by
side, so the couple can see how far they have come.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from workbook.tui.bindings import screen_bindings
from workbook.tui.messages import StartExercise
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

if TYPE_CHECKING:
    from collections.abc import Mapping

    from workbook.goals.scores import TrendPoint
    from workbook.partners import PartnerKey
    from workbook.sessions import SessionOrigin
    from workbook.tui.app import WorkbookApp


def review_summary(
    scores: Mapping[PartnerKey, tuple[TrendPoint, TrendPoint]], names: Mapping[PartnerKey, str]
) -> str:
    """Each partner's first and latest score side by side, e.g. ``Sam 2.4 → 3.1``."""
    if not scores:
        return "no check-in scores yet"
    return " · ".join(
        f"{names.get(key, key)} {round(first.value, 1):g} → {round(latest.value, 1):g}"
        for key, (first, latest) in sorted(scores.items())
    )


class ProgramsScreen(SharedScreen, Screen[None]):
    """Every program, week by week; Enter starts the highlighted exercise."""

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings("back", "timeout", "help")

    def __init__(self) -> None:
        super().__init__()
        #: The program step each exercise option starts, so its session records the program.
        self.origins: dict[str, SessionOrigin] = {}

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="programs-summary", markup=False)
        yield OptionList(id="programs-list")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Programs"
        self.refresh_programs()

    def refresh_programs(self) -> None:
        from workbook import program_progress
        from workbook.exercises import load_programs
        from workbook.exercises.models import text
        from workbook.goals import scores
        from workbook.sessions import SessionOrigin

        library, store = self.wb.library, self.wb.store
        listing = self.query_one("#programs-list", OptionList)
        listing.clear_options()
        self.origins.clear()
        if library is None or store is None:
            return
        programs = load_programs(library)
        finished = program_progress.sittings(store)
        couple = self.wb.couple
        names = {p.key: p.name for p in couple.partners} if couple is not None else {}
        lang = self.wb.language
        options: list[Option] = []
        summary: list[str] = []
        first_next: int | None = None
        for program in programs.programs.values():
            steps = program_progress.program_steps(program)
            done = program_progress.steps_done(steps, finished.of(program.id))
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
                    option_id = f"ex:{program.id}:{week.week}:{exercise_id}"
                    self.origins[option_id] = SessionOrigin(program=program.id, step=position)
                    position += 1
                    options.append(Option(label, id=option_id, disabled=exercise is None))
                if week.review is not None:
                    found = scores.first_and_latest(store, week.review.scale)
                    options.append(
                        Option(
                            f"   ◇ {text(week.review.title, lang)}: {review_summary(found, names)}",
                            id=f"review:{program.id}:{week.week}",
                            disabled=True,
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
            exercise_id = option_id.rsplit(":", 1)[1]
            self.post_message(StartExercise(exercise_id, self.origins.get(option_id)))

    def action_go_back(self) -> None:
        self.dismiss(None)
