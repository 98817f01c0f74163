"""Wording shared by the Markdown and HTML renderers, so both formats say the same things.

Each helper returns plain (unescaped) text; the renderer escapes it for its format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import cache
from operator import attrgetter

from workbook.export.models import (
    AgreementOut,
    AnswerOut,
    CheckInOut,
    ExportDocument,
    GoalOut,
    GoalPartnerOut,
    PacketItem,
    ScaleTrendOut,
    SessionOut,
    StepOut,
)
from workbook.wording import count, number

STATUS_WORDS = {"in_progress": "in progress", "paused": "paused", "finished": "finished"}
MODE_WORDS = {"together": "together", "solo": "on their own", "private": "private"}


# English names, as the rest of a report is written: what strftime's %a and %b give in the C
# locale the workbook runs in, at about a tenth of the cost (ten years name 3,650 days).
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def fmt_day(day: date) -> str:
    """A date as people write it, e.g. ``Mon 3 Mar 2025``.

    Kept per day: a long export names the same few thousand days again and again (every
    check-in has one).
    """
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def fmt_when(moment: datetime) -> str:
    """A date and time, e.g. ``Mon 3 Mar 2025, 19:05``."""
    return f"{fmt_day(moment.date())}, {moment.hour:02d}:{moment.minute:02d}"


def scope_sentences(doc: ExportDocument) -> list[str]:
    """What the export holds and what it leaves out, in a few sentences."""
    names = " and ".join(p.name for p in doc.partners)
    kind = "Therapist packet" if doc.kind == "packet" else "Workbook export"
    lines = [f"{kind} for {names}, made {fmt_when(doc.generated_at)}."]
    scope = doc.scope
    if scope.private_partner is not None:
        lines.append(
            f"Includes {doc.name(scope.private_partner)}'s private items, "
            "at their request in this export."
        )
    if scope.withheld_private_items:
        left_out = scope.withheld_private_items
        lines.append(
            f"{count(left_out, 'private item')} {'were' if left_out != 1 else 'was'} left out."
        )
    if doc.kind == "packet":
        lines.append("Only the sessions and goals both partners approved are included.")
    return lines


def session_meta(doc: ExportDocument, session: SessionOut) -> str:
    """A session's when, mode and status in one line."""
    parts = [fmt_when(session.started_at), MODE_WORDS.get(session.mode, session.mode)]
    if session.author is not None:
        parts[-1] += f" ({doc.name(session.author)})"
    parts.append(STATUS_WORDS.get(session.status, session.status))
    return ", ".join(parts)


#: Step kinds whose answers are someone's own words (the rest are picks and numbers).
WRITTEN_KINDS = frozenset({"prompt", "fill", "turns", "agreement"})


def answer_lead(doc: ExportDocument, step: StepOut, answer: AnswerOut) -> str:
    """Whose words follow: "Sam wrote:", "Alex answered:", "Sam and Alex, together, wrote:"."""
    verb = "wrote" if step.kind in WRITTEN_KINDS else "answered"
    if answer.who == "both":
        names = " and ".join(doc.name(key) for key in ("a", "b"))
        return f"{names}, together, {verb}:"
    return f"{doc.name(answer.who)} {verb}:"


def answer_leads(
    doc: ExportDocument, escape: Callable[[str], str]
) -> Callable[[StepOut, AnswerOut], str]:
    """:func:`answer_lead`, escaped for a format by ``escape``, worded once for each kind of
    step and author it depends on: the same few leads come back with every session."""
    leads: dict[tuple[bool, str], str] = {}

    def lead(step: StepOut, answer: AnswerOut) -> str:
        key = (step.kind in WRITTEN_KINDS, answer.who)
        found = leads.get(key)
        if found is None:
            found = leads[key] = escape(answer_lead(doc, step, answer))
        return found

    return lead


def agreement_meta(doc: ExportDocument, agreement: AgreementOut) -> str:
    """When an agreement was written and who confirmed it."""
    who = " and ".join(doc.name(p) for p in agreement.confirmed_by) or "nobody yet"
    return f"{fmt_day(agreement.day)}, confirmed by {who}"


def goal_meta(doc: ExportDocument, goal: GoalOut) -> str:
    """Whose goal, how often, since when and its status."""
    whose = "Shared goal" if goal.owner is None else f"{doc.name(goal.owner)}'s goal"
    if goal.private:
        whose += " (private)"
    line = f"{whose}, {goal.cadence}, since {fmt_day(goal.start_date)}; {goal.status}"
    if goal.target_date is not None:
        line += f"; target {fmt_day(goal.target_date)}"
    if goal.source == "agreement":
        line += "; from an agreement"
    return line + "."


def partner_progress_line(doc: ExportDocument, goal: GoalOut, mine: GoalPartnerOut) -> str:
    """A partner's streaks and completion on one goal."""
    unit = goal.period_unit
    rate = "–" if mine.completion_rate is None else f"{mine.completion_rate:.0%}"
    return (
        f"{doc.name(mine.partner)}: streak {count(mine.current_streak, unit)} "
        f"(best {mine.best_streak}), {rate} of periods completed, "
        f"{mine.excused} excused"
    )


def checkin_line(doc: ExportDocument, checkin: CheckInOut) -> str:
    """One check-in in a line."""
    line = f"{fmt_day(checkin.day)}, {doc.name(checkin.partner)}: {checkin.status}"
    if checkin.rating is not None:
        line += f", rated {checkin.rating}/10"
    if checkin.skip_reason:
        line += f" (skipped: {checkin.skip_reason})"
    if checkin.note:
        line += f". {checkin.note}"
    return line


# What a check-in's line says after its day: every field of a check-in but the day.
_AFTER_DAY = attrgetter("partner", "status", "rating", "skip_reason", "note")


def checkin_lines(
    doc: ExportDocument, checkins: Iterable[CheckInOut], escape: Callable[[str], str]
) -> list[str]:
    """Each check-in's :func:`checkin_line`, escaped for a format by ``escape``.

    A line opens with its day, which is letters, digits and spaces and never starts a list
    item, so escaping leaves it as it is and escapes the rest of the line as it would without
    it. The rest is worded and escaped once for every check-in that differs only in its day:
    ten years hold 14,000 check-ins and about a hundred different rests.
    """
    rests: dict[tuple[object, ...], str] = {}
    out = []
    for checkin in checkins:
        day = fmt_day(checkin.day)
        key = _AFTER_DAY(checkin)
        rest = rests.get(key)
        if rest is None:
            rest = rests[key] = escape(checkin_line(doc, checkin))[len(day) :]
        out.append(day + rest)
    return out


def score_rows(scale: ScaleTrendOut) -> list[tuple[date, list[str]]]:
    """Rows of (date, one value per partner) for a score table, oldest first."""
    days = sorted({p.day for s in scale.series for p in s.points})
    # Each series' first point on each day, found by day rather than by a walk per row.
    by_day = [{p.day: p for p in reversed(series.points)} for series in scale.series]
    rows = []
    for day in days:
        values = []
        for points in by_day:
            point = points.get(day)
            if point is None:
                values.append("–")
            else:
                band = f" ({point.band})" if point.band else ""
                values.append(number(point.value) + band)
        rows.append((day, values))
    return rows


def approval_text(doc: ExportDocument, item: PacketItem) -> str:
    """Who approved a packet item and when."""
    parts = []
    for approval in item.approvals:
        word = "yes" if approval.approved else "no"
        parts.append(f"{doc.name(approval.partner)} {word} ({fmt_when(approval.at)})")
    return "; ".join(parts) or "no decision"
