"""Property tests: periods and streaks, built in one walk, against the simple algorithm they
replaced.

The package builds a goal's periods in one walk over day numbers and judges them in one walk
over the periods and the check-ins together (ten years of a daily goal are 3,652 periods). The
reference below is the earlier way, kept here word for word: dateutil's ``rrule`` for the
starts of weeks, weekdays and months, ``relativedelta`` for their lengths, every period clipped
on its own, and each period's check-ins found by two binary searches. On random histories of
up to a few years (cadence versions changing mid-way, pauses, an end, skips and misses, check-
ins on paused days and on days no period holds, in any order) the two must agree on every
period and every outcome, and on the streaks and counts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import goal_strategies
from dateutil.relativedelta import MO, relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.goals.cadence import Cadence, CadenceKind
from workbook.goals.models import CheckIn
from workbook.goals.schedule import (
    COUNTS_AS_DONE,
    CadenceSpan,
    CheckInStatus,
    Fact,
    Outcome,
    Period,
    Plan,
    Streaks,
    periods,
    streaks,
)

DAY = timedelta(days=1)

# -- the reference: the algorithm the walk replaced ------------------------------------------

# (start, end, eligible days, target, cadence) of one period
RefPeriod = tuple[date, date, tuple[date, ...], int, Cadence]
# (period, outcome, done, skipped) of one judged period
RefResult = tuple[RefPeriod, Outcome, int, int]


def ref_natural_starts(cadence: Cadence, first: date, last: date) -> Iterable[date]:
    if cadence.kind in (CadenceKind.DAILY, CadenceKind.EVERY_N_DAYS):
        step = cadence.interval
        return (first + timedelta(days=n) for n in range(0, (last - first).days + 1, step))
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


def ref_length(cadence: Cadence) -> relativedelta:
    match cadence.kind:
        case CadenceKind.PER_WEEK:
            return relativedelta(days=7)
        case CadenceKind.EVERY_N_DAYS:
            return relativedelta(days=cadence.interval)
        case CadenceKind.MONTHLY:
            return relativedelta(months=1)
        case _:
            return relativedelta(days=1)


def ref_clip(plan: Plan, span: CadenceSpan, start: date, end: date) -> RefPeriod | None:
    lo = max(start, span.start, plan.start)
    hi = end
    if span.end is not None and span.end < hi:
        hi = span.end
    if plan.end is not None and plan.end < hi:
        hi = plan.end
    if lo > hi:
        return None
    eligible = tuple(lo + timedelta(days=i) for i in range((hi - lo).days + 1))
    paused = plan.pauses
    eligible = tuple(
        day for day in eligible if not any(s <= day and (e is None or day <= e) for s, e in paused)
    )
    if not eligible:
        return None
    return (lo, hi, eligible, min(span.cadence.target, len(eligible)), span.cadence)


def ref_periods(plan: Plan, upto: date) -> list[RefPeriod]:
    out: list[RefPeriod] = []
    for span in plan.spans:
        first = max(span.start, plan.start)
        last = upto
        for limit in (span.end, plan.end):
            if limit is not None:
                last = min(last, limit)
        if first > last:
            continue
        every_n = span.cadence.kind is CadenceKind.EVERY_N_DAYS
        length = ref_length(span.cadence)
        for natural_start in ref_natural_starts(
            span.cadence, span.start if every_n else first, last
        ):
            natural_end = natural_start + length - DAY
            if natural_end < first:
                continue
            period = ref_clip(plan, span, natural_start, natural_end)
            if period is not None:
                out.append(period)
    return out


def ref_judge(period: RefPeriod, facts: Sequence[Fact], today: date) -> RefResult:
    days = [f.day for f in facts]
    start, end, _, target, _ = period
    done = skipped = 0
    for fact in facts[bisect_left(days, start) : bisect_right(days, end)]:
        if fact.status in COUNTS_AS_DONE:
            done += 1
        elif fact.status is CheckInStatus.SKIPPED:
            skipped += 1
    if done >= target:
        outcome = Outcome.COMPLETED
    elif done + skipped >= target:
        outcome = Outcome.EXCUSED
    elif end < today:
        outcome = Outcome.MISSED
    else:
        outcome = Outcome.OPEN
    return (period, outcome, done, skipped)


def ref_streaks(
    plan: Plan, facts: Iterable[Fact], today: date
) -> tuple[tuple[int, int, int, int, int], list[RefResult]]:
    """(current, best, completed, missed, excused) and the results, as the replaced code
    counted them."""
    by_day = sorted(facts, key=lambda f: f.day)
    results = [ref_judge(p, by_day, today) for p in ref_periods(plan, today)]
    run = best = 0
    counts = {o: 0 for o in Outcome}
    for _, outcome, _, _ in results:
        counts[outcome] += 1
        if outcome is Outcome.COMPLETED:
            run += 1
            best = max(best, run)
        elif outcome is Outcome.MISSED:
            run = 0
    done, missed, excused = (
        counts[Outcome.COMPLETED],
        counts[Outcome.MISSED],
        counts[Outcome.EXCUSED],
    )
    return (run, best, done, missed, excused), results


def counts(found: Streaks) -> tuple[int, int, int, int, int]:
    return found.current, found.best, found.completed, found.missed, found.excused


# -- random histories ------------------------------------------------------------------------

cadences = goal_strategies.cadences(40)
starts = st.sampled_from(
    [date(2024, 2, 26), date(2024, 2, 29), date(2026, 3, 5), date(2025, 12, 29), date(2023, 1, 31)]
) | st.dates(date(2016, 1, 1), date(2030, 12, 31))
statuses = goal_strategies.statuses
History = tuple[Plan, date, list[Fact]]


@st.composite
def histories(draw: st.DrawFn) -> History:
    """A plan of up to about three years, a day taken as today, and one partner's check-ins."""
    start = draw(starts)
    length = draw(st.integers(0, 1100))
    offsets = sorted(draw(st.sets(st.integers(1, max(1, length)), max_size=4)))
    # The first version may take effect before the goal's start (as build_plan allows).
    first = start - timedelta(days=draw(st.sampled_from([0, 0, 0, 3, 40])))
    versions = [first, *(start + timedelta(days=o) for o in offsets)]
    spans = tuple(
        CadenceSpan(
            start=v,
            cadence=draw(cadences),
            end=versions[i + 1] - DAY if i + 1 < len(versions) else None,
        )
        for i, v in enumerate(versions)
    )
    pauses = []
    for _ in range(draw(st.integers(0, 4))):
        p_start = start + timedelta(days=draw(st.integers(-5, length)))
        gap = draw(st.none() | st.integers(0, 60))
        pauses.append((p_start, None if gap is None else p_start + timedelta(gap)))
    end = draw(st.none() | st.integers(0, length + 10).map(lambda n: start + timedelta(n)))
    today = start + timedelta(days=draw(st.integers(-3, length + 40)))
    days = draw(st.sets(st.integers(-5, length + 45), max_size=300))
    facts = [Fact(start + timedelta(days=d), draw(statuses)) for d in days]
    return Plan(start=start, spans=spans, end=end, pauses=tuple(pauses)), today, facts


