"""Charts keep their frame whatever the partners are called."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from workbook.tui.widgets.charts import Series, TrendChart, narrow


class ChartApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TrendChart(id="chart")


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
