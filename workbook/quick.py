"""The console script's fast lines: ``progress``, ``goals list`` and ``export`` without Typer.

These everyday commands only read, and Typer's own start (its imports, and a Pydantic adapter
built per option while parsing) is a fixed cost of each: on a ten-year home, without it (and
without pydantic's plugin search, :mod:`workbook.plugins`) the console script runs 18% fewer
instructions for ``goals list`` (29% with ``--format json``), 7% for ``progress`` and 3% for
``export`` (callgrind). So :func:`workbook.entry.main` offers the command line to
:func:`try_run` before loading the Typer CLI. This is strictly a shortcut, never a second
implementation:

- each command runs its one body (:mod:`workbook.goals.listing`,
  :mod:`workbook.goals.progress_report`, :mod:`workbook.export.report`), which the Typer
  command calls too, and ends through :func:`workbook.exits.guarded`, as the CLI does, so
  output, sentences and exit codes are the same;
- only plain lines are taken: ``[--home DIR] COMMAND [OPTION...]`` with each option at most
  once, as ``--name value``, ``--name=value`` or a short ``-o value``, with a value the
  command accepts. Anything else (``--help``, an unknown or repeated option, a missing or bad
  value, a value that looks like an option, another root option, an extra argument) returns
  None and the full CLI runs, which explains it;
- ``export`` is taken only without the options that ask something (a passphrase for private
  items, the partners' approvals for a packet): those lines go to the CLI, which asks.

Nothing here imports Typer, and this module imports only the standard library and the lists of
formats, so a line it does not take costs nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbook.console import ListFormat
from workbook.entry import split_home
from workbook.exits import STOPPED_CODE, guarded
from workbook.export import FORMATS


@dataclass(frozen=True)
class Given:
    """The options of a plain command line: its flags, and each value option's value."""

    flags: frozenset[str] = frozenset()
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Command:
    """A command the fast lines take: its words, its options and how to run its body."""

    words: tuple[str, ...]
    run: Callable[[Path, Given], None]
    flags: frozenset[str] = frozenset()
    # Each spelling of an option that takes a value -> its long name.
    spellings: Mapping[str, str] = field(default_factory=dict)
    # Long name -> whether a value is one the command accepts as it is.
    accepts: Mapping[str, Callable[[str], bool]] = field(default_factory=dict)
    required: frozenset[str] = frozenset()


def _whole_number(text: str, *, least: int) -> bool:
    """Plain ASCII digits (a few: Python refuses to read a number of thousands), at least
    ``least``; a sign, a space or an underscore is left to the CLI."""
    return text.isascii() and text.isdigit() and len(text) <= 6 and int(text) >= least


def _progress(home: Path, given: Given) -> None:
    from workbook.goals.progress_report import DEFAULT_LAST, show_progress

    last = int(given.values.get("--last", DEFAULT_LAST))
    show_progress(home, history="--history" in given.flags, last=last)


def _goals_list(home: Path, given: Given) -> None:
    from workbook.goals.listing import list_goals

    list_goals(home, ListFormat(given.values.get("--format", ListFormat.table)))


def _export(home: Path, given: Given) -> None:
    from workbook.export.report import write_report

    chosen = given.values.get("--format")
    fmt = next((f for f in FORMATS if f == chosen), None)
    output = Path(given.values["--output"])
    write_report(home, output, fmt, force="--force" in given.flags)


COMMANDS: tuple[Command, ...] = (
    Command(
        ("progress",),
        _progress,
        flags=frozenset({"--history"}),
        spellings={"--last": "--last"},
        accepts={"--last": lambda text: _whole_number(text, least=1)},
    ),
    Command(
        ("goals", "list"),
        _goals_list,
        spellings={"--format": "--format"},
        accepts={"--format": lambda text: text in tuple(ListFormat)},
    ),
    Command(
        ("export",),
        _export,
        flags=frozenset({"--force"}),
        spellings={
            "--output": "--output",
            "-o": "--output",
            "--format": "--format",
            "-f": "--format",
        },
        accepts={"--output": lambda text: True, "--format": lambda text: text in FORMATS},
        required=frozenset({"--output"}),
    ),
)


def _options(args: list[str], command: Command) -> Given | None:
    """The options in ``args`` if each is one of ``command``'s, given once, with a value it
    accepts; None otherwise."""
    flags: set[str] = set()
    values: dict[str, str] = {}
    while args:
        arg = args.pop(0)
        if arg in command.flags:
            if arg in flags:
                return None
            flags.add(arg)
            continue
        if arg in command.spellings:
            if not args:
                return None
            name, value = command.spellings[arg], args.pop(0)
        else:
            spelled, equals, value = arg.partition("=")
            # Only a long option takes "=": for click, "-o=x" is the value "=x".
            if not equals or not spelled.startswith("--") or spelled not in command.spellings:
                return None
            name = command.spellings[spelled]
        if name in values or not value or value.startswith("-"):
            return None
        if not command.accepts[name](value):
            return None
        values[name] = value
    if not command.required <= values.keys():
        return None
    return Given(frozenset(flags), values)


def parse(argv: Sequence[str]) -> tuple[str | None, Command, Given] | None:
    """(the ``--home`` value, the command, its options) for a plain line; None for any other."""
    split = split_home(argv)
    if split is None:
        return None
    home, args = split
    for command in COMMANDS:
        if tuple(args[: len(command.words)]) == command.words:
            given = _options(args[len(command.words) :], command)
            return None if given is None else (home, command, given)
    return None


def _as_the_cli_ends(body: Callable[[], None]) -> int:
    """Run ``body``, ending the way the Typer CLI ends on the two things it catches itself:
    ctrl+c is exit code 130 without a word, and a closed pipe (``| head``) is exit code 1,
    quietly, with nothing more written to the pipe."""
    try:
        body()
    except KeyboardInterrupt:
        return STOPPED_CODE
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        # Python would try to flush standard output again at exit: point it at nothing.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return 1
    return 0


def try_run(argv: Sequence[str]) -> int | None:
    """Run a plain command line and return its exit code; None leaves it to the full CLI."""
    found = parse(argv)
    if found is None:
        return None
    home_text, command, given = found
    from workbook import locations
    from workbook.collector import paused

    def body() -> None:
        command.run(locations.home_dir(home_text), given)

    with paused():  # it reads, prints and ends (workbook.collector)
        return guarded(lambda: _as_the_cli_ends(body), argv)
