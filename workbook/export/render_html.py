"""Render an export document as one self-contained HTML page that prints well.

One file, nothing external: the CSS is inline (including ``@media print`` rules that drop the
colours, avoid splitting a session across pages and print the packet's approvals first), there
are no scripts, fonts, images or links to fetch. Every piece of text goes through
:func:`html.escape`, so nothing a person wrote can become markup.
"""

from __future__ import annotations

from functools import cache
from html import escape

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

CSS = """
:root { --ink: #1f2933; --soft: #52606d; --line: #d9e2ec; --accent: #2f6f73; --paper: #fff; }
* { box-sizing: border-box; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink);
  background: #f5f7fa; margin: 0; }
main { max-width: 46rem; margin: 2rem auto; padding: 2rem 2.5rem; background: var(--paper);
  border: 1px solid var(--line); border-radius: 6px; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .8rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .3rem; }
p, li { margin: .3rem 0; }
.meta { color: var(--soft); font-style: italic; margin-top: 0; }
.scope { color: var(--soft); }
.answer { margin: .2rem 0 .6rem 1rem; }
.who { font-weight: bold; }
blockquote { margin: .2rem 0 .6rem 1rem; padding: .2rem .8rem; border-left: 3px solid var(--line);
  white-space: pre-wrap; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; }
th { background: #f0f4f8; }
.done { color: var(--accent); }
.item { break-inside: avoid; page-break-inside: avoid; }
.excluded { color: var(--soft); }
@media print {
  body { background: none; font-size: 11pt; }
  main { max-width: none; margin: 0; padding: 0; border: none; }
  h1, .done { color: black; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .item, table, blockquote { break-inside: avoid; page-break-inside: avoid; }
  th { background: none; }
}
""".strip()


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


def render_html(doc: ExportDocument) -> str:
    """The whole document as one HTML page."""
    body: list[str] = [f"<h1>{escape(doc.title)}</h1>"]
    body += [_p(s, "scope") for s in scope_sentences(doc)]
    if doc.packet is not None:
        body.append('<section id="approvals"><h2>Approvals</h2>')
        body.append(_p("Each partner approved each item; only items both approved are included."))
        body.append("<ul>")
        for item in doc.packet.items:
            cls = "" if item.included else ' class="excluded"'
            mark = "included" if item.included else "left out"
            body.append(
                f"<li{cls}><strong>{escape(item.label)}</strong> ({mark}): "
                f"{escape(approval_text(doc, item))}</li>"
            )
        body.append("</ul></section>")
    if doc.programs:
        body.append('<section id="programs"><h2>Program progress</h2>')
        for program in doc.programs:
            body.append(
                f'<div class="item"><h3>{escape(program.title)} '
                f"({program.done} of {program.total} done)</h3><ul>"
            )
            for week in program.weeks:
                ticks = ", ".join(
                    f'<span class="done">{escape(e.title)} ✓</span>'
                    if e.done
                    else f"{escape(e.title)} ·"
                    for e in week.exercises
                )
                body.append(f"<li>Week {week.week}, {escape(week.title)}: {ticks}</li>")
            body.append("</ul></div>")
        body.append("</section>")
    if doc.scores:
        body.append('<section id="scores"><h2>Check-in scores</h2>')
        for scale in doc.scores:
            body.append(f'<div class="item"><h3>{escape(scale.title)}</h3>')
            if scale.higher_is:
                body.append(_p(f"Higher means {scale.higher_is}.", "meta"))
            heads = "".join(f"<th>{escape(doc.name(s.partner))}</th>" for s in scale.series)
            body.append(f"<table><thead><tr><th>Date</th>{heads}</tr></thead><tbody>")
            for day, values in score_rows(scale):
                cells = "".join(f"<td>{escape(v)}</td>" for v in values)
                body.append(f"<tr><td>{escape(fmt_day(day))}</td>{cells}</tr>")
            body.append("</tbody></table></div>")
        body.append("</section>")
    if doc.goals:
        body.append('<section id="goals"><h2>Goals</h2>')
        body += [_goal(doc, goal) for goal in doc.goals]
        body.append("</section>")
    if doc.agreements:
        body.append('<section id="agreements"><h2>Agreements</h2>')
        for agreement in doc.agreements:
            body.append(
                f'<div class="item"><h3>{escape(agreement.exercise_title)}</h3>'
                + _p(agreement_meta(doc, agreement), "meta")
                + f"<blockquote>{escape(agreement.text)}</blockquote></div>"
            )
        body.append("</section>")
    if doc.sessions:
        body.append('<section id="sessions"><h2>Sessions</h2>')
        body += _sessions(doc)
        body.append("</section>")
    if doc.journal:
        body.append('<section id="journal"><h2>Journal</h2>')
        for entry in doc.journal:
            parts = [
                f'<div class="item"><h3>{escape(entry.title or "Untitled entry")}</h3>',
                _p(f"{doc.name(entry.author)}, {fmt_when(entry.created)}", "meta"),
            ]
            if entry.prompt:
                parts.append(_p(f"Prompt: {entry.prompt}"))
            parts.append(f"<blockquote>{escape(entry.body)}</blockquote>")
            if entry.tags:
                parts.append(_p("Tags: " + ", ".join(entry.tags), "meta"))
            parts.append("</div>")
            body.append("".join(parts))
        body.append("</section>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def _goal(doc: ExportDocument, goal: GoalOut) -> str:
    parts = [f'<div class="item"><h3>{escape(goal.title)}</h3>', _p(goal_meta(doc, goal), "meta")]
    if goal.why:
        parts.append(_p(f"Why: {goal.why}"))
    if goal.progress:
        parts.append("<ul>")
        parts += [f"<li>{escape(partner_progress_line(doc, goal, p))}</li>" for p in goal.progress]
        parts.append("</ul>")
    if goal.checkins:
        parts.append("<details open><summary>Check-ins</summary><ul>")
        parts += [f"<li>{line}</li>" for line in checkin_lines(doc, goal.checkins, escape)]
        parts.append("</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def _sessions(doc: ExportDocument) -> list[str]:
    """Every session as an article. A question and an answer's lead ("Maya wrote:") come back
    with every run of the same exercise: each is worded and escaped once."""
    question = cache(lambda text: f'<p class="question"><strong>{escape(text)}</strong></p>')
    lead = answer_leads(doc, escape)
    out = []
    for session in doc.sessions:
        parts = [
            f'<article class="item session" id="session-{escape(session.id)}">',
            f"<h3>{escape(session.title)}</h3>",
            _p(session_meta(doc, session), "meta"),
        ]
        if session.note:
            parts.append(_p(session.note))
        for step in session.steps:
            parts.append(question(step.question))
            for answer in step.answers:
                parts.append(
                    f'<div class="answer"><span class="who">{lead(step, answer)}</span>'
                    f"<blockquote>{escape(answer.text)}</blockquote></div>"
                )
        parts.append("</article>")
        out.append("".join(parts))
    return out
