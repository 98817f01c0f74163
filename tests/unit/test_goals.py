"""Goals: cadence parsing, calendar edge cases (month ends, Feb 29, DST), pauses, cadence changes,
check-ins and the store-backed queries, each asserted on stored data or computed periods."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from workbook.couple import make_couple, save_couple
from workbook.errors import WorkbookError
from workbook.goals import progress as goal_progress
from workbook.goals import repo, schedule
from workbook.goals.cadence import Cadence, CadenceKind, parse_cadence
from workbook.goals.plain import PRIVATE_TITLE, GoalStatus
from workbook.goals.schedule import (
    CadenceSpan,
    CheckInStatus,
    Fact,
    Outcome,
    Plan,
    is_due,
    local_today,
    period_on,
    periods,
    streaks,
)
from workbook.partners import PartnerKey
from workbook.store import Store

NY = ZoneInfo("America/New_York")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh workbook with a couple, Ana (a) and Ben (b)."""
    opened = Store.open(tmp_path)
    save_couple(opened, make_couple("Ana", "Ben"))
    return opened


def plan(cadence: Cadence, start: date, pauses: tuple[tuple[date, date | None], ...] = ()) -> Plan:
    return Plan(start=start, spans=(CadenceSpan(start, cadence),), pauses=pauses)


# -- cadence ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("daily", CadenceKind.DAILY, 1),
        ("weekly", CadenceKind.PER_WEEK, 1),
        ("3/week", CadenceKind.PER_WEEK, 3),
        ("3x a week", CadenceKind.PER_WEEK, 3),
        ("Twice a week", CadenceKind.PER_WEEK, 2),
        ("every 2 days", CadenceKind.EVERY_N_DAYS, 1),
        ("monthly", CadenceKind.MONTHLY, 1),
        ("mon,thu", CadenceKind.WEEKDAYS, 1),
        ("Mondays and Thursdays", CadenceKind.WEEKDAYS, 1),
    ],
)
def test_cadence_reads_how_people_write(text: str, kind: CadenceKind, target: int) -> None:
    """Common ways of writing a cadence parse, and describe/to_text round-trip."""
    cadence = parse_cadence(text)
    assert (cadence.kind, cadence.target) == (kind, target)
    assert parse_cadence(cadence.to_text()) == cadence
    assert cadence.describe()


@pytest.mark.parametrize("text", ["", "fortnightly", "9/week", "every 0 days", "mon,blue", "t"])
def test_cadence_rejects_with_examples(text: str) -> None:
    """Unreadable cadences raise a WorkbookError that lists examples to copy."""
    with pytest.raises(WorkbookError, match="3/week"):
        parse_cadence(text)


def test_cadence_describes_weekdays_in_words() -> None:
    """A weekday cadence reads back as names, not numbers."""
    assert parse_cadence("thu,mon").describe() == "every Monday and Thursday"


# -- calendar edge cases ---------------------------------------------------------------------


def test_monthly_periods_cover_month_ends_and_leap_day() -> None:
    """Monthly periods end on the last day of each month, Feb 29 included in a leap year."""
    found = periods(plan(Cadence.monthly(), date(2024, 1, 31)), date(2024, 4, 1))
    assert [(p.start, p.end) for p in found] == [
        (date(2024, 1, 31), date(2024, 1, 31)),
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 4, 30)),
    ]


def test_daily_streak_runs_through_feb_29() -> None:
    """A daily goal checked in Feb 28, 29 and Mar 1 has a three-day streak."""
    days = [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]
    result = streaks(
        plan(Cadence.daily(), days[0]), [Fact(d, CheckInStatus.DONE) for d in days], days[-1]
    )
    assert (result.current, result.best) == (3, 3)


def test_per_week_counts_iso_weeks_across_year_end() -> None:
    """'3/week' counts per ISO week, even when the week spans two calendar years."""
    start = date(2025, 12, 29)  # a Monday; ISO week 1 of 2026
    p = plan(Cadence.per_week(3), start)
    week = period_on(p, date(2026, 1, 2))
    assert week is not None
    assert (week.start, week.end, week.target) == (start, date(2026, 1, 4), 3)
    facts = [Fact(start + timedelta(days=i), CheckInStatus.DONE) for i in (0, 2, 4)]
    assert not is_due(p, date(2026, 1, 3), facts)  # quota met on Friday
    assert streaks(p, facts, date(2026, 1, 5)).current == 1


