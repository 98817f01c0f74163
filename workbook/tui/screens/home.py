"""The home screen: the exercise library by category, and the way to every other section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.glance import ExerciseLine, ExerciseList
from workbook.tui.bindings import REGISTRY, screen_bindings
from workbook.tui.messages import OpenSection, StartExercise
from workbook.tui.privacy import SharedScreen
from workbook.tui.sections import SECTIONS
from workbook.tui.widgets.continue_panel import ContinuePanel
from workbook.tui.widgets.footer import SafetyFooter

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
    "recovery": "Recovery, side by side",
}


def category_title(slug: str) -> str:
    """A category's heading: a friendly name for the bundled ones, the slug in words otherwise."""
    return CATEGORY_TITLES.get(slug, slug.replace("-", " ").capitalize())


def section_label(section: str, title: str) -> str:
    """A section in the "Go to" list with its key, e.g. "Exercise library  l"."""
    keys = [k.keys for k in REGISTRY.values() if k.action == f"section('{section}')"]
    return f"{title}  {keys[0]}" if keys else title


class HomeScreen(SharedScreen, Screen[None]):
    """Lists the exercises found (by category) and the sections of the workbook."""

    BINDINGS = screen_bindings(
        "home.library",
        "home.journal",
        "home.goals",
        "home.history",
        "home.settings",
        "gethelp",
        "help",
        "quit",
    )

    def __init__(self) -> None:
        super().__init__()
        self._shown: ExerciseList | None = None  # what the exercise list shows now
        self._lines: dict[str, ExerciseLine] = {}
        self._checked = False  # compared with the library's own list (see _check_library)

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
                    *[Option(section_label(s.id, s.title), id=s.id) for s in SECTIONS],
                    id="section-list",
                )
        yield SafetyFooter()

    def on_mount(self) -> None:
        names = self.wb.partner_names()
        if names:
            self.title = "Couples Workbook"
            self.sub_title = " & ".join(names)
        self.query_one("#exercise-list", OptionList).focus()
        # The exercise lines kept from the last start (still matching every file) go into
        # the first frame; the library itself loads once the screen is on display.
        if self.wb.kept_exercises is not None:
            self._show_exercises(self.wb.kept_exercises)

    def refresh_library(self) -> None:
        """Fill the exercise list and the banner from the app's lines (workbook.glance)."""
        couple = self.wb.couple  # loads and validates the stored couple the glance showed
        if couple is not None:
            self.sub_title = " & ".join(p.name for p in couple.partners)
        listing = self.wb.exercise_list() or ExerciseList(())
        if listing != self._shown:
            self._show_exercises(listing)

    def _show_exercises(self, listing: ExerciseList) -> None:
        self._shown = listing
        self._lines = {line.id: line for line in listing.lines}
        options: list[Option] = []
        category = None
        for line in listing.lines:  # grouped by category, in order (workbook.glance)
            if line.category != category:
                category = line.category
                heading = Text(category_title(category), style="bold")
                options.append(Option(heading, id=f"cat:{category}", disabled=True))
            label = Text(f"  {line.title}  ({line.minutes} min)")
            options.append(Option(label, id=f"ex:{line.id}"))
        exercise_list = self.query_one("#exercise-list", OptionList)
        exercise_list.clear_options()
        exercise_list.add_options(options)
        if not options:
            self.query_one("#exercise-detail", Static).update(
                "No exercises were found. Run `workbook where` to see where they are looked for."
            )
        banner = self.wb.banner_text(listing.problems)
        self.query_one("#home-banner", Static).update(banner)
        self.set_class(bool(banner), "-with-banner")
        if self.focused is None:  # filled after the first paint: never steal the focus
            exercise_list.focus()
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is not None:
            exercise_list.highlighted = first

    def on_screen_resume(self) -> None:
        """Shown at start, or again after an exercise, a time-out or the settings: once on
        display, bring the exercise list (e.g. a new language) and what is unfinished up to date.
        """
        self.call_after_refresh(self._refresh_all)

    def _refresh_all(self) -> None:
        # One callback, so the library, the couple and the "continue" list all arrive in the
        # same next frame (bench/startup.py, "settled").
        self.refresh_library()
        self.query_one(ContinuePanel).fill()
        if not self._checked:
            self.call_after_refresh(self._check_library)

    def _check_library(self) -> None:
        """Load the library (for Enter, so it is ready) and show its own list if it differs.

        The app has then settled: when its start set objects aside, what it holds by now is
        set aside too (workbook.collector).
        """
        from workbook import collector

        self._checked = True
        listing = self.wb.exercise_list(from_library=True)
        if listing is not None and listing != self._shown:
            self._show_exercises(listing)
            self.query_one(ContinuePanel).fill()
        if self.wb.collector_set_aside:
            collector.set_aside_settled()

    @on(OptionList.OptionHighlighted, "#exercise-list")
    def _show_detail(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id or ""
        line = self._lines.get(option_id[3:]) if option_id.startswith("ex:") else None
        if line is None:
            return
        detail = Text()
        detail.append(line.title, style="bold")
        detail.append(f"\n{line.summary}\n\n")
        detail.append(f"{line.minutes} minutes, {MODE_WORDS.get(line.mode, line.mode)}")
        detail.append(f"\nDraws on: {line.approach}\n\nPress Enter to begin.")
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
