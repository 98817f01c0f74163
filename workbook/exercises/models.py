"""The exercise format: Pydantic models for exercise, program and pack YAML files.

Facilitators write exercises as YAML; these models are the single definition of what a valid
file looks like. They forbid unknown fields (a typo is an error, not silently ignored), carry a
description on every field (the JSON Schema that editors use is generated from them, see
``workbook schema``), and check what can be checked inside one step. Checks that need the whole
exercise or the outside world (references between steps, guide files, ids across the library)
live in :mod:`workbook.exercises.loader`, where every problem gets a ``file:line:col``.

Text a person reads may be a plain string or a mapping of language codes to strings; use
:func:`text` to pick one language with a fallback to English.
"""

from collections.abc import Sequence
from itertools import pairwise
from typing import Annotated, Any, ClassVar, Literal, Self, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from workbook.errors import WorkbookError
from workbook.exercises import languages
from workbook.goals.cadence import CADENCE_PATTERN, parse_cadence
from workbook.partners import PartnerKey

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
STEP_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(description="Lower-case letters, digits and single hyphens, e.g. `active-listening`."),
]
StepId = Annotated[
    str,
    StringConstraints(pattern=STEP_ID_PATTERN, max_length=48),
    Field(
        description="Lower-case letters, digits and underscores, starting with a letter, "
        "e.g. `how_i_feel`; used as `answers.<id>` in conditions and text."
    ),
]


def _language_tag(value: Any) -> Any:
    """Check a language key with the tag parser before the pattern (for the better message)."""
    return languages.check(value) if isinstance(value, str) else value


LangCode = Annotated[
    str,
    BeforeValidator(_language_tag),
    StringConstraints(pattern=LANG_PATTERN),
    WithJsonSchema({"type": "string", "pattern": LANG_PATTERN}),
]
LangText = Annotated[
    str | dict[LangCode, str],
    Field(
        description="Text a person reads: a plain string, or a mapping of language codes to "
        "strings (`en: ...`, `fr: ...`); English is the fallback."
    ),
]

Who = Literal["both", "each", "a", "b", "speaker", "listener"]
Mode = Literal["together", "solo", "private"]
Owner = Literal["shared", "a", "b", "speaker", "listener", "me"]

#: Placeholders every text may use besides ``{answers.<step id>}``.
STANDARD_PLACEHOLDERS = frozenset({"me", "partner", "a", "b", "speaker", "listener"})


def text(value: LangText | None, lang: str = "en") -> str:
    """Pick the text for ``lang`` from a plain string or a language mapping.

    Falls back from a regional code to its base language (``pt-BR`` to ``pt``), then to
    English, then to the first language given; ``None`` becomes an empty string.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for code in (lang, lang.split("-", 1)[0], "en"):
        if code in value:
            return value[code]
    return next(iter(value.values()), "")


class Model(BaseModel):
    """Base for every format model: unknown fields are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def located(message: str, *at: str | int) -> PydanticCustomError:
    """A validation error about the field at ``at`` (a path inside the model raising it).

    A check that needs several fields (so it runs on the whole model) would otherwise be
    reported at the model's first line; the loader reads ``at`` from the error's context and
    points at the field itself.
    """
    return PydanticCustomError("located", message, {"at": at})


# --- building blocks ---------------------------------------------------------------------------


class Option(Model):
    """One answer a person can pick in a `choice` or tick in a `checklist`."""

    value: Annotated[
        str,
        StringConstraints(min_length=1, max_length=64),
        Field(description="What is stored and compared in conditions, e.g. `tense`."),
    ]
    label: LangText | None = Field(
        default=None, description="What the person sees; defaults to the value."
    )

    def shown(self, lang: str = "en") -> str:
        """The label in ``lang``, or the value when there is no label."""
        return text(self.label, lang) or self.value


def _options_from_strings(value: Any) -> Any:
    """Let authors write an option as a bare string (value and label alike)."""
    if isinstance(value, list):
        return [{"value": item} if isinstance(item, str) else item for item in value]
    return value


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} '{value}' appears twice")
        seen.add(value)


def _unique_options(options: list[Option]) -> list[Option]:
    _unique([o.value for o in options], "option value")
    return options


OptionList = Annotated[
    list[Option],
    BeforeValidator(_options_from_strings, json_schema_input_type=list[Option | str]),
    AfterValidator(_unique_options),
]
"""Options or checklist items: bare strings or ``{value, label}``, values unique."""


