"""`workbook` with no command opens the TUI through the one factory, with its options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.cli import run
from workbook.entry import OpenArgs, parse_open
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


# -- the console script's own door: no Typer on the way to the TUI ---------------------------

OPEN_IN_CHILD = """
import sys
from pathlib import Path
import workbook.demo
from workbook.tui.app import WorkbookApp

def fake_run(self):
    print("home", self.home)
    print("packs", [str(p) for p in self.extra_exercise_dirs])
    print("demo", bool(self.demo_note))
    self._return_code = 0

def fake_demo(home, **kwargs):
    print("demo built in", Path(home).name.startswith("workbook-demo-"))

WorkbookApp.run = fake_run
workbook.demo.build_demo = fake_demo
sys.argv = ["workbook", *sys.argv[1:]]
from workbook.entry import main
try:
    main()
finally:
    print("typer", "typer" in sys.modules)
"""


def open_in_child(*argv: str, env: dict[str, str] | None = None) -> list[str]:
    """Run the console script's entry point in a fresh process with the app's run() faked."""
    done = subprocess.run(
        [sys.executable, "-c", OPEN_IN_CHILD, *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_no_command_opens_the_tui_without_importing_typer(tmp_path: Path) -> None:
    """`workbook --home H --exercises P` reaches the app with that home and pack, and the
    Typer CLI is never imported on the way (it costs start-up time people feel)."""
    pack = tmp_path / "pack"
    pack.mkdir()
    home = tmp_path / "home"
    lines = open_in_child("--home", str(home), "--exercises", str(pack))
    assert lines == [f"home {home.resolve()}", f"packs ['{pack}']", "demo False", "typer False"]


def test_the_fast_door_reads_options_the_way_the_cli_does(tmp_path: Path) -> None:
    """`--home=H`, WORKBOOK_HOME, repeated `--exercises` and `--demo` all work without Typer;
    the demo opens in a fresh temporary folder, not in the home."""
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    home = tmp_path / "home"
    lines = open_in_child(f"--home={home}", "--exercises", str(one), f"--exercises={two}")
    assert lines == [
        f"home {home.resolve()}",
        f"packs ['{one}', '{two}']",
        "demo False",
        "typer False",
    ]
    lines = open_in_child(env={"WORKBOOK_HOME": str(home)})
    assert lines[0] == f"home {home.resolve()}" and lines[-1] == "typer False"
    lines = open_in_child("--demo", "--home", str(home))
    assert lines[0] == "demo built in True"
    assert lines[1] != f"home {home.resolve()}" and lines[3:] == ["demo True", "typer False"]


def test_a_missing_pack_through_the_fast_door_is_the_same_sentence(tmp_path: Path) -> None:
    """The console script with a pack folder that does not exist exits 5 naming the folder,
    as the CLI does, without a traceback."""
    missing = tmp_path / "nope"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "workbook"),
            "--home",
            str(tmp_path),
            "--exercises",
            str(missing),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert done.returncode == 5
    assert str(missing) in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["due"],
        ["--help"],
        ["--version"],
        ["--home"],
        ["--home", "a", "--home", "b"],
        ["--home", "--demo"],
        ["--home="],
        ["--exercises", "x", "where"],
        ["--verbose"],
    ],
)
def test_anything_but_opening_goes_to_the_full_cli(argv: list[str]) -> None:
    """Commands, help, the version and any unusual option are left to the Typer CLI, which
    explains them; only a plain open takes the fast door."""
    assert parse_open(argv) is None


def test_the_fast_door_takes_the_options_of_a_plain_open() -> None:
    """No arguments, or only --home, --exercises and --demo, open the TUI directly."""
    assert parse_open([]) == OpenArgs()
    assert parse_open(["--demo", "--home", "h", "--exercises=p"]) == OpenArgs(
        "h", True, (Path("p"),)
    )
