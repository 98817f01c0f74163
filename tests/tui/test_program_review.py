"""A program's review sitting: each partner's first and latest check-in score side by side,
from the store to the programs page."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import OptionList

from workbook.goals import scores
from workbook.partners import PartnerKey
from workbook.store import Store
from workbook.tui.messages import OpenSection
from workbook.tui.screens.programs import ProgramsScreen, review_summary

from .exercise_pack import make_pack, runner_app

NAMES: dict[PartnerKey, str] = {"a": "Sam", "b": "Alex"}
Row = tuple[str, date, PartnerKey, float]


def record_totals(store: Store, rows: Iterable[Row]) -> None:
    """Store weekly check-in totals: (session, day, partner, total) per row."""
    for session, day, partner, total in rows:
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


def test_first_and_latest_are_the_oldest_and_newest_scores(tmp_path: Path) -> None:
    """Scores recorded out of order still give the earliest and the latest by date; a partner
    with one score has it as both; a partner with none is left out; the summary rounds to one
    decimal and says so plainly when there is nothing yet."""
    with Store.open(tmp_path) as store:
        record_totals(
            store,
            [
                ("s3", date(2026, 3, 16), "a", 3.16667),
                ("s1", date(2026, 3, 2), "a", 2.0),
                ("s2", date(2026, 3, 9), "a", 3.0),
                ("s1", date(2026, 3, 2), "b", 2.5),
            ],
        )
        found = scores.first_and_latest(store, "weekly-check-in")
        assert {k: (f.value, last.value) for k, (f, last) in found.items()} == {
            "a": (2.0, 3.16667),
            "b": (2.5, 2.5),
        }
        assert scores.first_and_latest(store, "other-scale") == {}
    assert review_summary(found, NAMES) == "Sam 2 → 3.2 · Alex 2.5 → 2.5"
    assert review_summary({}, NAMES) == "no check-in scores yet"


async def test_a_program_review_shows_first_and_latest_scores(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A week's review on the programs page shows each partner's first and latest weekly
    check-in score, side by side, from what the store holds."""
    from workbook import locations

    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "reviewed.yaml").write_text(
        "id: reviewed\ntitle: Reviewed\nsummary: With a review.\nweeks:\n"
        "  - week: 1\n    title: Start\n    exercises: [test-kinds]\n"
        "    review:\n      title: Halfway review\n      scale: weekly-check-in\n"
    )
    monkeypatch.setattr(locations, "programs_dir", lambda: programs)
    app = runner_app(home, make_pack(tmp_path / "pack"))
    with Store.open(home) as store:
        record_totals(
            store,
            [
                ("s1", date(2026, 3, 2), "a", 2.0),
                ("s2", date(2026, 3, 9), "a", 3.5),
                ("s1", date(2026, 3, 2), "b", 2.5),
                ("s2", date(2026, 3, 9), "b", 4.0),
            ],
        )
    async with app.run_test() as pilot:
        await pilot.pause()
        app.post_message(OpenSection("programs"))
        await pilot.pause()
        assert isinstance(app.screen, ProgramsScreen)
        listing = app.screen.query_one("#programs-list", OptionList)
        review = next(
            str(listing.get_option_at_index(i).prompt)
            for i in range(listing.option_count)
            if listing.get_option_at_index(i).id == "review:reviewed:1"
        )
        assert review == "   ◇ Halfway review: Sam 2 → 3.5 · Alex 2.5 → 4"
