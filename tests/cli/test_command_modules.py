"""A command line loads only the command it runs: the map of commands to modules, and what
each everyday command leaves unimported.

Start-up time is most of what ``workbook goals list`` costs, so :func:`workbook.cli.build_app`
imports only the module of the command given; these tests keep its map true and its promise
kept, without timing anything (``bench/scale.py`` measures the time).
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperOption

from workbook.cli import (
    COMMANDS,
    ROOT_FLAGS,
    ROOT_VALUE_OPTIONS,
    build_app,
    command_word,
    run,
)

CLI_FOLDER = Path(__file__).resolve().parents[2] / "workbook" / "cli"


def _added_by(module: str) -> tuple[str, ...]:
    """The top-level commands and groups ``workbook.cli.<module>`` adds, in its order."""
    app = typer.Typer()
    importlib.import_module(f"workbook.cli.{module}").register(app)
    commands = [c.name for c in app.registered_commands]
    groups = [g.name for g in app.registered_groups]
    assert None not in commands + groups, f"{module} adds a command without a name"
    return tuple(str(name) for name in commands + groups)


@pytest.mark.parametrize("module", sorted(COMMANDS))
def test_map_names_what_each_module_adds(module: str) -> None:
    """Each module's entry in the map lists exactly the commands its ``register`` adds, so a
    new command is never missing from a run that names it."""
    assert sorted(COMMANDS[module]) == sorted(_added_by(module))


def test_map_holds_every_module_with_commands() -> None:
    """Every module of the CLI that adds commands is in the map, and no name is in it twice."""
    with_register = {
        path.stem for path in CLI_FOLDER.glob("*.py") if "\ndef register(" in path.read_text()
    }
    assert set(COMMANDS) == with_register
    names = [name for names in COMMANDS.values() for name in names]
    assert len(names) == len(set(names))


def test_root_options_known_to_the_command_finder() -> None:
    """The options the finder steps over are the root's own: its flags, and its options that
    take a value; --help and --version (which stop before any command) are neither."""
    root = typer.main.get_command(build_app("where"))
    flags: set[str] = set()
    valued: set[str] = set()
    for param in root.params:
        if isinstance(param, TyperOption) and not param.is_eager:
            (flags if param.is_flag else valued).update(param.opts)
    assert flags == set(ROOT_FLAGS)
    assert valued == set(ROOT_VALUE_OPTIONS)


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["goals", "list"], "goals"),
        (["--home", "/tmp/x", "progress"], "progress"),
        (["--home=/tmp/x", "--demo", "--exercises", "pack", "export", "-o", "r.md"], "export"),
        (["--exercises=pack", "due", "--date", "today"], "due"),
        (["--home", "goals"], None),
        (["--help"], None),
        (["--version", "goals"], None),
        (["--bogus", "goals"], None),
        ([], None),
    ],
)
def test_command_word_after_the_root_options(argv: list[str], word: str | None) -> None:
    """The command is the first word after the root's options and their values; help, the
    version, an unknown option or no command name none (and so load every command)."""
    assert command_word(argv) == word


def test_one_command_builds_only_itself() -> None:
    """Naming a command builds a root with only that command; naming none, or a word that is
    no command (so "did you mean" can still suggest), builds every command in the usual order."""
    only = build_app("progress")
    assert [c.name for c in only.registered_commands] == ["progress"]
    assert only.registered_groups == []
    every = [_added_by(module) for module in COMMANDS]
    for word in (None, "progres"):
        app = build_app(word)
        built = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
        assert sorted(str(name) for name in built) == sorted(n for names in every for n in names)


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`workbook --help` still lists the commands of every module, after a run that loaded one."""
    assert run(["goals", "--help"]) == 0
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    for name in (n for names in COMMANDS.values() for n in names):
        assert f"\n  {name} " in out


# What an everyday command must not import: the TUI, the exercise files' reader, the journal's
# encryption, the other commands' modules, and Rich's Markdown.
NOT_FOR_EVERYDAY = (
    "textual",
    "yaml",
    "pyrage",
    "icalendar",
    "rich.markdown",
    "workbook.exercises.loader",
    "workbook.cli.exercises",
    "workbook.cli.journal",
    "workbook.cli.export",
    "workbook.cli.core",
)


@pytest.mark.parametrize(
    "args", [["goals", "list"], ["goals", "list", "--format", "json"], ["progress"], ["due"]]
)
def test_everyday_commands_import_little(home: Path, args: list[str]) -> None:
    """`goals list`, `progress` (with goals but no scale scores) and `due` do their work
    without importing the heavy modules they do not use."""
    assert run(["--home", str(home), "couple", "init", "--a", "Ana", "--b", "Ben"]) == 0
    assert run(["--home", str(home), "goals", "add", "Walk", "--cadence", "daily", "--shared"]) == 0
    code = (
        "import json, sys; from workbook.cli import run; "
        f"rc = run(['--home', {str(home)!r}, *{args!r}]); "
        f"print(json.dumps([m for m in {NOT_FOR_EVERYDAY!r} if m in sys.modules])); "
        "sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Walk" in done.stdout
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
