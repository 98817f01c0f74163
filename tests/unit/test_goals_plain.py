"""A stored goal read without the model (:class:`StoredGoal`) is the validated goal.

``workbook progress`` and ``workbook due`` read goals this way, so every field they read and
every rule they apply must come out as the model's: for any goal the models can hold, and for
a stored document that leaves out every field it may (each must get the model's default).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from goal_strategies import cadences
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.goals.cadence import Cadence
from workbook.goals.models import Adjustment, CadenceVersion, Goal, GoalSource, PauseInterval
from workbook.goals.plain import PRIVATE_TITLE, GoalStatus, StoredGoal

START = date(2025, 1, 1)
RULES = ("shared", "cadence", "display_title", "last_day", "plan", "partners")
days_on = st.integers(0, 400).map(lambda n: START + timedelta(days=n))
times = st.datetimes(datetime(2025, 1, 1), datetime(2027, 1, 1), timezones=st.just(UTC))


@st.composite
def goals(draw: st.DrawFn) -> Goal:
    """Any goal the model accepts: shared or one partner's (private or not), cadence changes,
    pauses (one still open), a target date, an end, a log of changes."""
    start = draw(days_on)
    version_days = sorted(draw(st.sets(st.integers(0, 300), min_size=1, max_size=4)))
    partner = draw(st.sampled_from([None, "a", "b"]))
    pauses = [
        PauseInterval(start=start + timedelta(days=at), end=end)
        for at, end in draw(
            st.lists(st.tuples(st.integers(0, 300), st.none() | days_on), max_size=3)
        )
    ]
    return Goal(
        title=draw(st.text(min_size=1, max_size=20)),
        why=draw(st.text(max_size=20)),
        partner=partner,
        private=partner is not None and draw(st.booleans()),
        cadence_versions=[
            CadenceVersion(effective_from=start + timedelta(days=d), cadence=draw(cadences(9)))
            for d in version_days
        ],
        start_date=start,
        target_date=draw(st.none() | st.integers(0, 500).map(lambda n: start + timedelta(n))),
        status=draw(st.sampled_from(list(GoalStatus))),
        ended_on=draw(st.none() | days_on),
        pauses=pauses,
        adjustments=[
            Adjustment(at=at, field=name, old=old, new=new, reason=reason)
            for at, name, old, new, reason in draw(
                st.lists(
                    st.tuples(
                        times,
                        st.sampled_from(["title", "cadence", "status"]),
                        st.none() | st.text(max_size=8),
                        st.none() | st.text(max_size=8),
                        st.text(max_size=8),
                    ),
                    max_size=3,
                )
            )
        ],
        created_at=draw(times),
        source=draw(
            st.just(GoalSource())
            | st.builds(
                GoalSource,
                kind=st.just("agreement"),
                agreement_text=st.text(max_size=20),
                session_id=st.text(max_size=8),
                exercise_id=st.text(max_size=8),
            )
        ),
    )


def fields_of(goal: Goal | StoredGoal) -> dict[str, Any]:
    """Every field a :class:`StoredGoal` holds, nested values as plain tuples, and what every
    rule says of it."""
    found: dict[str, Any] = {
        name: getattr(goal, name)
        for name in StoredGoal.__dataclass_fields__
        if name not in ("cadence_versions", "pauses", "adjustments", "source")
    }
    came = goal.source
    found["source"] = (came.kind, came.agreement_text, came.session_id, came.exercise_id)
    found["cadence_versions"] = [(v.effective_from, v.cadence) for v in goal.cadence_versions]
    found["pauses"] = [(p.start, p.end) for p in goal.pauses]
    found["adjustments"] = [(a.at, a.field, a.old, a.new, a.reason) for a in goal.adjustments]
    for rule in RULES:
        value = getattr(goal, rule)
        found[rule] = value() if callable(value) else value
    return found


@settings(max_examples=150, deadline=None)
@given(goals())
def test_a_stored_goal_reads_as_its_model(goal: Goal) -> None:
    """Read from the document the store keeps, a goal has the model's every field and its
    every rule gives the same answer (the schedule included)."""
    stored = StoredGoal.read(goal.model_dump(mode="json"))
    assert fields_of(stored) == fields_of(goal)
    assert type(stored.status) is GoalStatus


def test_fields_left_out_of_a_document_take_the_models_defaults() -> None:
    """A document with only the fields the model requires reads as the model fills it in:
    no reason why, shared, not private, active, no target, no end, no pauses, no changes,
    made directly."""
    doc = {
        "id": "g1",
        "title": "Walk",
        "cadence_versions": [{"effective_from": "2025-01-01", "cadence": {"kind": "daily"}}],
        "start_date": "2025-01-01",
        "created_at": "2025-01-01T09:00:00Z",
    }
    stored = StoredGoal.read(doc)
    assert fields_of(stored) == fields_of(Goal.model_validate(doc))
    assert (stored.why, stored.partner, stored.private) == ("", None, False)


def test_a_private_goal_shows_only_the_placeholder() -> None:
    """A private goal read without the model never shows its title."""
    goal = Goal(
        title="Call my sponsor",
        partner="b",
        private=True,
        cadence_versions=[CadenceVersion(effective_from=START, cadence=Cadence.daily())],
        start_date=START,
    )
    stored = StoredGoal.read(goal.model_dump(mode="json"))
    assert stored.display_title() == PRIVATE_TITLE and stored.partners() == ("b",)


def test_a_goal_lives_until_its_target_or_its_end_whichever_comes_first() -> None:
    """A goal ended before its target date asks nothing after the end; one that reaches its
    target stops there, even if it ends later; one with neither has no last day."""
    daily = [CadenceVersion(effective_from=START, cadence=Cadence.daily())]
    early, target = START + timedelta(days=5), START + timedelta(days=9)
    ended = Goal(title="Walk", cadence_versions=daily, start_date=START, target_date=target,
                 ended_on=early)  # fmt: skip
    assert ended.last_day() == early == StoredGoal.read(ended.model_dump(mode="json")).last_day()
    late = ended.model_copy(update={"ended_on": target + timedelta(days=3)})
    assert late.last_day() == target
    assert ended.model_copy(update={"target_date": None, "ended_on": None}).last_day() is None