@pytest.mark.parametrize("change_day", [date(2026, 3, 8), date(2026, 11, 1)])
def test_dst_change_days_are_ordinary_days(change_day: date) -> None:
    """Around the 2026 New York DST changes, local dates and daily periods never skip or repeat."""
    # Late-evening check-ins either side of the change map to their own local date.
    for offset in (-1, 0, 1):
        moment = datetime(2026, change_day.month, change_day.day, 23, 30, tzinfo=NY) + timedelta(
            days=offset
        )
        assert local_today(moment) == change_day + timedelta(days=offset)
        as_utc = moment.astimezone(ZoneInfo("UTC"))
        assert local_today(as_utc, NY) == change_day + timedelta(days=offset)
    start = change_day - timedelta(days=2)
    found = periods(plan(Cadence.daily(), start), change_day + timedelta(days=2))
    assert [p.start for p in found] == [start + timedelta(days=i) for i in range(5)]
    facts = [Fact(p.start, CheckInStatus.DONE) for p in found]
    assert streaks(plan(Cadence.daily(), start), facts, found[-1].start).current == 5


def test_every_n_days_counts_from_its_start() -> None:
    """'every 3 days' makes 3-day blocks from the start date, across a month end."""
    found = periods(plan(Cadence.every_n_days(3), date(2026, 1, 30)), date(2026, 2, 5))
    assert [(p.start, p.end) for p in found] == [
        (date(2026, 1, 30), date(2026, 2, 1)),
        (date(2026, 2, 2), date(2026, 2, 4)),
        (date(2026, 2, 5), date(2026, 2, 7)),
    ]


# -- pauses, skips and cadence changes --------------------------------------------------------


def test_paused_week_neither_counts_nor_breaks() -> None:
    """A fully paused week is no period; the weeks either side join into one streak."""
    start = date(2026, 3, 2)  # Monday
    p = plan(
        Cadence.per_week(1),
        start,
        pauses=((date(2026, 3, 9), date(2026, 3, 15)),),
    )
    facts = [
        Fact(date(2026, 3, 3), CheckInStatus.DONE),
        Fact(date(2026, 3, 17), CheckInStatus.DONE),
    ]
    result = streaks(p, facts, date(2026, 3, 23))
    assert [r.period.start for r in result.results] == [
        date(2026, 3, 2),
        date(2026, 3, 16),
        date(2026, 3, 23),
    ]
    assert (result.current, result.best, result.missed) == (2, 2, 0)
    assert not is_due(p, date(2026, 3, 10), facts)


def test_skip_is_excused_and_miss_breaks() -> None:
    """A skipped day keeps the streak going without counting; a missed day ends it."""
    start = date(2026, 5, 1)
    p = plan(Cadence.daily(), start)
    d = [start + timedelta(days=i) for i in range(5)]
    s = CheckInStatus
    facts = [Fact(d[0], s.DONE), Fact(d[1], s.SKIPPED), Fact(d[2], s.PARTLY), Fact(d[3], s.DONE)]
    result = streaks(p, facts, d[4])
    assert [r.outcome for r in result.results] == [
        Outcome.COMPLETED,
        Outcome.EXCUSED,
        Outcome.COMPLETED,
        Outcome.COMPLETED,
        Outcome.OPEN,
    ]
    assert (result.current, result.best) == (3, 3)
    later = streaks(p, facts, d[4] + timedelta(days=1))
    assert (later.current, later.best, later.missed) == (0, 3, 1)