class Blank(Model):
    """A blank in a `fill` template, with suggestions to pick from."""

    id: StepId
    label: LangText | None = Field(default=None, description="A short hint shown at the blank.")
    suggestions: list[LangText] = Field(
        default_factory=list, description="Words or phrases offered for this blank."
    )
    free_text: bool = Field(
        default=True, description="Whether the person may type their own words."
    )


#: The longest ``label`` an author may write (a reveal column at 80 columns shows this much).
LABEL_MAX = 40

LABEL_DESCRIPTION = (
    "A few words naming the answer where it is shown later (reveal, history, progress, "
    "exports), e.g. `How close we felt`; at most 40 characters. Defaults to a shortened "
    "{what}."
)


def _short(value: LangText | None) -> LangText | None:
    """Refuse a label longer than a reveal column can show in one line."""
    texts = [value] if isinstance(value, str) else list((value or {}).values())
    for words in texts:
        if not words.strip():
            raise ValueError("a label needs some words")
        if len(words) > LABEL_MAX:
            raise ValueError(f"a label is at most {LABEL_MAX} characters ({len(words)} here)")
    return value


Label = Annotated[LangText | None, AfterValidator(_short)]


class ScaleItem(Model):
    """One scored item of a multi-item `scale` step."""

    id: StepId
    text: LangText = Field(description="The statement or question for this item.")
    label: Label = Field(default=None, description=LABEL_DESCRIPTION.format(what="statement"))
    min: int | None = Field(default=None, description="Lowest response; defaults to the step's.")
    max: int | None = Field(default=None, description="Highest response; defaults to the step's.")
    reverse: bool = Field(
        default=False,
        description="Reverse-keyed: a response r scores as (min + max - r).",
    )
    subscale: StepId | None = Field(
        default=None, description="The id of a subscale (declared under the exercise's `scale`)."
    )


class BreathPattern(Model):
    """A paced-breathing rhythm for a `pause` step, in seconds."""

    inhale: int = Field(default=4, ge=1, le=20)
    hold: int = Field(default=2, ge=0, le=20)
    exhale: int = Field(default=6, ge=1, le=20)


class GoalTemplate(Model):
    """A goal an `agreement` creates once both partners confirm it."""

    title: LangText = Field(
        description="The goal's title; may use `{answers.<id>}` and the other placeholders."
    )
    cadence: str = Field(
        description="How often, in words the goals feature reads, e.g. `daily`, `weekly`, "
        "`2 per week`, `3x a week`, `every 2 days`, `weekdays`, `mon,thu` or `monthly`.",
        min_length=1,
        max_length=40,
        pattern=CADENCE_PATTERN,
    )
    note: LangText | None = Field(default=None, description="An optional note on the goal.")
    owner: Owner = Field(
        default="shared",
        description="Whose goal it is: `shared` (the couple's), `a`, `b`, `speaker`, `listener` "
        "(the session's starting speaker, or the other partner), or `me` (the one person doing a "
        "solo or private exercise). In a solo or private exercise only its author confirms, so "
        "the goal is always theirs: use `me` or leave `owner` out.",
    )

    @field_validator("cadence", mode="before")
    @classmethod
    def _readable_cadence(cls, value: Any) -> Any:
        """Read the cadence with the goals feature's own parser, as the session will."""
        if isinstance(value, str):
            try:
                parse_cadence(value)
            except WorkbookError as exc:
                raise ValueError(exc.message) from None
        return value


# --- steps -------------------------------------------------------------------------------------


