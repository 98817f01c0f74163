"""An author's preview of one exercise file: every step as one partner sees it, in one language.

The preview plays the file through the real engine along one path (the playthrough's first
answer at each step), then describes each step: who acts, its words with placeholders filled for
the chosen partner, what can be answered, whether the path shows it and, for a step with
``when``, which way the condition went and on which answers. It also shows the goals the path's
agreements would create (through the goals feature's own checks) and the score its scale would
give. A file with problems is described by its problems at ``file:line:col`` instead.

Nothing here opens the couple's data: the preview reads only the file it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbook.engine import DEFAULT_NAMES, Engine, EngineError
from workbook.errors import WorkbookError
from workbook.exercises import conditions
from workbook.exercises.loader import Problem, load_exercise_file
from workbook.exercises.models import (
    AgreementStep,
    ChecklistStep,
    ChoiceStep,
    Exercise,
    FillStep,
    LangText,
    PauseStep,
    PromptStep,
    RevealStep,
    ScaleStep,
    Step,
    TimerStep,
    TurnsStep,
    text,
)
from workbook.exercises.templates import TemplateError
from workbook.goals.repo import plan_agreement_goal
from workbook.partners import PartnerKey, other
from workbook.playthrough import languages_of, play_one
from workbook.presentation import format_answer
from workbook.scoring import responses, score

WHO_WORDS = {
    "both": "both of you, together",
    "each": "each of you in turn",
    "speaker": "the speaker",
    "listener": "the listener",
}


@dataclass(frozen=True, slots=True)
class StepPreview:
    """One step as the chosen partner would meet it on the previewed path."""

    number: int
    step_id: str
    kind: str
    shown: bool
    who: str
    title: str
    words: str
    details: tuple[str, ...]
    branch: str | None
    sample: str | None


@dataclass(slots=True)
class Preview:
    """What the preview screen shows for one file, one partner and one language."""

    path: Path
    viewer: PartnerKey
    lang: str
    problems: list[Problem] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["en"])
    title: str = ""
    summary: str = ""
    facts: str = ""
    safety_notes: list[str] = field(default_factory=list)
    steps: list[StepPreview] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    scores: list[str] = field(default_factory=list)
    failure: str | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the file from loading (warnings do not)."""
        return [p for p in self.problems if p.severity == "error"]


def build_preview(path: Path, viewer: PartnerKey = "a", lang: str = "en") -> Preview:
    """Describe ``path`` as ``viewer`` would meet it in ``lang``; problems instead of a crash."""
    preview = Preview(path, viewer, lang)
    try:
        exercise, preview.problems, _ = load_exercise_file(path)
    except OSError as exc:
        preview.problems = [Problem(path, 1, 1, f"cannot read the file: {exc.strerror or exc}")]
        return preview
    if exercise is None:
        return preview
    preview.languages = languages_of(exercise)
    if lang not in preview.languages:
        preview.lang = lang = "en"
    preview.title = text(exercise.title, lang)
    preview.summary = text(exercise.summary, lang)
    preview.facts = f"{exercise.mode}, about {exercise.minutes} minutes · {exercise.approach}"
    preview.safety_notes = [text(note, lang) for note in exercise.safety_notes]
    if exercise.mode == "together":
        engine = Engine.start(exercise, names=DEFAULT_NAMES, speaker=viewer, lang=lang)
    else:
        engine = Engine.start(exercise, names=DEFAULT_NAMES, solo=viewer, lang=lang)
    try:
        shown = set(play_one(engine))
    except (EngineError, TemplateError, WorkbookError, KeyError) as exc:
        preview.failure = f"The exercise stops while playing it: {exc}"
        shown = set()
    preview.steps = [
        _describe(engine, number, step, step.id in shown, viewer)
        for number, step in enumerate(exercise.steps, 1)
    ]
    preview.goals = _goals(engine)
    preview.scores = _scores(engine, exercise)
    return preview


def _who(step: Step, engine: Engine, viewer: PartnerKey) -> str:
    names = engine.names
    if engine.state.solo is not None:
        return f"{names[engine.state.solo]}, alone"
    if step.who in ("a", "b"):
        return names[step.who] + (" (you)" if step.who == viewer else "")
    if step.who == "speaker":
        return f"the speaker ({names[engine.state.speaker]} first)"
    if step.who == "listener":
        return f"the listener ({names[other(engine.state.speaker)]} first)"
    return WHO_WORDS.get(step.who, step.who) + (", blind" if step.blind else "")


