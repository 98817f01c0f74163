"""What is due on a date, and the streaks, from plain dates: no store, no clock, no UI.

The unit of progress is the *period*: a day, an ISO week, an N-day block, a month, or one
chosen weekday, depending on the cadence in effect (see :mod:`workbook.goals.cadence`).

Rules, in the order they apply:

- A goal's life runs from its start date to the earliest of its target date and the day it was
  achieved or archived. Cadence changes are *versions*: each applies from its effective date until
  the next one, so an adjustment never rewrites how earlier weeks are judged.
- A period is the cadence's natural period clipped to its version and to the goal's life. Its
  *eligible days* are the days in it that are not paused; a period with none is not a period
  at all (a paused week neither counts nor breaks anything). Its target is the cadence's
  count, but never more than its eligible days.
- A flexible period is *due* on each eligible day until it holds ``target`` check-ins that were
  done, partly done or skipped (skips are excused occurrences, so they also fill the quota).
- A period's outcome: completed when done + partly reach the target; excused when done, partly
  and skipped together reach it; open while it has not ended; missed once it has ended short.
- Streaks count completed periods in a row; excused and open periods neither count nor break
  them, a missed period does.

All dates are local calendar dates (``date`` objects); :func:`local_today` is the one place the
clock and time zone come in, so a daylight-saving change can never add or drop a day.

Two routes find periods, and the property tests hold them to each other and to a day-by-day
model: :func:`periods` walks a goal's whole life from its first day in day numbers, for streaks
and charts; :func:`period_on` finds the one period holding a day from that day alone, for
``workbook due``. This module imports only the standard library (``due`` must start fast).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from operator import attrgetter
from typing import NamedTuple, Protocol

from workbook import clock
from workbook.goals.cadence import Cadence, CadenceKind

ONE_DAY = timedelta(days=1)


class CheckInStatus(StrEnum):
    """What a partner says about one due occurrence."""

    DONE = "done"
    PARTLY = "partly"
    SKIPPED = "skipped"
    MISSED = "missed"


COUNTS_AS_DONE = frozenset({CheckInStatus.DONE, CheckInStatus.PARTLY})
FILLS_QUOTA = COUNTS_AS_DONE | {CheckInStatus.SKIPPED}


class Outcome(StrEnum):
    """How one period went for one partner."""

    COMPLETED = "completed"
    EXCUSED = "excused"
    MISSED = "missed"
    OPEN = "open"


RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}


def parse_local_day(text: str) -> date | None:
    """Read ``YYYY-MM-DD``, ``today``, ``tomorrow`` or ``yesterday``; None if unreadable."""
    clean = text.strip().lower()
    if clean in RELATIVE_DAYS:
        return local_today() + timedelta(days=RELATIVE_DAYS[clean])
    try:
        return date.fromisoformat(clean)
    except ValueError:
        return None


def local_today(now: datetime | None = None, tz: tzinfo | None = None) -> date:
    """Today's date where the person is: the local zone by default, or ``tz`` when given."""
    moment = now if now is not None else clock.now()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(tz).date() if tz is not None else moment.date()


@dataclass(frozen=True)
class CadenceSpan:
    """One cadence version: in effect from ``start`` to ``end`` (inclusive; None = open)."""

    start: date
    cadence: Cadence
    end: date | None = None


@dataclass(frozen=True)
class Plan:
    """Everything about a goal that decides its schedule, as plain dates.

    ``spans`` are the cadence versions in order; ``pauses`` are inclusive (start, end) ranges,
    end None while still paused; ``end`` is the last day of the goal's life, if known.
    """

    start: date
    spans: tuple[CadenceSpan, ...]
    end: date | None = None
    pauses: tuple[tuple[date, date | None], ...] = ()

    def alive_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def span_on(self, day: date) -> CadenceSpan | None:
        for span in self.spans:
            if span.start <= day and (span.end is None or day <= span.end):
                return span
        return None