class StepBase(Model):
    """Fields every step has."""

    id: StepId
    title: LangText | None = Field(default=None, description="A short heading for the step.")
    label: Label = Field(
        default=None, description=LABEL_DESCRIPTION.format(what="title, or else its text")
    )
    text: LangText | None = Field(
        default=None,
        description="Markdown shown for the step. May use `{me}`, `{partner}`, `{a}`, `{b}`, "
        "`{speaker}`, `{listener}` and `{answers.<step id>}`; write `{{` for a brace.",
    )
    who: Who = Field(
        default="both",
        description="Who acts: `both` (together, one answer), `each` (each partner answers), "
        "`a`, `b`, `speaker` or `listener`.",
    )
    blind: bool = Field(
        default=False,
        description="With `who: each`: neither partner sees the other's answer until a "
        "`reveal` step names this one.",
    )
    never_revealed: bool = Field(
        default=False,
        description="With `blind: true`: each answer is for its author alone and no `reveal` "
        "may name this step (says so on purpose, so `validate` does not warn).",
    )
    when: str | None = Field(
        default=None,
        description='A condition on earlier answers, e.g. `answers.feel == "tense"`; the step '
        "is skipped when it is false.",
    )
    optional: bool = Field(default=False, description="Whether the step may be left unanswered.")

    #: Kinds that always involve both partners at once (``who`` must stay ``both``).
    together_only: ClassVar[bool] = False

    @model_validator(mode="after")
    def _who_rules(self) -> Self:
        if self.blind and self.who != "each":
            raise ValueError("'blind: true' needs 'who: each'")
        if self.never_revealed and not self.blind:
            raise located("'never_revealed: true' needs 'blind: true'", "never_revealed")
        if self.together_only and self.who != "both":
            kind = getattr(self, "kind", "this")
            raise ValueError(f"a '{kind}' step involves both partners; leave 'who' out")
        return self


class ReadStep(StepBase):
    """Markdown for the partners to read."""

    kind: Literal["read"] = "read"
    text: LangText = Field(description="The Markdown to show.")


class PromptStep(StepBase):
    """A free-text answer."""

    kind: Literal["prompt"] = "prompt"
    text: LangText = Field(description="The question or invitation to write.")
    placeholder: LangText | None = Field(
        default=None, description="Greyed example text in the empty answer box."
    )
    multiline: bool = Field(default=True, description="Whether the answer box has several lines.")


class ChoiceStep(StepBase):
    """Pick one (or several) of a list of options."""

    kind: Literal["choice"] = "choice"
    options: OptionList = Field(
        min_length=2,
        json_schema_extra={"minItems": 2},  # OptionList's input schema replaces the list's own
        description="The options; a bare string is both value and label.",
    )
    select: Literal["single", "multiple"] = Field(
        default="single", description="Pick exactly one option, or several."
    )
    max_selected: int | None = Field(
        default=None,
        ge=1,
        description="With `select: multiple`: the most options a person may pick (at most the "
        'number of options), e.g. 5 for "choose up to five".',
    )
    min_selected: int = Field(
        default=1,
        ge=0,
        description="With `select: multiple`: the fewest options an answer needs (default 1; "
        "0 makes picking none an answer). An `optional` step may still be skipped.",
    )

    @field_validator("max_selected", "min_selected")
    @classmethod
    def _selection_limits(cls, value: int | None, info: ValidationInfo) -> int | None:
        if info.data.get("select", "multiple") != "multiple":
            raise ValueError("needs 'select: multiple'")
        options = info.data.get("options")
        if value is None or options is None:
            return value
        if value > len(options):
            raise ValueError(f"{value} is more than the {len(options)} options")
        most = info.data.get("max_selected")
        if info.field_name == "min_selected" and most is not None and value > most:
            raise ValueError(f"{value} is more than 'max_selected' ({most})")
        return value


class ScaleStep(StepBase):
    """A number on a range with labels at both ends; optionally several scored items."""

    kind: Literal["scale"] = "scale"
    min: int = Field(default=0, description="The lowest number.")
    max: int = Field(default=10, description="The highest number.")
    min_label: LangText | None = Field(default=None, description="Label for the low end.")
    max_label: LangText | None = Field(default=None, description="Label for the high end.")
    items: list[ScaleItem] = Field(
        default_factory=list,
        description="Several statements each rated on the range (a questionnaire); the "
        "answer is then a mapping of item id to number, scored by the exercise's `scale`.",
    )

    @model_validator(mode="after")
    def _ranges(self) -> Self:
        if self.min >= self.max:
            raise ValueError(f"'min' ({self.min}) must be below 'max' ({self.max})")
        for item in self.items:
            lo, hi = self.item_range(item)
            if lo >= hi:
                raise ValueError(f"item '{item.id}': 'min' ({lo}) must be below 'max' ({hi})")
        _unique([i.id for i in self.items], "item id")
        return self

    def item_range(self, item: ScaleItem) -> tuple[int, int]:
        """The response range of ``item`` (its own or the step's)."""
        lo = self.min if item.min is None else item.min
        hi = self.max if item.max is None else item.max
        return lo, hi


