"""Unit tests of exercise sessions on the store: saved after every answer, paused, finished,
resumed, listed; private runs sealed to their author."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from workbook import locations, sessions
from workbook.engine import Engine, SessionState
from workbook.errors import AccessDeniedError, WorkbookError
from workbook.exercises.models import Exercise
from workbook.store import Store

if TYPE_CHECKING:
    from conftest import PreparedKeys

ZONE = timezone(timedelta(hours=1))
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)

TOGETHER = Exercise.model_validate(
    {
        "id": "unit-together",
        "title": "Unit together",
        "summary": "Two prompts.",
        "category": "conversation",
        "minutes": 5,
        "approach": "Test",
        "steps": [
            {"id": "first", "kind": "prompt", "who": "each", "blind": True, "text": "One?"},
            {"id": "second", "kind": "prompt", "text": "Two?"},
        ],
    }
)
PRIVATE = Exercise.model_validate(
    {
        "id": "unit-private",
        "title": "Unit private",
        "summary": "One private prompt.",
        "category": "journal",
        "mode": "private",
        "minutes": 5,
        "approach": "Test",
        "steps": [{"id": "note", "kind": "prompt", "text": "Note?"}],
    }
)


def clock_at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def state_of(engine: Engine) -> dict[str, object]:
    return engine.state.model_dump(mode="json")


def test_every_save_reaches_the_file_and_resumes_exactly(tmp_path: Path) -> None:
    """An answer saved through one store is there, unchanged, when another store opens it."""
    engine = Engine.start(TOGETHER)
    with Store.open(tmp_path) as store:
        record = sessions.start(store, TOGETHER, state_of(engine), clock=clock_at(T0))
        engine.answer("sam's words", "a")
        later = T0 + timedelta(minutes=3)
        sessions.save(store, record, state_of(engine), position=0, clock=clock_at(later))
    with Store.open(tmp_path) as store:
        resumed = sessions.resume(store, record.id)
    assert resumed.status == "in_progress" and resumed.updated_at == later
    assert resumed.started_at == T0
    again = Engine(TOGETHER, SessionState.model_validate(sessions.open_state(resumed)))
    assert again.state == engine.state
    assert again.actor() == "b"


def test_pause_records_the_time_to_return_and_a_save_resumes(tmp_path: Path) -> None:
    """A time-out marks the session paused until the chosen time; the next save clears it."""
    engine = Engine.start(TOGETHER)
    until = T0 + timedelta(minutes=20)
    with Store.open(tmp_path) as store:
        record = sessions.start(store, TOGETHER, state_of(engine), clock=clock_at(T0))
        paused = sessions.pause(store, record.id, until=until, clock=clock_at(T0))
        assert paused.status == "paused" and paused.paused_until == until
        assert paused.timeouts == 1
        stored = sessions.sessions(store).require(record.id)
        assert stored.status == "paused"
        back = sessions.save(store, stored, state_of(engine), clock=clock_at(until))
    assert back.status == "in_progress" and back.paused_until is None
    assert back.timeouts == 1


def test_history_pages_sort_by_the_instant_across_summer_and_winter_time(
    tmp_path: Path,
) -> None:
    """History is newest first by the moment a session started, even when the offsets differ
    (10:30 at +02:00 is before 09:00 at +00:00, though its text sorts after), and a page is
    the ``limit`` sessions after the ``skip`` newest."""
    engine = Engine.start(TOGETHER)
    summer = timezone(timedelta(hours=2))
    moments = [
        datetime(2026, 3, 29, 10, 30, tzinfo=summer),
        datetime(2026, 3, 29, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 9, 45, tzinfo=UTC),
    ]
    with Store.open(tmp_path) as store:
        early, middle, late = (
            sessions.start(store, TOGETHER, state_of(engine), clock=clock_at(m)).id for m in moments
        )
        assert [r.id for r in sessions.history(store)] == [late, middle, early]
        assert [r.id for r in sessions.history(store, limit=1, skip=1)] == [middle]
        assert [r.id for r in sessions.history(store, limit=5, skip=2)] == [early]


def test_finished_sessions_leave_the_unfinished_list_and_cannot_be_resumed(
    tmp_path: Path,
) -> None:
    """Finishing stamps the time; the session moves from 'unfinished' to history only."""
    engine = Engine.start(TOGETHER)
    with Store.open(tmp_path) as store:
        first = sessions.start(store, TOGETHER, state_of(engine), clock=clock_at(T0))
        second = sessions.start(
            store, TOGETHER, state_of(engine), clock=clock_at(T0 + timedelta(hours=1))
        )
        assert [r.id for r in sessions.unfinished(store)] == [second.id, first.id]
        done = sessions.finish(store, first, state_of(engine), clock=clock_at(T0))
        assert done.finished_at == T0 and done.status == "finished"
        assert [r.id for r in sessions.unfinished(store)] == [second.id]
        assert [r.id for r in sessions.history(store)] == [second.id, first.id]
        latest = sessions.latest_for(store, "unit-together")
        assert latest is not None and latest.id == second.id
        with pytest.raises(WorkbookError):
            sessions.resume(store, first.id)


def test_a_program_step_continues_its_own_sitting_or_one_begun_outside_programs(
    tmp_path: Path,
) -> None:
    """From a program step: that program's unfinished sitting first, else one begun outside
    programs (moved into the program, nothing else changed), never another program's. From
    the library: the latest one, which keeps its program."""
    engine = Engine.start(TOGETHER)
    ours = sessions.SessionOrigin(program="ours", step=1)
    theirs = sessions.SessionOrigin(program="theirs", step=0)

    def begin(origin: sessions.SessionOrigin, hours: int) -> sessions.SessionRecord:
        when = clock_at(T0 + timedelta(hours=hours))
        return sessions.start(store, TOGETHER, state_of(engine), origin=origin, clock=when)

    with Store.open(tmp_path) as store:
        outside = begin(sessions.OUTSIDE_PROGRAMS, 0)
        other = begin(theirs, 1)
        found = sessions.latest_for(store, "unit-together", ours)
        assert found is not None and found.id == outside.id
        moved = sessions.move_to(store, found, ours)
        assert sessions.sessions(store).require(outside.id).origin == ours
        assert moved.model_dump(exclude={"origin"}) == outside.model_dump(exclude={"origin"})
        again = begin(ours, 2)
        found = sessions.latest_for(store, "unit-together", ours)
        assert found is not None and found.id == again.id
        latest = sessions.latest_for(store, "unit-together")
        assert latest is not None and latest.id == again.id and latest.origin == ours
        for record in (outside, again):
            sessions.finish(store, sessions.sessions(store).require(record.id), state_of(engine))
        assert sessions.latest_for(store, "unit-together", ours) is None
        (left,) = sessions.unfinished(store)
        assert left.id == other.id and left.origin == theirs


def test_private_state_is_sealed_and_opens_only_with_the_authors_journal(
    tmp_path: Path, journal_keys: PreparedKeys
) -> None:
    """A private run keeps no answer in plain text; opening it needs the author's key."""
    from workbook.journal.vault import unlocked

    engine = Engine.start(PRIVATE, solo="b")
    with Store.open(tmp_path) as store:
        with pytest.raises(WorkbookError):
            sessions.start(store, PRIVATE, state_of(engine))
        journal_keys.install(store, "b", "a long passphrase")
        record = sessions.start(store, PRIVATE, state_of(engine), author="b")
        engine.answer("private-words-42")
        record = sessions.save(
            store, record, state_of(engine), ui={"remaining": 30, "draft": "private-words-42"}
        )
        assert record.state is None and record.sealed_state is not None
        assert record.ui == {"remaining": 30}
        with pytest.raises(AccessDeniedError):
            sessions.open_state(record)
        with unlocked(store, "b", "a long passphrase", delay=0) as journal:
            opened = sessions.open_state(record, journal)
    assert opened["answers"] == {"note": {"b": "private-words-42"}}
    assert b"private-words-42" not in locations.data_file(tmp_path).read_bytes()


