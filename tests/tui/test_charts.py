"""Trend charts: at most one point per column (long series become calendar means), and a
frame that stays straight whatever the partners are called."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

from textual.app import App, ComposeResult

from workbook.tui.widgets.charts import Series, TrendChart, fit, narrow

START = date(2016, 11, 28)  # a Monday


def daily(days: int, fixed: float | None = None) -> list[tuple[date, float]]:
    """One rating a day from START: ``fixed`` if given, else cycling 1..10."""
    return [(START + timedelta(days=n), fixed or float(n % 10 + 1)) for n in range(days)]


def test_a_series_that_fits_is_plotted_point_for_point() -> None:
    """A series no longer than the chart is wide comes back as it is, with no bucket word."""
    series = [Series("Sam", "blue", daily(60)), Series("Alex", "green", daily(3, 5.0))]
    shown, word = fit(series, 60)
    assert (shown, word) == (series, "")


def test_ten_years_of_daily_ratings_become_means_of_the_finest_bucket_that_fits() -> None:
    """3,652 daily points in 60 columns: months give 120 points, too many, so quarters (about
    40); each point is the mean of its quarter, dated by the quarter's first day, and the
    shorter partner's line is bucketed the same way so the lines stay comparable."""
    long = daily(3652)
    series = [Series("Sam", "blue", long), Series("Alex", "green", daily(10, 5.0))]
    shown, word = fit(series, 60)
    assert word == "quarter"
    sam, alex = shown
    assert 0 < len(sam.points) <= 60
    first_quarter = [v for d, v in long if d < date(2017, 1, 1)]
    assert sam.points[0] == (date(2016, 10, 1), fmean(first_quarter))
    assert sam.points[1][0] == date(2017, 1, 1)
    assert alex.points == [(date(2016, 10, 1), 5.0)]
    assert (sam.label, sam.colour) == ("Sam", "blue")


def test_a_few_months_of_daily_ratings_become_weekly_means() -> None:
    """100 days in 60 columns fit as weeks: each Monday carries that week's mean."""
    shown, word = fit([Series("Sam", "blue", daily(100))], 60)
    assert word == "week"
    days = [d for d, _ in shown[0].points]
    assert all(d.weekday() == 0 for d in days)
    assert shown[0].points[0] == (START, fmean(float(n % 10 + 1) for n in range(7)))


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TrendChart(id="chart")


async def test_the_chart_plots_no_more_points_than_its_columns_and_says_so() -> None:
    """Laid out at 80 columns, a ten-year series is drawn as means whose count fits the
    chart's width, and the heading names the bucket; a short one is drawn unchanged."""
    app = ChartApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one("#chart", TrendChart)
        chart.show("How it went", [Series("Sam", "blue", daily(3652))], y_range=(1, 10))
        assert chart.bucket
        assert len(chart.series[0].points) <= chart.content_size.width
        assert chart.heading == f"How it went, mean per {chart.bucket}"
        short = [Series("Sam", "blue", daily(5))]
        chart.show("How it went", short)
        assert (chart.series, chart.bucket, chart.heading) == (short, "", "How it went")


def test_wide_characters_are_left_out_of_chart_labels_only() -> None:
    """An emoji or a wide character is dropped from what plotext draws; narrow ones stay."""
    assert narrow("Sam 🌻") == "Sam"
    assert narrow("Zoë") == "Zoë"
    assert narrow("🌻") == "?"


async def test_a_name_with_an_emoji_does_not_break_the_charts_border() -> None:
    """Every drawn row of the chart is exactly as wide as the chart, so its frame lines up."""
    start = date(2026, 3, 2)
    points = [(start + timedelta(days=i), float(i % 5 + 3)) for i in range(6)]
    app = ChartApp()
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(TrendChart)
        chart.show("Ratings for 🌻 walks", [Series("Sam 🌻", "cyan", points)], y_range=(1, 10))
        await pilot.pause()
        width = chart.size.width
        rows = [chart.render_line(y) for y in range(chart.size.height)]
        texts = [row.text for row in rows]
    assert chart.series[0].label == "Sam 🌻"  # the data keeps the name whole
    assert any("Sam" in t for t in texts)
    assert [row.cell_length for row in rows] == [width] * len(rows), texts
    framed = [t for t in texts if t.lstrip().startswith("│")]
    assert framed and all(t.rstrip().endswith("│") for t in framed), texts