class ChecklistStep(StepBase):
    """Tick any of a list of items."""

    kind: Literal["checklist"] = "checklist"
    items: OptionList = Field(
        min_length=1,
        json_schema_extra={"minItems": 1},
        description="The things to tick; a bare string is value and label.",
    )


class FillStep(StepBase):
    """A sentence template with blanks, e.g. an I-statement builder."""

    kind: Literal["fill"] = "fill"
    template: LangText = Field(
        description="The sentence with blanks written `{blank_id}`, e.g. "
        "`I feel {feeling} when {situation}.`"
    )
    blanks: list[Blank] = Field(min_length=1, description="The blanks, in order.")

    @model_validator(mode="after")
    def _blanks(self) -> Self:
        ids = [b.id for b in self.blanks]
        _unique(ids, "blank")
        clash = STANDARD_PLACEHOLDERS.intersection(ids) | ({"answers"} & set(ids))
        if clash:
            raise ValueError(f"blank id '{sorted(clash)[0]}' is reserved for a placeholder")
        return self


class TimerStep(StepBase):
    """A timed activity, e.g. "speak for three minutes"."""

    kind: Literal["timer"] = "timer"
    seconds: int = Field(ge=1, le=7200, description="How long the timer runs.")
    pausable: bool = Field(default=True, description="Whether the timer may be paused.")


class TurnsStep(StepBase):
    """A speaker/listener exchange: speak, paraphrase, confirm or correct, swap roles.

    One round gives each partner one turn as speaker. In a turn the speaker talks (a timer of
    ``speaker_seconds``), the listener writes what they heard (when ``paraphrase``), and the
    speaker confirms it or asks for another try (when ``confirm``; at most
    ``max_corrections`` retries).
    """

    kind: Literal["turns"] = "turns"
    together_only: ClassVar[bool] = True
    rounds: int = Field(default=1, ge=1, le=10, description="Rounds; each partner speaks once.")
    speaker_seconds: int = Field(
        default=120, ge=10, le=1800, description="Speaking time per turn, in seconds."
    )
    paraphrase: bool = Field(
        default=True, description="Whether the listener must put what they heard in words."
    )
    confirm: bool = Field(
        default=True, description="Whether the speaker confirms or corrects the paraphrase."
    )
    max_corrections: int = Field(
        default=2, ge=0, le=5, description="How many times the listener may try again."
    )
    speaker_prompt: LangText | None = Field(
        default=None, description="Shown to the speaker, e.g. what to talk about."
    )
    listener_prompt: LangText | None = Field(
        default=None, description="Shown to the listener, e.g. how to listen."
    )
    first_speaker: PartnerKey | None = Field(
        default=None,
        description="Who speaks first, fixed by the exercise (`a` or `b`). Left out, the couple "
        "sees who speaks first and may swap before the first turn.",
    )


class RevealStep(StepBase):
    """Show both partners' answers to earlier steps side by side."""

    kind: Literal["reveal"] = "reveal"
    together_only: ClassVar[bool] = True
    steps: list[StepId] = Field(min_length=1, description="Ids of earlier steps to show.")


class AgreementStep(StepBase):
    """A text composed from earlier answers that both partners confirm."""

    kind: Literal["agreement"] = "agreement"
    together_only: ClassVar[bool] = True
    template: LangText = Field(
        description="The agreement, built from earlier answers with `{answers.<id>}`."
    )
    editable: bool = Field(
        default=True, description="Whether the partners may edit the text before confirming."
    )
    creates_goal: GoalTemplate | None = Field(
        default=None, description="A goal created when both partners confirm."
    )


class PauseStep(StepBase):
    """A calming pause: paced breathing, a time-out or grounding."""

    kind: Literal["pause"] = "pause"
    seconds: int = Field(default=60, ge=5, le=3600, description="How long the pause lasts.")
    activity: Literal["breathing", "time_out", "grounding"] = Field(
        default="breathing", description="What the pause is for."
    )
    breathing: BreathPattern | None = Field(
        default=None, description="The breathing rhythm (defaults to in 4, hold 2, out 6)."
    )


Step = Annotated[
    ReadStep
    | PromptStep
    | ChoiceStep
    | ScaleStep
    | ChecklistStep
    | FillStep
    | TimerStep
    | TurnsStep
    | RevealStep
    | AgreementStep
    | PauseStep,
    Field(discriminator="kind"),
]

