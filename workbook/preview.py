"""What an exercise file does, for its author: one path through it, as one partner, in one language.

``workbook preview PATH`` shows this in the TUI (:mod:`workbook.tui.preview`). Building it needs
no store and no couple, so a preview can never write anything to a couple's data: the file is
read with the same loader as the library, played through the real engine with generated
answers (the first answer :mod:`workbook.playthrough` would try at each step) and described
step by step: its text as the chosen partner reads it, which branch each ``when`` takes and
why, and at the end the goals its agreements would create and the score its scale would give.
A file with errors gives its problems (``path:line:col: message``) instead of failing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from workbook.engine import Engine, EngineError
from workbook.exercises.loader import Problem, load_exercise_file
from workbook.exercises.models import Exercise, Step, text
from workbook.exercises.templates import TemplateError
from workbook.goals.repo import plan_agreement_goal
from workbook.partners import PartnerKey
from workbook.playthrough import NAMES, advance, languages_of
from workbook.presentation import format_answer
from workbook.scoring import responses, score


@dataclass(frozen=True, slots=True)
class StepView:
    """One step as the preview shows it."""

    number: int
    step_id: str
    kind: str
    title: str
    text: str
    shown: bool
    branch: str = ""
    """Which way its ``when`` went and why; empty for a step without one."""
    answer: str = ""
    """The generated answer the preview gave, as a person reads it."""


@dataclass(frozen=True, slots=True)
class Preview:
    """An exercise file previewed as ``partner`` in ``lang``; ``problems`` when it has any."""

    path: Path
    partner: PartnerKey
    lang: str
    problems: tuple[Problem, ...] = ()
    title: str = ""
    languages: tuple[str, ...] = ("en",)
    safety_notes: tuple[str, ...] = ()
    steps: tuple[StepView, ...] = ()
    goals: tuple[str, ...] = ()
    score: str = ""

    @property
    def runs(self) -> bool:
        """Whether the file loaded and was played (it may still carry warnings)."""
        return bool(self.steps)


def preview(path: Path, *, partner: PartnerKey = "a", lang: str = "en") -> Preview:
    """Preview the exercise file at ``path``; never raises for a problem in the file."""
    exercise, problems, _ = load_exercise_file(path)
    found = tuple(problems)
    if exercise is None:
        return Preview(path, partner, lang, found)
    languages = tuple(languages_of(exercise))
    lang = lang if lang in languages else "en"
    try:
        steps, engine = _play(exercise, partner, lang)
    except (EngineError, TemplateError) as exc:  # the loader missed something: say so
        stuck = Problem(path, 1, 1, f"the preview stopped: {exc}")
        return Preview(path, partner, lang, (*found, stuck), text(exercise.title, lang), languages)
    return Preview(
        path,
        partner,
        lang,
        found,
        text(exercise.title, lang),
        languages,
        tuple(text(note, lang) for note in exercise.safety_notes),
        tuple(steps),
        tuple(_goals(engine)),
        _score(engine, partner),
    )


def _play(exercise: Exercise, partner: PartnerKey, lang: str) -> tuple[list[StepView], Engine]:
    if exercise.mode == "together":
        engine = Engine.start(exercise, names=NAMES, speaker=partner, lang=lang)
    else:
        engine = Engine.start(exercise, names=NAMES, solo=partner, lang=lang)
    views: list[StepView] = []
    seen = -1
    while True:
        position = len(exercise.steps) if engine.finished else engine.state.position
        for skipped in range(seen + 1, position):
            views.append(_view(engine, skipped, partner, shown=False))
        if engine.finished:
            return views, engine
        moved = advance(engine)
        views.append(_view(moved, position, partner, shown=True, before=engine))
        seen, engine = position, moved


def _view(
    engine: Engine, index: int, partner: PartnerKey, *, shown: bool, before: Engine | None = None
) -> StepView:
    """Step ``index``: its text for ``partner`` (as it was shown, from ``before``), its branch
    and the answer given to it."""
    step = engine.exercise.steps[index]
    reader = before or engine
    return StepView(
        index + 1,
        step.id,
        step.kind,
        reader.render(step.title, partner),
        reader.step_text(step, partner) if shown else "",
        shown,
        _branch(reader, step, shown),
        _answer(engine, step, partner) if shown else "",
    )


def _branch(engine: Engine, step: Step, shown: bool) -> str:
    if step.when is None:
        return ""
    read = []
    for name in dict.fromkeys(_step_ids(step.when)):
        given = engine.answers_to(name)
        values = {NAMES.get(k, k): v for k, v in given.items()} if given else None
        read.append(f"answers.{name} is {json.dumps(values, ensure_ascii=False)}")
    because = "; ".join(read) or "no answers read"
    return f"when {step.when}: {'true' if shown else 'false'} ({because})"


def _step_ids(condition: str) -> list[str]:
    from workbook.exercises import conditions

    return [path.parts[0] for path in conditions.parse(condition).paths()]


def _answer(engine: Engine, step: Step, viewer: PartnerKey) -> str:
    """The answers given to ``step`` that ``viewer`` may see now (a blind one is hidden)."""
    shown = []
    for key, value in engine.answers_to(step.id).items():
        if value is None:
            continue
        name = NAMES.get(key, "together")
        if engine.is_hidden(step.id, key, viewer):
            shown.append(f"{name}: (hidden until revealed)")
        else:
            shown.append(f"{name}: {format_answer(engine, step, value, key)}")
    return "; ".join(shown)


def _goals(engine: Engine) -> list[str]:
    found = []
    for draft in engine.goals_to_create():
        agreed = engine.answers_to(draft.step_id).get("both")
        plan = plan_agreement_goal(draft.title, draft.cadence, str(agreed or ""))
        whose = "shared" if draft.partner is None else f"{NAMES[draft.partner]}'s"
        line = f"{plan.title}: {plan.cadence.describe()} ({whose})"
        found.append(" ".join([line, *plan.changes]))
    return found


def _score(engine: Engine, partner: PartnerKey) -> str:
    if engine.exercise.scale is None:
        return ""
    parts = []
    for key in (partner, "both"):
        result = score(engine.exercise, responses(engine.state.answers, key), engine.lang)
        if result is None or not result.answered:
            continue
        total = "incomplete" if result.total is None else f"{result.total:.4g}"
        band = f" ({result.band})" if result.band else ""
        parts.append(f"{NAMES.get(key, 'together')}: {total}{band}")
    return "; ".join(parts) or "no scored answers on this path"


def as_markdown(shown: Preview) -> str:
    """The preview as Markdown: problems first, then the path step by step, then the outcome."""
    who = NAMES[shown.partner]
    lines = [f"## {shown.title or shown.path.name}", ""]
    lines.append(
        f"As **{who}** (partner {shown.partner.upper()}), in **{shown.lang}**"
        f" (languages: {', '.join(shown.languages)})."
    )
    if shown.problems:
        lines += ["", "### Problems", ""]
        lines += [f"- `{problem}`" for problem in shown.problems]
    if not shown.runs:
        return "\n".join(lines) + "\n"
    if shown.safety_notes:
        lines += ["", "### Safety notes", ""]
        lines += [f"- {note}" for note in shown.safety_notes]
    for step in shown.steps:
        state = "" if step.shown else " (skipped)"
        heading = f"{step.number}. {step.title or step.step_id}"
        lines += ["", f"### {heading} `{step.kind}`{state}", ""]
        if step.branch:
            lines += [f"> {step.branch}", ""]
        if step.text:
            lines += [step.text, ""]
        if step.answer:
            lines += [f"*Generated answer:* {step.answer}", ""]
    lines += ["", "### Outcome", ""]
    lines += [f"- Goal: {goal}" for goal in shown.goals] or ["- No goal is created on this path."]
    if shown.score:
        lines.append(f"- Score: {shown.score}")
    return "\n".join(lines) + "\n"
