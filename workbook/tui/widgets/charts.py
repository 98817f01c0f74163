"""Charts for the progress screen, drawn by textual-plotext's ``PlotextPlot`` (no hand drawing).

:class:`TrendChart` shows one line per partner over dates (ratings of a goal, or a scale's
scores), in each partner's own colour, with optional horizontal reference lines (a scale's
cutoffs). What it shows is kept in plain attributes (``series``, ``lines``), so tests and the
screen can read the data without parsing the drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len
from rich.color import Color, ColorParseError
from textual_plotext import PlotextPlot

MAX_TICKS = 6  # date labels on the x axis


@dataclass(frozen=True)
class Series:
    """One line: a label (a partner's name), a colour name and dated values."""

    label: str
    colour: str
    points: list[tuple[date, float]] = field(default_factory=list)


@dataclass(frozen=True)
class RefLine:
    """A horizontal reference line, e.g. where a scale's band starts."""

    value: float
    label: str


def rgb(colour: str) -> tuple[int, int, int]:
    """A colour name Rich understands as an RGB triple plotext can draw (grey if unknown)."""
    try:
        triplet = Color.parse(colour).get_truecolor()
    except ColorParseError:
        return (160, 160, 160)
    return (triplet.red, triplet.green, triplet.blue)


def narrow(words: str) -> str:
    """``words`` without characters wider than one cell (emoji, CJK), for plotext.

    plotext counts every character as one cell, so a name like "Sam 🌻" pushed the chart's
    right border out of line. The chart shows the rest of the name; everything else on the
    screen shows it whole.
    """
    kept = "".join(ch for ch in words if cell_len(ch) == 1)
    return " ".join(kept.split()) or "?"


class TrendChart(PlotextPlot):
    """Partners' values over time, with optional reference lines."""

    DEFAULT_CSS = """
    TrendChart {
        height: 14;
        min-height: 8;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.heading = ""
        self.series: list[Series] = []
        self.lines: list[RefLine] = []

    def show(
        self,
        heading: str,
        series: list[Series],
        *,
        y_range: tuple[float, float] | None = None,
        lines: list[RefLine] | None = None,
        y_label: str = "",
    ) -> None:
        """Replace what the chart shows and redraw it."""
        self.heading = heading
        self.series = [s for s in series if s.points]
        self.lines = list(lines or [])
        plt = self.plt
        plt.clear_figure()
        plt.title(narrow(heading if self.series else f"{heading}: nothing recorded yet"))
        if y_label:
            plt.ylabel(y_label)
        days = sorted({d for line in self.series for d, _ in line.points})
        first = days[0] if days else date.today()
        for line in self.series:
            xs = [(d - first).days for d, _ in line.points]
            values = [v for _, v in line.points]
            plt.plot(xs, values, label=narrow(line.label), color=rgb(line.colour), marker="braille")
            plt.scatter(xs, values, color=rgb(line.colour), marker="dot")
        if days:
            # Day numbers on the axis, labelled as dates; at most MAX_TICKS of them.
            step = max(1, -(-len(days) // MAX_TICKS))
            shown = days[::step]
            plt.xticks([(d - first).days for d in shown], [d.strftime("%d %b") for d in shown])
        for ref in self.lines:
            plt.hline(ref.value, (128, 128, 128))
        if y_range is not None:
            plt.ylim(*y_range)
        self.refresh()