STEP_KINDS: dict[str, type[StepBase]] = {
    "read": ReadStep,
    "prompt": PromptStep,
    "choice": ChoiceStep,
    "scale": ScaleStep,
    "checklist": ChecklistStep,
    "fill": FillStep,
    "timer": TimerStep,
    "turns": TurnsStep,
    "reveal": RevealStep,
    "agreement": AgreementStep,
    "pause": PauseStep,
}

#: Step kinds that record an answer from a person.
ANSWERED_KINDS = frozenset({"prompt", "choice", "scale", "checklist", "fill"})


# --- scoring -----------------------------------------------------------------------------------


class Cutoff(Model):
    """A band of scores: from ``min`` up to the next cutoff."""

    min: float = Field(description="The lowest score in this band.")
    label: LangText = Field(description="What a score in this band means, in plain words.")
    note: LangText | None = Field(default=None, description="An optional longer explanation.")


def _ascending(cutoffs: list[Cutoff]) -> None:
    for lower, upper in pairwise(cutoffs):
        if upper.min <= lower.min:
            raise ValueError("cutoffs must be listed from the lowest 'min' to the highest")


class Subscale(Model):
    """A named group of items scored on its own."""

    id: StepId
    title: LangText
    cutoffs: list[Cutoff] = Field(default_factory=list, description="Bands for this subscale.")

    @model_validator(mode="after")
    def _order(self) -> Self:
        _ascending(self.cutoffs)
        return self


class ScaleScoring(Model):
    """How the items of the exercise's `scale` steps are scored (a check-in or measure)."""

    name: LangText = Field(description="The measure's name.")
    steps: list[StepId] = Field(
        default_factory=list,
        description="The `scale` steps whose items are scored; empty means every `scale` "
        "step with items.",
    )
    scoring: Literal["sum", "mean"] = Field(
        default="sum", description="Add the item scores, or average them."
    )
    subscales: list[Subscale] = Field(default_factory=list, description="Optional subscales.")
    cutoffs: list[Cutoff] = Field(
        default_factory=list, description="Bands for the total score, lowest first."
    )
    reliable_change: float | None = Field(
        default=None,
        gt=0,
        description="The smallest change between two scores that is more than noise.",
    )
    higher_is: LangText | None = Field(
        default=None, description="What a higher score means, e.g. `more connected`."
    )
    citation: str | None = Field(default=None, description="Where the measure comes from.")
    licence: str | None = Field(
        default=None,
        description="The licence under which the item text is used (SPDX id or words).",
    )

    @model_validator(mode="after")
    def _checks(self) -> Self:
        _ascending(self.cutoffs)
        _unique([s.id for s in self.subscales], "subscale")
        return self


# --- exercise, program, pack -------------------------------------------------------------------


def mode_problems(
    mode: Mode, steps: Sequence[tuple[int, StepBase]]
) -> list[tuple[tuple[str | int, ...], str]]:
    """What breaks the rules of ``mode`` among ``steps`` (with their positions): ``(loc, message)``.

    Run by :class:`Exercise` (which raises the first) and by the loader on the steps of a file
    that failed validation elsewhere, so the whole list comes out in one run.
    """
    found: list[tuple[tuple[str | int, ...], str]] = []
    for index, step in steps:
        goal = getattr(step, "creates_goal", None)
        if isinstance(goal, GoalTemplate):
            owner_problem = _owner_problem(mode, step.id, goal.owner)
            if owner_problem:
                found.append((("steps", index, "creates_goal", "owner"), owner_problem))
        if mode == "together":
            continue
        kind = getattr(step, "kind", "")
        if kind == "turns":
            found.append(
                (
                    ("steps", index, "kind"),
                    f"step '{step.id}': a {mode} exercise cannot have 'turns'",
                )
            )
        elif step.who != "both":
            found.append(
                (
                    ("steps", index, "who"),
                    f"step '{step.id}': in a {mode} exercise one person does every step; "
                    "leave 'who' out",
                )
            )
    return found


def _owner_problem(mode: Mode, step_id: str, owner: Owner) -> str | None:
    if mode == "together" and owner == "me":
        return (
            f"step '{step_id}': 'owner: me' is the author of a solo or private exercise; "
            "here use shared, a, b, speaker or listener"
        )
    if mode != "together" and owner not in ("me", "shared"):
        return (
            f"step '{step_id}': in a {mode} exercise the goal is its author's; "
            "use 'owner: me' or leave 'owner' out"
        )
    return None


