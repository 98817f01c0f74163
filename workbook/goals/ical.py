"""The check-in schedule as an iCalendar file, so goals show up in any calendar app.

Each active goal becomes one all-day repeating event (RRULE) for the cadence in effect now,
starting at the first period from today and ending on the goal's target date, if any:
daily and every-N-days goals repeat by day, chosen weekdays by ``BYDAY``, "N times a week"
as a week-long event each Monday, and monthly goals on the first of each month. All-day
events carry no time, so daylight-saving changes cannot move them. Paused, achieved and
archived goals are left out (nothing is due); private goals show only a placeholder title.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from workbook.couple import Couple
from workbook.goals.cadence import WEEKDAY_SHORT, CadenceKind
from workbook.goals.models import Goal
from workbook.goals.plain import GoalStatus, by_age
from workbook.goals.schedule import local_today, natural_bounds, period_on

PRODID = "-//couples-workbook//goals//EN"


def _first_day(goal: Goal, today: date) -> date | None:
    """Where the repeating event starts: the natural period holding the first day due."""
    plan = goal.plan()
    day = max(today, goal.start_date, goal.cadence_versions[-1].effective_from)
    for _ in range(400):  # a year and a bit covers any cadence's next occurrence
        if plan.end is not None and day > plan.end:
            return None
        span = plan.span_on(day)
        if span is not None and period_on(plan, day) is not None:
            # The natural period (a whole week from Monday, a month from the 1st), so the
            # repeating event lines up with every later period.
            bounds = natural_bounds(span.cadence, span.start, day)
            assert bounds is not None  # period_on found one
            return bounds[0]
        day += timedelta(days=1)
    return None


def _rule(goal: Goal) -> dict[str, Any]:
    cadence = goal.cadence
    rule: dict[str, Any]
    match cadence.kind:
        case CadenceKind.DAILY:
            rule = {"FREQ": "DAILY"}
        case CadenceKind.EVERY_N_DAYS:
            rule = {"FREQ": "DAILY", "INTERVAL": cadence.interval}
        case CadenceKind.WEEKDAYS:
            rule = {
                "FREQ": "WEEKLY",
                "BYDAY": [WEEKDAY_SHORT[d][:2].upper() for d in cadence.weekdays],
            }
        case CadenceKind.PER_WEEK:
            rule = {"FREQ": "WEEKLY"}
        case CadenceKind.MONTHLY:
            rule = {"FREQ": "MONTHLY", "BYMONTHDAY": 1}
    if goal.target_date is not None:
        rule["UNTIL"] = goal.target_date
    return rule


def schedule_calendar(couple: Couple, goals: Iterable[Goal], today: date | None = None) -> bytes:
    """Build the .ics bytes for the active goals."""
    from icalendar import Calendar, Event

    today = today or local_today()
    stamp = datetime.now(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Couples workbook check-ins")
    for goal in sorted(goals, key=by_age):
        if goal.status is not GoalStatus.ACTIVE:
            continue
        first = _first_day(goal, today)
        if first is None:
            continue
        who = (
            " and ".join(p.name for p in couple.partners)
            if goal.partner is None
            else couple.partner(goal.partner).name
        )
        cadence = goal.cadence
        length = 7 if cadence.kind is CadenceKind.PER_WEEK else 1
        words = cadence.describe()
        lines = [f"{words[:1].upper()}{words[1:]}, for {who}."]
        if goal.why and not goal.private:
            lines.append(goal.why)
        lines.append(f"Check in with: workbook checkin {goal.id[:8]} --partner NAME --status done")
        if goal.source.exercise_id:
            lines.append(f"Open the exercise with: workbook start {goal.source.exercise_id}")
        event = Event()
        event.add("uid", f"{goal.id}-{goal.cadence_versions[-1].effective_from}@couples-workbook")
        event.add("dtstamp", stamp)
        event.add("summary", f"Check in: {goal.display_title()}")
        event.add("description", "\n".join(lines))
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(days=length))
        event.add("rrule", _rule(goal))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["couples-workbook"])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
