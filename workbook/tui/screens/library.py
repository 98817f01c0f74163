"""The library: browse every exercise by category, mode and length, search by text, read the
description and the guides before starting."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Select
from textual.widgets.option_list import Option

from workbook.couple import HELP_GUIDE, help_markdown
from workbook.tui.bindings import screen_bindings
from workbook.tui.markdown import Markdown
from workbook.tui.messages import StartExercise
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

if TYPE_CHECKING:
    from workbook.exercises.models import Exercise, Pack
    from workbook.tui.app import WorkbookApp

MODES = {"together": "Together", "solo": "On your own", "private": "Private"}
LENGTHS = {"short": "Up to 10 min", "medium": "11 to 20 min", "long": "Over 20 min"}


def length_of(minutes: int) -> str:
    """The length bucket of an exercise."""
    return "short" if minutes <= 10 else "medium" if minutes <= 20 else "long"


def matches(exercise: Exercise, words: str, lang: str = "en") -> bool:
    """Whether each word of ``words`` is in the title, summary, tags, category or approach."""
    from workbook.exercises.models import text

    haystack = " ".join(
        [
            text(exercise.title, lang),
            text(exercise.summary, lang),
            exercise.approach,
            exercise.category,
            " ".join(exercise.tags),
        ]
    ).casefold()
    return all(word in haystack for word in words.casefold().split())


def filter_exercises(
    exercises: Iterable[Exercise],
    *,
    words: str = "",
    category: str | None = None,
    mode: str | None = None,
    length: str | None = None,
    lang: str = "en",
) -> list[Exercise]:
    """The exercises passing every filter, sorted by category then title."""
    from workbook.exercises.models import text

    found = [
        e
        for e in exercises
        if (category is None or e.category == category)
        and (mode is None or e.mode == mode)
        and (length is None or length_of(e.minutes) == length)
        and matches(e, words, lang)
    ]
    return sorted(found, key=lambda e: (e.category, text(e.title, lang).casefold()))


def guide_path(app: WorkbookApp, exercise_id: str, name: str) -> Path | None:
    """Where guide ``name`` of an exercise lives (its pack's guides first, then ours)."""
    from workbook import locations

    library = app.library
    folders: list[Path] = []
    if library is not None and exercise_id in library.entries:
        folders.extend(library.entries[exercise_id].source.guide_dirs())
    folders.append(locations.guides_dir())
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def describe(exercise: Exercise, lang: str, pack: Pack | None = None) -> str:
    """An exercise's description as Markdown, for the detail pane; ``pack``: the facilitator's
    pack it comes from (said, so a couple knows whose words these are)."""
    from workbook.exercises.models import text

    lines = [
        f"## {text(exercise.title, lang)}",
        "",
        text(exercise.summary, lang),
        "",
        f"**{exercise.minutes} minutes · {MODES.get(exercise.mode, exercise.mode).lower()} · "
        f"{len(exercise.steps)} steps**",
        "",
        f"Draws on: {exercise.approach}",
    ]
    if pack is not None:
        lines += ["", f"From the pack *{pack.name}* by {pack.author} (version {pack.version})."]
    if exercise.source:
        lines += ["", f"Read more: {exercise.source}"]
    if exercise.tags:
        lines += ["", "Tags: " + ", ".join(exercise.tags)]
    if exercise.safety_notes:
        lines += ["", "### Before you start", ""]
        lines += [f"- {text(note, lang)}" for note in exercise.safety_notes]
    if exercise.guides:
        lines += ["", "### Guides (Ctrl+G to read)", ""]
        lines += [f"- {name.removesuffix('.md').replace('-', ' ')}" for name in exercise.guides]
    lines += ["", "Press Enter (or Ctrl+N) to begin."]
    return "\n".join(lines)


class GuideScreen(SharedScreen, Screen[None]):
    """A guide (Markdown from ``content/guides``) to read before starting."""

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings("back", "timeout", "help")

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.guide_title = title
        self.body = body

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="guide"):
            yield Markdown(self.body, id="guide-text")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.guide_title
        self.query_one("#guide").focus()

    def action_go_back(self) -> None:
        self.dismiss(None)