def test_store_cadence_change_keeps_earlier_weeks(store: Store) -> None:
    """Changing daily to 3/week mid-way keeps the daily days judged as daily, and logs why."""
    start = date(2026, 6, 1)  # Monday
    goal = repo.add_goal(store, title="Walk together", cadence="daily", start=start, today=start)
    for i in range(3):
        repo.record_checkin(
            store,
            goal.id,
            "a",
            "done",
            day=start + timedelta(days=i),
            today=start + timedelta(days=i),
        )
    change = date(2026, 6, 4)
    edited = repo.edit_goal(
        store, goal.id[:6], cadence="3/week", reason="daily was too much", today=change
    )
    stored = repo.goals(store).require(goal.id)
    assert [v.effective_from for v in stored.cadence_versions] == [start, change]
    assert stored.adjustments[-1].model_dump(include={"field", "old", "new", "reason"}) == {
        "field": "cadence",
        "old": "daily",
        "new": "3/week",
        "reason": "daily was too much",
    }
    assert edited.cadence == Cadence.per_week(3)
    (ana,) = [
        p for p in goal_progress.progress(store, today=change)[0].partners if p.partner == "a"
    ]
    first_three = ana.streaks.results[:3]
    assert [r.period.cadence.kind for r in first_three] == [CadenceKind.DAILY] * 3
    assert all(r.outcome is Outcome.COMPLETED for r in first_three)
    # The clipped week (Thu-Sun) asks for at most 3 of its 4 days.
    assert ana.streaks.results[3].period.target == 3


def test_a_shared_goal_builds_its_periods_once_for_both_partners(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress of a goal both partners keep lists the plan's periods once and judges each
    partner's own check-ins over them: Ana's done day and Ben's skip stay apart."""
    start = date(2026, 6, 1)
    goal = repo.add_goal(store, title="Walk together", cadence="daily", start=start, today=start)
    repo.record_checkin(store, goal.id, "a", "done", day=start, today=start)
    repo.record_checkin(store, goal.id, "b", "skipped", day=start, today=start, skip_reason="ill")
    built: list[object] = []
    real = schedule.periods

    def counting(*args: Any) -> Any:
        built.append(args)
        return real(*args)

    monkeypatch.setattr("workbook.goals.progress.periods", counting)
    monkeypatch.setattr(schedule, "periods", counting)
    (item,) = goal_progress.progress(store, today=start + timedelta(days=2))
    assert len(built) == 1
    ana, ben = item.partners
    assert [r.outcome for r in ana.streaks.results] == [
        Outcome.COMPLETED,
        Outcome.MISSED,
        Outcome.OPEN,
    ]
    assert [r.outcome for r in ben.streaks.results] == [
        Outcome.EXCUSED,
        Outcome.MISSED,
        Outcome.OPEN,
    ]
    assert [r.period for r in ana.streaks.results] == [r.period for r in ben.streaks.results]


def test_store_pause_and_resume(store: Store) -> None:
    """Pausing records an interval; resuming closes it the day before; paused days are not due."""
    start = date(2026, 7, 1)
    goal = repo.add_goal(
        store, title="Tea in the garden", cadence="daily", partner="b", start=start, today=start
    )
    repo.pause_goal(store, goal.id, today=date(2026, 7, 3))
    assert repo.due_on(store, date(2026, 7, 4)) == {"a": [], "b": []}
    resumed = repo.resume_goal(store, goal.id, today=date(2026, 7, 6))
    assert resumed.status is GoalStatus.ACTIVE
    assert [(p.start, p.end) for p in resumed.pauses] == [(date(2026, 7, 3), date(2026, 7, 5))]
    assert [i.goal.id for i in repo.due_on(store, date(2026, 7, 6))["b"]] == [goal.id]
    assert [s for s, _ in [(a.field, a.new) for a in resumed.adjustments]] == ["status", "status"]


# -- check-ins and queries -------------------------------------------------------------------


def test_checkin_replaces_same_day(store: Store) -> None:
    """A second check-in for the same goal, partner and day replaces the first."""
    day = date(2026, 2, 10)
    goal = repo.add_goal(store, title="Say thank you", cadence="daily", today=day)
    repo.record_checkin(store, goal.id, "a", "partly", rating=4, today=day)
    repo.record_checkin(store, goal.id, "a", "done", rating=8, note="felt good", today=day)
    repo.record_checkin(store, goal.id, "b", "skipped", skip_reason="away", today=day)
    stored = repo.checkins_of(store, goal.id)
    assert [(c.partner, c.status, c.rating) for c in stored] == [
        ("a", CheckInStatus.DONE, 8),
        ("b", CheckInStatus.SKIPPED, None),
    ]
    assert stored[1].skip_reason == "away"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "skipped"}, "reason"),
        ({"status": "done", "rating": 11}, "1 to 10"),
        ({"status": "meh"}, "not a check-in status"),
        ({"status": "done", "day": date(2026, 2, 11)}, "not come yet"),
        ({"status": "done", "partner": "b"}, "other partner"),
    ],
)
def test_checkin_refuses_bad_input(store: Store, kwargs: dict[str, Any], message: str) -> None:
    """Bad check-ins are refused with a sentence, and nothing is stored."""
    day = date(2026, 2, 10)
    goal = repo.add_goal(store, title="Journal", cadence="daily", partner="a", today=day)
    partner = kwargs.pop("partner", "a")
    with pytest.raises(WorkbookError, match=message):
        repo.record_checkin(store, goal.id, partner, today=day, **kwargs)
    assert repo.checkins_of(store, goal.id) == []


