"""Goals are managed on the Goals screen as on the command line: a new pace, pause and
resume, achieved; every change stays in the goal's history with its reason."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from workbook.goals import repo
from workbook.goals.cadence import parse_cadence
from workbook.goals.models import Goal
from workbook.store import Store
from workbook.tui.app import create_app
from workbook.tui.screens.goal_change import GoalChangeScreen
from workbook.tui.screens.progress import ProgressScreen

if TYPE_CHECKING:
    from conftest import PreparedKeys

from .test_progress_tui import add_goal, make_couple, open_progress


def stored(home: Path, goal_id: str) -> Goal:
    with Store.open(home, readonly=True) as store:
        return repo.resolve_goal(store, goal_id)


async def open_change(pilot: Pilot[Any]) -> GoalChangeScreen:
    await pilot.press("e")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, GoalChangeScreen)
    for button in dialog.query(Button):  # every control within an 80x24 window
        assert button.region.bottom <= 24 and button.region.right <= 80, button.id
    return dialog


async def press_button(pilot: Pilot[Any], dialog: GoalChangeScreen, name: str, why: str) -> None:
    dialog.query_one("#change-reason", Input).value = why
    dialog.query_one(f"#change-{name}", Button).press()
    await pilot.pause()


async def test_cadence_pause_resume_and_achieved_are_stored_with_their_reasons(home: Path) -> None:
    """Each action changes the stored goal and adds one adjustment carrying the reason; a
    cadence the workbook cannot read is refused with a sentence and changes nothing."""
    make_couple(home)
    goal_id = add_goal(home, "Evening walk together")
    app = create_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        dialog = await open_change(pilot)
        dialog.query_one("#change-cadence", Input).value = "whenever"
        await press_button(pilot, dialog, "save", "")
        assert app.screen is dialog
        assert any("can't read the cadence" in n.message for n in app._notifications)
        assert stored(home, goal_id).adjustments == []
        dialog.query_one("#change-cadence", Input).value = "3/week"
        await press_button(pilot, dialog, "save", "busy month")
        assert isinstance(app.screen, ProgressScreen)
        await press_button(pilot, await open_change(pilot), "pause", "away for a week")
        assert stored(home, goal_id).status.value == "paused"
        await press_button(pilot, await open_change(pilot), "resume", "back home")
        await press_button(pilot, await open_change(pilot), "achieve", "it is a habit now")
    goal = stored(home, goal_id)
    assert goal.status.value == "achieved"
    assert goal.cadence.to_text() == parse_cadence("3/week").to_text()
    assert [(a.field, a.new, a.reason) for a in goal.adjustments] == [
        ("cadence", goal.cadence.to_text(), "busy month"),
        ("status", "paused", "away for a week"),
        ("status", "active", "back home"),
        ("status", "achieved", "it is a habit now"),
    ]


async def test_a_private_goal_offers_no_reason_field_and_a_change_stores_none(
    home: Path, journal_keys: PreparedKeys
) -> None:
    """On a private goal the dialog shows a note instead of the reason field (the store keeps
    no reason for a private goal, it would sit unsealed), and a change goes through with an
    empty reason in the goal's history."""
    make_couple(home)
    with Store.open(home) as store:
        journal_keys.install(store, "a", "correct horse battery")
        goal_id = repo.add_goal(
            store, title="Secret plan", cadence="3/week", partner="a", private=True
        ).id
    app = create_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        dialog = await open_change(pilot)
        assert not dialog.query("#change-reason")
        assert "keeps no reason" in str(dialog.query_one("#change-no-reason", Static).render())
        dialog.query_one("#change-cadence", Input).value = "daily"
        dialog.query_one("#change-save", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert not [n for n in app._notifications if n.severity == "error"]
    goal = stored(home, goal_id)
    assert [(a.field, a.reason) for a in goal.adjustments] == [("cadence", "")]
    assert goal.cadence.to_text() == parse_cadence("daily").to_text()