def as_tuple(period: Period) -> RefPeriod:
    return (period.start, period.end, period.eligible, period.target, period.cadence)


def as_tuples(plan: Plan, today: date) -> list[RefPeriod]:
    return [as_tuple(p) for p in periods(plan, today)]


# -- properties ------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(histories())
def test_periods_match_the_replaced_algorithm(history: History) -> None:
    """Every period (bounds, eligible days, quota, cadence) equals the rrule-built one."""
    plan, today, _ = history
    assert as_tuples(plan, today) == ref_periods(plan, today)


@settings(max_examples=400, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_streaks_match_the_replaced_algorithm(history: History, rng: Any) -> None:
    """Each period's outcome and counts, the streaks and the totals equal the replaced
    algorithm's, whatever order the check-ins come in."""
    plan, today, facts = history
    shuffled = list(facts)
    rng.shuffle(shuffled)
    got = streaks(plan, shuffled, today)
    totals, results = ref_streaks(plan, facts, today)
    assert [(as_tuple(r.period), r.outcome, r.done, r.skipped) for r in got.results] == results
    assert counts(got) == totals


@settings(max_examples=100, deadline=None)
@given(histories())
def test_stored_check_ins_are_judged_like_facts(history: History) -> None:
    """Stored check-ins, passed as they are read, are judged exactly as their facts are."""
    plan, today, facts = history
    stored = [
        CheckIn(id=f"g-a-{f.day}", goal_id="g", partner="a", day=f.day, status=f.status)
        for f in facts
    ]
    within = periods(plan, today)
    assert streaks(plan, stored, today, within=within) == streaks(plan, facts, today)


def test_ten_years_of_a_daily_goal_match() -> None:
    """A daily goal over ten years with a pause and a change to 3/week: the same as before."""
    start = date(2016, 11, 28)
    change = date(2021, 3, 3)
    plan = Plan(
        start=start,
        spans=(
            CadenceSpan(start, Cadence.daily(), change - DAY),
            CadenceSpan(change, Cadence.per_week(3)),
        ),
        pauses=((date(2019, 6, 30), date(2019, 8, 2)),),
    )
    today = date(2026, 11, 27)
    order = list(CheckInStatus)
    facts = [Fact(start + timedelta(days=d), order[(d * 7) % 11 % 4]) for d in range(3652) if d % 5]
    got = streaks(plan, facts, today)
    totals, results = ref_streaks(plan, facts, today)
    assert len(got.results) == len(results) > 1800
    assert [(r.outcome, r.done, r.skipped) for r in got.results] == [r[1:] for r in results]
    assert counts(got) == totals
