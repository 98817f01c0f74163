"""Pilot tests of the exercise runner: blind steps, hand-over, reveal, turns, agreements.

Each test plays through the real app (built with ``create_app``) and then checks what the
store holds, not only what the screen shows.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual.widgets import Input

from workbook.sessions import sessions
from workbook.store import Store
from workbook.tui.app import WorkbookApp, create_app
from workbook.tui.messages import StartExercise
from workbook.tui.screens.handover import HandoverScreen
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import fixed_clock, make_couple, make_pack


def build_app(home: Path, tmp_path: Path) -> WorkbookApp:
    make_couple(home)
    app = create_app(home, extra_exercise_dirs=[make_pack(tmp_path / "pack")])
    app.live_timers = False  # type: ignore[attr-defined]
    app.session_clock = fixed_clock  # type: ignore[attr-defined]
    return app


def all_text(app: WorkbookApp) -> str:
    """Every piece of text the current screen holds in its widgets (rendered or not)."""
    parts: list[str] = []
    for widget in app.screen.walk_children(with_self=True):
        for attr in ("value", "text", "_text", "source"):
            value = getattr(widget, attr, None)
            if isinstance(value, str):
                parts.append(value)
        with contextlib.suppress(Exception):  # some widgets cannot render off-screen
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def test_blind_each_step_hand_over_and_reveal(home: Path, tmp_path: Path) -> None:
    """Sam answers blind; after the hand-over Alex never sees Sam's words; the reveal shows both."""
    app = build_app(home, tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.post_message(StartExercise("test-together"))
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert "Together" in str(runner.query_one("#turn-bar").render())
        await pilot.press("ctrl+n")  # welcome -> hope (Sam)
        await pilot.pause()
        assert "Sam's turn" in str(runner.query_one("#turn-bar").render())
        assert runner.query_one("#turn-bar").has_class("-partner-a")
        await pilot.press(*"sam-hope-1234", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert "Pass the keyboard to Alex" in all_text(app)
        assert "sam-hope-1234" not in all_text(app)
        with Store.open(home, readonly=True) as store:
            record = sessions(store).all()[0]
            assert record.state is not None
            assert record.state["answers"]["hope"]["a"] == "sam-hope-1234"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is runner
        assert "Alex's turn" in str(runner.query_one("#turn-bar").render())
        assert runner.query_one("#turn-bar").has_class("-partner-b")
        assert runner.query_one(Input).value == ""
        assert "sam-hope-1234" not in all_text(app)
        await pilot.press(*"alex-hope-5678", "enter")
        await pilot.pause()
        text = all_text(app)
        assert "sam-hope-1234" in text and "alex-hope-5678" in text
        assert runner.query_one("#column-a") and runner.query_one("#column-b")
    with Store.open(home, readonly=True) as store:
        record = sessions(store).all()[0]
        assert record.state is not None
        assert record.state["answers"]["hope"] == {"a": "sam-hope-1234", "b": "alex-hope-5678"}
        assert "hope" in record.state["revealed"]
