"""The ``workbook`` console script: fast paths for the TUI, ``due`` and the everyday commands,
then the full CLI.

Start-up time is what people feel at the fast paths, tried in this order. ``workbook`` with no
command (and only ``--home``, ``--demo`` or ``--exercises``) opens the TUI straight away,
without importing Typer and every command module first (about 70 ms, ``bench/startup.py``).
``workbook due`` runs from shell prompts and cron jobs: :func:`workbook.goals.quickdue.try_run`
answers it with the standard library (plus orjson). Plain lines of ``progress``, ``goals list``
and ``export`` run their command bodies without Typer (:mod:`workbook.quick`). Every other
command line, ``--help`` and ``--version`` among them, goes to :func:`workbook.cli.main`; the
fast paths end through :func:`workbook.exits.guarded`, which the CLI uses too, so errors read
and exit the same way. No path lets pydantic look for plugins (:mod:`workbook.plugins`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OpenArgs:
    """``workbook`` with no command: the options the TUI takes."""

    home: str | None = None
    demo: bool = False
    exercises: tuple[Path, ...] = ()


def parse_open(argv: Sequence[str]) -> OpenArgs | None:
    """The options of a command line that only opens the TUI; None for any other line.

    Accepts ``--home DIR``, ``--exercises DIR`` (repeatable, also as ``--name=DIR``) and
    ``--demo``. Anything unusual (a command, an unknown or repeated option, a missing or
    empty value, a value that looks like an option) is left to the full CLI, which explains it.
    """
    home: str | None = None
    demo = False
    exercises: list[Path] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--demo":
            demo = True
            continue
        name, equals, value = arg.partition("=")
        if name not in ("--home", "--exercises"):
            return None
        if not equals:
            if not args:
                return None
            value = args.pop(0)
        if not value or value.startswith("-"):
            return None
        if name == "--exercises":
            exercises.append(Path(value))
        elif home is None:
            home = value
        else:
            return None
    return OpenArgs(home, demo, tuple(exercises))


def split_home(argv: Sequence[str]) -> tuple[str | None, list[str]] | None:
    """(the value of a leading ``--home DIR`` or ``--home=DIR``, or None; the rest of the line),
    or None when that value is missing, empty or looks like an option."""
    args = list(argv)
    home: str | None = None
    if args[:1] == ["--home"] and len(args) >= 2:
        home, args = args[1], args[2:]
    elif args and args[0].startswith("--home="):
        home, args = args[0].partition("=")[2], args[1:]
    if home is not None and (not home or home.startswith("-")):
        return None
    return home, args


def open_tui(argv: Sequence[str]) -> int | None:
    """Open the TUI and return its exit code, or None when ``argv`` is not for the TUI alone."""
    found = parse_open(argv)
    if found is None:
        return None
    from workbook import locations
    from workbook.exits import guarded
    from workbook.tui.launch import launch

    def run() -> int:
        home = locations.home_dir(found.home)
        return launch(home, demo=found.demo, extra_exercise_dirs=found.exercises)

    return guarded(run, argv)


def main() -> None:
    """Console-script entry point."""
    from workbook import plugins

    plugins.refuse()
    argv = sys.argv[1:]
    code = open_tui(argv)
    if code is None:
        from workbook.goals.quickdue import try_run  # the goals' schedule: not for the TUI

        code = try_run(argv)
    if code is None:
        from workbook import quick  # after due's: a shell prompt's `due` does not load it

        code = quick.try_run(argv)
    if code is not None:
        sys.exit(code)
    from workbook.cli import main as cli_main

    cli_main()
