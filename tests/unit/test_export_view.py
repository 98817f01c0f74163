"""The wording both export renderers share: days as people write them, and score tables."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import Literal

from hypothesis import example, given
from hypothesis import strategies as st

from workbook.export.models import (
    AnswerOut,
    CheckInOut,
    ExportDocument,
    GoalOut,
    PartnerOut,
    ScaleTrendOut,
    Scope,
    ScorePointOut,
    ScoreSeriesOut,
    StepOut,
)
from workbook.export.render_md import escape as markdown_escape
from workbook.export.view import (
    answer_lead,
    answer_leads,
    checkin_line,
    checkin_lines,
    fmt_day,
    fmt_when,
    score_rows,
)
from workbook.partners import PartnerKey

CheckInStatus = Literal["done", "partly", "skipped", "missed"]


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


def _doc_with(checkins: list[CheckInOut]) -> ExportDocument:
    goal = GoalOut(
        id="g",
        title="Walk",
        cadence="daily",
        period_unit="day",
        status="active",
        start_date=date(2026, 1, 1),
        checkins=checkins,
        progress=[],
    )
    return ExportDocument(
        title="Export",
        generated_at=datetime(2026, 2, 1, 9, 0).astimezone(),
        workbook_version="0",
        partners=[PartnerOut(key="a", name="Ana"), PartnerOut(key="b", name="#Ben")],
        scope=Scope(),
        sessions=[],
        agreements=[],
        goals=[goal],
        scores=[],
        programs=[],
        journal=[],
    )


WORDS = st.sampled_from(["", "ok", "- list", "1. one", "# head", "a\n- b", "x\r\n2) y", "*", "\n"])


@example([("a", "done", None, None, "- list"), ("a", "done", None, None, "1. one")])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b"]),
            st.sampled_from(["done", "partly", "skipped", "missed"]),
            st.none() | st.integers(1, 10),
            st.none() | WORDS,
            st.none() | WORDS,
        ),
        max_size=12,
    )
)
def test_checkin_lines_are_each_line_escaped_on_its_own(
    rests: list[tuple[PartnerKey, CheckInStatus, int | None, str | None, str | None]],
) -> None:
    """Check-in lines escaped with their rests worked out once read exactly as each line
    escaped on its own, in Markdown and in HTML, whatever the note, the skip reason, the
    rating, the status or the partner, on every day of the week."""
    checkins = [
        CheckInOut(
            day=date(2026, 1, 1) + timedelta(days=n * 3),
            partner=partner,
            status=status,
            rating=rating,
            skip_reason=reason,
            note=note,
        )
        # each rest twice, on different days, so that the second reuses the first's escaping
        for n, (partner, status, rating, reason, note) in enumerate(rests + rests)
    ]
    doc = _doc_with(checkins)
    for escape in (markdown_escape, html.escape):
        assert checkin_lines(doc, checkins, escape) == [
            escape(checkin_line(doc, c)) for c in checkins
        ]


def test_a_check_in_line_after_its_day_is_told_by_every_other_field() -> None:
    """The fields that tell check-in lines apart after their day are all of a check-in's
    fields but the day, so a field added to check-ins cannot be left out of their lines."""
    from workbook.export.view import _AFTER_DAY

    checkin = CheckInOut(
        day=date(2026, 1, 1), partner="b", status="partly", rating=4, note="n", skip_reason="s"
    )
    told = _AFTER_DAY(checkin)
    assert sorted(map(repr, told)) == sorted(
        repr(getattr(checkin, name)) for name in CheckInOut.model_fields if name != "day"
    )


def test_answer_leads_are_each_step_kinds_and_authors_own() -> None:
    """A lead kept for one kind of step and author is never another's: the same partner's
    written words and picked answers, the other partner's, and the couple's together each
    read as they are worded on their own, escaped for the format."""
    doc = _doc_with([])
    leads = answer_leads(doc, markdown_escape)
    cases = [
        ("prompt", "a"),
        ("choice", "a"),
        ("fill", "a"),
        ("scale", "b"),
        ("prompt", "b"),
        ("turns", "both"),
        ("choice", "both"),
        ("prompt", "a"),
    ]
    for kind, who in cases:
        step = StepOut(id=f"{kind}-{who}", kind=kind, question="?", answers=[])
        answer = AnswerOut(who=who, text="words", value="words")
        assert leads(step, answer) == markdown_escape(answer_lead(doc, step, answer))
    step = StepOut(id="p", kind="prompt", question="?", answers=[])
    assert leads(step, AnswerOut(who="b", text="", value="")) == "\\#Ben wrote:"
