"""``workbook start EXERCISE_ID``: straight into one exercise, or a clear refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.cli import run
from workbook.errors import ExitCode
from workbook.tui.app import create_app
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.runner import RunnerScreen

from .exercise_pack import fixed_clock, make_couple, make_pack, stored_session


async def test_the_app_opens_straight_into_the_exercise_and_back_lands_on_home(
    home: Path, tmp_path: Path
) -> None:
    """With ``open_exercise`` the runner is on top once started, a session is stored for that
    exercise, and home sits under it; a second start continues that session."""
    pack = make_pack(tmp_path / "pack")
    make_couple(home)
    for _ in range(2):
        app = create_app(home, extra_exercise_dirs=[pack], open_exercise="test-together")
        app.session_clock = fixed_clock
        async with app.run_test() as pilot:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, RunnerScreen)
            assert app.screen.exercise_id == "test-together"
            assert isinstance(app.screen_stack[-2], HomeScreen)
    record = stored_session(home)  # exactly one: the second start continued it
    assert record.exercise_id == "test-together" and record.status != "finished"


def test_an_unknown_id_exits_5_naming_the_closest_ids(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo is refused before any window opens, with the ids it most looks like."""
    assert run(["--home", str(home), "start", "weekly-checkin"]) == ExitCode.NOT_FOUND
    err = capsys.readouterr().err
    assert "weekly-checkin" in err and "weekly-check-in" in err
    assert not (home / "workbook.json").exists()


def test_a_known_id_launches_the_tui_with_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`start ID --exercises DIR` hands the id and the pack to the TUI launcher."""
    from workbook.tui import launch

    seen: dict[str, object] = {}

    def fake_launch(where: Path, **options: object) -> int:
        seen.update(options, home=where)
        return 0

    monkeypatch.setattr(launch, "launch", fake_launch)
    pack = make_pack(tmp_path / "pack")
    assert run(["--home", str(home), "start", "test-kinds", "--exercises", str(pack)]) == 0
    assert seen == {"home": home, "extra_exercise_dirs": [pack], "open_exercise": "test-kinds"}