@pytest.mark.parametrize(
    ("hour", "has_evening"), [(10, True), (17, True), (18, False), (21, False)]
)
def test_resume_choices_offer_sensible_times(hour: int, has_evening: bool) -> None:
    """Twenty minutes, an hour, this evening (only if it is a while away), tomorrow, later."""
    moment = datetime(2026, 3, 2, hour, 7, 33, tzinfo=ZONE)
    choices = dict(sessions.resume_choices(moment))
    base = moment.replace(second=0)
    assert choices["In 20 minutes"] == base + timedelta(minutes=20)
    assert choices["In an hour"] == base + timedelta(hours=1)
    assert choices["Tomorrow at this time"] == base + timedelta(days=1)
    assert choices["We will decide later"] is None
    assert ("This evening at 19:00" in choices) is has_evening
    if has_evening:
        assert choices["This evening at 19:00"] == base.replace(hour=19, minute=0)


def test_sessions_module_never_imports_textual() -> None:
    """The session store is core code: importing it must not pull in Textual."""
    import subprocess
    import sys

    code = "import sys, workbook.sessions; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


SCORED = Exercise.model_validate(
    {
        "id": "unit-scored",
        "title": "Unit scored",
        "summary": "Two items, one reverse-keyed.",
        "category": "check-ins",
        "minutes": 5,
        "approach": "Test",
        "steps": [
            {
                "id": "week",
                "kind": "scale",
                "who": "each",
                "blind": True,
                "min": 1,
                "max": 5,
                "items": [
                    {"id": "heard", "text": "I felt heard."},
                    {"id": "guarded", "text": "I felt on guard.", "reverse": True},
                ],
            }
        ],
        "scale": {"name": "Unit week", "scoring": "sum"},
    }
)


def finish_scored(
    store: Store, exercise: Exercise, answers: dict[str, dict[str, int]]
) -> sessions.SessionRecord:
    engine = Engine.start(exercise)
    record = sessions.start(
        store,
        exercise,
        state_of(engine),
        author="a" if exercise.mode == "private" else None,
        clock=clock_at(T0),
    )
    for partner in ("a", "b"):
        engine.answer(answers[partner], partner)
    engine.next()
    assert engine.finished
    return sessions.finish(store, record, state_of(engine), clock=clock_at(T0), engine=engine)


def test_finishing_a_scored_exercise_stores_each_partners_score(tmp_path: Path) -> None:
    """Both partners' totals (reverse keys applied) are stored with the session, by date."""
    from workbook.goals.scores import scores

    with Store.open(tmp_path) as store:
        record = finish_scored(
            store, SCORED, {"a": {"heard": 5, "guarded": 1}, "b": {"heard": 2, "guarded": 4}}
        )
    with Store.open(tmp_path) as store:
        stored = {s.partner: s for s in scores(store).all()}
    assert {p: s.total for p, s in stored.items()} == {"a": 10.0, "b": 4.0}
    assert {s.session_id for s in stored.values()} == {record.id}
    assert stored["a"].day == T0.date()
    assert stored["b"].items == {"week.heard": 2.0, "week.guarded": 4.0}
