"""Play an exercise through every branch of its ``when:`` conditions, with generated answers.

This sits above both the exercise format (:mod:`workbook.exercises`) and the engine that runs
it: the format knows nothing of what plays it, and ``workbook validate --walk`` uses this module
to play files through the same engine a couple's session uses.

Authoring tools for branching content (ink, XLSForm) are most useful when they play every path
automatically (see ``shared/REFERENCE.md``). :func:`walk` drives the real :class:`Engine` depth
first: at each step that a later condition reads it tries every answer that could matter (each
option, the ends of a range and the numbers the conditions compare with, the strings they test
for, skipping an optional step), and a single plausible answer everywhere else. Every path is
played with each partner starting (or, in a solo or private exercise, as each partner) and in
every language the file has. At the end of each path the goals its agreements create go through
the goals feature's own checks (:func:`workbook.goals.repo.plan_agreement_goal`) and its scale
is scored by the engine. It reports steps no path reaches, text that fails to render for any
partner, goals that could not be made as written and scoring that fails. Paths are capped so a
file with many independent branches cannot make validation hang.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from workbook.engine import Engine, EngineError, SessionState
from workbook.errors import WorkbookError
from workbook.exercises import conditions
from workbook.exercises.models import (
    AgreementStep,
    ChecklistStep,
    ChoiceStep,
    Exercise,
    FillStep,
    PromptStep,
    ScaleStep,
    Step,
    TurnsStep,
    text,
)
from workbook.exercises.templates import TemplateError
from workbook.goals.repo import plan_agreement_goal
from workbook.partners import PARTNERS, PartnerKey
from workbook.scoring import responses, score

MAX_PATHS = 256
"""Most complete paths played per exercise."""

_NAMES = {"a": "Alex", "b": "Sam"}
_TEXT_FIELDS = ("title", "text", "placeholder", "speaker_prompt", "listener_prompt", "template")


@dataclass(slots=True)
class WalkReport:
    """What a walk found for one exercise."""

    exercise_id: str
    plays: list[tuple[PartnerKey, str]] = field(default_factory=list)  # (partner, language)
    paths: int = 0
    truncated: bool = False
    reached: set[str] = field(default_factory=set)
    unreachable: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)  # step id -> first failure

    @property
    def ok(self) -> bool:
        """Whether every step is reachable and everything rendered."""
        return not self.unreachable and not self.failures


def _literals_for(exercise: Exercise) -> dict[str, list[Any]]:
    """Step id -> the literal values later conditions compare its answer with."""
    found: dict[str, list[Any]] = {}
    for step in exercise.steps:
        if not step.when:
            continue
        condition = conditions.parse(step.when)
        literals = condition.literals()
        for path in condition.paths():
            found.setdefault(path.parts[0], []).extend(literals)
    return found


def candidates(step: Step, literals: list[Any] | None, lang: str = "en") -> list[Any]:
    """Answers worth trying for ``step``: many when a condition reads it, else one."""
    branching = literals is not None
    values: list[Any] = []
    if isinstance(step, ChoiceStep):
        options = [o.value for o in step.options]
        if step.select == "single":
            values = options if branching else options[:1]
        else:  # every option in some allowed selection, then the fewest and the most
            fewest = max(step.min_selected, 1)
            most = options[: step.max_selected or len(options)]
            ring = options * 2
            picks = [ring[i : i + fewest] for i in range(len(options))]
            empty: list[list[str]] = [[]] if step.min_selected == 0 else []
            values = [*picks, *empty, most] if branching else [options[:fewest]]
    elif isinstance(step, ChecklistStep):
        items = [o.value for o in step.items]
        values = [[i] for i in items] + [[], items] if branching else [items[:1]]
    elif isinstance(step, ScaleStep):
        if step.items:
            lows = {i.id: step.item_range(i)[0] for i in step.items}
            highs = {i.id: step.item_range(i)[1] for i in step.items}
            values = [lows, highs] if branching else [highs]
        else:
            numbers = {step.min, step.max, (step.min + step.max) // 2}
            for literal in literals or []:
                if isinstance(literal, int | float) and not isinstance(literal, bool):
                    for near in (int(literal) - 1, int(literal), int(literal) + 1):
                        if step.min <= near <= step.max:
                            numbers.add(near)
            values = sorted(numbers) if branching else [step.max]
    elif isinstance(step, PromptStep):
        strings = [v for v in literals or [] if isinstance(v, str) and v.strip()]
        values = ["A generated answer.", *strings]
    elif isinstance(step, FillStep):
        base = {
            b.id: (text(b.suggestions[0], lang) if b.suggestions else "something")
            for b in step.blanks
        }
        values = [base]
        for literal in literals or []:
            if isinstance(literal, str) and literal.strip():
                values.append(dict.fromkeys(base, literal))
    if branching and step.optional:
        values.append(None)  # the person skips the step
    return values


def languages_of(exercise: Exercise) -> list[str]:
    """Every language the exercise's text is written in: English first, then the others."""
    found: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                visit(getattr(value, name))
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item)
        elif isinstance(value, dict):  # the only mappings in the format are language maps
            found.update(value)

    visit(exercise)
    return ["en", *sorted(found - {"en"})]


