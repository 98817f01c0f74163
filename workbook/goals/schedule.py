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

Two independent routes find periods, and the property tests hold them to each other and to a
day-by-day model: :func:`periods` walks a goal's whole life from its first day (dateutil's
``rrule`` for the starts of weeks, weekdays and months, ``relativedelta`` for lengths; days and
N-day blocks step by days), for streaks and charts; :func:`period_on` finds the one period
holding a day from that day alone with plain ``date`` arithmetic, for ``workbook due``, which
must not pay for importing dateutil. This module imports only the standard library.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workbook import clock
from workbook.goals.cadence import Cadence, CadenceKind

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

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

    def paused_on(self, day: date) -> bool:
        return any(s <= day and (e is None or day <= e) for s, e in self.pauses)

    def alive_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def span_on(self, day: date) -> CadenceSpan | None:
        for span in self.spans:
            if span.start <= day and (span.end is None or day <= span.end):
                return span
        return None


@dataclass(frozen=True)
class Period:
    """One period of a goal: inclusive bounds, the days that count, and the quota."""

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


@dataclass(frozen=True)
class PeriodResult:
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


def _natural_starts(cadence: Cadence, first: date, last: date) -> Iterable[date]:
    """Starts of the natural periods touching ``first``..``last``: a day or N-day block is a
    plain step of days (ten years of a daily goal are 3,652 starts, and dateutil's rrule spent
    more on them than everything else a period needs); weeks, weekdays and months come from
    dateutil's rrule."""
    if cadence.kind in (CadenceKind.DAILY, CadenceKind.EVERY_N_DAYS):
        step = cadence.interval
        return (first + timedelta(days=n) for n in range(0, (last - first).days + 1, step))
    from dateutil.relativedelta import MO, relativedelta  # deferred: `due` never needs them
    from dateutil.rrule import MONTHLY, WEEKLY, rrule

    start = first
    rule_args: dict[str, Any] = {}
    match cadence.kind:
        case CadenceKind.PER_WEEK:
            rule_args["freq"], start = WEEKLY, first + relativedelta(weekday=MO(-1))
        case CadenceKind.WEEKDAYS:
            rule_args.update(freq=WEEKLY, byweekday=cadence.weekdays)
        case CadenceKind.MONTHLY:
            rule_args["freq"], start = MONTHLY, first + relativedelta(day=1)
    midnight = datetime.min.time()
    rule = rrule(
        dtstart=datetime.combine(start, midnight),
        until=datetime.combine(last, midnight),
        **rule_args,
    )
    return (moment.date() for moment in rule)


def _length(cadence: Cadence) -> relativedelta:
    from dateutil.relativedelta import relativedelta

    match cadence.kind:
        case CadenceKind.PER_WEEK:
            return relativedelta(days=7)
        case CadenceKind.EVERY_N_DAYS:
            return relativedelta(days=cadence.interval)
        case CadenceKind.MONTHLY:
            return relativedelta(months=1)
        case _:
            return relativedelta(days=1)


def _clip(plan: Plan, span: CadenceSpan, start: date, end: date) -> Period | None:
    lo = max(start, span.start, plan.start)
    hi = end
    if span.end is not None and span.end < hi:
        hi = span.end
    if plan.end is not None and plan.end < hi:
        hi = plan.end
    if lo > hi:
        return None
    if lo == hi:  # a one-day period (daily and weekday cadences): most periods of a long life
        eligible: tuple[date, ...] = (lo,)
    else:
        eligible = tuple(lo + timedelta(days=i) for i in range((hi - lo).days + 1))
    if plan.pauses:
        eligible = tuple(day for day in eligible if not plan.paused_on(day))
    if not eligible:
        return None
    return Period(lo, hi, eligible, min(span.cadence.target, len(eligible)), span.cadence)


