"""A stored goal read as plain data, without Pydantic, and the rules every goal follows.

``workbook due`` and ``workbook progress`` run from the console script for a shell prompt or a
glance, and importing Pydantic with the goal models costs them more than their whole work on ten
years of data (``bench/scale.py``). They read the stored goals as :class:`StoredGoal` instead:
the store checked every record against its model when it found the file sound, and it writes
only records its models made, so the stored fields are of the model's types.

:class:`GoalRules` is the one home of what a goal *means* (who checks in, the title anyone may
see, the last day of its life, its schedule as a :class:`~workbook.goals.schedule.Plan`): the
validated :class:`~workbook.goals.models.Goal` and :class:`StoredGoal` both take their rules
from it, so the two can never judge a goal differently. This module imports only the standard
library and the schedule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from workbook.goals.cadence import Cadence
from workbook.goals.schedule import Plan, build_plan
from workbook.partners import PARTNERS, PartnerKey

# For the type checker only: every command's start imports this module (``due``'s fast path),
# and building protocol classes there is a cost for nothing.
if TYPE_CHECKING:
    from typing import Protocol

    class _Aged(Protocol):
        @property
        def id(self) -> str: ...

        @property
        def created_at(self) -> datetime: ...

    class _Version(Protocol):
        @property
        def effective_from(self) -> date: ...

        @property
        def cadence(self) -> Cadence: ...

    class _Pause(Protocol):
        @property
        def start(self) -> date: ...

        @property
        def end(self) -> date | None: ...

    class GoalFields(Protocol):
        """The stored fields the rules read (a model's or a :class:`StoredGoal`'s)."""

        @property
        def title(self) -> str: ...

        @property
        def partner(self) -> PartnerKey | None: ...

        @property
        def private(self) -> bool: ...

        @property
        def start_date(self) -> date: ...

        @property
        def target_date(self) -> date | None: ...

        @property
        def ended_on(self) -> date | None: ...

        @property
        def cadence_versions(self) -> Sequence[_Version]: ...

        @property
        def pauses(self) -> Sequence[_Pause]: ...


GOALS_TABLE = "goals"
CHECKINS_TABLE = "checkins"
PRIVATE_TITLE = "Private goal"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ACHIEVED = "achieved"
    ARCHIVED = "archived"


ENDED = (GoalStatus.ACHIEVED, GoalStatus.ARCHIVED)


def by_age(goal: _Aged) -> tuple[datetime, str]:
    """The order goals are listed in: oldest first (then by id, for goals made together)."""
    return goal.created_at, goal.id


def is_current(doc: Mapping[str, Any]) -> bool:
    """Whether a stored goal is current: neither achieved nor archived (the goals a progress
    view lists unless asked for all)."""
    return doc.get("status", GoalStatus.ACTIVE) not in ENDED


class GoalRules:
    """What a goal means, from its stored fields (a base of both goal classes)."""

    __slots__ = ()

    @property
    def shared(self: GoalFields) -> bool:
        return self.partner is None

    @property
    def cadence(self: GoalFields) -> Cadence:
        """The cadence in effect now (the latest version)."""
        return self.cadence_versions[-1].cadence

    def partners(self: GoalFields) -> tuple[PartnerKey, ...]:
        """Who checks in on this goal: both partners for a shared goal, else its owner."""
        return PARTNERS if self.partner is None else (self.partner,)

    def display_title(self: GoalFields) -> str:
        """The title to show anyone: private goals show a placeholder, never the sealed text."""
        return PRIVATE_TITLE if self.private else self.title

    def last_day(self: GoalFields) -> date | None:
        """The last day of the goal's life: its target date or the day it ended, if any."""
        ends = [d for d in (self.target_date, self.ended_on) if d is not None]
        return min(ends) if ends else None

    def plan(self: GoalFields) -> Plan:
        """The goal's schedule as plain dates, with every cadence version in its own range."""
        return build_plan(
            self.start_date,
            [(v.effective_from, v.cadence) for v in self.cadence_versions],
            GoalRules.last_day(self),
            [(p.start, p.end) for p in self.pauses],
        )


class Version(NamedTuple):
    effective_from: date
    cadence: Cadence


class Pause(NamedTuple):
    start: date
    end: date | None


class Source(NamedTuple):
    """Where a goal came from (a :class:`~workbook.goals.models.GoalSource`)."""

    kind: str = "direct"
    agreement_text: str | None = None
    session_id: str | None = None
    exercise_id: str | None = None


class Change(NamedTuple):
    """One logged change of a goal (an :class:`~workbook.goals.models.Adjustment`)."""

    at: datetime
    field: str
    old: str | None
    new: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class StoredGoal(GoalRules):
    """A stored goal's fields, read from its document without the model (see the module).

    The sealed words of a private goal (``encrypted``) are not read: nothing that reads a
    goal this way shows them.
    """

    id: str
    title: str
    why: str
    partner: PartnerKey | None
    private: bool
    status: GoalStatus
    start_date: date
    target_date: date | None
    ended_on: date | None
    cadence_versions: tuple[Version, ...]
    pauses: tuple[Pause, ...]
    adjustments: tuple[Change, ...]
    created_at: datetime
    source: Source

    @classmethod
    def read(cls, doc: Mapping[str, Any]) -> StoredGoal:
        """The goal a stored document holds (as the store keeps it, in JSON types); a field
        the document leaves out has the model's default (a test holds the two equal)."""
        return cls(
            id=doc["id"],
            title=doc["title"],
            why=doc.get("why", ""),
            partner=doc.get("partner"),
            private=doc.get("private", False),
            status=GoalStatus(doc.get("status", GoalStatus.ACTIVE)),
            start_date=date.fromisoformat(doc["start_date"]),
            target_date=_day(doc.get("target_date")),
            ended_on=_day(doc.get("ended_on")),
            cadence_versions=tuple(
                Version(date.fromisoformat(v["effective_from"]), Cadence(**v["cadence"]))
                for v in doc["cadence_versions"]
            ),
            pauses=tuple(
                Pause(date.fromisoformat(p["start"]), _day(p.get("end")))
                for p in doc.get("pauses", ())
            ),
            adjustments=tuple(
                Change(
                    datetime.fromisoformat(a["at"]),
                    a["field"],
                    a.get("old"),
                    a.get("new"),
                    a.get("reason", ""),
                )
                for a in doc.get("adjustments", ())
            ),
            created_at=datetime.fromisoformat(doc["created_at"]),
            source=Source(**doc.get("source", {})),
        )


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