def walk(exercise: Exercise, *, max_paths: int = MAX_PATHS) -> WalkReport:
    """Play every branch of ``exercise``; see the module docstring.

    ``max_paths`` is shared between the plays (each partner, each language).
    """
    report = WalkReport(exercise.id)
    literals = _literals_for(exercise)
    report.plays = [(p, lang) for lang in languages_of(exercise) for p in PARTNERS]
    budget = max(1, max_paths // len(report.plays))
    for partner, lang in report.plays:
        if exercise.mode == "together":
            engine = Engine.start(exercise, names=_NAMES, speaker=partner, lang=lang)
        else:
            engine = Engine.start(exercise, names=_NAMES, solo=partner, lang=lang)
        _explore(engine, literals, report, report.paths + budget)
    report.unreachable = [s.id for s in exercise.steps if s.id not in report.reached]
    return report


def play_one(engine: Engine) -> list[str]:
    """Play ``engine`` to the end along one path (the first answer worth trying at each step);
    return the ids of the steps it showed, in order. The preview shows this path."""
    shown: list[str] = []
    while not engine.finished:
        step = engine.step
        shown.append(step.id)
        branch = next(_branches(engine, step, None))
        engine.state = branch.state
        engine.next()
    return shown


def _fork(engine: Engine) -> Engine:
    state = SessionState.model_validate(engine.state.model_dump())
    return Engine(engine.exercise, state, engine.names)


def _explore(engine: Engine, literals: dict[str, list[Any]], report: WalkReport, cap: int) -> None:
    stack = [engine]
    while stack:
        if report.paths >= cap:
            report.truncated = True
            return
        current = stack.pop()
        if current.finished:
            report.paths += 1
            _check_outcome(current, report)
            continue
        step = current.step
        report.reached.add(step.id)
        _check_render(current, step, report)
        try:
            for branch in _branches(current, step, literals.get(step.id)):
                if branch.can_advance():
                    branch.next()
                    stack.append(branch)
                else:
                    report.failures.setdefault(step.id, "generated answers did not complete it")
        except (EngineError, TemplateError, KeyError) as exc:
            report.failures.setdefault(step.id, str(exc))


def _branches(engine: Engine, step: Step, literals: list[Any] | None) -> Iterator[Engine]:
    if isinstance(step, TurnsStep):
        while engine.actor() is not None:
            view = engine.turn_view()
            engine.answer("I heard you say something." if view.phase == "paraphrase" else True)
        yield engine
        return
    if isinstance(step, AgreementStep):
        for partner in engine.unconfirmed():
            engine.confirm(partner)
        yield engine
        return
    keys = engine.waiting_for()
    if not keys:
        yield engine
        return
    values = candidates(step, literals, engine.lang)
    if len(keys) == 1:
        combos: list[tuple[Any, ...]] = [(v,) for v in values]
    else:  # each partner: the same answer, and one pair that differs, both ways round
        combos = [(v, v) for v in values]
        if len(values) > 1:
            combos += [(values[0], values[-1]), (values[-1], values[0])]
    for combo in combos:
        branch = _fork(engine)
        for key, value in zip(keys, combo, strict=True):
            if value is not None:
                branch.answer(value, key)
        yield branch


def _check_render(engine: Engine, step: Step, report: WalkReport) -> None:
    for viewer in (None, "a", "b"):
        for name in _TEXT_FIELDS:
            if name == "template" and isinstance(step, FillStep):
                continue  # its blanks are filled by the answer, checked by format_answer
            value = getattr(step, name, None)
            if value is None:
                continue
            try:
                engine.render(value, viewer)
            except (TemplateError, KeyError, EngineError) as exc:
                message = exc.message if isinstance(exc, TemplateError) else str(exc)
                report.failures.setdefault(step.id, f"'{name}' does not render: {message}")


def _context(engine: Engine) -> str:
    who = engine.state.solo or engine.state.speaker
    role = "as" if engine.state.solo else "with starting speaker"
    return f" ({role} {_NAMES[who]}, in '{engine.lang}')"


def _check_outcome(engine: Engine, report: WalkReport) -> None:
    """At the end of a path: the goals its agreements make, and its score, as a session would."""
    for draft in engine.goals_to_create():
        agreed = engine.state.answers.get(draft.step_id, {}).get("both")
        plan = plan_agreement_goal(draft.title, draft.cadence, str(agreed or ""))
        if plan.changes:
            report.failures.setdefault(
                draft.step_id,
                "its goal cannot be made as written: " + plan.changes[0] + _context(engine),
            )
    scored = [s.id for s in engine.exercise.steps if isinstance(s, ScaleStep) and s.items]
    if engine.exercise.scale is None or not scored:
        return
    for key in engine.keys_for(engine.exercise.step(scored[0])):
        try:
            score(engine.exercise, responses(engine.state.answers, key), engine.lang)
        except (WorkbookError, ArithmeticError, KeyError, TypeError) as exc:
            report.failures.setdefault(scored[0], f"scoring fails: {exc}{_context(engine)}")
