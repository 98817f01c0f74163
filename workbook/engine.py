"""Run an exercise as a pure state machine, with no user interface.

The TUI, the CLI's ``validate --walk`` and the tests all drive an exercise through this one
class. Everything that must survive a crash or a closed laptop lives in :class:`SessionState`, a
Pydantic model that round-trips through JSON: the TUI saves it after every answer and resumes
exactly where the couple stopped. The :class:`Engine` wraps a state with the exercise and the
partners' names and offers the operations:

* :attr:`Engine.step` and :meth:`Engine.actor`: the current step and who must act now (``each``,
  ``speaker`` and ``listener`` are resolved to a partner key, ``"a"`` or ``"b"``);
* :meth:`Engine.answer`, :meth:`Engine.confirm`, :meth:`Engine.edit_agreement`: record input,
  checked against the step (a choice must be one of its options, a number within the range);
* :meth:`Engine.next` and :meth:`Engine.back`: move on (skipping steps whose ``when`` is false)
  or return to the previous step shown;
* :meth:`Engine.visible_answers` and :meth:`Engine.is_hidden`: what a partner may see (a
  ``blind`` answer stays hidden from the other partner until a ``reveal`` step names it).

Turning the state into words (placeholders, answers as people read them) is
:mod:`workbook.presentation`'s job; :meth:`Engine.render`, :meth:`Engine.step_text` and
:meth:`Engine.reveal_view` pick the viewer and step from the state and hand over to it (the
engine renders too when it composes an agreement's first text and a goal's title). Scoring a
multi-item scale is :mod:`workbook.scoring`'s.

Answers are stored per step under a key: ``"both"`` for a step answered together, ``"a"`` or
``"b"`` for one partner (a solo or private exercise stores under its author's key).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from workbook import presentation
from workbook.errors import WorkbookError
from workbook.exercises import conditions
from workbook.exercises.models import (
    ANSWERED_KINDS,
    AgreementStep,
    ChecklistStep,
    ChoiceStep,
    Exercise,
    FillStep,
    GoalTemplate,
    LangText,
    PauseStep,
    PromptStep,
    ReadStep,
    RevealStep,
    ScaleStep,
    Step,
    TimerStep,
    TurnsStep,
    text,
)
from workbook.partners import PARTNERS, AnswerKey, PartnerKey, is_partner, other

Phase = Literal["speak", "paraphrase", "confirm", "done"]

STATE_FORMAT = 1
"""Version of the saved state's shape; raise it (with a migration) when the shape changes."""

DEFAULT_NAMES: dict[str, str] = {"a": "Partner A", "b": "Partner B"}


def choose_up_to(most: int) -> str:
    """The sentence for a multiple choice with too many picked (the TUI's hint uses it too)."""
    return f"Choose up to {most}."


def choose_at_least(fewest: int) -> str:
    """The sentence for a multiple choice with too few picked."""
    return f"Choose at least {fewest}."


class EngineError(WorkbookError):
    """An operation that does not fit the current step (the message says what to do)."""


class TurnProgress(BaseModel):
    """Where a `turns` step is: which turn, which phase, how many corrections so far."""

    model_config = ConfigDict(extra="forbid")

    turn: int = Field(default=0, ge=0, description="0-based turn; a round is two turns.")
    phase: Phase = "speak"
    corrections: int = Field(default=0, ge=0)
    first: PartnerKey | None = Field(
        default=None,
        description="Who speaks first here, when the couple swapped before starting.",
        exclude_if=lambda value: value is None,  # states saved before swapping keep their shape
    )


class SessionState(BaseModel):
    """Everything needed to resume an exercise exactly; saved as JSON after every change."""

    model_config = ConfigDict(extra="forbid")

    format: int = STATE_FORMAT
    exercise_id: str
    exercise_version: int
    position: int = Field(default=0, description="Index of the current step.")
    history: list[int] = Field(default_factory=list, description="Steps shown before, for back.")
    finished: bool = False
    speaker: PartnerKey = Field(default="a", description="Who speaks first (and `who: speaker`).")
    solo: PartnerKey | None = Field(default=None, description="The author of a solo exercise.")
    lang: str = "en"
    answers: dict[str, dict[str, JsonValue]] = Field(
        default_factory=dict, description="Step id -> answer key ('a', 'b', 'both') -> value."
    )
    revealed: list[str] = Field(default_factory=list, description="Blind steps now revealed.")
    turns: dict[str, TurnProgress] = Field(default_factory=dict)
    confirmations: dict[str, list[PartnerKey]] = Field(
        default_factory=dict, description="Agreement step id -> partners who confirmed."
    )


