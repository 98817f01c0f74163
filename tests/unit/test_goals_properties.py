"""Property tests: the due and streak logic against a deliberately simple day-by-day model.

The reference below walks every calendar day, labels it with a period key computed the
obvious way (ISO week number, (year, month), days since the anchor divided by N), groups days
by (cadence version, key) and counts. The real code steps from period to period in day numbers
(Mondays, month starts, N-day blocks) instead, so agreement between the two is real evidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import goal_strategies
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.goals.cadence import Cadence, CadenceKind
from workbook.goals.schedule import (
    COUNTS_AS_DONE,
    FILLS_QUOTA,
    CadenceSpan,
    CheckInStatus,
    Fact,
    Outcome,
    Plan,
    is_due,
    period_on,
    periods,
    streaks,
)

DAY = timedelta(days=1)
HORIZON = 45  # days past "today" the reference walks, enough to finish any test period


# -- the reference model ---------------------------------------------------------------------


def ref_key(cadence: Cadence, anchor: date, day: date) -> object | None:
    if cadence.kind is CadenceKind.DAILY:
        return day.toordinal()
    if cadence.kind is CadenceKind.PER_WEEK:
        iso = day.isocalendar()
        return (iso.year, iso.week)
    if cadence.kind is CadenceKind.WEEKDAYS:
        return day.toordinal() if day.weekday() in cadence.weekdays else None
    if cadence.kind is CadenceKind.EVERY_N_DAYS:
        return (day - anchor).days // cadence.interval
    return (day.year, day.month)


@dataclass
class RefPeriod:
    days: list[date] = field(default_factory=list)
    eligible: list[date] = field(default_factory=list)
    cap: int = 1

    @property
    def target(self) -> int:
        return min(self.cap, len(self.eligible))


def ref_periods(plan: Plan, today: date) -> list[RefPeriod]:
    groups: dict[tuple[int, object], RefPeriod] = defaultdict(RefPeriod)
    day = plan.start
    while day <= today + timedelta(days=HORIZON):
        if plan.end is not None and day > plan.end:
            break
        index = max(i for i, s in enumerate(plan.spans) if s.start <= day)
        span = plan.spans[index]
        key = ref_key(span.cadence, span.start, day)
        if key is not None:
            group = groups[(index, key)]
            group.cap = span.cadence.target
            group.days.append(day)
            paused = any(s <= day and (e is None or day <= e) for s, e in plan.pauses)
            if not paused:
                group.eligible.append(day)
        day += DAY
    return [g for g in groups.values() if g.eligible and g.days[0] <= today]


def ref_due(plan: Plan, day: date, facts: dict[date, CheckInStatus]) -> bool:
    for group in ref_periods(plan, day):
        if day in group.eligible:
            filled = sum(1 for d in group.days if d < day and facts.get(d) in FILLS_QUOTA)
            return filled < group.target
    return False


def ref_streaks(
    plan: Plan, today: date, facts: dict[date, CheckInStatus]
) -> tuple[int, int, list[str]]:
    current = best = 0
    outcomes: list[str] = []
    for group in ref_periods(plan, today):
        done = sum(1 for d in group.days if facts.get(d) in COUNTS_AS_DONE)
        skipped = sum(1 for d in group.days if facts.get(d) is CheckInStatus.SKIPPED)
        if done >= group.target:
            outcomes.append("completed")
            current += 1
            best = max(best, current)
        elif done + skipped >= group.target:
            outcomes.append("excused")
        elif group.days[-1] < today:
            outcomes.append("missed")
            current = 0
        else:
            outcomes.append("open")
    return current, best, outcomes


# -- strategies ------------------------------------------------------------------------------

cadences = goal_strategies.cadences(9)
# Starts around month ends, leap days and both 2026 daylight-saving changes.
starts = st.sampled_from(
    [date(2024, 2, 26), date(2026, 3, 5), date(2026, 10, 29), date(2025, 12, 29)]
) | st.dates(date(2023, 1, 1), date(2028, 12, 31))
statuses = goal_strategies.statuses
# A plan, the day taken as today, and what was recorded on which days.
Scenario = tuple[Plan, date, dict[date, CheckInStatus]]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    start = draw(starts)
    length = draw(st.integers(1, 120))
    offsets = sorted(draw(st.sets(st.integers(1, length), max_size=3)))
    versions = [start, *(start + timedelta(days=o) for o in offsets)]
    cads = [draw(cadences) for _ in versions]
    spans = tuple(
        CadenceSpan(
            start=v,
            cadence=c,
            end=versions[i + 1] - DAY if i + 1 < len(versions) else None,
        )
        for i, (v, c) in enumerate(zip(versions, cads, strict=True))
    )
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        p_start = start + timedelta(days=draw(st.integers(0, length)))
        gap = draw(st.none() | st.integers(0, 20))
        p_end = None if gap is None else p_start + timedelta(gap)
        pauses.append((p_start, p_end))
    end = draw(st.none() | st.integers(0, length + 10).map(lambda n: start + timedelta(n)))
    today = start + timedelta(days=draw(st.integers(0, length + 15)))
    facts: dict[date, CheckInStatus] = {}
    for offset in draw(st.sets(st.integers(0, length + 15), max_size=80)):
        facts[start + timedelta(days=offset)] = draw(statuses)
    return Plan(start=start, spans=spans, end=end, pauses=tuple(pauses)), today, facts


def as_facts(facts: dict[date, CheckInStatus]) -> list[Fact]:
    return [Fact(d, s) for d, s in facts.items()]


# -- properties ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_periods_match_day_by_day_grouping(scenario: Scenario) -> None:
    """Periods built by stepping from one to the next equal the day-by-day grouping: bounds,
    days, quota."""
    plan, today, _ = scenario
    real = [(p.start, p.end, list(p.eligible), p.target) for p in periods(plan, today)]
    ref = [(g.days[0], g.days[-1], g.eligible, g.target) for g in ref_periods(plan, today)]
    assert real == ref


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_due_matches_reference(scenario: Scenario) -> None:
    """For every day around the plan, "due" agrees with the day-by-day model."""
    plan, today, facts = scenario
    listed = as_facts(facts)
    day = plan.start - timedelta(days=3)
    while day <= today:
        assert is_due(plan, day, listed) == ref_due(plan, day, facts), day
        day += DAY


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_streaks_match_reference(scenario: Scenario) -> None:
    """Current and best streaks and each period's outcome agree with the simple model."""
    plan, today, facts = scenario
    result = streaks(plan, as_facts(facts), today)
    current, best, outcomes = ref_streaks(plan, today, facts)
    assert [r.outcome.value for r in result.results] == outcomes
    assert (result.current, result.best) == (current, best)


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_skips_never_break_a_streak(scenario: Scenario) -> None:
    """Turning missed or empty days into skips never lowers the current or best streak."""
    plan, today, facts = scenario
    before = streaks(plan, as_facts(facts), today)
    excused = dict(facts)
    for period in periods(plan, today):
        for day in period.eligible:
            if excused.get(day) not in COUNTS_AS_DONE:
                excused[day] = CheckInStatus.SKIPPED
    after = streaks(plan, as_facts(excused), today)
    assert after.current >= before.current
    assert after.best >= before.best
    assert all(r.outcome is not Outcome.MISSED for r in after.results)


