"""Charts for the progress screen, drawn by textual-plotext's ``PlotextPlot`` (no hand drawing).

:class:`TrendChart` shows one line per partner over dates (ratings of a goal, or a scale's
scores), in each partner's own colour, with optional horizontal reference lines (a scale's
cutoffs). What it shows is kept in plain attributes (``series``, ``lines``), so tests and the
screen can read the data without parsing the drawing.

A chart never plots more points than it has columns: a longer series (ten years of daily
ratings is about 1,800 points a partner) is shown as the mean per week, month, quarter or year,
the shortest of those that fits, and the heading says so (:func:`fit`). Plotting every point
cost about 0.2 s for a picture no finer than the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import fmean

from rich.cells import cell_len
from rich.color import Color, ColorParseError
from textual_plotext import PlotextPlot

MAX_TICKS = 6  # date labels on the x axis
DEFAULT_COLUMNS = 60  # before the chart has been laid out


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


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month(day: date) -> date:
    return day.replace(day=1)


def _quarter(day: date) -> date:
    return date(day.year, day.month - (day.month - 1) % 3, 1)


def _year(day: date) -> date:
    return date(day.year, 1, 1)


# Calendar buckets, finest first: (word for the heading, the first day of a day's bucket).
BUCKETS: tuple[tuple[str, Callable[[date], date]], ...] = (
    ("week", _week),
    ("month", _month),
    ("quarter", _quarter),
    ("year", _year),
)


def fit(series: list[Series], columns: int) -> tuple[list[Series], str]:
    """The series as plotted in ``columns`` columns, and the bucket word ("" if unchanged).

    When some series has more points than columns, every series is shown as the mean of each
    week (or month, quarter, year: the finest that fits), dated by the bucket's first day, so
    the partners' lines stay comparable.
    """
    if all(len(s.points) <= columns for s in series):
        return series, ""
    # Count each bucketing's points first and average only the one chosen: ten years of daily
    # ratings try weeks and months before quarters fit.
    for word, start_of in BUCKETS:  # noqa: B007 (the last one is wanted after the loop)
        if all(len({start_of(day) for day, _ in s.points}) <= columns for s in series):
            break
    return [Series(s.label, s.colour, _means(s.points, start_of)) for s in series], word


def _means(
    points: list[tuple[date, float]], start_of: Callable[[date], date]
) -> list[tuple[date, float]]:
    buckets: dict[date, list[float]] = {}
    for day, value in points:
        buckets.setdefault(start_of(day), []).append(value)
    return [(day, fmean(values)) for day, values in sorted(buckets.items())]


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
        self.bucket = ""  # "week", "month"...: what one plotted point stands for, if not a day
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
        columns = self.content_size.width or DEFAULT_COLUMNS
        self.series, self.bucket = fit([s for s in series if s.points], columns)
        if self.bucket:
            heading = f"{heading}, mean per {self.bucket}"
        self.heading = heading
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
