"""Scale scores: stored per partner per session, replaced on rescoring, followed as trends, and
compared item by item between partners; asserted on what the store holds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from workbook import locations
from workbook.errors import WorkbookError
from workbook.exercises.models import ScaleStep
from workbook.goals import scores
from workbook.goals.models import ScoreRecord
from workbook.locations import bundled_exercises_dir
from workbook.partners import PartnerKey
from workbook.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty workbook store."""
    return Store.open(tmp_path)


def week(
    store: Store,
    session: str,
    day: date,
    partner: PartnerKey,
    total: float,
    items: dict[str, int | None],
) -> ScoreRecord:
    return scores.record_scores(
        store,
        session_id=session,
        exercise_id="weekly-check-in",
        partner=partner,
        total=total,
        band="A good week" if total >= 3.75 else "A mixed week",
        subscales={"trust": total - 0.5, "closeness": None},
        items={"week": items},
        day=day,
    )


def test_rescoring_a_session_replaces_it(store: Store) -> None:
    """One record per session, scale and partner; a second scoring replaces the first."""
    week(store, "s1", date(2026, 3, 2), "a", 3.0, {"heard": 3})
    week(store, "s1", date(2026, 3, 2), "a", 4.0, {"heard": 4, "skipped": None})
    (stored,) = scores.scores(store).all()
    assert (stored.total, stored.items, stored.scale_id) == (
        4.0,
        {"week.heard": 4.0},
        "weekly-check-in",
    )


def test_trend_orders_by_date_and_reads_subscales(store: Store) -> None:
    """Trends are per partner, oldest first; a subscale trend skips sessions without a value."""
    week(store, "s2", date(2026, 3, 9), "a", 4.0, {})
    week(store, "s1", date(2026, 3, 2), "a", 2.0, {})
    week(store, "s1", date(2026, 3, 2), "b", 3.0, {})
    totals = scores.trend(store, "weekly-check-in")
    assert [(p.session_id, p.value) for p in totals["a"]] == [("s1", 2.0), ("s2", 4.0)]
    assert [p.band for p in totals["a"]] == ["A mixed week", "A good week"]
    assert [p.value for p in totals["b"]] == [3.0]
    assert [p.value for p in scores.trend(store, "weekly-check-in", subscale="trust")["a"]] == [
        1.5,
        3.5,
    ]
    assert scores.trend(store, "weekly-check-in", subscale="closeness") == {"a": [], "b": []}


def test_a_subscale_trend_carries_the_subscales_own_band(store: Store) -> None:
    """Following a subscale gives its scores with its own band (not the total's), and a
    session where it has no score is a gap."""
    for session, day, trust, band in (
        ("s1", date(2026, 3, 2), 2.5, "Guarded"),
        ("s2", date(2026, 3, 9), None, None),
        ("s3", date(2026, 3, 16), 4, "Steady"),
    ):
        scores.record_scores(
            store,
            session_id=session,
            exercise_id="weekly-check-in",
            partner="b",
            total=3.0,
            band="A mixed week",
            subscales={"trust": trust},
            subscale_bands={"trust": band},
            day=day,
        )
    points = scores.trend(store, "weekly-check-in", subscale="trust")
    assert points["a"] == []
    assert [(p.session_id, p.value, p.band) for p in points["b"]] == [
        ("s1", 2.5, "Guarded"),
        ("s3", 4.0, "Steady"),
    ]
    assert isinstance(points["b"][1].value, float)


def test_a_whole_number_written_by_hand_still_trends_as_a_number_of_points(
    tmp_path: Path,
) -> None:
    """A data file whose total was written as a whole number (valid JSON for a number of
    points) trends as that number with a fraction part, as every stored total does."""
    store = Store.open(tmp_path)
    week(store, "s1", date(2026, 3, 2), "a", 3.0, {})
    data = locations.data_file(tmp_path)
    text = data.read_text(encoding="utf-8")
    assert '"total":3.0' in text
    data.write_text(text.replace('"total":3.0', '"total":3'), encoding="utf-8")
    (point,) = scores.trend(Store.open(tmp_path), "weekly-check-in")["a"]
    assert point.value == 3.0 and isinstance(point.value, float)