class Period(NamedTuple):
    """One period of a goal: inclusive bounds, the days that count, and the quota.

    A named tuple, like :class:`PeriodResult`: ten years of a daily goal make 3,652 of each
    per partner, and a tuple is made for a third of what a frozen dataclass costs.
    """

    start: date
    end: date
    eligible: tuple[date, ...]
    target: int
    cadence: Cadence

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Fact:
    """One stored check-in reduced to what the schedule needs."""

    day: date
    status: CheckInStatus


class PeriodResult(NamedTuple):
    """A period with one partner's outcome and counts."""

    period: Period
    outcome: Outcome
    done: int
    skipped: int

    @property
    def fraction(self) -> float:
        """How full the period is (0..1), done and partly counted; for completion charts."""
        return min(1.0, self.done / self.period.target)


@dataclass(frozen=True)
class Streaks:
    """Current and best streaks, in periods, plus the counts a summary needs."""

    current: int
    best: int
    completed: int
    missed: int
    excused: int
    results: list[PeriodResult] = field(default_factory=list)

    @property
    def completion_rate(self) -> float | None:
        """Completed share of the periods that were judged (excused and open ones left out)."""
        judged = self.completed + self.missed
        return None if judged == 0 else self.completed / judged


# -- periods ---------------------------------------------------------------------------------


def natural_bounds(cadence: Cadence, anchor: date, day: date) -> tuple[date, date] | None:
    """The natural period holding ``day``, or None when ``day`` is not a scheduled weekday."""
    match cadence.kind:
        case CadenceKind.DAILY:
            return day, day
        case CadenceKind.PER_WEEK:
            monday = day - timedelta(days=day.weekday())
            return monday, monday + timedelta(days=6)
        case CadenceKind.WEEKDAYS:
            return (day, day) if day.weekday() in cadence.weekdays else None
        case CadenceKind.EVERY_N_DAYS:
            first = anchor + timedelta(
                days=(day - anchor).days // cadence.interval * cadence.interval
            )
            return first, first + timedelta(days=cadence.interval - 1)
        case CadenceKind.MONTHLY:
            return day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])
    raise AssertionError(cadence.kind)  # pragma: no cover - exhaustive match


# Periods are walked in day numbers (``date.toordinal()``): ten years of a daily goal are
# 3,652 periods, and whole numbers step, compare and clip without making a date for each.
DayRange = tuple[int, int]
LAST_DAY = date.max.toordinal()


def _natural_days(cadence: Cadence, anchor: date, lo: int, hi: int) -> Iterable[DayRange]:
    """Day numbers (first, last) of the natural periods from the one holding day ``lo`` to the
    last one starting by day ``hi``, in order: days, and N-day blocks counted from ``anchor``,
    step by days; weeks start on the Monday on or before ``lo``; chosen weekdays are the days
    of those weeks; months start on the first (``calendar.monthrange`` for lengths)."""
    first = date.fromordinal(lo)
    match cadence.kind:
        case CadenceKind.DAILY:
            return zip(range(lo, hi + 1), range(lo, hi + 1), strict=True)
        case CadenceKind.EVERY_N_DAYS:
            step, start = cadence.interval, anchor.toordinal()
            start += (lo - start) // step * step
            return ((day, day + step - 1) for day in range(start, hi + 1, step))
        case CadenceKind.PER_WEEK:
            return ((day, day + 6) for day in range(lo - first.weekday(), hi + 1, 7))
        case CadenceKind.WEEKDAYS:
            mondays = range(lo - first.weekday(), hi + 1, 7)
            chosen = (monday + weekday for monday in mondays for weekday in cadence.weekdays)
            return ((day, day) for day in chosen if lo <= day <= hi)
        case CadenceKind.MONTHLY:
            return _months(first.year, first.month, hi)
    raise AssertionError(cadence.kind)  # pragma: no cover - exhaustive match


