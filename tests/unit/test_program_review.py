"""A program's review sitting: each partner's first and latest check-in score side by side."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbook.goals import scores
from workbook.partners import PartnerKey
from workbook.store import Store
from workbook.tui.screens.programs import review_summary

NAMES: dict[PartnerKey, str] = {"a": "Sam", "b": "Alex"}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty workbook store."""
    return Store.open(tmp_path)


def week(store: Store, session: str, day: date, partner: PartnerKey, total: float) -> None:
    scores.record_scores(
        store,
        session_id=session,
        exercise_id="weekly-check-in",
        partner=partner,
        total=total,
        band=None,
        subscales={},
        items={},
        day=day,
    )


def test_first_and_latest_are_the_oldest_and_newest_scores(store: Store) -> None:
    """Scores recorded out of order still give the earliest and the latest by date; a partner
    with one score has it as both; a partner with none is left out."""
    week(store, "s3", date(2026, 3, 16), "a", 3.5)
    week(store, "s1", date(2026, 3, 2), "a", 2.0)
    week(store, "s2", date(2026, 3, 9), "a", 3.0)
    week(store, "s1", date(2026, 3, 2), "b", 2.5)
    found = scores.first_and_latest(store, "weekly-check-in")
    assert {k: (f.value, last.value) for k, (f, last) in found.items()} == {
        "a": (2.0, 3.5),
        "b": (2.5, 2.5),
    }
    assert scores.first_and_latest(store, "other-scale") == {}


def test_review_summary_puts_first_and_latest_side_by_side(store: Store) -> None:
    """Each partner's name with first and latest score, rounded to one decimal; a plain
    sentence when there are no scores yet."""
    week(store, "s1", date(2026, 3, 2), "a", 2.0)
    week(store, "s2", date(2026, 3, 9), "a", 3.16667)
    week(store, "s1", date(2026, 3, 2), "b", 2.5)
    summary = review_summary(scores.first_and_latest(store, "weekly-check-in"), NAMES)
    assert summary == "Sam 2 → 3.2 · Alex 2.5 → 2.5"
    assert review_summary({}, NAMES) == "no check-in scores yet"
