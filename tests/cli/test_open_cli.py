"""`workbook` with no command opens the TUI through the one factory, with its options."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.cli import run
from workbook.tui.app import WorkbookApp


def test_no_command_opens_the_app_on_the_chosen_home_with_packs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--home and --exercises reach the app the factory builds; its return code is the exit."""
    opened: list[WorkbookApp] = []

    def fake_run(self: WorkbookApp) -> None:
        opened.append(self)
        self._return_code = 0

    monkeypatch.setattr(WorkbookApp, "run", fake_run)
    pack = tmp_path / "pack"
    pack.mkdir()
    home = tmp_path / "home"
    assert run(["--home", str(home), "--exercises", str(pack)]) == 0
    (app,) = opened
    assert app.home == home.resolve()
    assert app.extra_exercise_dirs == (pack,)


def test_a_missing_pack_folder_is_a_sentence_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack folder that does not exist gives exit code 5 and names the folder."""
    missing = tmp_path / "nope"
    assert run(["--home", str(tmp_path / "home"), "--exercises", str(missing)]) == 5
    assert str(missing) in capsys.readouterr().err