@settings(max_examples=200, deadline=None)
@given(scenarios(), st.integers(1, 60))
def test_later_cadence_change_keeps_earlier_outcomes(scenario: Scenario, shift: int) -> None:
    """Adding a cadence version after a date leaves the outcomes of periods ending before it."""
    plan, today, facts = scenario
    change = plan.spans[-1].start + timedelta(days=shift)
    last = plan.spans[-1]
    spans = (
        *plan.spans[:-1],
        CadenceSpan(last.start, last.cadence, change - DAY),
        CadenceSpan(change, Cadence.monthly()),
    )
    changed = Plan(plan.start, spans, plan.end, plan.pauses)
    before = streaks(plan, as_facts(facts), today).results
    after = streaks(changed, as_facts(facts), today).results
    kept = [r for r in before if r.period.end < change]
    assert after[: len(kept)] == kept


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_period_on_agrees_with_periods(scenario: Scenario) -> None:
    """The one-day lookup (from the day alone) finds the same period as the walk from the start."""
    plan, today, _ = scenario
    walked = {day: p for p in periods(plan, today) for day in p.eligible if day <= today}
    day = plan.start - timedelta(days=2)
    while day <= today:
        found = period_on(plan, day)
        if day in walked:
            assert found == walked[day]
        else:
            assert found is None or day not in found.eligible
        day += DAY


CADENCE_WORDS = st.lists(
    st.sampled_from(
        [
            "daily",
            "weekly",
            "monthly",
            "every",
            "each",
            "day",
            "days",
            "week",
            "w",
            "wk",
            "other",
            "second",
            "2nd",
            "once",
            "twice",
            "three",
            "a",
            "per",
            "in",
            "x",
            "times",
            "/",
            ",",
            "&",
            "+",
            "and",
            "on",
            "mon",
            "monday",
            "mondays",
            "tu",
            "tues",
            "thurs",
            "we",
            "fri",
            "sa",
            "sun",
            "mos",
            "weekdays",
            "weekend",
            "workdays",
            "fortnightly",
            "0",
            "1",
            "2",
            "3",
            "7",
            "8",
            "07",
            "365",
            "366",
            "30",
            "Mon",
            "WEEKLY",
            "-",
        ]
    ),
    min_size=1,
    max_size=5,
).map(lambda words: " ".join(words))


@given(CADENCE_WORDS, st.sampled_from(["", " ", "  ", "\t"]))
@settings(max_examples=300, deadline=None)
def test_the_cadence_pattern_accepts_exactly_what_the_parser_reads(words: str, pad: str) -> None:
    """CADENCE_PATTERN (carried by the exercise JSON Schema for editors) matches a text exactly
    when parse_cadence reads it, so an editor and the validator never disagree."""
    import re

    from workbook.errors import WorkbookError
    from workbook.goals.cadence import CADENCE_PATTERN, parse_cadence

    text = pad + words.replace(" / ", "/").replace(" , ", ",") + pad
    try:
        parse_cadence(text)
        reads = True
    except WorkbookError:
        reads = False
    assert (re.search(CADENCE_PATTERN, text) is not None) is reads, text