def _render(engine: Engine, value: LangText | None, viewer: PartnerKey) -> str:
    try:
        return engine.render(value, viewer)
    except (TemplateError, KeyError) as exc:
        return f"(cannot be shown: {exc})"


def _details(engine: Engine, step: Step, viewer: PartnerKey) -> list[str]:
    lang = engine.lang
    found: list[str] = []
    if isinstance(step, ChoiceStep):
        found.append("Choose " + ("one" if step.select == "single" else "any") + ":")
        found += [f"  • {_render(engine, o.label or o.value, viewer)}" for o in step.options]
    elif isinstance(step, ChecklistStep):
        found += [f"  ☐ {_render(engine, o.label or o.value, viewer)}" for o in step.items]
    elif isinstance(step, ScaleStep):
        low, high = text(step.min_label, lang), text(step.max_label, lang)
        found.append(f"From {step.min} ({low}) to {step.max} ({high})")
        for item in step.items:
            reverse = " (reverse-keyed)" if item.reverse else ""
            found.append(f"  • {_render(engine, item.text, viewer)}{reverse}")
    elif isinstance(step, FillStep):
        found.append("Fill in: " + _render(engine, step.template, viewer))
    elif isinstance(step, TimerStep | PauseStep):
        found.append(f"Timer: {step.seconds} seconds")
    elif isinstance(step, TurnsStep):
        found.append(f"{step.rounds} round(s) each; {step.speaker_seconds} seconds to speak")
        if step.speaker_prompt is not None:
            found.append("Speaker: " + _render(engine, step.speaker_prompt, viewer))
        if step.listener_prompt is not None:
            found.append("Listener: " + _render(engine, step.listener_prompt, viewer))
    elif isinstance(step, RevealStep):
        found.append("Shows side by side: " + ", ".join(step.steps))
    elif isinstance(step, AgreementStep):
        found.append("Agreement: " + _render(engine, step.template, viewer))
        if step.creates_goal is not None:
            goal = step.creates_goal
            found.append(f"Creates a goal: '{text(goal.title, lang)}', {goal.cadence}")
    elif isinstance(step, PromptStep) and step.placeholder is not None:
        found.append("Hint: " + _render(engine, step.placeholder, viewer))
    if step.optional:
        found.append("Optional: it can be skipped.")
    return found


def _branch(engine: Engine, step: Step) -> str | None:
    if not step.when:
        return None
    holds = engine.condition_holds(step)
    read = []
    for path in conditions.parse(step.when).paths():
        given = engine.answers_to(path.parts[0])
        value = ", ".join(f"{k}: {v}" for k, v in given.items()) if given else "no answer"
        read.append(f"{'.'.join(path.parts)} = {value}")
    outcome = "shown" if holds else "skipped"
    why = f" because {'; '.join(read)}" if read else ""
    return f"when {step.when} → {outcome} on this path{why}"


def _describe(
    engine: Engine, number: int, step: Step, shown: bool, viewer: PartnerKey
) -> StepPreview:
    answers = engine.answers_to(step.id)
    sample = None
    if answers:
        sample = "; ".join(
            f"{engine.names.get(k, 'together')}: {format_answer(engine, step, v, k)}"
            for k, v in answers.items()
        )
    return StepPreview(
        number=number,
        step_id=step.id,
        kind=step.kind,
        shown=shown,
        who=_who(step, engine, viewer),
        title=_render(engine, step.title, viewer) if step.title is not None else "",
        words=_render(engine, getattr(step, "text", None), viewer),
        details=tuple(_details(engine, step, viewer)),
        branch=_branch(engine, step),
        sample=sample,
    )


def _goals(engine: Engine) -> list[str]:
    found = []
    for draft in engine.goals_to_create():
        agreed = engine.answers_to(draft.step_id).get("both")
        plan = plan_agreement_goal(draft.title, draft.cadence, str(agreed or ""))
        owner = engine.names[draft.partner] if draft.partner else "the couple"
        line = f"'{plan.title}' for {owner}, {plan.cadence.describe()}"
        found.append(line + "".join(f" ({change})" for change in plan.changes))
    return found


def _scores(engine: Engine, exercise: Exercise) -> list[str]:
    if exercise.scale is None:
        return []
    found = []
    for key in ("a", "b"):
        result = score(exercise, responses(engine.state.answers, key), engine.lang)
        if result is None or result.total is None:
            continue
        band = f" ({result.band})" if result.band else ""
        found.append(f"{engine.names[key]}: {round(result.total, 2):g}{band}")
    return found
