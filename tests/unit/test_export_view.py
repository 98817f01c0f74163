"""The wording both export renderers share: days as people write them, and score tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from workbook.export.models import ScaleTrendOut, ScorePointOut, ScoreSeriesOut
from workbook.export.view import fmt_day, fmt_when, score_rows


def test_days_read_as_people_write_them() -> None:
    """A day reads weekday, day, month and year, the same each time it is asked for."""
    assert fmt_day(date(2025, 3, 3)) == "Mon 3 Mar 2025"
    assert fmt_day(date(2025, 3, 3)) == "Mon 3 Mar 2025"
    assert fmt_day(date(2026, 11, 27)) == "Fri 27 Nov 2026"
    assert fmt_when(datetime(2025, 3, 3, 19, 5)) == "Mon 3 Mar 2025, 19:05"


def test_every_day_is_named_as_strftime_names_it() -> None:
    """Each weekday and month is named as strftime names it in the C locale, over two years
    (a leap day included)."""
    start = date(2027, 12, 1)
    for offset in range(800):
        day = start + timedelta(days=offset)
        assert fmt_day(day) == f"{day:%a} {day.day} {day:%b %Y}"


def _point(day: int, value: float, band: str | None = None) -> ScorePointOut:
    return ScorePointOut(
        day=date(2026, 1, day), session_id=f"s{day}-{value}", value=value, band=band
    )


def test_score_rows_one_per_day_with_a_dash_where_a_partner_has_none() -> None:
    """Rows run oldest first over every day either partner has a score, each partner's
    value (and band) in their column and a dash where they have none; on a day with two
    scores the first is shown."""
    scale = ScaleTrendOut(
        scale_id="pulse",
        title="Pulse",
        series=[
            ScoreSeriesOut(partner="a", points=[_point(5, 3.0), _point(9, 4.5, "high")]),
            ScoreSeriesOut(partner="b", points=[_point(2, 2.0), _point(9, 1.0), _point(9, 5.0)]),
        ],
    )
    assert score_rows(scale) == [
        (date(2026, 1, 2), ["–", "2"]),
        (date(2026, 1, 5), ["3", "–"]),
        (date(2026, 1, 9), ["4.5 (high)", "1"]),
    ]
