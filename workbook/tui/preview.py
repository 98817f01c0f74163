"""``workbook preview FILE``: an author's live view of one exercise file.

The left column lists the steps (a dimmed one is skipped on the previewed path); the right shows
the chosen step as partner A or B meets it, in one of the file's languages, with its branch, the
sample answer the path used, and at the end the goals and score the path would produce. Problems
in the file are shown in place, at ``file:line:col``, instead of closing the preview. The file is
watched (watchfiles) and the preview reloads within a second of each save. The couple's data is
never opened: the app is built from the file alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.markdown import Markdown
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbook.partners import PartnerKey, other
from workbook.preview import Preview, StepPreview, build_preview
from workbook.tui.app import SAFE_SYSTEM_COMMANDS
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter


def _step_body(preview: Preview, step: StepPreview) -> list[Text | Markdown]:
    """The right-hand column for one step, as renderables."""
    head = Text.assemble(
        (f"Step {step.number}: {step.step_id}", "bold"), f"  [{step.kind}]  who: {step.who}"
    )
    parts: list[Text | Markdown] = [head]
    if not step.shown:
        parts.append(Text("Not shown on this path.", style="italic"))
    if step.branch:
        parts.append(Text(step.branch, style="yellow"))
    if step.title:
        parts.append(Text(step.title, style="bold"))
    if step.words.strip():
        parts.append(Markdown(step.words))
    parts += [Text(line) for line in step.details]
    if step.sample:
        parts.append(Text(f"Sample answer on this path: {step.sample}", style="dim"))
    return parts


def _outcome(preview: Preview) -> list[Text | Markdown]:
    parts: list[Text | Markdown] = [Text("At the end of this path", style="bold")]
    if preview.failure:
        parts.append(Text(preview.failure, style="red"))
    parts += [Text(f"Goal: {goal}") for goal in preview.goals] or [Text("No goal is created.")]
    parts += [Text(f"Score: {line}") for line in preview.scores]
    return parts


class PreviewScreen(SharedScreen, Screen[None]):
    """The exercise step by step, as one partner in one language; reloads on save."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "partner", "Partner A/B"),
        Binding("l", "language", "Language"),
        Binding("s", "side_by_side", "Side by side"),
        Binding("r", "reload", "Reload"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, path: Path, *, lang: str = "en") -> None:
        super().__init__()
        self.path = path
        self.viewer: PartnerKey = "a"
        self.lang = lang
        self.both = False
        self.previews: dict[PartnerKey, Preview] = {}
        self.reloads = 0

    def compose(self) -> ComposeResult:
        yield Static(id="preview-title")
        yield Static(id="preview-problems")
        with Horizontal(id="preview-body"):
            yield OptionList(id="preview-steps")
            with VerticalScroll(id="preview-a"):
                yield Static(id="preview-view-a")
            with VerticalScroll(id="preview-b"):
                yield Static(id="preview-view-b")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.watch_file()

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file again and redraw; keeps the chosen step where it still exists."""
        self.previews = {p: build_preview(self.path, p, self.lang) for p in ("a", "b")}
        self.lang = self.previews["a"].lang
        self.reloads += 1
        steps = self.query_one("#preview-steps", OptionList)
        keep = steps.highlighted or 0
        steps.clear_options()
        current = self.previews[self.viewer]
        for step in current.steps:
            label = Text(f"{step.number:>2}. {step.step_id} ({step.kind})")
            if not step.shown:
                label.stylize("dim")
            steps.add_option(Option(label, id=step.step_id))
        if current.steps:
            steps.add_option(Option(Text("   At the end"), id="__end__"))
            steps.highlighted = min(keep, steps.option_count - 1)
        self._draw()

    @work(exclusive=True, group="watch", name="watch the exercise file")
    async def watch_file(self) -> None:
        """Reload whenever the file is saved (editors often replace it, so watch the folder)."""
        from watchfiles import awatch

        target = self.path.resolve()
        async for changes in awatch(target.parent, debounce=200, step=50):
            if any(Path(changed).resolve() == target for _, changed in changes):
                self.reload()

    # --- drawing -------------------------------------------------------------------------------

    def _draw(self) -> None:
        current = self.previews[self.viewer]
        languages = " ".join(
            f"[{code}]" if code == current.lang else code for code in current.languages
        )
        who = "side by side" if self.both else f"as Partner {self.viewer.upper()}"
        title = Text.assemble(
            ("Preview ", "bold"),
            f"{current.title or self.path.name} · {who} · language {languages} · {self.path}",
        )
        self.query_one("#preview-title", Static).update(title)
        problems = self.query_one("#preview-problems", Static)
        problems.update(Text("\n".join(str(p) for p in current.problems), style="red"))
        problems.set_class(not current.problems, "-empty")
        self.query_one("#preview-b").set_class(not self.both, "-hidden")
        self._draw_view("a" if self.both else self.viewer, "#preview-view-a")
        if self.both:
            self._draw_view("b", "#preview-view-b")

    def _draw_view(self, viewer: PartnerKey, target: str) -> None:
        preview = self.previews[viewer]
        steps = self.query_one("#preview-steps", OptionList)
        chosen = steps.highlighted
        parts: list[Text | Markdown] = []
        if preview.errors:
            parts.append(Text("Fix the problems above; the preview updates when you save."))
        elif chosen is None or chosen >= len(preview.steps):
            parts = _outcome(preview)
        else:
            if chosen == 0:
                parts.append(Text(preview.summary, style="italic"))
                parts.append(Text(preview.facts, style="dim"))
                parts += [
                    Text(f"Safety note: {note}", style="bold") for note in preview.safety_notes
                ]
            parts += _step_body(preview, preview.steps[chosen])
        if self.both:
            parts.insert(0, Text(f"Partner {viewer.upper()}", style="reverse"))
        self.query_one(target, Static).update(Group(*parts))

    @on(OptionList.OptionHighlighted, "#preview-steps")
    def _moved(self) -> None:
        self._draw()

    # --- keys ----------------------------------------------------------------------------------

    def action_partner(self) -> None:
        """Show the exercise as the other partner."""
        self.both = False
        self.viewer = other(self.viewer)
        self._draw()

    def action_language(self) -> None:
        """Move to the file's next language."""
        languages = self.previews[self.viewer].languages
        index = languages.index(self.lang) if self.lang in languages else -1
        self.lang = languages[(index + 1) % len(languages)]
        self.reload()

    def action_side_by_side(self) -> None:
        """Show both partners at once (best on a wide terminal)."""
        self.both = not self.both
        self._draw()

    def action_reload(self) -> None:
        """Read the file again now."""
        self.reload()


class PreviewApp(App[int]):
    """The preview on its own: no store, no couple, nothing written."""

    CSS_PATH = "preview.tcss"
    TITLE = "Exercise preview"
    ALLOW_SELECT = False

    def __init__(self, path: Path, *, lang: str = "en") -> None:
        super().__init__()
        self.path = path
        self.lang = lang

    def on_mount(self) -> None:
        self.push_screen(PreviewScreen(self.path, lang=self.lang))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The workbook's safe system commands only (no screenshot), as in the main app."""
        for command in super().get_system_commands(screen):
            if command.title in SAFE_SYSTEM_COMMANDS:
                yield command


def create_preview_app(path: Path, *, lang: str = "en") -> PreviewApp:
    """The preview app for ``path``; the CLI and the tests both use this."""
    return PreviewApp(path, lang=lang)
