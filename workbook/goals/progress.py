"""Progress on goals: each partner's streaks, completion and ratings, from plain data.

What the TUI's goals screen and ``workbook progress`` show comes from here, in one way:
:func:`progress_of` judges goals (validated models or :class:`~workbook.goals.plain.StoredGoal`,
through :class:`Tracked`) against their check-ins (models or :class:`Mark`, through
:class:`Marked`). :func:`progress` reads both without the models: the store checked every record
against its model when it found the file sound, and writes only records its models made. So
this module, like :mod:`workbook.goals.plain`, imports neither Pydantic nor the goal models
(``workbook progress`` on ten years spent more on importing them than on its whole work).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar

from workbook.goals.plain import CHECKINS_TABLE, GOALS_TABLE, StoredGoal, by_age, is_current
from workbook.goals.schedule import (
    CheckInStatus,
    Dated,
    Outcome,
    Plan,
    Streaks,
    local_today,
    periods,
    streaks,
)
from workbook.partners import PartnerKey

if TYPE_CHECKING:
    from workbook.store import Store


class Logged(Protocol):
    """One change in a goal's log (an :class:`~workbook.goals.models.Adjustment`, or a
    :class:`~workbook.goals.plain.Change`)."""

    @property
    def at(self) -> datetime: ...

    @property
    def field(self) -> str: ...

    @property
    def old(self) -> str | None: ...

    @property
    def new(self) -> str | None: ...

    @property
    def reason(self) -> str: ...


class Tracked(Protocol):
    """What progress reads of a goal (a :class:`~workbook.goals.models.Goal`, or a
    :class:`~workbook.goals.plain.StoredGoal` read without the model)."""

    @property
    def id(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def adjustments(self) -> Sequence[Logged]: ...

    def partners(self) -> tuple[PartnerKey, ...]: ...

    def plan(self) -> Plan: ...


G = TypeVar("G", bound=Tracked)


@dataclass(frozen=True)
class PartnerProgress:
    """One partner's progress on one goal."""

    partner: PartnerKey
    streaks: Streaks
    ratings: list[tuple[date, int]] = field(default_factory=list)

    def completion(self, last: int | None = None) -> list[tuple[date, float]]:
        """Each judged period's start and how full it was (0..1), for a completion chart,
        oldest first: the ``last`` of them (all without it).

        Excused periods (skipped with a reason) are left out, as they are from streaks, and
        so is a period still under way with nothing in it yet (it has not been missed).
        The periods are read from the newest back, as far as ``last`` needs: ten years of a
        daily goal are 3,652 periods, and a chart shows a dozen.
        """
        wanted = len(self.streaks.results) if last is None else last
        found: list[tuple[date, float]] = []
        for r in reversed(self.streaks.results):
            if len(found) >= wanted:
                break
            if r.outcome is not Outcome.EXCUSED and not (r.outcome is Outcome.OPEN and r.done == 0):
                found.append((r.period.start, r.fraction))
        found.reverse()
        return found


@dataclass(frozen=True)
class GoalProgress(Generic[G]):
    """Everything a progress view shows for one goal."""

    goal: G
    partners: list[PartnerProgress]
    adjustments: list[Logged]


def progress(
    store: Store, today: date | None = None, *, include_ended: bool = False
) -> list[GoalProgress[StoredGoal]]:
    """Streaks, completion per period, ratings and adjustments for each goal, per partner:
    the current goals (all of them with ``include_ended``), oldest first."""
    wanted = [
        StoredGoal.read(doc) for doc in store.peek(GOALS_TABLE) if include_ended or is_current(doc)
    ]
    return progress_of_goals(store, wanted, today)


class Marked(Dated, Protocol):
    """What progress reads of a check-in: what judging reads (its day and status), and its
    goal, who gave it and their rating (a :class:`~workbook.goals.models.CheckIn`, or a
    :class:`Mark` read without the model)."""

    @property
    def goal_id(self) -> str: ...

    @property
    def partner(self) -> str: ...

    @property
    def rating(self) -> int | None: ...


CheckInLike = TypeVar("CheckInLike", bound=Marked)


class Mark(NamedTuple):
    """A stored check-in's :class:`Marked` fields, read straight from the stored document."""

    goal_id: str
    partner: str
    day: date
    status: CheckInStatus
    rating: int | None


MARK_FIELDS = Mark._fields
STATUS_OF = {status.value: status for status in CheckInStatus}
"""Each check-in status by its stored value."""
BY_DAY = attrgetter("day", "partner")
"""The order a goal's check-ins are judged and listed in: by day, then partner."""


def progress_of_goals(
    store: Store, wanted: Iterable[G], today: date | None = None
) -> list[GoalProgress[G]]:
    """:func:`progress` of the given goals, reading only the fields it judges of their check-ins
    (:func:`marks_by_goal`)."""
    wanted = list(wanted)
    return progress_of(wanted, marks_by_goal(store, {goal.id for goal in wanted}), today)


def marks_by_goal(store: Store, ids: Collection[str]) -> dict[str, list[Mark]]:
    """The check-ins of the goals ``ids`` as marks (:class:`Mark`), grouped as
    :func:`checkins_by_goal` groups them.

    Read field by field, without validating a model per check-in: the store checked every
    stored record against its model when it found the file sound, and writes only records
    its models made, so the fields are of their model's types (the date as ISO text, the
    status one of its values). For ten years' 14,000 check-ins, about half the time.
    """
    fromiso, status_of = date.fromisoformat, STATUS_OF
    return checkins_by_goal(
        Mark(goal_id, partner, fromiso(day), status_of[status], rating)
        for goal_id, partner, day, status, rating in store.fields(CHECKINS_TABLE, MARK_FIELDS)
        if goal_id in ids
    )


def checkins_by_goal(found: Iterable[CheckInLike]) -> dict[str, list[CheckInLike]]:
    """Check-ins (models or marks) grouped by goal id, each goal's oldest first (by day, then
    partner)."""
    by_goal: dict[str, list[CheckInLike]] = {}
    for c in sorted(found, key=BY_DAY):
        by_goal.setdefault(c.goal_id, []).append(c)
    return by_goal


def progress_of(
    wanted: Iterable[G], by_goal: Mapping[str, Sequence[Marked]], today: date | None = None
) -> list[GoalProgress[G]]:
    """:func:`progress` for goals and check-ins already read (by :func:`marks_by_goal` or
    :func:`checkins_by_goal`)."""
    today = today or local_today()
    out = []
    for goal in sorted(wanted, key=by_age):
        plan = goal.plan()
        judged = periods(plan, today)  # once for both partners of a shared goal
        # Each partner's own check-ins, in one pass (a check-in by anyone else is not theirs
        # to judge); the check-ins are judged as they are, without copies.
        own: dict[str, list[Marked]] = {partner: [] for partner in goal.partners()}
        for c in by_goal.get(goal.id, ()):
            mine = own.get(c.partner)
            if mine is not None:
                mine.append(c)
        per_partner = [
            PartnerProgress(
                partner=partner,
                streaks=streaks(plan, own[partner], today, within=judged),
                ratings=[(c.day, c.rating) for c in own[partner] if c.rating is not None],
            )
            for partner in goal.partners()
        ]
        out.append(GoalProgress(goal, per_partner, list(goal.adjustments)))
    return out