def test_due_lists_per_partner_with_period_progress(store: Store) -> None:
    """Shared goals are due for both partners, individual ones for their owner; quotas stop it."""
    monday = date(2026, 9, 7)
    shared = repo.add_goal(store, title="Date night", cadence="weekly", today=monday)
    hers = repo.add_goal(store, title="Run", cadence="2/week", partner="a", today=monday)
    repo.add_goal(store, title="Call mum", cadence="thu", partner="b", today=monday)
    repo.record_checkin(store, hers.id, "a", "done", today=monday)
    due = repo.due_on(store, monday + timedelta(days=1))
    assert [(i.goal.title, i.progress_text) for i in due["a"]] == [
        ("Date night", "0 of 1 this week"),
        ("Run", "1 of 2 this week"),
    ]
    assert [i.goal.id for i in due["b"]] == [shared.id]
    repo.record_checkin(store, shared.id, "b", "done", today=monday + timedelta(days=1))
    thursday = repo.due_on(store, monday + timedelta(days=3))
    assert [i.goal.title for i in thursday["b"]] == ["Call mum"]


def test_achieved_goal_is_no_longer_due(store: Store) -> None:
    """Achieving a goal stops it being due, and keeps its history."""
    day = date(2026, 4, 1)
    goal = repo.add_goal(store, title="Plan a trip", cadence="daily", today=day)
    repo.record_checkin(store, goal.id, "a", "done", today=day)
    repo.achieve_goal(store, goal.id[:8], today=day)
    assert repo.due_on(store, day + timedelta(days=1)) == {"a": [], "b": []}
    stored = repo.goals(store).require(goal.id)
    assert (stored.status, stored.ended_on) == (GoalStatus.ACHIEVED, day)
    everything = goal_progress.progress(store, today=day + timedelta(days=5), include_ended=True)
    assert everything[0].partners[0].streaks.best == 1


def test_goal_from_agreement_links_back(store: Store) -> None:
    """An exercise's agreement becomes a goal holding the agreement text, session and exercise."""
    goal = repo.create_goal_from_agreement(
        store,
        title="Phones away at dinner",
        cadence_text="daily",
        text="We agree to put phones away at dinner.",
        session_id="s1",
        exercise_id="agreements/phones",
    ).goal
    stored = repo.goals(store).require(goal.id)
    assert stored.source.kind == "agreement"
    assert (stored.source.session_id, stored.source.exercise_id) == ("s1", "agreements/phones")
    assert stored.partner is None