def periods(plan: Plan, upto: date) -> list[Period]:
    """Every period of the plan that has started by ``upto``, oldest first."""
    out: list[Period] = []
    for span in plan.spans:
        first = max(span.start, plan.start)
        last = upto
        for limit in (span.end, plan.end):
            if limit is not None:
                last = min(last, limit)
        if first > last:
            continue
        # N-day blocks count from the day the version took effect; other shapes from the calendar.
        every_n = span.cadence.kind is CadenceKind.EVERY_N_DAYS
        length = _length(span.cadence)
        # A length in days alone is added as a timedelta (the same day, several times cheaper).
        step = length if length.months or length.years else timedelta(days=length.days)
        for natural_start in _natural_starts(span.cadence, span.start if every_n else first, last):
            natural_end = natural_start + step - ONE_DAY
            if natural_end < first:
                continue
            period = _clip(plan, span, natural_start, natural_end)
            if period is not None:
                out.append(period)
    return out


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
    return _clip(plan, span, *bounds)


# -- due and outcomes ------------------------------------------------------------------------


def _facts_in(period: Period, facts: Iterable[Fact]) -> list[Fact]:
    if isinstance(facts, SortedFacts):
        return facts.between(period.start, period.end)
    return [f for f in facts if f.day in period]


class SortedFacts(list[Fact]):
    """Check-ins sorted by day, so a period's slice is two binary searches."""

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        super().__init__(sorted(facts, key=lambda f: f.day))
        self._days = [f.day for f in self]

    def between(self, start: date, end: date) -> list[Fact]:
        return self[bisect_left(self._days, start) : bisect_right(self._days, end)]


def is_due(plan: Plan, day: date, facts: Iterable[Fact]) -> bool:
    """Whether the goal asks for a check-in on ``day`` (check-ins on ``day`` itself aside)."""
    period = period_on(plan, day)
    if period is None or day not in period.eligible:
        return False
    filled = sum(1 for f in _facts_in(period, facts) if f.day < day and f.status in FILLS_QUOTA)
    return filled < period.target


def judge(period: Period, facts: Iterable[Fact], today: date) -> PeriodResult:
    """One partner's outcome for one period, given their check-ins and today's date."""
    done = skipped = 0
    for fact in _facts_in(period, facts):  # one loop: ten years of a daily goal judge 3,652
        if fact.status in COUNTS_AS_DONE:
            done += 1
        elif fact.status is CheckInStatus.SKIPPED:
            skipped += 1
    if done >= period.target:
        outcome = Outcome.COMPLETED
    elif done + skipped >= period.target:
        outcome = Outcome.EXCUSED
    elif period.end < today:
        outcome = Outcome.MISSED
    else:
        outcome = Outcome.OPEN
    return PeriodResult(period, outcome, done, skipped)


def streaks_from(results: Sequence[PeriodResult]) -> Streaks:
    """Current and best runs of completed periods; excused and open ones are transparent."""
    run = best = 0
    counts = {o: 0 for o in Outcome}
    for result in results:
        counts[result.outcome] += 1
        if result.outcome is Outcome.COMPLETED:
            run += 1
            best = max(best, run)
        elif result.outcome is Outcome.MISSED:
            run = 0
    return Streaks(
        current=run,
        best=best,
        completed=counts[Outcome.COMPLETED],
        missed=counts[Outcome.MISSED],
        excused=counts[Outcome.EXCUSED],
        results=list(results),
    )


def streaks(
    plan: Plan, facts: Sequence[Fact], today: date, *, within: Sequence[Period] | None = None
) -> Streaks:
    """Judge every period up to ``today`` for one partner and count the streaks.

    ``within``: the plan's ``periods(plan, today)`` when already built (both partners of a
    shared goal are judged over the same periods; ten years of a daily goal are 3,652).
    """
    by_day = SortedFacts(facts)
    spans = periods(plan, today) if within is None else within
    return streaks_from([judge(p, by_day, today) for p in spans])


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


def due_status(plan: Plan, day: date, facts: Sequence[Fact]) -> tuple[Period, int] | None:
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
