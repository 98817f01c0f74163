"""Reading a few records out of years of them: only what is asked for is validated.

Screens and commands that show this week's check-ins, the unfinished sessions or how many
journal entries there are must not build every stored record to do it (bench/scale.py times
them at ten years). These tests count model validations with a spy, and check the answers
are the ones the full read gives.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from workbook import sessions
from workbook.couple import make_couple, save_couple
from workbook.goals import progress as goal_progress
from workbook.goals import repo
from workbook.goals.models import CheckIn, Goal
from workbook.goals.schedule import CheckInStatus
from workbook.partners import PartnerKey
from workbook.store import Store

if TYPE_CHECKING:
    from conftest import Built

TODAY = date(2026, 3, 18)  # a Wednesday


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A couple with a shared daily goal checked in on for 60 days, and an archived goal."""
    opened = Store.open(tmp_path / "home")
    save_couple(opened, make_couple("Sam", "Alex"))
    start = TODAY - timedelta(days=59)
    daily = repo.add_goal(opened, title="Talk", cadence="daily", start=start, today=TODAY)
    old = repo.add_goal(opened, title="Old", cadence="3 per week", start=start, today=TODAY)
    with opened.transaction():
        for back in range(60):
            day = TODAY - timedelta(days=back)
            repo.record_checkin(opened, daily.id, "a", "done", day=day, today=TODAY)
            if back % 2:
                repo.record_checkin(opened, daily.id, "b", "partly", day=day, today=TODAY)
            if back > 30:
                repo.record_checkin(opened, old.id, "b", "done", day=day, today=TODAY)
    repo.archive_goal(opened, old.id, today=TODAY - timedelta(days=30))
    return opened


def test_where_builds_only_the_records_whose_documents_match(store: Store, built: Built) -> None:
    """where() hands back the matching records, equal to filtering all of them, and builds
    no other; count() and field_values() build none."""
    everything = repo.checkins(store).all()
    seen = built(CheckIn)
    found = repo.checkins(store).where(lambda doc: doc["partner"] == "b")
    assert found == [c for c in everything if c.partner == "b"]
    assert len(seen) == len(found) < len(everything)
    seen.clear()
    assert repo.checkins(store).count(lambda doc: doc["partner"] == "b") == len(found)
    assert repo.checkins(store).count() == len(everything)
    assert repo.checkins(store).field_values("day", lambda doc: doc["partner"] == "a") == [
        c.day.isoformat() for c in everything if c.partner == "a"
    ]
    assert seen == []


def test_due_reads_only_the_check_ins_of_the_periods_holding_the_day(
    store: Store, built: Built
) -> None:
    """What is due today, and today's answers, come from today's check-ins alone (not sixty
    days of them), and are what they were: both partners, Sam answered, Alex not yet."""
    seen = built(CheckIn)
    due = repo.due_on(store, TODAY)
    assert len(seen) == 1
    (sam,) = due["a"]
    (alex,) = due["b"]
    assert sam.goal.title == alex.goal.title == "Talk"
    assert sam.today is not None and sam.today.day == TODAY and sam.today.status.value == "done"
    assert alex.today is None


def test_progress_reads_the_check_ins_of_the_goals_it_shows(store: Store, built: Built) -> None:
    """Progress of the current goals reads their check-ins only (the archived goal's stay
    unread), field by field without building a model of any, and counts them as before:
    60 days for Sam, every other day for Alex."""
    seen = built(CheckIn)
    goals_built = built(Goal)
    (talk,) = goal_progress.progress(store, TODAY)
    assert seen == [] and goals_built == []
    sam, alex = talk.partners
    assert (sam.streaks.completed, sam.streaks.current) == (60, 60)
    assert (alex.streaks.completed, alex.streaks.missed) == (30, 29)  # today is still open
    marks = goal_progress.marks_by_goal(store, {talk.goal.id})
    assert list(marks) == [talk.goal.id] and len(marks[talk.goal.id]) == 60 + 30
    both = goal_progress.progress(store, TODAY, include_ended=True)
    assert [g.goal.title for g in both] == ["Talk", "Old"]
    assert sum(r.done for r in both[1].partners[1].streaks.results) == 29  # Alex's, on Old
    assert seen == []