def _months(year: int, month: int, last: int) -> Iterator[DayRange]:
    """Day numbers (first, last) of each calendar month from ``year``-``month`` on, until one
    starts after day number ``last``."""
    while (start := date(year, month, 1).toordinal()) <= last:
        yield start, start + monthrange(year, month)[1] - 1
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)


def _paused_days(plan: Plan) -> tuple[DayRange, ...]:
    """The plan's pauses in day numbers, inclusive; a pause still open runs to the last day."""
    return tuple(
        (start.toordinal(), LAST_DAY if end is None else end.toordinal())
        for start, end in plan.pauses
    )


def _clipped(
    naturals: Iterable[DayRange], lo: int, hi: int, cadence: Cadence, paused: Sequence[DayRange]
) -> list[Period]:
    """The natural periods clipped to day numbers ``lo``..``hi``, each with its days that are
    not paused (a period whose days are all paused is none); the quota is the cadence's, at
    most the period's days."""
    out: list[Period] = []
    target = cadence.target
    one_day_target = min(target, 1)
    for start, end in naturals:
        first = start if start > lo else lo
        last = end if end < hi else hi
        if paused and any(p_start <= last and first <= p_end for p_start, p_end in paused):
            eligible = tuple(
                date.fromordinal(day)
                for day in range(first, last + 1)
                if not any(p_start <= day <= p_end for p_start, p_end in paused)
            )
            if not eligible:
                continue
            start_day, end_day = date.fromordinal(first), date.fromordinal(last)
        elif first == last:  # one day (daily and weekday cadences): most periods of a long life
            day = date.fromordinal(first)
            out.append(Period(day, day, (day,), one_day_target, cadence))
            continue
        else:
            eligible = tuple(map(date.fromordinal, range(first, last + 1)))
            start_day, end_day = eligible[0], eligible[-1]
        out.append(Period(start_day, end_day, eligible, min(target, len(eligible)), cadence))
    return out


def periods(plan: Plan, upto: date) -> list[Period]:
    """Every period of the plan that has started by ``upto``, oldest first.

    Each cadence version's natural periods are walked once and clipped to the version and to
    the goal's life, so the periods come in order and never overlap (:func:`streaks` relies on
    it). N-day blocks count from the day the version took effect; other shapes from the
    calendar.
    """
    out: list[Period] = []
    paused = _paused_days(plan)
    for span in plan.spans:
        lo, hi = _span_days(plan, span)
        last = min(hi, upto.toordinal())
        if lo <= last:
            naturals = _natural_days(span.cadence, span.start, lo, last)
            out += _clipped(naturals, lo, hi, span.cadence, paused)
    return out


def _span_days(plan: Plan, span: CadenceSpan) -> DayRange:
    """Day numbers of the first and last day a cadence version's periods may hold: from the
    later of its start and the goal's to the earlier of its end and the goal's, if known."""
    ends = [day.toordinal() for day in (span.end, plan.end) if day is not None]
    return max(span.start, plan.start).toordinal(), min(ends, default=LAST_DAY)


def period_on(plan: Plan, day: date) -> Period | None:
    """The period holding ``day``, or None when the goal asks nothing of that day."""
    if not plan.alive_on(day):
        return None
    span = plan.span_on(day)
    if span is None:
        return None
    bounds = natural_bounds(span.cadence, span.start, day)
    if bounds is None:
        return None
    natural = [(bounds[0].toordinal(), bounds[1].toordinal())]
    found = _clipped(natural, *_span_days(plan, span), span.cadence, _paused_days(plan))
    return found[0] if found else None


# -- due and outcomes ------------------------------------------------------------------------


class Dated(Protocol):
    """What judging needs of a check-in: its day and status (a :class:`Fact`, or a stored
    check-in as read, so that none is copied into a fact first)."""

    @property
    def day(self) -> date: ...

    @property
    def status(self) -> CheckInStatus: ...


