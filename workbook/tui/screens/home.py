"""The home screen: the exercise library by category, and the way to every other section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.tui.bindings import bindings
from workbook.tui.messages import OpenSection, StartExercise
from workbook.tui.sections import SECTIONS
from workbook.tui.widgets.continue_panel import ContinuePanel

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

MODE_WORDS = {"together": "together", "solo": "on your own", "private": "private"}


CATEGORY_TITLES = {
    "communication": "Talking and listening",
    "trust-intimacy": "Trust and closeness",
    "journaling": "Journaling prompts",
    "growth": "Growing on your own",
    "boundaries": "Needs, expectations and boundaries",
    "conflict": "Working through conflict",
    "check-ins": "Check-ins",
}


def category_title(slug: str) -> str:
    """A category's heading: a friendly name for the bundled ones, the slug in words otherwise."""
    return CATEGORY_TITLES.get(slug, slug.replace("-", " ").capitalize())


class HomeScreen(Screen[None]):
    """Lists the exercises found (by category) and the sections of the workbook."""

    BINDINGS = bindings(
        "home.library",
        "home.journal",
        "home.goals",
        "home.history",
        "home.settings",
        "help",
        "quit",
    )

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="home-banner", classes="banner")
        with Horizontal(id="home-body"):
            with Vertical(id="home-left"):
                yield ContinuePanel(id="home-continue")
                yield Label("Exercises", classes="section-title")
                yield OptionList(id="exercise-list")
            with Vertical(id="home-right"):
                yield Static("", id="exercise-detail")
                yield Label("Go to", classes="section-title")
                yield OptionList(
                    *[Option(f"{s.title}", id=s.id) for s in SECTIONS], id="section-list"
                )
        yield Footer()

    def on_mount(self) -> None:
        couple = self.wb.couple
        if couple is not None:
            names = " & ".join(p.name for p in couple.partners)
            self.title = "Couples Workbook"
            self.sub_title = names
        self.query_one("#exercise-list", OptionList).focus()
        # The library loads on first use; ask for it once the screen is on display.
        self.call_after_refresh(self.refresh_library)

    def refresh_library(self) -> None:
        """Fill the exercise list and the banner from the app's library."""
        lang = self.wb.language
        library = self.wb.library
        options: list[Option | None] = []
        from workbook.exercises.models import text

        if library is not None:
            for category, exercises in sorted(library.categories().items()):
                heading = Text(category_title(category), style="bold")
                options.append(Option(heading, id=f"cat:{category}", disabled=True))
                for exercise in sorted(exercises, key=lambda e: text(e.title, lang)):
                    label = Text(f"  {text(exercise.title, lang)}  ({exercise.minutes} min)")
                    options.append(Option(label, id=f"ex:{exercise.id}"))
        exercise_list = self.query_one("#exercise-list", OptionList)
        exercise_list.clear_options()
        exercise_list.add_options([o for o in options if o is not None])
        if not options:
            self.query_one("#exercise-detail", Static).update(
                "No exercises were found. Run `workbook where` to see where they are looked for."
            )
        banner = self.wb.banner_text()
        self.query_one("#home-banner", Static).update(banner)
        self.set_class(bool(banner), "-with-banner")
        if self.focused is None:  # filled after the first paint: never steal the focus
            exercise_list.focus()
        first = next((i for i, o in enumerate(options) if o and not o.disabled), None)
        if first is not None:
            exercise_list.highlighted = first

    def on_screen_resume(self) -> None:
        """Coming back from an exercise or a time-out: show what is unfinished now."""
        self.query_one(ContinuePanel).refresh_items()

    @on(OptionList.OptionHighlighted, "#exercise-list")
    def _show_detail(self, event: OptionList.OptionHighlighted) -> None:
        from workbook.exercises.models import text

        option_id = event.option.id or ""
        library = self.wb.library
        if library is None or not option_id.startswith("ex:"):
            return
        exercise = library.exercises.get(option_id[3:])
        if exercise is None:
            return
        lang = self.wb.language
        detail = Text()
        detail.append(text(exercise.title, lang), style="bold")
        detail.append(f"\n{text(exercise.summary, lang)}\n\n")
        detail.append(f"{exercise.minutes} minutes, {MODE_WORDS.get(exercise.mode, exercise.mode)}")
        detail.append(f"\nDraws on: {exercise.approach}\n\nPress Enter to begin.")
        self.query_one("#exercise-detail", Static).update(detail)

    @on(OptionList.OptionSelected, "#exercise-list")
    def _start(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("ex:"):
            self.post_message(StartExercise(option_id[3:]))

    @on(OptionList.OptionSelected, "#section-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenSection(event.option.id))

    def action_section(self, section: str) -> None:
        self.post_message(OpenSection(section))