class LibraryScreen(SharedScreen, Screen[None]):
    """Filters and search above a list of exercises and the highlighted one's description."""

    CSS_PATH = "session.tcss"
    BINDINGS = screen_bindings(
        "library.search", "library.start", "library.guide", "back", "timeout", "help"
    )

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def compose(self) -> ComposeResult:
        library = self.wb.library
        categories = sorted(library.categories()) if library is not None else []
        from workbook.tui.screens.home import category_title

        yield Header()
        with Horizontal(classes="filters"):
            yield Input(placeholder="Search words…", id="library-search")
            yield Select(
                [(category_title(c), c) for c in categories],
                prompt="Any category",
                id="filter-category",
            )
            yield Select([(v, k) for k, v in MODES.items()], prompt="Any mode", id="filter-mode")
            yield Select(
                [(v, k) for k, v in LENGTHS.items()], prompt="Any length", id="filter-length"
            )
        with Horizontal(classes="browse"):
            yield OptionList(id="library-list")
            with VerticalScroll(classes="detail", id="library-detail-box"):
                yield Markdown("", id="library-detail")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.title = "Exercise library"
        self.refresh_list()
        self.query_one("#library-list", OptionList).focus()

    def _select(self, widget_id: str) -> str | None:
        value: Any = self.query_one(widget_id, Select).value
        return None if value is Select.NULL else str(value)

    def shown(self) -> list[Exercise]:
        """The exercises the current filters and search let through."""
        library = self.wb.library
        if library is None:
            return []
        return filter_exercises(
            library.exercises.values(),
            words=self.query_one("#library-search", Input).value,
            category=self._select("#filter-category"),
            mode=self._select("#filter-mode"),
            length=self._select("#filter-length"),
            lang=self.wb.language,
        )

    def _from_pack(self, exercise_id: str) -> tuple[bool, Pack | None]:
        """Whether the exercise comes from a facilitator's pack, and the pack's own details."""
        library = self.wb.library
        entry = library.entries.get(exercise_id) if library is not None else None
        if entry is None or entry.source.kind != "pack":
            return False, None
        return True, entry.source.pack

    def _pack_mark(self, exercise_id: str) -> str:
        from_pack, pack = self._from_pack(exercise_id)
        if not from_pack:
            return ""
        return f" · pack: {pack.name}" if pack is not None else " · from a pack"

    def refresh_list(self) -> None:
        from workbook.exercises.models import text

        lang = self.wb.language
        listing = self.query_one("#library-list", OptionList)
        listing.clear_options()
        found = self.shown()
        listing.add_options(
            [
                Option(f"{text(e.title, lang)} ({e.minutes} min){self._pack_mark(e.id)}", id=e.id)
                for e in found
            ]
        )
        if found:
            listing.highlighted = 0
        else:
            self.query_one("#library-detail", Markdown).update(
                "Nothing matches. Try fewer words or another filter."
            )

    @on(Input.Changed, "#library-search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#library-search")
    def _search_done(self) -> None:
        self.query_one("#library-list", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#library-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        exercise = self._exercise(event.option.id)
        if exercise is not None:
            pack = self._from_pack(exercise.id)[1]
            self.query_one("#library-detail", Markdown).update(
                describe(exercise, self.wb.language, pack)
            )

    @on(OptionList.OptionSelected, "#library-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(StartExercise(event.option.id))

    def _exercise(self, exercise_id: str | None) -> Exercise | None:
        library = self.wb.library
        if library is None or exercise_id is None:
            return None
        return library.exercises.get(exercise_id)

    def highlighted(self) -> Exercise | None:
        listing = self.query_one("#library-list", OptionList)
        if listing.highlighted is None:
            return None
        return self._exercise(listing.get_option_at_index(listing.highlighted).id)

    def action_search(self) -> None:
        self.query_one("#library-search", Input).focus()

    def action_start(self) -> None:
        exercise = self.highlighted()
        if exercise is not None:
            self.post_message(StartExercise(exercise.id))

    def action_guide(self) -> None:
        """Open the highlighted exercise's guides (all of them, one after another)."""
        exercise = self.highlighted()
        if exercise is None:
            return
        if not exercise.guides:
            self.app.notify("This exercise has no guide; its description says what to expect.")
            return
        parts: list[str] = []
        for name in exercise.guides:
            path = guide_path(self.wb, exercise.id, name)
            if path is None:
                continue
            try:
                body = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if name == HELP_GUIDE:
                body = f"{body.rstrip()}\n\n{help_markdown(self.wb.couple)}"
            parts.append(body)
        if not parts:
            self.app.notify("The guide for this exercise could not be found.", severity="warning")
            return
        from workbook.exercises.models import text

        self.app.push_screen(GuideScreen(text(exercise.title), "\n\n---\n\n".join(parts)))

    def action_go_back(self) -> None:
        self.dismiss(None)