class Exercise(Model):
    """One exercise file."""

    id: Slug = Field(description="Stable id; never change it once people have used it.")
    version: int = Field(
        default=1, ge=1, description="Raise it when steps change; saved progress restarts."
    )
    title: LangText
    summary: LangText = Field(description="One or two sentences shown in the library.")
    category: Slug = Field(
        description="The library section, e.g. `conversation`, `trust`, `journal`, `growth`, "
        "`boundaries`, `conflict`, `check-in`."
    )
    mode: Mode = Field(
        default="together",
        description="`together` at one terminal, `solo` (one partner), or `private` (one "
        "partner; answers stored encrypted for their author).",
    )
    minutes: int = Field(ge=1, le=240, description="About how long it takes.")
    tags: list[Slug] = Field(default_factory=list, description="Words to filter by.")
    approach: str = Field(
        min_length=1,
        max_length=200,
        description="The approach it draws on, e.g. `Imago dialogue` or `emotionally focused "
        "therapy`.",
    )
    source: str | None = Field(
        default=None,
        min_length=1,
        max_length=300,
        description="A public source where the approach is described (a book, paper or web "
        "page), so people can read more, e.g. `Gottman & Silver, The Seven Principles for "
        "Making Marriage Work (1999)`.",
    )
    guides: list[str] = Field(
        default_factory=list,
        description="Guide files in `content/guides/` to offer alongside, e.g. `listening.md`.",
    )
    safety_notes: list[LangText] = Field(
        default_factory=list,
        description="Shown before starting, e.g. when to stop or seek help.",
    )
    steps: list[Step] = Field(min_length=1, description="The steps, in order.")
    scale: ScaleScoring | None = Field(
        default=None, description="Scoring for the items of this exercise's `scale` steps."
    )

    @model_validator(mode="after")
    def _mode_rules(self) -> Self:
        for loc, message in mode_problems(self.mode, list(enumerate(self.steps))):
            raise located(message, *loc)
        return self

    def step(self, step_id: str) -> Step:
        """The step with ``step_id`` (KeyError if none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def step_index(self, step_id: str) -> int:
        """The position of the step with ``step_id`` (KeyError if none)."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)


class ProgramReview(Model):
    """A review sitting: the first and the latest scores of a check-in, side by side."""

    title: LangText = Field(description="What the review is called, e.g. `Halfway review`.")
    scale: Slug = Field(
        description="The id of the exercise whose scores are compared (it must have a "
        "`scale`), e.g. `weekly-check-in`."
    )
    notes: LangText | None = Field(
        default=None, description="What to talk about while you look at the scores."
    )


class ProgramWeek(Model):
    """One week of a program."""

    week: int = Field(ge=1, le=104, description="The week number, starting at 1.")
    title: LangText
    exercises: list[Slug] = Field(min_length=1, description="Exercise ids for this week.")
    notes: LangText | None = Field(default=None, description="Guidance for the week.")
    review: ProgramReview | None = Field(
        default=None,
        description="A review sitting at the end of the week: each partner's first and latest "
        "scores of a check-in, side by side.",
    )


