"""Render an export document as Markdown that reads well as plain text and in any viewer.

Everything a person wrote is escaped, so an answer that starts with ``#`` or holds ``*stars*``
stays text and never becomes a heading or emphasis. Sections follow :mod:`workbook.export.view`,
the order the HTML page uses too.
"""

from __future__ import annotations

import re
from functools import cache

from workbook.export.models import ExportDocument, GoalOut
from workbook.export.view import (
    agreement_meta,
    answer_leads,
    approval_text,
    checkin_lines,
    fmt_day,
    fmt_when,
    goal_meta,
    partner_progress_line,
    scope_sentences,
    score_rows,
    session_meta,
)

_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~!])")
# At the start of any line (MULTILINE): a match that starts on a blank line reaches through it
# to the marker of the next, which is the marker that line's own match would find.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)", re.MULTILINE)


# Anything escape() would change: a character it escapes, or a line break str.splitlines knows.
_MARKUP_OR_BREAK = re.compile(r"[\\`*_{}\[\]<>#|~!\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def escape(text: str) -> str:
    """Text as a Markdown literal: punctuation that could mark something up is escaped."""
    if not _MARKUP_OR_BREAK.search(text) and not _LINE_START.match(text):
        return text  # most lines of a long export (one per check-in) have nothing to escape
    # Line by line, in one pass over the whole text: every kind of line break becomes "\n".
    text = _INLINE.sub(r"\\\1", "\n".join(text.splitlines()))
    return _LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    space, marker = match.group(1), match.group(2)
    if marker[-1] in ".)" and marker[:-1].isdigit():
        return space + marker[:-1] + "\\" + marker[-1]
    return space + "\\" + marker


def _quote(text: str) -> list[str]:
    """A possibly multi-line answer as a block quote."""
    escaped = escape(text)
    if "\n" not in escaped:  # escaped text breaks lines with "\n" only: this is one line
        return [f"> {escaped}" if escaped else ">"]
    return [f"> {line}" if line else ">" for line in escaped.splitlines()]


def render_markdown(doc: ExportDocument) -> str:
    """The whole document as Markdown."""
    out: list[str] = [f"# {escape(doc.title)}", ""]
    out += [escape(sentence) for sentence in scope_sentences(doc)]
    out.append("")
    if doc.packet is not None:
        out += ["## Approvals", ""]
        out.append("Each partner approved each item; only items both approved are included.")
        out.append("")
        for item in doc.packet.items:
            mark = "included" if item.included else "left out"
            out.append(f"- **{escape(item.label)}** ({mark}): {escape(approval_text(doc, item))}")
        out.append("")
    if doc.programs:
        out += ["## Program progress", ""]
        for program in doc.programs:
            out.append(f"### {escape(program.title)} ({program.done} of {program.total} done)")
            out.append("")
            for week in program.weeks:
                ticks = ", ".join(
                    f"{escape(e.title)} {'✓' if e.done else '·'}" for e in week.exercises
                )
                out.append(f"- Week {week.week}, {escape(week.title)}: {ticks}")
            out.append("")
    if doc.scores:
        out += ["## Check-in scores", ""]
        for scale in doc.scores:
            out.append(f"### {escape(scale.title)}")
            out.append("")
            if scale.higher_is:
                out += [f"Higher means {escape(scale.higher_is)}.", ""]
            names = [escape(doc.name(s.partner)) for s in scale.series]
            out.append("| Date | " + " | ".join(names) + " |")
            out.append("|---|" + "---|" * len(names))
            for day, values in score_rows(scale):
                out.append(f"| {fmt_day(day)} | " + " | ".join(escape(v) for v in values) + " |")
            out.append("")
    if doc.goals:
        out += ["## Goals", ""]
        for goal in doc.goals:
            out += _goal(doc, goal)
    if doc.agreements:
        out += ["## Agreements", ""]
        for agreement in doc.agreements:
            meta = escape(agreement_meta(doc, agreement))
            out.append(f"**{escape(agreement.exercise_title)}**, {meta}")
            out.append("")
            out += _quote(agreement.text)
            out.append("")
    if doc.sessions:
        out += ["## Sessions", ""]
        _sessions(doc, out)
    if doc.journal:
        out += ["## Journal", ""]
        for entry in doc.journal:
            title = entry.title or "Untitled entry"
            out.append(f"### {escape(title)}")
            out.append("")
            out.append(f"*{escape(doc.name(entry.author))}, {fmt_when(entry.created)}*")
            out.append("")
            if entry.prompt:
                out += [f"Prompt: {escape(entry.prompt)}", ""]
            out += [escape(entry.body), ""]
            if entry.tags:
                out += ["Tags: " + escape(", ".join(entry.tags)), ""]
    return "\n".join(out).rstrip() + "\n"


def _goal(doc: ExportDocument, goal: GoalOut) -> list[str]:
    out = [f"### {escape(goal.title)}", "", escape(goal_meta(doc, goal)), ""]
    if goal.why:
        out += [f"Why: {escape(goal.why)}", ""]
    for line in (partner_progress_line(doc, goal, p) for p in goal.progress):
        out.append(f"- {escape(line)}")
    if goal.progress:
        out.append("")
    if goal.checkins:
        out += ["Check-ins:", ""]
        out += [f"- {line}" for line in checkin_lines(doc, goal.checkins, escape)]
        out.append("")
    return out


def _sessions(doc: ExportDocument, out: list[str]) -> None:
    """Every session, added to ``out``. A question and an answer's lead ("Maya wrote:") come
    back with every run of the same exercise, and many answers (picks, scale lines) with
    several runs: each is worded, escaped and quoted once."""
    question = cache(lambda text: f"**{escape(text)}**")
    lead = answer_leads(doc, escape)
    quote = cache(_quote)
    for session in doc.sessions:
        out += [f"### {escape(session.title)}", "", f"*{escape(session_meta(doc, session))}*", ""]
        if session.note:
            out += [escape(session.note), ""]
        for step in session.steps:
            out += [question(step.question), ""]
            for answer in step.answers:
                out += [lead(step, answer), "", *quote(answer.text), ""]
