"""``workbook preview PATH``: an author's live preview of one exercise file.

This is its own small app rather than a screen of the workbook's: it opens no store and knows
no couple, so previewing can never write to a couple's data (the workbook's app takes the
store's lock and a daily backup when it starts). It shows :func:`workbook.preview.preview` as
Markdown: the exercise step by step as partner A or B (``p`` switches; ``s`` shows both side by
side, the default on a terminal of 140 columns or more), in each language the file has (``l``),
with its safety notes, the branch each ``when`` takes and why, and the goal and score of the
path. Problems are shown in place as ``path:line:col: message``. The file is watched with
``watchfiles`` and the preview rebuilt as soon as it is saved; ``r`` reloads by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Markdown

from workbook.partners import PARTNERS, PartnerKey, other
from workbook.preview import as_markdown, preview
from workbook.tui.bindings import bindings

WIDE = 140
"""Columns from which both partners are shown side by side at start."""


class PreviewApp(App[None]):
    """The preview of one exercise file."""

    CSS_PATH = "preview.tcss"
    TITLE = "Exercise preview"
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = bindings(
        "preview.partner", "preview.language", "preview.side", "preview.reload", "preview.quit"
    )

    def __init__(self, path: Path, *, watch: bool = True) -> None:
        super().__init__()
        self.path = path
        self.watch_file = watch
        self.partner: PartnerKey = "a"
        self.lang = "en"
        self.languages: tuple[str, ...] = ("en",)
        self.side_by_side: bool | None = None  # None: decided by the width at start
        self.reloads = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="preview-columns"):
            for partner in PARTNERS:
                with VerticalScroll(id=f"preview-{partner}", classes="preview-column"):
                    yield Markdown(id=f"preview-text-{partner}")
        yield Footer()

    def on_mount(self) -> None:
        if self.side_by_side is None:
            self.side_by_side = self.size.width >= WIDE
        self.reload()
        if self.watch_file:
            self.watch_for_saves()

    def reload(self) -> None:
        """Read the file again and show it as the chosen partner(s) in the chosen language."""
        self.reloads += 1
        for partner in PARTNERS:
            shown = preview(self.path, partner=partner, lang=self.lang)
            self.languages = shown.languages
            self.query_one(f"#preview-text-{partner}", Markdown).update(as_markdown(shown))
            column = self.query_one(f"#preview-{partner}")
            column.display = bool(self.side_by_side) or partner == self.partner

    def markdown(self, partner: PartnerKey) -> str:
        """The Markdown shown for ``partner`` (for tests and screen readers alike)."""
        return self.query_one(f"#preview-text-{partner}", Markdown).source

    def action_partner(self) -> None:
        self.partner = other(self.partner)
        self.reload()

    def action_language(self) -> None:
        index = self.languages.index(self.lang) if self.lang in self.languages else -1
        self.lang = self.languages[(index + 1) % len(self.languages)]
        self.reload()

    def action_side(self) -> None:
        self.side_by_side = not self.side_by_side
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    @work(exclusive=True, name="watch the exercise file")
    async def watch_for_saves(self) -> None:
        """Rebuild the preview whenever the file is saved (editors often replace the file, so
        its folder is watched)."""
        from watchfiles import awatch

        target = self.path.resolve()
        async for changes in awatch(target.parent, debounce=200):
            if any(Path(changed).resolve() == target for _, changed in changes):
                self.reload()


def create_preview_app(path: Path, *, watch: bool = True) -> PreviewApp:
    """The preview app for the exercise file at ``path`` (``watch=False``: no file watcher)."""
    return PreviewApp(path, watch=watch)