def test_an_agreement_with_an_unreadable_cadence_still_becomes_a_goal(store: Store) -> None:
    """A cadence the goals feature cannot read (an exercise file that skipped validation) never
    loses the couple's agreement: the goal is made weekly, with its words and link back, and a
    sentence says what changed and how to fix it."""
    made = repo.create_goal_from_agreement(
        store,
        title="Talk",
        cadence_text="fortnightly",
        text="We talk every other Sunday.",
        session_id="s2",
        exercise_id="talks",
    )
    stored = repo.goals(store).require(made.goal.id)
    assert stored.title == "Talk" and stored.cadence.to_text() == "weekly"
    assert stored.source.agreement_text == "We talk every other Sunday."
    assert len(made.changes) == 1
    assert "'fortnightly'" in made.changes[0] and "goals edit" in made.changes[0]


@pytest.mark.parametrize(
    ("title", "expected", "changed"),
    [
        ("  Walk   together ", "Walk together", False),
        ("   ", "We walk on Sundays.", True),
        ("x" * 300, "x" * 199 + "…", True),
    ],
)
def test_an_agreement_goal_title_is_repaired_not_refused(
    title: str, expected: str, changed: bool
) -> None:
    """An empty title (e.g. from a skipped answer) takes the agreement's words and a long one
    is shortened to the limit add_goal enforces, each with a sentence; a good one is kept."""
    plan = repo.plan_agreement_goal(title, "daily", "We walk on Sundays.")
    assert plan.title == expected and len(plan.title) <= repo.MAX_TITLE
    assert bool(plan.changes) is changed
    assert plan.cadence.to_text() == "daily"


def test_goal_prefix_must_be_unique(store: Store) -> None:
    """A goal id prefix resolves when unique; an unknown one says where to look."""
    goal = repo.add_goal(store, title="Hug", cadence="daily")
    assert repo.resolve_goal(store, goal.id[:5].upper()).id == goal.id
    with pytest.raises(WorkbookError, match="goals list"):
        repo.resolve_goal(store, "zzzz")


def give_key(store: Store, partner: PartnerKey) -> Any:
    """Give ``partner`` a journal key (its wrapped half unused here); return the identity."""
    from pyrage import x25519

    from workbook.journal.models import JournalKey
    from workbook.journal.vault import keys

    identity = x25519.Identity.generate()
    keys(store).add(
        JournalKey(
            partner=partner,
            generation=1,
            recipient=str(identity.to_public()),
            wrapped_identity="x",
        )
    )
    return identity


def test_private_goal_is_sealed(store: Store) -> None:
    """A private goal stores only a placeholder in the clear and its words sealed to its owner."""
    import pyrage

    identity = give_key(store, "a")
    goal = repo.add_goal(
        store,
        title="Secret running plan",
        why="for me",
        cadence="3/week",
        partner="a",
        private=True,
    )
    assert "Secret running plan" not in store.path.read_text()
    stored = repo.goals(store).require(goal.id)
    assert (stored.title, stored.display_title()) == (PRIVATE_TITLE, PRIVATE_TITLE)
    assert stored.encrypted is not None
    plain = pyrage.decrypt(stored.encrypted.encode(), [identity])
    assert b"Secret running plan" in plain
    with pytest.raises(WorkbookError, match="shared goal"):
        repo.add_goal(store, title="x", cadence="daily", private=True)


@pytest.mark.parametrize("action", ["edit", "pause", "resume", "achieve", "archive"])
def test_a_private_goal_keeps_no_reason_in_the_clear(store: Store, action: str) -> None:
    """A reason for changing a private goal would be stored unsealed, so it is refused and the
    file is left as it was; the same change without a reason goes through."""
    give_key(store, "a")
    goal = repo.add_goal(store, title="Secret plan", cadence="3/week", partner="a", private=True)
    if action == "resume":
        repo.pause_goal(store, goal.id)

    def act(reason: str) -> None:
        if action == "edit":
            repo.edit_goal(store, goal.id, cadence="daily", reason=reason)
        else:
            getattr(repo, f"{action}_goal")(store, goal.id, reason=reason)

    before = store.path.read_bytes()
    with pytest.raises(WorkbookError, match="keeps no reason"):
        act("because of the relapse on Friday")
    assert store.path.read_bytes() == before
    act("")
    assert repo.goals(store).require(goal.id).adjustments[-1].reason == ""


