"""Tests of the demo couple: built by the project's own code, deterministic, and it opens.

The demo is built once for the module and compared with a second build on what is stable
(exercise, dates, answers, goals, check-ins, scores); record ids are random uuids and "recorded
at" stamps are the real time, so they are left out of the comparison.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from workbook.demo import DEMO_END, DEMO_NOTE, DEMO_PASSPHRASE, WEEKS, DemoResult, build_demo
from workbook.errors import WorkbookError
from workbook.goals.repo import checkins, goals
from workbook.goals.scores import scores
from workbook.journal import vault
from workbook.sessions import open_state, sessions
from workbook.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return build_demo(tmp_path_factory.mktemp("demo") / "home", end=DEMO_END)


def fingerprint(home: Path) -> dict[str, Any]:
    """Everything stable about a demo store, with ids replaced by what they point at."""
    with Store.open(home, readonly=True) as store:
        runs = sorted(sessions(store).all(), key=lambda r: (r.started_at, r.exercise_id))
        names = {r.id: (r.exercise_id, r.started_at.isoformat()) for r in runs}
        all_goals = sorted(goals(store).all(), key=lambda g: (g.start_date, g.title))
        titles = {g.id: g.title for g in all_goals}
        return {
            "sessions": [
                (r.exercise_id, r.mode, r.author, r.status, r.started_at, r.finished_at, r.state)
                for r in runs
            ],
            "goals": [
                (g.title, g.why, g.partner, g.private, g.cadence.to_text(), g.start_date)
                for g in all_goals
                if not g.private  # sealed words differ per encryption; compared by count below
            ],
            "private_goals": sum(1 for g in all_goals if g.private),
            "checkins": sorted(
                (titles[c.goal_id], c.partner, c.day, c.status, c.rating, c.note, c.skip_reason)
                for c in checkins(store).all()
            ),
            "scores": sorted(
                (names[s.session_id], s.partner, s.day, s.total, s.band, tuple(sorted(s.items)))
                for s in scores(store).all()
            ),
            "journal": sorted((e.author, e.created, e.shared) for e in vault.entries(store).all()),
        }


def test_demo_builds_the_same_couple_every_time(demo: DemoResult, tmp_path: Path) -> None:
    """A second build with the same end date gives the same sessions, goals, check-ins, scores."""
    again = build_demo(tmp_path / "home", end=DEMO_END)
    assert fingerprint(again.home) == fingerprint(demo.home)
    assert again.private_texts == demo.private_texts
    counts = ("sessions", "goals", "checkins", "scores", "journal_entries")
    assert [getattr(again, c) for c in counts] == [getattr(demo, c) for c in counts]


def test_six_weeks_of_sessions_from_the_bundled_library(demo: DemoResult) -> None:
    """Sessions span six weeks up to the end date; all but the last are finished."""
    from workbook.exercises import load_library

    library = load_library(None)
    with Store.open(demo.home, readonly=True) as store:
        runs = sorted(sessions(store).all(), key=lambda r: r.started_at)
    assert len(runs) == demo.sessions > WEEKS * 3
    assert all(r.exercise_id in library.exercises for r in runs)
    first, last = runs[0].started_at.date(), runs[-1].started_at.date()
    assert last <= DEMO_END and (DEMO_END - first) < timedelta(weeks=WEEKS)
    assert (last - first) >= timedelta(weeks=WEEKS - 1)
    assert [r.status for r in runs].count("finished") == len(runs) - 1
    weekly = [r for r in runs if r.exercise_id == "weekly-check-in"]
    assert len(weekly) == WEEKS


def test_private_runs_and_journal_are_sealed_and_open_with_the_demo_passphrase(
    demo: DemoResult,
) -> None:
    """Private answers and journal text are age ciphertext that the demo passphrase opens."""
    with Store.open(demo.home, readonly=True) as store:
        private = [r for r in sessions(store).all() if r.private]
        assert private and all(r.state is None and r.sealed_state for r in private)
        raw = store.path.read_text(encoding="utf-8")
        for secret in demo.private_texts["a"] + demo.private_texts["b"]:
            assert secret not in raw
        with vault.unlocked(store, "a", DEMO_PASSPHRASE) as journal:
            bodies = {e.payload.body for e in journal.entries()}
            assert bodies <= set(demo.private_texts["a"]) and bodies
            mine = [r for r in private if r.author == "a"]
            opened = [open_state(r, journal) for r in mine]
            assert all(state["answers"] for state in opened)


def test_goals_have_check_ins_and_the_weekly_check_in_a_score_trend(demo: DemoResult) -> None:
    """Every goal has check-ins; both partners have one weekly check-in score per week."""
    from workbook.goals.scores import trend

    with Store.open(demo.home, readonly=True) as store:
        all_goals = goals(store).all()
        by_goal = {c.goal_id for c in checkins(store).all()}
        assert {g.id for g in all_goals} == by_goal
        assert any(g.source.kind == "agreement" for g in all_goals)
        assert {g.partner for g in all_goals if g.private} == {"a", "b"}
        points = trend(store, "weekly-check-in")
    assert [len(points[p]) for p in ("a", "b")] == [WEEKS, WEEKS]
    for partner in ("a", "b"):
        values = [p.value for p in points[partner]]
        assert values[-1] > values[0]  # the story is one of slow improvement


def test_demo_refuses_a_folder_that_already_holds_a_workbook(demo: DemoResult) -> None:
    """Building into an existing workbook would mix data: it is refused, nothing is changed."""
    before = demo.home.joinpath("workbook.json").read_bytes()
    with pytest.raises(WorkbookError, match="already holds"):
        build_demo(demo.home, end=DEMO_END)
    assert demo.home.joinpath("workbook.json").read_bytes() == before


async def test_demo_opens_in_the_tui_with_the_passphrase_in_the_banner(demo: DemoResult) -> None:
    """The app opens on the demo's home screen and the banner shows the demo passphrase."""
    from textual.widgets import Static

    from workbook.tui.app import create_app
    from workbook.tui.screens.home import HomeScreen

    app = create_app(demo.home, demo_note=DEMO_NOTE)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        banner = app.screen.query_one("#home-banner", Static)
        assert DEMO_PASSPHRASE in str(banner.render())
        assert app.couple is not None
        assert [p.name for p in app.couple.partners] == ["Maya", "Jordan"]
        await pilot.press("ctrl+q")


