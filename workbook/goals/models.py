"""Stored goal, check-in and scale-score records (the goals' Pydantic models).

A :class:`Goal` keeps its whole history: cadence *versions* (each with the date it took effect),
pause intervals, the day it was achieved or archived, and an adjustment log saying when, what
and why something changed. :meth:`Goal.plan` turns that history into the plain
:class:`~workbook.goals.schedule.Plan` the due and streak logic reads, so a change of cadence in
March never changes how February is judged.

A :class:`CheckIn` is one partner's word on one goal for one local date (``day``); its id is derived
from (goal, partner, date), so a second check-in for the same day replaces the first. A
:class:`ScoreRecord` is one partner's scored scale in one session (:mod:`workbook.goals.scores`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbook.clock import now
from workbook.goals.cadence import Cadence
from workbook.goals.plain import GoalRules, GoalStatus
from workbook.goals.schedule import CheckInStatus, Fact
from workbook.partners import PartnerKey
from workbook.store import Record


class CadenceVersion(BaseModel):
    """A cadence and the local date from which it applies (until the next version)."""

    model_config = ConfigDict(extra="forbid")

    effective_from: date
    cadence: Cadence


class Adjustment(BaseModel):
    """One change to a goal: when, which field, old and new values, and the reason given."""

    model_config = ConfigDict(extra="forbid")

    at: datetime = Field(default_factory=now)
    field: str
    old: str | None = None
    new: str | None = None
    reason: str = ""


class PauseInterval(BaseModel):
    """Days a goal asked nothing (inclusive); ``end`` is None while the goal is still paused."""

    model_config = ConfigDict(extra="forbid")

    start: date
    end: date | None = None


class GoalSource(BaseModel):
    """Where a goal came from: made directly, or an agreement reached in an exercise."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["direct", "agreement"] = "direct"
    agreement_text: str | None = None
    session_id: str | None = None
    exercise_id: str | None = None


class Goal(GoalRules, Record):
    """A shared goal (``partner`` None) or one partner's goal, with its full history; what it
    means (who checks in, its schedule) is :class:`~workbook.goals.plain.GoalRules`."""

    title: str = Field(min_length=1, max_length=200)
    why: str = ""
    partner: PartnerKey | None = None
    private: bool = False
    encrypted: str | None = None
    cadence_versions: list[CadenceVersion] = Field(min_length=1)
    start_date: date
    target_date: date | None = None
    status: GoalStatus = GoalStatus.ACTIVE
    ended_on: date | None = None
    source: GoalSource = Field(default_factory=GoalSource)
    adjustments: list[Adjustment] = Field(default_factory=list)
    pauses: list[PauseInterval] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=now)

    @model_validator(mode="after")
    def _check(self) -> Goal:
        if self.private and self.partner is None:
            raise ValueError("only an individual goal can be private")
        if self.target_date is not None and self.target_date < self.start_date:
            raise ValueError("the target date is before the start date")
        days = [v.effective_from for v in self.cadence_versions]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("cadence versions must have distinct dates in order")
        return self


class CheckIn(Record):
    """One partner's check-in on one goal for one local date."""

    goal_id: str
    partner: PartnerKey
    day: date
    status: CheckInStatus
    skip_reason: str | None = None
    rating: int | None = Field(default=None, ge=1, le=10)
    note: str | None = None
    sealed: str | None = None
    """On a private goal: the note and the skip reason, sealed to the partner (age, armored)."""
    recorded_at: datetime = Field(default_factory=now)

    @staticmethod
    def key(goal_id: str, partner: str, day: date) -> str:
        """The id shared by every check-in of a goal, partner and date (so a new one replaces)."""
        return f"{goal_id}-{partner}-{day.isoformat()}"

    def fact(self) -> Fact:
        return Fact(self.day, self.status)


class ScoreRecord(Record):
    """One partner's scored scale in one session."""

    session_id: str
    exercise_id: str
    scale_id: str
    partner: PartnerKey
    day: date
    total: float | None
    band: str | None = None
    subscales: dict[str, float | None] = Field(default_factory=dict)
    subscale_bands: dict[str, str | None] = Field(default_factory=dict)
    items: dict[str, float] = Field(default_factory=dict)
    recorded_at: datetime = Field(default_factory=now)