@dataclass(frozen=True, slots=True)
class TurnView:
    """The state of the current `turns` step, for display."""

    turn: int
    round: int
    total_turns: int
    speaker: PartnerKey
    listener: PartnerKey
    phase: Phase
    corrections: int


@dataclass(frozen=True, slots=True)
class GoalDraft:
    """A goal a confirmed agreement asks to create (the goals feature stores it)."""

    step_id: str
    title: str
    cadence: str
    note: str | None
    partner: PartnerKey | None = None
    """Whose goal it is (``None``: the couple's), resolved from the template's ``owner``."""


class Engine:
    """One exercise in progress: the exercise, its :class:`SessionState` and the names."""

    def __init__(
        self,
        exercise: Exercise,
        state: SessionState,
        names: Mapping[str, str] | None = None,
    ) -> None:
        if state.exercise_id != exercise.id:
            raise EngineError(
                f"This saved progress belongs to '{state.exercise_id}', not '{exercise.id}'."
            )
        if state.exercise_version != exercise.version:
            raise EngineError(
                f"'{exercise.id}' has changed since this progress was saved "
                f"(version {state.exercise_version}, now {exercise.version}); start it again."
            )
        self.exercise = exercise
        self.state = state
        self.names = {**DEFAULT_NAMES, **(names or {})}
        self._conditions = {
            step.id: conditions.parse(step.when) for step in exercise.steps if step.when
        }

    # --- starting and saving -------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        exercise: Exercise,
        *,
        names: Mapping[str, str] | None = None,
        speaker: PartnerKey = "a",
        solo: PartnerKey | None = None,
        lang: str = "en",
    ) -> Engine:
        """Begin ``exercise`` at its first step whose condition holds."""
        if exercise.mode != "together" and solo is None:
            solo = "a"
        state = SessionState(
            exercise_id=exercise.id,
            exercise_version=exercise.version,
            speaker=speaker,
            solo=solo if exercise.mode != "together" else None,
            lang=lang,
            position=-1,
        )
        engine = cls(exercise, state, names)
        engine._advance_from(-1)
        engine.state.history.clear()
        return engine

    @classmethod
    def resume(
        cls, exercise: Exercise, saved: str | bytes, names: Mapping[str, str] | None = None
    ) -> Engine:
        """Rebuild an engine from :meth:`save` output."""
        return cls(exercise, SessionState.model_validate_json(saved), names)

    def save(self) -> str:
        """The state as JSON (contains answers: store it where private data belongs)."""
        return self.state.model_dump_json()

    # --- where we are --------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """Whether every step is done."""
        return self.state.finished

    @property
    def step(self) -> Step:
        """The current step (an :class:`EngineError` once finished)."""
        if self.state.finished:
            raise EngineError("This exercise is finished.")
        return self.exercise.steps[self.state.position]

    @property
    def lang(self) -> str:
        """The language text is shown in."""
        return self.state.lang

    def keys_for(self, step: Step) -> list[AnswerKey]:
        """The answer keys a step is answered under."""
        if self.state.solo is not None:
            return [self.state.solo]
        who = step.who
        if who == "both":
            return ["both"]
        if who == "each":
            return ["a", "b"]
        if who == "speaker":
            return [self.state.speaker]
        if who == "listener":
            return [other(self.state.speaker)]
        return [who]

    def _required(self, step: Step) -> list[PartnerKey]:
        """Partners who must confirm an agreement."""
        return [self.state.solo] if self.state.solo is not None else ["a", "b"]

    def waiting_for(self) -> list[AnswerKey]:
        """Who still has to act before the current step is complete, in order."""
        if self.state.finished:
            return []
        step = self.step
        if isinstance(step, TurnsStep):
            view = self.turn_view()
            if view.phase == "done":
                return []
            return [view.listener if view.phase == "paraphrase" else view.speaker]
        if isinstance(step, AgreementStep):
            return list(self.unconfirmed())
        if step.kind in ANSWERED_KINDS:
            given = self.state.answers.get(step.id, {})
            return [k for k in self.keys_for(step) if k not in given]
        return []

    def unconfirmed(self) -> list[PartnerKey]:
        """Who still has to confirm the current agreement (nobody when it is not one)."""
        step = None if self.state.finished else self.step
        if not isinstance(step, AgreementStep):
            return []
        done = self.state.confirmations.get(step.id, [])
        return [p for p in self._required(step) if p not in done]

    def actor(self) -> AnswerKey | None:
        """Who must act now (``None`` when nobody needs to: the step can be left)."""
        waiting = self.waiting_for()
        return waiting[0] if waiting else None

    def can_advance(self) -> bool:
        """Whether :meth:`next` may be called now."""
        if self.state.finished:
            return False
        step = self.step
        return not self.waiting_for() or (step.optional and not isinstance(step, TurnsStep))

    # --- answering -----------------------------------------------------------------------------

    def answer(self, value: Any = None, partner: AnswerKey | None = None) -> None:
        """Record ``partner``'s answer (default: :meth:`actor`) to the current step.

        The value depends on the step: text for ``prompt``; an option value (or a list, for
        ``select: multiple``) for ``choice``; a whole number (or ``{item: number}``) for
        ``scale``; a list of item values for ``checklist``; ``{blank: text}`` for ``fill``;
        elapsed seconds (optional) for ``timer`` and ``pause``. In a ``turns`` step: nothing
        when the speaker has finished, the paraphrase text from the listener, then ``True``
        (confirmed) or ``False``/a correction text from the speaker. For an ``agreement``,
        ``True`` confirms (see :meth:`confirm`).
        """
        step = self.step
        if isinstance(step, TurnsStep):
            self._turn_answer(step, value, partner)
            return
        if isinstance(step, AgreementStep):
            if value is not True:
                raise EngineError("An agreement is confirmed with True; edit it with its text.")
            self.confirm(self._partner_for_confirm(partner))
            return
        if isinstance(step, TimerStep | PauseStep):
            seconds = 0 if value is None else value
            if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
                raise EngineError("A timer records the seconds spent, a whole number.")
            self.state.answers.setdefault(step.id, {})[self.keys_for(step)[0]] = seconds
            return
        if isinstance(step, ReadStep | RevealStep):
            raise EngineError("This step takes no answer; move on when you are ready.")
        key = self._key_for_answer(step, partner)
        self.state.answers.setdefault(step.id, {})[key] = self._checked(step, value)

    def _key_for_answer(self, step: Step, partner: AnswerKey | None) -> AnswerKey:
        keys = self.keys_for(step)
        if partner is None:
            waiting = self.waiting_for()
            return waiting[0] if waiting else keys[0]
        if partner not in keys:
            who = " or ".join(self._who_name(k) for k in keys)
            raise EngineError(f"This step is answered by {who}.")
        return partner

    def _who_name(self, key: AnswerKey) -> str:
        return "both of you together" if key == "both" else self.names[key]

    def _checked(self, step: Step, value: Any) -> JsonValue:
        if isinstance(step, PromptStep):
            if not isinstance(value, str) or not value.strip():
                raise EngineError("Write an answer first (or skip, if the step allows it).")
            return value.strip()
        if isinstance(step, ChoiceStep):
            allowed = [o.value for o in step.options]
            if step.select == "single":
                if value not in allowed:
                    raise EngineError("Pick one of the options.")
                return str(value)
            if not isinstance(value, list | tuple) or any(v not in allowed for v in value):
                raise EngineError("Pick from the options.")
            picked: list[JsonValue] = [v for v in allowed if v in value]
            if len(picked) < step.min_selected:
                raise EngineError(choose_at_least(step.min_selected))
            if step.max_selected is not None and len(picked) > step.max_selected:
                raise EngineError(choose_up_to(step.max_selected))
            return picked
        if isinstance(step, ChecklistStep):
            allowed = [o.value for o in step.items]
            if not isinstance(value, list | tuple) or any(v not in allowed for v in value):
                raise EngineError("Tick items from the list.")
            return [v for v in allowed if v in value]
        if isinstance(step, ScaleStep):
            return self._checked_scale(step, value)
        if isinstance(step, FillStep):
            return self._checked_fill(step, value)
        raise EngineError("This step takes no answer.")  # pragma: no cover - kinds above

    def _checked_scale(self, step: ScaleStep, value: Any) -> JsonValue:
        def number(raw: Any, lo: int, hi: int) -> int:
            if isinstance(raw, bool) or not isinstance(raw, int) or not lo <= raw <= hi:
                raise EngineError(f"Choose a whole number from {lo} to {hi}.")
            return raw

        if not step.items:
            return number(value, step.min, step.max)
        if not isinstance(value, Mapping):
            raise EngineError("Rate every statement.")
        result: dict[str, JsonValue] = {}
        for item in step.items:
            if item.id not in value:
                raise EngineError("Rate every statement.")
            result[item.id] = number(value[item.id], *step.item_range(item))
        if set(value) - set(result):
            raise EngineError("Some ratings are for statements this step does not have.")
        return result

    def _checked_fill(self, step: FillStep, value: Any) -> JsonValue:
        if not isinstance(value, Mapping):
            raise EngineError("Fill in every blank.")
        result: dict[str, JsonValue] = {}
        for blank in step.blanks:
            words = value.get(blank.id)
            if not isinstance(words, str) or not words.strip():
                raise EngineError("Fill in every blank.")
            if not blank.free_text:
                offered = {text(s, self.lang) for s in blank.suggestions}
                if words.strip() not in offered:
                    raise EngineError("Pick one of the suggestions for each blank.")
            result[blank.id] = words.strip()
        return result

    def clear_answer(self, partner: AnswerKey | None = None) -> None:
        """Forget the current step's answer (one partner's, or every one)."""
        given = self.state.answers.get(self.step.id, {})
        if partner is None:
            given.clear()
        else:
            given.pop(partner, None)

    # --- turns ---------------------------------------------------------------------------------

    def turn_view(self) -> TurnView:
        """Where the current `turns` step is."""
        step = self.step
        if not isinstance(step, TurnsStep):
            raise EngineError("This step is not a speaker-listener exchange.")
        progress = self.state.turns.get(step.id) or TurnProgress()
        first = step.first_speaker or progress.first or self.state.speaker
        speaker = first if progress.turn % 2 == 0 else other(first)
        return TurnView(
            turn=progress.turn,
            round=min(progress.turn // 2 + 1, step.rounds),
            total_turns=step.rounds * 2,
            speaker=speaker,
            listener=other(speaker),
            phase=progress.phase,
            corrections=progress.corrections,
        )

    def may_swap_speakers(self) -> bool:
        """Whether the couple may still choose who speaks first in the current `turns` step:
        the exercise leaves it open and nobody has spoken yet."""
        step = self.step
        if not isinstance(step, TurnsStep) or step.first_speaker is not None:
            return False
        progress = self.state.turns.get(step.id) or TurnProgress()
        spoken = self.state.answers.get(step.id, {}).get("both")
        return progress.turn == 0 and progress.phase == "speak" and not spoken

    def swap_speakers(self) -> None:
        """The other partner speaks first in the current `turns` step (before anyone speaks)."""
        if not self.may_swap_speakers():
            raise EngineError("Who speaks first is settled once the first turn has begun.")
        step = self.step
        progress = self.state.turns.setdefault(step.id, TurnProgress())
        progress.first = other(self.turn_view().speaker)

    def _turn_answer(self, step: TurnsStep, value: Any, partner: AnswerKey | None) -> None:
        view = self.turn_view()
        if view.phase == "done":
            raise EngineError("Every turn is done; move on when you are ready.")
        expected = view.listener if view.phase == "paraphrase" else view.speaker
        if partner is not None and partner != expected:
            raise EngineError(f"It is {self.names[expected]}'s turn now.")
        progress = self.state.turns.setdefault(step.id, TurnProgress())
        record = self._turn_records(step)
        if view.phase == "speak":
            record.append({"speaker": view.speaker, "paraphrases": [], "confirmed": None})
            if step.paraphrase:
                progress.phase = "paraphrase"
            else:
                self._next_turn(step, progress)
            return
        current = record[-1]
        assert isinstance(current, dict)
        paraphrases = current["paraphrases"]
        assert isinstance(paraphrases, list)
        if view.phase == "paraphrase":
            if not isinstance(value, str) or not value.strip():
                raise EngineError("Write what you heard, in your own words.")
            paraphrases.append(value.strip())
            if step.confirm:
                progress.phase = "confirm"
            else:
                self._next_turn(step, progress)
            return
        if not isinstance(value, bool | str):
            raise EngineError("Confirm the paraphrase, or say what to correct.")
        confirmed = value is True
        if not confirmed and isinstance(value, str) and value.strip():
            current.setdefault("corrections", [])
            corrections = current["corrections"]
            assert isinstance(corrections, list)
            corrections.append(value.strip())
        if confirmed or progress.corrections >= step.max_corrections:
            current["confirmed"] = confirmed
            self._next_turn(step, progress)
        else:
            progress.corrections += 1
            progress.phase = "paraphrase"

    def _turn_records(self, step: TurnsStep) -> list[JsonValue]:
        given = self.state.answers.setdefault(step.id, {})
        record = given.setdefault("both", [])
        assert isinstance(record, list)
        return record

    def _next_turn(self, step: TurnsStep, progress: TurnProgress) -> None:
        progress.turn += 1
        progress.corrections = 0
        progress.phase = "done" if progress.turn >= step.rounds * 2 else "speak"

    # --- agreements ----------------------------------------------------------------------------

    def _partner_for_confirm(self, partner: AnswerKey | None) -> PartnerKey:
        if partner in ("a", "b"):
            return partner
        waiting = self.waiting_for()
        if partner is None and waiting and waiting[0] in ("a", "b"):
            return waiting[0]
        raise EngineError("Each partner confirms an agreement for themselves.")

    def agreement_text(self) -> str:
        """The current agreement's text (composed when the step was reached, maybe edited)."""
        step = self.step
        if not isinstance(step, AgreementStep):
            raise EngineError("This step is not an agreement.")
        value = self.state.answers.get(step.id, {}).get("both")
        return value if isinstance(value, str) else self.render(step.template)

    def edit_agreement(self, new_text: str) -> None:
        """Replace the agreement's text; earlier confirmations no longer count."""
        step = self.step
        if not isinstance(step, AgreementStep):
            raise EngineError("This step is not an agreement.")
        if not step.editable:
            raise EngineError("This agreement cannot be edited.")
        if not new_text.strip():
            raise EngineError("An agreement needs some words.")
        self.state.answers.setdefault(step.id, {})["both"] = new_text.strip()
        self.state.confirmations[step.id] = []

    def confirm(self, partner: PartnerKey) -> None:
        """``partner`` confirms the current agreement."""
        step = self.step
        if not isinstance(step, AgreementStep):
            raise EngineError("Only an agreement is confirmed.")
        if partner not in self._required(step):
            raise EngineError(f"{self.names[partner]} is not part of this exercise.")
        self.state.answers.setdefault(step.id, {}).setdefault("both", self.agreement_text())
        done = self.state.confirmations.setdefault(step.id, [])
        if partner not in done:
            done.append(partner)

    def goals_to_create(self) -> list[GoalDraft]:
        """Goals from agreements that every partner confirmed (for the goals feature)."""
        drafts: list[GoalDraft] = []
        for step in self.exercise.steps:
            if not isinstance(step, AgreementStep) or step.creates_goal is None:
                continue
            done = self.state.confirmations.get(step.id, [])
            if step.id not in self.state.answers or set(self._required(step)) - set(done):
                continue
            goal = step.creates_goal
            note = self.render(goal.note) if goal.note is not None else None
            drafts.append(
                GoalDraft(
                    step.id, self.render(goal.title), goal.cadence, note, self.goal_owner(goal)
                )
            )
        return drafts

    def goal_owner(self, goal: GoalTemplate) -> PartnerKey | None:
        """The partner a goal belongs to (``None``: shared by the couple).

        A solo or private exercise's goal is its author's whatever ``owner`` says: only they
        confirmed it. ``speaker`` and ``listener`` mean the session's starting speaker and the
        other partner, as ``who: speaker`` does.
        """
        if self.state.solo is not None:
            return self.state.solo
        owner = goal.owner
        if is_partner(owner):
            return owner
        if owner == "speaker":
            return self.state.speaker
        if owner == "listener":
            return other(self.state.speaker)
        return None  # shared (and `me`, which together exercises refuse)

    # --- moving --------------------------------------------------------------------------------

    def next(self) -> Step | None:
        """Move to the next step whose condition holds; ``None`` when the exercise is done."""
        if self.state.finished:
            raise EngineError("This exercise is finished.")
        if not self.can_advance():
            who = " and ".join(self._who_name(k) for k in self.waiting_for())
            raise EngineError(f"Waiting for {who} before moving on.")
        self.state.history.append(self.state.position)
        return self._advance_from(self.state.position)

    def _advance_from(self, position: int) -> Step | None:
        for index in range(position + 1, len(self.exercise.steps)):
            step = self.exercise.steps[index]
            if self.condition_holds(step):
                self._enter(index)
                return step
            self._forget(step)  # a skipped step keeps no answer from an earlier path
        self.state.finished = True
        self.state.position = len(self.exercise.steps)
        return None

    def _forget(self, step: Step) -> None:
        self.state.answers.pop(step.id, None)
        self.state.turns.pop(step.id, None)
        self.state.confirmations.pop(step.id, None)

    def _enter(self, index: int) -> None:
        self.state.position = index
        step = self.exercise.steps[index]
        if isinstance(step, RevealStep):
            for name in step.steps:
                if name not in self.state.revealed:
                    self.state.revealed.append(name)
        if isinstance(step, AgreementStep) and "both" not in self.state.answers.get(step.id, {}):
            self.state.answers.setdefault(step.id, {})["both"] = self.render(step.template)
            self.state.confirmations.setdefault(step.id, [])

    def back(self) -> Step:
        """Return to the step shown before this one (answers are kept)."""
        if not self.state.history:
            raise EngineError("This is the first step.")
        self.state.finished = False
        self.state.position = self.state.history.pop()
        return self.step

    def condition_holds(self, step: Step) -> bool:
        """Whether ``step``'s ``when`` holds for the answers so far (no condition: true)."""
        condition = self._conditions.get(step.id)
        return condition is None or condition.evaluate(self._lookup)

    def _lookup(self, parts: tuple[str, ...]) -> Any:
        given = self.state.answers.get(parts[0])
        if not given:
            return None
        rest = list(parts[1:])
        if rest and rest[0] in ("a", "b") and "both" not in given:
            value: Any = given.get(rest.pop(0))
        elif len(given) == 1:
            value = next(iter(given.values()))
        elif "both" in given:
            value = given["both"]
        else:
            value = conditions.Each(given[k] for k in PARTNERS if k in given)
        for part in rest:
            value = conditions.dig(value, part)
        return value

    # --- what each partner sees ----------------------------------------------------------------

    def is_hidden(self, step_id: str, key: str, viewer: PartnerKey | None) -> bool:
        """Whether ``key``'s answer to ``step_id`` is hidden from ``viewer`` right now."""
        if key == "both" or key == viewer or self.state.solo is not None:
            return False
        step = self.exercise.step(step_id)
        return step.blind and step_id not in self.state.revealed

    def visible_answers(self, viewer: PartnerKey | None) -> dict[str, dict[str, JsonValue]]:
        """Every answer ``viewer`` may see (``None``: what may be shown to both at once)."""
        return {
            step_id: {k: v for k, v in given.items() if not self.is_hidden(step_id, k, viewer)}
            for step_id, given in self.state.answers.items()
        }

    def answers_to(self, step_id: str) -> dict[str, JsonValue]:
        """Every answer given to ``step_id`` so far, by answer key (hidden ones too)."""
        return self.state.answers.get(step_id, {})

    def reveal_view(self) -> list[tuple[Step, dict[str, str]]]:
        """For the current `reveal` step: each named step with every answer, formatted."""
        step = self.step
        if not isinstance(step, RevealStep):
            raise EngineError("This step is not a reveal.")
        return presentation.revealed_answers(self, step)

    def render(self, value: LangText | None, viewer: PartnerKey | None = None) -> str:
        """``value`` in the session's language with every placeholder filled in for ``viewer``
        (``None``: text shown to both partners at once); see :func:`presentation.render`."""
        return presentation.render(self, value, viewer)

    def step_text(self, step: Step | None = None, viewer: PartnerKey | None = None) -> str:
        """The step's Markdown, rendered for ``viewer`` (default: the partner acting now)."""
        step = step or self.step
        if viewer is None and self.state.solo is not None:
            viewer = self.state.solo
        if viewer is None and not self.state.finished and step is self.step:
            actor = self.actor()
            viewer = actor if actor in ("a", "b") else None
        return self.render(step.text, viewer)

    def current_speaker(self) -> PartnerKey:
        """Who has the floor: the current `turns` step's speaker, else the starting speaker."""
        if not self.state.finished and isinstance(self.step, TurnsStep):
            return self.turn_view().speaker
        return self.state.speaker