def is_due(plan: Plan, day: date, facts: Iterable[Dated]) -> bool:
    """Whether the goal asks for a check-in on ``day`` (check-ins on ``day`` itself aside)."""
    period = period_on(plan, day)
    if period is None or day not in period.eligible:
        return False
    filled = sum(1 for f in facts if period.start <= f.day < day and f.status in FILLS_QUOTA)
    return filled < period.target


_BY_DAY = attrgetter("day")


def streaks(
    plan: Plan, facts: Iterable[Dated], today: date, *, within: Sequence[Period] | None = None
) -> Streaks:
    """Judge every period up to ``today`` for one partner and count the streaks.

    ``within``: the plan's ``periods(plan, today)`` when already built (both partners of a
    shared goal are judged over the same periods; ten years of a daily goal are 3,652).
    The periods come in order without overlapping, so one walk over them and the check-ins
    sorted by day judges them all: each check-in is looked at once, and one on a day that no
    period holds (paused, or not a chosen weekday) is passed over.
    """
    spans = periods(plan, today) if within is None else within
    ordered = sorted(facts, key=_BY_DAY)  # already in order when read from the store
    days = [f.day for f in ordered]
    marks = [f.status for f in ordered]
    done_marks = tuple(COUNTS_AS_DONE)  # a tuple: found by identity, without hashing an enum
    skip = CheckInStatus.SKIPPED
    results: list[PeriodResult] = []
    run = best = completed = missed = excused = 0
    at, count = 0, len(days)
    for period in spans:
        start, end, _, target, _ = period
        while at < count and days[at] < start:
            at += 1
        done = skipped = 0
        while at < count and days[at] <= end:
            mark = marks[at]
            if mark in done_marks:
                done += 1
            elif mark is skip:
                skipped += 1
            at += 1
        # The outcome, as the module docstring gives it; excused and open periods are
        # transparent to a run, a missed one ends it.
        if done >= target:
            outcome = Outcome.COMPLETED
            completed += 1
            run += 1
            if run > best:
                best = run
        elif done + skipped >= target:
            outcome = Outcome.EXCUSED
            excused += 1
        elif end < today:
            outcome = Outcome.MISSED
            missed += 1
            run = 0
        else:
            outcome = Outcome.OPEN
        results.append(PeriodResult(period, outcome, done, skipped))
    return Streaks(run, best, completed, missed, excused, results)


# -- shared by the store-backed queries and the fast `due` path -------------------------------


def build_plan(
    start: date,
    versions: Sequence[tuple[date, Cadence]],
    last_day: date | None,
    pauses: Sequence[tuple[date, date | None]],
) -> Plan:
    """A plan from a goal's start, cadence versions (effective date, cadence) and pauses.

    Each version runs until the day before the next; the first also covers any days between
    the start date and its own effective date.
    """
    spans = tuple(
        CadenceSpan(
            start=min(effective, start) if i == 0 else effective,
            cadence=cadence,
            end=versions[i + 1][0] - ONE_DAY if i + 1 < len(versions) else None,
        )
        for i, (effective, cadence) in enumerate(versions)
    )
    return Plan(start=start, spans=spans, end=last_day, pauses=tuple(pauses))


def due_status(plan: Plan, day: date, facts: Sequence[Dated]) -> tuple[Period, int] | None:
    """When due on ``day``: its period and how many check-ins fill it so far (``day`` included)."""
    if not is_due(plan, day, facts):
        return None
    period = period_on(plan, day)
    assert period is not None  # is_due implies a period
    filled = sum(1 for f in facts if f.day in period and f.day <= day and f.status in FILLS_QUOTA)
    return period, filled


def progress_text(period: Period, filled: int) -> str:
    """E.g. "1 of 3 this week" for a flexible period; empty for a single day."""
    if period.start == period.end and period.cadence.kind in (
        CadenceKind.DAILY,
        CadenceKind.WEEKDAYS,
    ):
        return ""
    unit = {CadenceKind.PER_WEEK: "this week", CadenceKind.MONTHLY: "this month"}.get(
        period.cadence.kind, "this stretch"
    )
    return f"{filled} of {period.target} {unit}"