def test_goal_from_a_private_agreement_keeps_its_words_sealed(store: Store) -> None:
    """A private exercise's agreement makes a private goal: neither the title nor the agreed
    words are in the file; both open with the author's key, and the link back remains."""
    import pyrage

    identity = give_key(store, "b")
    goal = repo.create_goal_from_agreement(
        store,
        title="Call my sponsor after hard days",
        cadence_text="weekly",
        text="I will call Dana when the urge is loud.",
        session_id="s9",
        exercise_id="riding-the-urge",
        partner="b",
        why="Staying honest with myself",
        private=True,
    ).goal
    on_disk = store.path.read_text()
    assert "sponsor" not in on_disk and "Dana" not in on_disk and "honest" not in on_disk
    stored = repo.goals(store).require(goal.id)
    assert (stored.source.session_id, stored.source.agreement_text) == ("s9", "")
    assert stored.encrypted is not None
    plain = pyrage.decrypt(stored.encrypted.encode(), [identity]).decode()
    assert "Call my sponsor" in plain and "I will call Dana" in plain
    assert "Staying honest with myself" in plain


def test_check_in_words_on_a_private_goal_are_sealed(store: Store) -> None:
    """A note and a skip reason on a private goal are not in the file; they open with the key,
    and the skip still counts as excused."""
    import pyrage

    identity = give_key(store, "a")
    day = date(2026, 3, 2)
    goal = repo.add_goal(
        store, title="Walk alone", cadence="daily", partner="a", private=True, start=day, today=day
    )
    repo.record_checkin(
        store, goal.id, "a", "done", day=day, note="felt the pull to drink", today=day
    )
    later = day + timedelta(days=1)
    repo.record_checkin(
        store, goal.id, "a", "skipped", day=later, skip_reason="relapse scare", today=later
    )
    on_disk = store.path.read_text()
    assert "pull to drink" not in on_disk and "relapse scare" not in on_disk
    done, skipped = sorted(repo.checkins_of(store, goal.id), key=lambda c: c.day)
    assert (done.note, skipped.skip_reason) == (None, repo.PRIVATE_REASON)
    assert done.sealed is not None and skipped.sealed is not None
    assert b"felt the pull to drink" in pyrage.decrypt(done.sealed.encode(), [identity])
    assert b"relapse scare" in pyrage.decrypt(skipped.sealed.encode(), [identity])
    progress = goal_progress.progress(store, today=later)
    assert progress[0].partners[0].streaks.current == 1


def test_seven_a_week_is_the_accepted_edge_and_eight_is_refused() -> None:
    """ "7/week" (every day of the week, counted as a weekly quota) is accepted in every
    spelling and reads back; "8/week" is refused with the range named."""
    for words in ("7/week", "seven times a week", "7x a week"):
        cadence = parse_cadence(words)
        assert (cadence.kind, cadence.times) == (CadenceKind.PER_WEEK, 7)
    assert parse_cadence("7/week").describe() == "7 times a week"
    assert parse_cadence(parse_cadence("7/week").to_text()) == Cadence.per_week(7)
    with pytest.raises(WorkbookError, match="1 to 7"):
        parse_cadence("8/week")
    with pytest.raises(ValueError):
        Cadence(kind=CadenceKind.PER_WEEK, times=8)


def test_every_1_day_is_simply_daily() -> None:
    """ "every 1 day" is the daily cadence (not a one-day stretch); "every 0 days" is refused."""
    assert parse_cadence("every 1 day") == Cadence.daily()
    assert parse_cadence("every 1 days") == Cadence.daily()
    assert parse_cadence("every 1 day").describe() == "every day"
    assert parse_cadence("every 2 days") == Cadence.every_n_days(2)
    with pytest.raises(WorkbookError, match="from 1 to"):
        parse_cadence("every 0 days")


