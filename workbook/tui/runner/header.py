"""The runner's header: the exercise title, the step count, the progress bar and the turn bar
that always says whose turn it is, in that partner's colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Static

if TYPE_CHECKING:
    from textual.widget import Widget

    from workbook.couple import Couple


def colour(couple: Couple | None, widget: Widget, key: str | None) -> None:
    """Give ``widget`` the colour of ``key``'s partner (or of both, or none)."""
    for k in ("a", "b", "both"):
        widget.set_class(key == k, f"-partner-{k}")
    if couple is not None:
        for partner in couple.partners:
            widget.set_class(key == partner.key, f"-colour-{partner.colour}")


class RunnerHeader(Vertical):
    """Title and step count, progress, and the turn bar (attributes down: the screen sets them)."""

    DEFAULT_CSS = """
    RunnerHeader {
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="runner-top"):
            yield Static("", id="runner-title", markup=False)
            yield Static("", id="runner-step", markup=False)
        yield ProgressBar(id="runner-progress", show_eta=False, show_percentage=False)
        yield Static("", id="turn-bar", markup=False)

    def show_title(self, title: str) -> None:
        self.query_one("#runner-title", Static).update(title)

    def show_step(self, position: int, total: int) -> None:
        """Step ``position`` (0-based) of ``total``; ``position == total`` means finished."""
        self.query_one("#runner-progress", ProgressBar).update(
            total=total, progress=min(position, total)
        )
        words = "Finished" if position >= total else f"Step {position + 1} of {total}"
        self.query_one("#runner-step", Static).update(words)

    def show_turn(self, words: str, key: str, couple: Couple | None) -> None:
        """Whose turn it is, in words, coloured for ``key`` (a partner or ``both``)."""
        bar = self.query_one("#turn-bar", Static)
        bar.update(Text(f" ● {words}", style="bold"))
        colour(couple, bar, key)
