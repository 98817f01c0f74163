"""Pilot tests of the progress screen: what it shows comes from the store, and check-ins made
on it land in the store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, Select, Static

from workbook.cli import run
from workbook.exercises import load_library
from workbook.goals import progress as goal_progress
from workbook.goals import repo, scores
from workbook.goals.schedule import local_today
from workbook.partners import PARTNERS
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.progress import CheckInScreen, ProgressScreen
from workbook.tui.widgets.charts import TrendChart

from .exercise_pack import acknowledge_safety

SIZE = (110, 44)


def make_couple(home: Path) -> None:
    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    acknowledge_safety(home)  # as they do on their first open


def add_goal(home: Path, title: str, days_ago: int = 4) -> str:
    with Store.open(home) as store:
        start = local_today() - timedelta(days=days_ago)
        return repo.add_goal(store, title=title, cadence="daily", start=start).id


def progress_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that from now on collects the title of each goal whose progress is read."""
    read: list[str] = []
    real = goal_progress.progress_of_goals

    def counted(store: Store, wanted: Any, *args: Any) -> list[goal_progress.GoalProgress[Any]]:
        found = real(store, wanted, *args)
        read.extend(item.goal.title for item in found)
        return found

    monkeypatch.setattr(goal_progress, "progress_of_goals", counted)
    return read


async def open_progress(pilot: Pilot[int]) -> ProgressScreen:
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProgressScreen)
    return pilot.app.screen


def detail_text(screen: ProgressScreen) -> str:
    return str(screen.query_one("#progress-detail", Static).render())


async def check_in(
    pilot: Pilot[int],
    *,
    partner: str,
    status: str,
    rating: str = "",
    reason: str = "",
    note: str = "",
) -> CheckInScreen:
    await pilot.press("c")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CheckInScreen)
    dialog.query_one("#checkin-partner", Select).value = partner
    dialog.query_one(f"#status-{status}", RadioButton).value = True
    dialog.query_one("#checkin-rating", Input).value = rating
    dialog.query_one("#checkin-reason", Input).value = reason
    dialog.query_one("#checkin-note", Input).value = note
    await pilot.press("ctrl+s")
    await pilot.pause()
    return dialog