def test_a_check_in_made_today_counts_in_todays_progress_text(store: Store, tmp_path: Path) -> None:
    """A check-in on the day itself is counted: "1 of 3 this week" on the Tuesday it was made,
    in the store-backed list and in the fast `workbook due` path alike; a day's own goal says
    nothing about periods."""
    import orjson

    from workbook.goals import quickdue
    from workbook.locations import data_file

    monday = date(2026, 9, 7)
    tuesday = monday + timedelta(days=1)
    week = repo.add_goal(store, title="Run", cadence="3/week", partner="a", today=monday)
    repo.add_goal(store, title="Stretch", cadence="daily", partner="a", today=monday)
    repo.record_checkin(store, week.id, "a", "done", today=tuesday)
    due = {i.goal.title: i for i in repo.due_on(store, tuesday)["a"]}
    assert due["Run"].progress_text == "1 of 3 this week"
    assert due["Run"].today is not None
    assert due["Stretch"].progress_text == ""
    assert repo.due_on(store, monday)["a"][0].progress_text == "0 of 3 this week"
    store.close()
    raw = orjson.loads(data_file(tmp_path).read_bytes())
    _, lines = quickdue.due_lines(raw, tuesday)
    assert [(line.title, line.progress) for line in lines["a"]] == [
        ("Run", "1 of 3 this week"),
        ("Stretch", ""),
    ]


def test_progress_of_one_partners_goal_judges_only_their_check_ins(store: Store) -> None:
    """A goal kept by one partner is judged on that partner's check-ins alone: a check-in by the
    other partner found in the file (the app never records one) neither fills a period nor
    appears as a rating, and the other partner gets no progress of their own."""
    from workbook.goals.models import CheckIn

    start = date(2026, 6, 1)
    goal = repo.add_goal(
        store, title="Stretch", cadence="daily", partner="a", start=start, today=start
    )
    repo.record_checkin(store, goal.id, "a", "done", day=start, today=start, rating=6)
    stray = date(2026, 6, 2)
    repo.checkins(store).put(
        CheckIn(
            id=CheckIn.key(goal.id, "b", stray),
            goal_id=goal.id,
            partner="b",
            day=stray,
            status=CheckInStatus.DONE,
            rating=9,
        )
    )
    (item,) = goal_progress.progress(store, today=date(2026, 6, 3))
    (ana,) = item.partners
    assert ana.partner == "a"
    assert [r.outcome for r in ana.streaks.results] == [
        Outcome.COMPLETED,
        Outcome.MISSED,
        Outcome.OPEN,
    ]
    assert ana.ratings == [(start, 6)]


def test_completion_charts_judged_periods_and_its_tail_reads_the_same(store: Store) -> None:
    """The completion chart gives each judged period's start and how full it was, oldest first,
    leaving out excused periods and today's while nothing is in it; asked for the last few,
    it gives exactly the tail of the whole chart."""
    start = date(2026, 3, 2)  # a Monday
    goal = repo.add_goal(store, title="Walk", cadence="2 per week", start=start, today=start)
    weeks = {
        0: ["done", "done"],  # completed
        1: ["partly"],  # half full
        2: ["skipped", "skipped"],  # excused: not charted
        3: [],  # missed
        4: ["done"],  # half full
    }
    for week, said in weeks.items():
        for offset, status in enumerate(said):
            day = start + timedelta(weeks=week, days=offset)
            reason = "away" if status == "skipped" else None
            repo.record_checkin(store, goal.id, "a", status, day=day, today=day, skip_reason=reason)
    today = start + timedelta(weeks=5, days=1)  # week 5 under way, nothing in it yet
    (item,) = goal_progress.progress(store, today=today)
    ana = next(p for p in item.partners if p.partner == "a")
    monday = [start + timedelta(weeks=w) for w in range(6)]
    assert ana.completion() == [
        (monday[0], 1.0),
        (monday[1], 0.5),
        (monday[3], 0.0),
        (monday[4], 0.5),
    ]
    for last in range(1, 6):
        assert ana.completion(last) == ana.completion()[-last:]
    repo.record_checkin(store, goal.id, "a", "done", day=today, today=today)
    (item,) = goal_progress.progress(store, today=today)
    ana = next(p for p in item.partners if p.partner == "a")
    assert ana.completion(2) == [(monday[4], 0.5), (monday[5], 0.5)]