class Program(Model):
    """A multi-week sequence of exercises (``content/programs/*.yaml``)."""

    id: Slug
    title: LangText
    summary: LangText
    weeks: list[ProgramWeek] = Field(min_length=1)

    @model_validator(mode="after")
    def _weeks_in_order(self) -> Self:
        numbers = [w.week for w in self.weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("weeks must be numbered 1, 2, 3, ... in order")
        return self


class Pack(Model):
    """A facilitator pack's ``pack.yaml``: who made the exercises in this folder."""

    name: str = Field(min_length=1, max_length=100)
    version: str = Field(min_length=1, max_length=40, description="The pack's own version.")
    author: str = Field(min_length=1, max_length=200)
    licence: str = Field(min_length=1, max_length=200, description="SPDX id or words.")
    url: str | None = Field(default=None, description="Where the pack comes from.")


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The format models a field's type annotation can hold (through unions, lists, ...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        found.extend(models_in(arg))
    return found


def pick_model(models: list[type[BaseModel]], value: dict[Any, Any]) -> type[BaseModel] | None:
    """Which of ``models`` a mapping is validated as: the only one, or the one whose ``kind``
    default matches the mapping's ``kind`` (``None`` when no step kind matches)."""
    if len(models) == 1:
        return models[0]
    for candidate in models:
        kind = candidate.model_fields.get("kind")
        if kind is not None and kind.default == value.get("kind"):
            return candidate
    return None


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SchemaKind = Literal["exercise", "pack", "program"]
SCHEMA_FILES: dict[SchemaKind, str] = {
    "exercise": "exercises/schema.json",
    "pack": "exercises/pack.schema.json",
    "program": "content/programs/schema.json",
}
"""Where each schema is committed (relative to the repository), kept identical by a test."""

_SCHEMA_TITLES: dict[SchemaKind, str] = {
    "exercise": "Couples workbook exercise",
    "pack": "Couples workbook facilitator pack (pack.yaml)",
    "program": "Couples workbook program",
}
_SCHEMA_MODELS: dict[SchemaKind, type[BaseModel]] = {
    "exercise": Exercise,
    "pack": Pack,
    "program": Program,
}


def schema_id(kind: SchemaKind) -> str:
    """The schema's ``$id``: a stable name that does not depend on where the files are hosted."""
    return f"urn:couples-workbook:schema:{kind}"


def json_schema(kind: SchemaKind = "exercise") -> dict[str, Any]:
    """The JSON Schema of an exercise, pack or program file, for editors and check-jsonschema.

    Generated from the models, so it can never disagree with the loader; the copies committed
    at :data:`SCHEMA_FILES` are kept identical by a test. Rules across fields that JSON Schema
    can carry (``blind`` needs ``who: each``, what a solo exercise may hold, ...) are added
    from the same model facts the validators use; what it cannot carry (references between
    steps, the condition language, a language registry) only ``workbook validate`` checks.
    """
    schema = _SCHEMA_MODELS[kind].model_json_schema()
    schema["title"] = _SCHEMA_TITLES[kind]
    _close_language_maps(schema)
    if kind == "exercise":
        _exercise_rules(schema)
    return {"$schema": SCHEMA_DIALECT, "$id": schema_id(kind), **schema}


def _exercise_rules(schema: dict[str, Any]) -> None:
    """Add the exercise rules across fields that JSON Schema can express."""
    defs = schema["$defs"]
    for kind, model in STEP_KINDS.items():
        step = defs[model.__name__]
        step.setdefault("required", []).insert(0, "kind")  # the discriminator, never implied
        step["properties"]["kind"]["const"] = kind
        if model.together_only:
            step["properties"]["who"]["const"] = "both"
        rules = [_needs("blind", True, "who", "each")]
        if model is ChoiceStep:
            rules += [_needs(limit, None, "select", "multiple") for limit in _SELECTION_LIMITS]
        step["allOf"] = rules
    defs["Blank"]["properties"]["id"]["not"] = {"enum": sorted(STANDARD_PLACEHOLDERS | {"answers"})}
    alone = {"enum": ["solo", "private"]}
    schema["allOf"] = [
        {
            "if": {"properties": {"mode": alone}, "required": ["mode"]},
            "then": _every_step(
                {
                    "kind": {"not": {"const": "turns"}},
                    "who": {"const": "both"},
                    "creates_goal": {"properties": {"owner": {"enum": ["me", "shared"]}}},
                }
            ),
            "else": _every_step(
                {"creates_goal": {"properties": {"owner": {"not": {"const": "me"}}}}}
            ),
        }
    ]


_SELECTION_LIMITS = ("max_selected", "min_selected")


def _needs(field: str, value: Any, other: str, required: str) -> dict[str, Any]:
    """``if field (is value) then other == required``, as a JSON Schema rule."""
    condition: dict[str, Any] = {"required": [field]}
    if value is not None:
        condition["properties"] = {field: {"const": value}}
    return {
        "if": condition,
        "then": {"properties": {other: {"const": required}}, "required": [other]},
    }


def _every_step(properties: dict[str, Any]) -> dict[str, Any]:
    return {"properties": {"steps": {"items": {"properties": properties}}}}


def _close_language_maps(node: Any) -> None:
    """Make language maps refuse keys that are not language codes, as the models do."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_language_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_language_maps(value)


def json_schema_text(kind: SchemaKind = "exercise") -> str:
    """:func:`json_schema` as the exact text of its committed file (:data:`SCHEMA_FILES`)."""
    import json

    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