def test_latest_shared_session_is_the_newest_day_both_scored(store: Store) -> None:
    """The session both partners scored on the latest day is the one compared; on one day,
    the one scored last (by its latest scoring). One partner's session, or another scale's,
    never counts."""

    def put(session: str, day: date, partner: PartnerKey, hour: int, scale: str) -> None:
        scores.scores(store).put(
            ScoreRecord(
                id=scores.score_key(session, scale, partner),
                session_id=session,
                exercise_id=scale,
                scale_id=scale,
                partner=partner,
                day=day,
                total=3.0,
                recorded_at=datetime(2026, 4, 1, hour, tzinfo=UTC),
            )
        )

    both: tuple[PartnerKey, ...] = ("a", "b")
    for partner in both:
        put("early-day-scored-last", date(2026, 3, 2), partner, 20, "weekly-check-in")
        put("late-day-first", date(2026, 3, 9), partner, 8, "weekly-check-in")
    assert scores.latest_shared_session(store, "weekly-check-in") == "late-day-first"
    for partner in both:
        put("late-day-second", date(2026, 3, 9), partner, 9, "weekly-check-in")
        put("another-scale", date(2026, 3, 30), partner, 21, "repair-scale")
    put("one-partner-only", date(2026, 3, 20), "a", 22, "weekly-check-in")
    assert scores.latest_shared_session(store, "weekly-check-in") == "late-day-second"
    assert scores.latest_shared_session(store, "repair-scale") == "another-scale"
    # A session is as recent as its last scoring: Alex scores the first one again, later.
    put("late-day-first", date(2026, 3, 9), "b", 12, "weekly-check-in")
    assert scores.latest_shared_session(store, "weekly-check-in") == "late-day-first"
    assert scores.latest_shared_session(store, "no-such-scale") is None


def test_discrepancies_list_wide_gaps_first(store: Store) -> None:
    """Items, subscales and totals at least N points apart are listed, widest first."""
    week(store, "s1", date(2026, 3, 2), "a", 4.0, {"heard": 5, "close": 4, "on_guard": 1})
    assert scores.discrepancies(store, "s1", "weekly-check-in") == []  # b has not answered
    week(store, "s1", date(2026, 3, 2), "b", 2.0, {"heard": 2, "close": 3, "on_guard": 4})
    found = scores.discrepancies(store, "s1", "weekly-check-in", threshold=2)
    assert [(d.kind, d.name, d.gap) for d in found] == [
        ("item", "week.heard", 3.0),
        ("item", "week.on_guard", 3.0),
        ("subscale", "trust", 2.0),
        ("total", "weekly-check-in", 2.0),
    ]
    assert [d.name for d in scores.discrepancies(store, "s1", "weekly-check-in", threshold=0)][
        -1
    ] == "week.close"
    assert scores.latest_shared_session(store, "weekly-check-in") == "s1"
    week(store, "s2", date(2026, 3, 9), "a", 4.0, {})
    assert scores.latest_shared_session(store, "weekly-check-in") == "s1"
    with pytest.raises(WorkbookError):
        scores.discrepancies(store, "s1", "weekly-check-in", threshold=-1)


def test_engine_scores_fit_as_plain_values(store: Store) -> None:
    """The bundled weekly check-in, scored by the engine, stores through plain numbers and dicts."""
    from workbook import scoring
    from workbook.exercises.loader import load_exercise_file

    path = bundled_exercises_dir() / "check-ins" / "weekly-check-in.yaml"
    exercise, problems, _ = load_exercise_file(path)
    assert exercise is not None, problems
    assert exercise.scale is not None
    step = next(s for s in exercise.steps if s.id == "week")
    assert isinstance(step, ScaleStep)
    answers: dict[PartnerKey, dict[str, dict[str, int]]] = {
        "a": {"week": {item.id: 5 for item in step.items}},
        "b": {"week": {item.id: 2 for item in step.items}},
    }
    for partner, responses in answers.items():
        result = scoring.score(exercise, responses)
        assert result is not None and result.complete
        scores.record_scores(
            store,
            session_id="s1",
            exercise_id=exercise.id,
            partner=partner,
            total=result.total,
            band=result.band,
            subscales=result.subscales,
            subscale_bands=result.subscale_bands,
            items=responses,
        )
    stored = {r.partner: r for r in scores.scores(store).all()}
    assert stored["a"].band != stored["b"].band
    gaps = scores.discrepancies(store, "s1", exercise.id, threshold=3)
    assert {d.name for d in gaps if d.kind == "item"} == {f"week.{item.id}" for item in step.items}