async def test_a_check_in_made_on_the_screen_is_stored_and_shown(home: Path) -> None:
    """Checking in as Alex (partly, rating 7, a note) stores exactly that for today; the
    goal's detail and chart then include it next to Sam's earlier ratings."""
    make_couple(home)
    goal_id = add_goal(home, "Evening walk together")
    today = local_today()
    with Store.open(home) as store:
        for back in (3, 2, 1):
            repo.record_checkin(
                store, goal_id, "a", "done", day=today - timedelta(days=back), rating=5 + back
            )
    app = create_app(home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert "Evening walk together" in detail_text(screen)
        assert "3 days in a row" in detail_text(screen)
        await check_in(pilot, partner="b", status="partly", rating="7", note="short but sweet")
        assert isinstance(app.screen, ProgressScreen)
        chart = screen.query_one("#progress-chart", TrendChart)
        by_name = {s.label: s.points for s in chart.series}
    with Store.open(home) as store:
        stored = repo.checkins_of(store, goal_id, "b")
    assert [(c.day, c.status.value, c.rating, c.note) for c in stored] == [
        (today, "partly", 7, "short but sweet")
    ]
    assert by_name["Alex"] == [(today, 7.0)]
    assert by_name["Sam"] == [(today - timedelta(days=b), 5.0 + b) for b in (3, 2, 1)]


async def test_a_skip_needs_a_reason_and_then_keeps_the_run(home: Path) -> None:
    """A skip without a reason is refused with a sentence and nothing stored; with a reason
    it is stored, the run is unbroken, and the words never speak of failing."""
    make_couple(home)
    goal_id = add_goal(home, "Phone-free dinner", days_ago=2)
    today = local_today()
    with Store.open(home) as store:
        for back in (2, 1):
            repo.record_checkin(store, goal_id, "a", "done", day=today - timedelta(days=back))
    app = create_app(home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        dialog = await check_in(pilot, partner="a", status="skipped")
        assert app.screen is dialog
        assert "reason" in str(dialog.query_one("#checkin-error", Static).render())
        with Store.open(home, readonly=True) as store:
            assert len(repo.checkins_of(store, goal_id, "a")) == 2
        dialog.query_one("#checkin-reason", Input).value = "working late"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        words = detail_text(screen)
    with Store.open(home) as store:
        latest = repo.checkins_of(store, goal_id, "a")[-1]
        streak = goal_progress.progress(store)[0].partners[0].streaks
    assert (latest.day, latest.status.value, latest.skip_reason) == (
        today,
        "skipped",
        "working late",
    )
    assert streak.current == 2
    assert "2 days in a row" in words
    assert "fail" not in words.casefold()


async def test_adjustments_are_listed_with_their_reasons(home: Path) -> None:
    """A cadence change made in the core shows in the goal's history with the reason given."""
    make_couple(home)
    goal_id = add_goal(home, "Ten-minute check-in")
    with Store.open(home) as store:
        repo.edit_goal(store, goal_id, cadence="3/week", reason="daily was too much")
    app = create_app(home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        words = detail_text(screen)
    assert "cadence: daily -> 3/week (daily was too much)" in words


async def test_score_trends_show_both_partners_with_the_scales_cutoff_lines(home: Path) -> None:
    """Stored weekly check-in scores appear as one line per partner, with a reference line at
    each cutoff the scale defines; the latest score reads 4.33, not 4.33333."""
    make_couple(home)
    library = load_library(home, ())
    exercise = library.exercises["weekly-check-in"]
    assert exercise.scale is not None
    today = local_today()
    with Store.open(home) as store:
        for week, (a, b) in enumerate([(3.0, 2.5), (3.5, 13 / 3)]):
            day = today - timedelta(days=7 * (1 - week))
            for partner, total in zip(PARTNERS, (a, b), strict=True):
                scores.record_scores(
                    store,
                    session_id=f"s{week}",
                    exercise_id="weekly-check-in",
                    partner=partner,
                    total=total,
                    day=day,
                )
    app = create_app(home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        screen.refresh_progress(select="scale:weekly-check-in")
        await pilot.pause()
        chart = screen.query_one("#progress-chart", TrendChart)
        series = {s.label: [v for _, v in s.points] for s in chart.series}
        lines = [line.value for line in chart.lines]
        words = detail_text(screen)
    assert series == {"Sam": [3.0, 3.5], "Alex": [2.5, 13 / 3]}
    assert "latest 4.33 on" in words and "4.333" not in words
    assert lines == [c.min for c in exercise.scale.cutoffs]


async def test_progress_is_read_once_per_opening_and_again_after_a_check_in(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the screen reads the highlighted goal's progress once (not on mount and again
    on the first resume), and each other goal's only when it is first highlighted; coming back
    from help or to a goal already seen reads nothing; a saved check-in reads it once more,
    and the screen then shows the new check-in."""
    make_couple(home)
    add_goal(home, "Evening walk together")
    add_goal(home, "Cook on Sundays")
    read = progress_reads(monkeypatch)
    app = create_app(home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        await pilot.pause()
        assert read == ["Evening walk together"]
        assert "Evening walk together" in detail_text(screen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        await pilot.press("down")
        await pilot.pause()
        assert "Cook on Sundays" in detail_text(screen)
        await pilot.press("up")
        await pilot.pause()
        assert "Evening walk together" in detail_text(screen)
        assert read == ["Evening walk together", "Cook on Sundays"]
        await check_in(pilot, partner="a", status="done", rating="8")
        assert pilot.app.screen is screen
        assert read == ["Evening walk together", "Cook on Sundays", "Evening walk together"]
        assert "1 day in a row" in detail_text(screen)


async def test_the_highlighted_goal_is_drawn_once_per_opening_and_again_when_moved_to(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the screen draws the highlighted goal's detail and chart once (setting the
    highlight draws it, and the highlight's own event must not draw it again); moving to
    another goal and back draws each in turn, and the detail follows the cursor."""
    make_couple(home)
    add_goal(home, "Evening walk together")
    add_goal(home, "Cook on Sundays")
    drawn: list[str] = []
    real = ProgressScreen._show_goal

    def counted(self: ProgressScreen, item: goal_progress.GoalProgress[Any]) -> None:
        drawn.append(item.goal.title)
        real(self, item)

    monkeypatch.setattr(ProgressScreen, "_show_goal", counted)
    app = create_app(home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        await pilot.pause()
        assert drawn == ["Evening walk together"]
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("up")
        await pilot.pause()
        assert drawn == ["Evening walk together", "Cook on Sundays", "Evening walk together"]
        assert "Evening walk together" in detail_text(screen)


async def test_the_screen_shows_what_changed_while_another_screen_was_on_top(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in and a new goal saved while help covers the screen (as another screen or
    another window would save them) are shown when it comes back, and read once; coming back
    again with nothing changed reads nothing."""
    make_couple(home)
    add_goal(home, "Evening walk together")
    read = progress_reads(monkeypatch)
    app = create_app(home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert "a fresh run starts" in detail_text(screen)
        await pilot.press("f1")
        await pilot.pause()
        store = app.require_store()
        (goal,) = repo.listed_goals(store)
        repo.record_checkin(store, goal.id, "a", "done", rating=9)
        repo.add_goal(store, title="Cook on Sundays", cadence="weekly")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "1 day in a row" in detail_text(screen)
        assert [goal.title for goal in screen.goals.values()] == [
            "Evening walk together",
            "Cook on Sundays",
        ]
        assert read == ["Evening walk together", "Evening walk together"]
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert read == ["Evening walk together", "Evening walk together"]
    with Store.open(home, readonly=True) as stored:
        (checkin,) = repo.checkins(stored).all()
        assert (checkin.partner, checkin.status.value, checkin.rating) == ("a", "done", 9)
