"""The export document: one Pydantic model holding everything a report shows.

Markdown, HTML and JSON are all rendered from an :class:`ExportDocument`, so the three formats
can never disagree about what was included. The JSON Schema published as
``docs/export.schema.json`` is generated from these models (:func:`json_schema_text`) and a test
keeps the committed copy identical, so the documented structure is the real one.

Partners appear by key (``"a"``/``"b"``) everywhere, with their names once in ``partners``, as in
the store. Answers keep both the readable text and the stored value.

The annotations are written as real types, not strings (no ``from __future__ import
annotations``): Pydantic reads them as they are instead of evaluating each string when the
classes are built, which every ``workbook export`` pays for at start.
"""

import json
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, WrapValidator

from workbook.partners import AnswerKey, PartnerKey

EXPORT_FORMAT = 1
"""Version of the document's shape; raise it when the shape changes incompatibly."""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Model(BaseModel):
    """Base for every part of the document: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class PartnerOut(Model):
    """A partner: the key used throughout the document, and their name."""

    key: PartnerKey
    name: str


class Scope(Model):
    """What this export includes, so a reader knows what was left out."""

    private_partner: PartnerKey | None = Field(
        default=None,
        description="The partner whose private items are included (they unlocked and opted in).",
    )
    withheld_private_items: int = Field(
        default=0, ge=0, description="Private items left out (never their contents)."
    )
    packet: bool = Field(default=False, description="Whether this is a therapist packet.")


AS_GIVEN = WrapValidator(lambda value, _check: value)
"""A value taken as it is given, unchecked. An answer's value comes from JSON (a session as
stored), so it is a JSON value already; checking it again calls Pydantic's JSON-value
discriminator, a Python function, for each nested value (about 30 M instructions for ten
years' 6,400 answers). The schema and the JSON output still say ``JsonValue``."""


class AnswerOut(Model):
    """One answer to one step: who gave it, as a person reads it, and as stored."""

    who: AnswerKey = Field(description="'a' or 'b' for one partner, 'both' for a joint answer.")
    text: str
    value: Annotated[JsonValue, AS_GIVEN] = Field(
        description="The answer as the exercise engine stores it."
    )


class StepOut(Model):
    """A step of an exercise and the answers it received."""

    id: str
    kind: str
    question: str
    answers: list[AnswerOut]


class AgreementOut(Model):
    """An agreement written during a session, and who confirmed it."""

    session_id: str
    exercise_title: str
    step_id: str
    text: str
    confirmed_by: list[PartnerKey]
    day: date


class SessionOut(Model):
    """One run of one exercise with the answers that may be shown to both partners."""

    id: str
    exercise_id: str
    title: str
    mode: Literal["together", "solo", "private"]
    author: PartnerKey | None = None
    status: Literal["in_progress", "paused", "finished"]
    started_at: datetime
    finished_at: datetime | None = None
    program: str | None = Field(
        default=None, description="The id of the program it was started from, if any."
    )
    program_step: int | None = Field(
        default=None,
        description="Which step of that program (counted week by week from 0), if known.",
    )
    steps: list[StepOut]
    note: str = Field(default="", description="Anything the reader should know (e.g. a gap).")


class CheckInOut(Model):
    """One partner's check-in on a goal for one day."""

    day: date
    partner: PartnerKey
    status: Literal["done", "partly", "skipped", "missed"]
    rating: int | None = None
    note: str | None = None
    skip_reason: str | None = None


class GoalPartnerOut(Model):
    """How one partner is doing on a goal (streaks count periods; skips are excused)."""

    partner: PartnerKey
    current_streak: int
    best_streak: int
    completed: int
    missed: int
    excused: int
    completion_rate: float | None = Field(
        default=None, description="Completed periods out of those judged (0..1)."
    )


class GoalOut(Model):
    """A goal with its check-ins and each partner's progress."""

    id: str
    title: str
    why: str = ""
    owner: PartnerKey | None = Field(default=None, description="None for a shared goal.")
    private: bool = False
    cadence: str
    period_unit: str
    status: Literal["active", "paused", "achieved", "archived"]
    start_date: date
    target_date: date | None = None
    ended_on: date | None = None
    source: Literal["direct", "agreement"] = "direct"
    agreement_text: str | None = None
    source_session_id: str | None = None
    checkins: list[CheckInOut]
    progress: list[GoalPartnerOut]


class ScorePointOut(Model):
    """One partner's score on one session's date."""

    day: date
    session_id: str
    value: float
    band: str | None = None


class ScoreSeriesOut(Model):
    """One partner's scores on a scale, oldest first."""

    partner: PartnerKey
    points: list[ScorePointOut]


class ScaleTrendOut(Model):
    """A scored scale (e.g. the weekly check-in) over time, per partner."""

    scale_id: str
    title: str
    higher_is: str = ""
    series: list[ScoreSeriesOut]


class ProgramExerciseOut(Model):
    """An exercise of a program week, and whether a sitting started from this program filled
    it (each sitting fills one step)."""

    id: str
    title: str
    done: bool


class ProgramWeekOut(Model):
    """One week of a program."""

    week: int
    title: str
    exercises: list[ProgramExerciseOut]


class ProgramOut(Model):
    """A multi-week program and how far the couple has got."""

    id: str
    title: str
    done: int
    total: int
    weeks: list[ProgramWeekOut]


class JournalEntryOut(Model):
    """A journal entry, included only for its author after they unlocked and opted in."""

    id: str
    author: PartnerKey
    created: datetime
    updated: datetime
    title: str
    body: str
    prompt: str | None = None
    tags: list[str] = Field(default_factory=list)
    mood: str | None = None


class Approval(Model):
    """One partner's decision on one packet item, and when it was made."""

    partner: PartnerKey
    approved: bool
    at: datetime


class PacketItem(Model):
    """A candidate for the therapist packet and each partner's decision on it."""

    kind: Literal["session", "goal"]
    id: str
    label: str
    approvals: list[Approval]

    def approved_by(self, partner: PartnerKey) -> bool:
        """Whether ``partner`` said yes to this item."""
        return any(a.partner == partner and a.approved for a in self.approvals)

    @property
    def included(self) -> bool:
        """An item goes into the packet only when both partners approved it."""
        return self.approved_by("a") and self.approved_by("b")


class PacketRecord(Model):
    """Who approved what and when: every candidate, included or not."""

    created_at: datetime
    items: list[PacketItem]


class ExportDocument(Model):
    """Everything one export contains; every format is rendered from this."""

    format: int = Field(default=EXPORT_FORMAT, description="Version of this document's shape.")
    kind: Literal["workbook", "packet"] = "workbook"
    title: str
    generated_at: datetime
    workbook_version: str
    partners: list[PartnerOut]
    scope: Scope
    sessions: list[SessionOut]
    agreements: list[AgreementOut]
    goals: list[GoalOut]
    scores: list[ScaleTrendOut]
    programs: list[ProgramOut]
    journal: list[JournalEntryOut]
    packet: PacketRecord | None = None

    def name(self, key: str) -> str:
        """A partner's name by key ("both of you" for a joint answer)."""
        if key == "both":
            return "Both of you"
        for partner in self.partners:
            if partner.key == key:
                return partner.name
        return key


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an export document (JSON format), generated from the models."""
    schema = ExportDocument.model_json_schema(mode="serialization")
    schema["title"] = "Couples workbook export"
    return {"$schema": SCHEMA_DIALECT, **schema}


def json_schema_text() -> str:
    """:func:`json_schema` as the exact text of ``docs/export.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