async def test_the_demos_unfinished_sitting_continues_past_its_safety_notes(
    demo: DemoResult,
) -> None:
    """The couple read an exercise's safety notes before its first step, so the demo stores
    that with every sitting of such an exercise, as the runner would; the unfinished one
    continues at its step instead of asking for them again."""
    from workbook.exercises import load_library
    from workbook.partners import PARTNERS
    from workbook.sessions import safety_field
    from workbook.tui.app import create_app
    from workbook.tui.screens.runner import RunnerScreen

    library = load_library(None)
    with Store.open(demo.home, readonly=True) as store:
        runs = sessions(store).all()
    noted = [r for r in runs if library.get(r.exercise_id).safety_notes]
    assert noted
    for run in noted:
        taking_part = (run.author,) if run.author else PARTNERS
        assert all(run.ui.get(safety_field(p)) is True for p in taking_part), run.exercise_id
    left = next(r for r in runs if r.status != "finished")
    assert library.get(left.exercise_id).safety_notes
    app = create_app(demo.home, demo_note=DEMO_NOTE)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.push_screen(RunnerScreen(left.exercise_id))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("ctrl+q")


def test_launch_demo_uses_a_temporary_folder_and_removes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`workbook --demo` builds into a fresh folder, passes the note, and removes it on exit."""
    import workbook.demo as demo_module
    import workbook.tui.app as app_module
    from workbook.tui.launch import launch

    seen: dict[str, Any] = {}

    def fake_build(home: Path, **kwargs: Any) -> None:
        home.joinpath("built").write_text("yes")
        seen["home"] = home

    class FakeApp:
        return_code = 0

        def __init__(self, home: Path, demo_note: str) -> None:
            seen["app_home"], seen["note"] = home, demo_note

        def run(self) -> None:
            seen["during"] = seen["home"].joinpath("built").exists()

    monkeypatch.setattr(demo_module, "build_demo", fake_build)
    monkeypatch.setattr(
        app_module, "create_app", lambda home, demo_note="", **_: FakeApp(home, demo_note)
    )
    real_home = Path("/nonexistent-real-home")
    assert launch(real_home, demo=True) == 0
    assert seen["app_home"] == seen["home"] != real_home
    assert seen["during"] and DEMO_PASSPHRASE in seen["note"]
    assert not seen["home"].exists()