def test_marks_judge_exactly_as_the_validated_check_ins(tmp_path: Path) -> None:
    """The fields progress reads without the models are the models' own, in the same order
    (by day, then partner), so every streak, chart and rating comes out the same: three goals,
    four hundred days of every status, with and without ratings, stored out of order."""
    import random

    chance = random.Random(14)
    opened = Store.open(tmp_path / "home")
    save_couple(opened, make_couple("Sam", "Alex"))
    start = TODAY - timedelta(days=399)
    cadences = ("daily", "3 per week", "weekly")
    goals = [repo.add_goal(opened, title=c, cadence=c, start=start, today=TODAY) for c in cadences]
    days = [TODAY - timedelta(days=back) for back in range(400)]
    chance.shuffle(days)
    with opened.transaction():
        for day in days:
            for goal in goals:
                partners: list[PartnerKey] = ["a", "b"]
                chance.shuffle(partners)  # some days store Alex's check-in first
                for partner in partners:
                    if chance.random() < 0.3:
                        continue
                    status = chance.choice(["done", "partly", "skipped", "missed"])
                    repo.record_checkin(
                        opened,
                        goal.id,
                        partner,
                        status,
                        day=day,
                        rating=chance.choice([None, 1, 5, 10]),
                        skip_reason="away" if status == "skipped" else None,
                        today=TODAY,
                    )
    wanted = goals[:2]
    validated = goal_progress.checkins_by_goal(
        c for c in repo.checkins(opened).all() if c.goal_id in {g.id for g in wanted}
    )
    marks = goal_progress.marks_by_goal(opened, {g.id for g in wanted})
    assert set(marks) == set(validated) == {g.id for g in wanted}
    for goal_id, found in marks.items():
        assert found == [
            (c.goal_id, c.partner, c.day, c.status, c.rating) for c in validated[goal_id]
        ]
        assert all(type(m.status) is CheckInStatus for m in found)
        order = [(m.day, m.partner) for m in found]  # stored newest first, in shuffled days
        assert order == sorted(order) and len(set(order)) == len(order)
    assert goal_progress.progress_of(wanted, marks, TODAY) == goal_progress.progress_of(
        wanted, validated, TODAY
    )
    # The goals read without their models too: what `workbook progress` shows.
    repo.edit_goal(opened, goals[0].id, title="daily, renamed", reason="clearer", today=TODAY)
    everything = goal_progress.checkins_by_goal(repo.checkins(opened).all())
    as_read, as_validated = (
        [
            (
                p.goal.id,
                p.goal.display_title(),
                p.partners,
                [(a.at, a.field, a.old, a.new, a.reason) for a in p.adjustments],
            )
            for p in found
        ]
        for found in (
            goal_progress.progress(opened, TODAY),
            goal_progress.progress_of(repo.listed_goals(opened), everything, TODAY),
        )
    )
    assert as_read == as_validated and len(as_read) == 3
    assert goal_progress.progress_of_goals(opened, wanted, TODAY) == goal_progress.progress_of(
        wanted, validated, TODAY
    )


def test_unfinished_sessions_read_no_finished_session(store: Store, built: Built) -> None:
    """The home's "continue" list builds only unfinished sessions."""
    from workbook.exercises import load_library

    library = load_library(None)
    exercise = library.get("soft-start-up")
    done = sessions.start(store, exercise, {}, title="Soft start-up")
    sessions.finish(store, done, {})
    left = sessions.start(store, library.get("reflecting-back"), {}, title="Reflecting back")
    seen = built(sessions.SessionRecord)
    assert [r.id for r in sessions.unfinished(store)] == [left.id]
    assert len(seen) == 1


def test_sittings_are_read_from_the_finished_sessions_without_building_any(
    store: Store, built: Built
) -> None:
    """Program progress gets each finished session's exercise and the program step it was
    started from (one from a program, one from the library, one from before sessions recorded
    it) while building no session, and leaves unfinished sessions out."""
    from workbook import program_progress
    from workbook.exercises import load_library

    library = load_library(None)
    exercise = library.get("soft-start-up")
    step = sessions.SessionOrigin(program="six-weeks-together", step=2)
    for origin in (step, sessions.OUTSIDE_PROGRAMS):
        done = sessions.start(store, exercise, {}, title="Soft start-up", origin=origin)
        sessions.finish(store, done, {})
    before = sessions.start(store, exercise, {}, title="Soft start-up")
    sessions.finish(store, before.model_copy(update={"origin": None}), {})
    sessions.start(store, library.get("reflecting-back"), {}, origin=step)
    seen = built(sessions.SessionRecord)
    found = program_progress.sittings(store)
    assert found.by_program == {
        "six-weeks-together": [program_progress.Sitting("soft-start-up", 2)]
    }
    assert found.unrecorded == [program_progress.Sitting("soft-start-up")]
    assert seen == []


def test_fields_hand_out_copies_of_nested_values(store: Store) -> None:
    """fields() gives each record's values of the named fields, None where one is missing,
    and changing a nested value it handed out changes nothing stored."""
    found = repo.goals(store).fields(("title", "cadence_versions", "no_such_field"))
    assert sorted(title for title, _, _ in found) == ["Old", "Talk"]
    assert all(missing is None for _, _, missing in found)
    _, versions, _ = found[0]
    versions.clear()
    assert all(stored for (stored,) in repo.goals(store).fields(("cadence_versions",)))
