"""What the runner shows for a step: the widget for its kind, built for the person acting.

Privacy at one terminal: a widget only ever receives what the person acting may see. For a
``blind`` step the first partner's answer is never passed to the widget built for the second
one; a partner changing their answer sees their own answer, never the other's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbook.exercises.labels import step_label
from workbook.exercises.models import TurnsStep
from workbook.partners import PARTNERS, AnswerKey, PartnerKey, is_partner
from workbook.tui.runner.commit import ANSWERED_KINDS
from workbook.tui.runner.drafts import stored_draft
from workbook.tui.runner.timers import stored_seconds
from workbook.tui.widgets import widget_class

if TYPE_CHECKING:
    from textual.widget import Widget

    from workbook.engine import Engine
    from workbook.exercises.models import Step
    from workbook.tui.runner.run import Run
    from workbook.tui.widgets.base import StepWidget


def answered(names: dict[str, str], *, changeable: bool) -> list[Widget]:
    """An `each` step both partners answered, reached with Back: no answer is shown. Until a
    reveal each partner may change their own; "Answer again" clears both."""
    from textual.widgets import Button, Static

    hint = "You have both answered this step. Press Next to go on"
    if changeable:
        hint += ", change one answer (the other stays as it is)"
    hint += ", or “Answer again” to clear both answers and start this step over."
    widgets: list[Widget] = [Static(hint, classes="step-hint")]
    if changeable:
        widgets += [
            Button(f"Change {names[p]}'s answer", id=f"change-{p}", classes="change-answer")
            for p in PARTNERS
        ]
    widgets.append(Button("Answer again", classes="answer-again"))
    return widgets


def finished() -> Widget:
    """The note shown once every step is done."""
    from textual.widgets import Static

    return Static(
        "You finished this exercise. Everything you wrote is saved in History.\n"
        "Press Next (or Esc) to go back home.",
        id="finished-note",
    )


def turn_words(run: Run, names: dict[str, str], actor: AnswerKey | None) -> tuple[str, str]:
    """The turn bar's words and whose colour it takes (a partner key or ``both``)."""
    engine = run.engine
    if engine.step.kind == "turns":
        view = engine.turn_view()
        if view.phase == "done":
            return "Both of you: every turn is done", "both"
        if view.phase == "paraphrase":
            return f"{names[view.listener]}'s turn: say back what you heard", view.listener
        if view.phase == "confirm":
            return f"{names[view.speaker]}'s turn: is that what you meant?", view.speaker
        return f"{names[view.speaker]} has the floor", view.speaker
    if is_partner(actor):
        if run.solo is not None:
            return f"{names[actor]}, on your own", actor
        return f"{names[actor]}'s turn", actor
    return f"Together: {names['a']} & {names['b']}", "both"


def next_label(step: Step, actor: AnswerKey | None, names: dict[str, str]) -> str:
    """The Next button's words: an agreement says whose confirmation it records."""
    if step.kind == "agreement" and is_partner(actor):
        return f"Confirm ({names[actor]})"
    return "Next"


def build(run: Run, names: dict[str, str], actor: AnswerKey | None) -> StepWidget:
    """The widget for the current step, holding only what ``actor`` may see."""
    engine = run.engine
    step = engine.step
    viewer: PartnerKey | None = actor if is_partner(actor) else None
    context: dict[str, Any] = {}
    value: Any = None
    if step.kind in ANSWERED_KINDS and actor is not None:
        # Only the actor's own answer (or the joint one) ever reaches the widget.
        value = engine.visible_answers(viewer).get(step.id, {}).get(actor)
    elif step.kind == "reveal":
        context["columns"] = _reveal_columns(engine, names)
    elif step.kind == "agreement":
        value = engine.agreement_text()
        done = engine.state.confirmations.get(step.id, [])
        context["confirmed"] = {k: names[k] for k in done}
        context["partners"] = [(k, names[k]) for k in run.partners()]
        if viewer is not None:
            context["confirmer"] = (viewer, names[viewer])
    elif step.kind == "turns":
        context.update(_turn_context(run, names))
    elif step.kind in ("timer", "pause"):
        context["remaining"] = stored_seconds(run)
    draft = stored_draft(run, actor)
    if draft is not None and (value is None or step.kind == "agreement"):
        value = draft
    return widget_class(step.kind)(
        step,
        text=engine.step_text(step, viewer),
        title=engine.render(step.title, viewer),
        value=value,
        lang=engine.lang,
        context=context,
        say=lambda words: engine.render(words, viewer),
    )


def _reveal_columns(engine: Engine, names: dict[str, str]) -> list[Any]:
    shown = engine.reveal_view()
    columns = []
    for key in PARTNERS:
        answers = []
        for target, formatted in shown:
            title = step_label(target, engine.render)  # its own words, never its id
            answers.append((title, formatted.get(key) or formatted.get("both") or "—"))
        columns.append((key, names[key], answers))
    return columns


def _turn_context(run: Run, names: dict[str, str]) -> dict[str, Any]:
    engine = run.engine
    step = engine.step
    if not isinstance(step, TurnsStep):
        return {}
    view = engine.turn_view()
    context: dict[str, Any] = dict(
        phase=view.phase,
        remaining=stored_seconds(run) if view.phase == "speak" else None,
        speaker=(view.speaker, names[view.speaker]),
        listener=(view.listener, names[view.listener]),
        round_text=f"round {view.round} of {step.rounds}",
        seconds=step.speaker_seconds,
        speaker_prompt=engine.render(step.speaker_prompt, view.speaker),
        listener_prompt=engine.render(step.listener_prompt, view.listener),
        may_correct=view.corrections < step.max_corrections,
        first_turn=view.turn == 0,
        may_swap=engine.may_swap_speakers(),
    )
    if view.phase == "confirm":
        record = engine.state.answers.get(step.id, {}).get("both")
        if isinstance(record, list) and record:
            last = record[-1]
            heard = last.get("paraphrases", []) if isinstance(last, dict) else []
            context["paraphrase"] = heard[-1] if isinstance(heard, list) and heard else ""
    return context
