"""The command line front door: ``workbook`` with no subcommand opens the TUI.

:func:`run` is the single exit point: it maps :class:`~workbook.errors.WorkbookError` to its
sentence and exit code, usage mistakes to exit code 2, and anything unexpected to a short
message plus a crash report without private text. Heavy imports (Textual, crypto) happen inside
the commands that need them, so ``workbook --version`` and ``workbook where`` stay fast.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.core import Command
from typer._click.exceptions import ClickException

from workbook import __version__, locations
from workbook.cli.context import home_from, refuse_undecodable
from workbook.collector import few_collections
from workbook.exits import guarded

# The modules that add commands, each through ``register(app)``, with the top-level commands
# and groups it adds (a test keeps the two in step). A run imports only the module of the
# command it is given, so ``workbook goals list`` does not load the exercises or the journal.
COMMANDS: dict[str, tuple[str, ...]] = {
    "core": ("where", "backup", "restore", "couple"),
    "start": ("start",),
    "journal": ("journal",),
    "goals": ("goals", "calendar", "checkin", "due", "progress"),
    "exercises": ("validate", "preview", "schema", "exercises"),
    "export": ("export",),
    "translate": ("translate",),
}
# The root's options that take a value, and its flags (see :func:`root`; a test keeps these
# in step with it): what may come before the command's name.
ROOT_VALUE_OPTIONS = ("--home", "--exercises")
ROOT_FLAGS = ("--demo",)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workbook {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            envvar=locations.ENV_HOME,
            help="Folder holding the workbook's data (default: your user data folder).",
            show_default=False,
        ),
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Open a ready-made demo couple in a temporary folder.")
    ] = False,
    exercises: Annotated[
        list[Path] | None,
        typer.Option(
            "--exercises",
            metavar="FOLDER",
            help="Open the workbook with an extra folder of exercises (a facilitator pack); "
            "may be repeated.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Open the workbook (no command) or run one of the commands below."""
    ctx.obj = {"home": home}
    if ctx.invoked_subcommand is None:
        from workbook.tui.launch import launch

        raise typer.Exit(launch(home_from(ctx), demo=demo, extra_exercise_dirs=exercises or ()))


def command_word(argv: Sequence[str]) -> str | None:
    """The command (or command group) ``argv`` names after the root's options, or None when
    it names none: no command, ``--help``, ``--version`` or an option the root does not know.
    """
    args = iter(argv)
    for arg in args:
        if arg in ROOT_VALUE_OPTIONS:
            next(args, None)
        elif arg in ROOT_FLAGS or arg.partition("=")[0] in ROOT_VALUE_OPTIONS:
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def build_app(word: str | None = None) -> typer.Typer:
    """The root app with every command, or only ``word``'s when it is a command we know.

    With one command the others' modules are neither imported nor turned into click commands
    (30 to 60 ms of every start on a busy 2-core machine, more without cached byte code).
    Help, a mistyped command ("did you mean") and no command at all see every command, in the
    same order as always.
    """
    app = typer.Typer(
        name="workbook",
        help="A self-guided couples workbook. Run with no command to open it.",
        no_args_is_help=False,
        add_completion=False,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
    )
    app.callback(invoke_without_command=True)(root)
    known = word is not None and any(word in names for names in COMMANDS.values())
    for module, names in COMMANDS.items():
        if not known or word in names:
            importlib.import_module(f"workbook.cli.{module}").register(app)
    if known:
        app.registered_commands = [c for c in app.registered_commands if c.name == word]
        app.registered_groups = [g for g in app.registered_groups if g.name == word]
    return app


def _text_only(command: Command) -> None:
    """Refuse, before ``command`` (and every subcommand) runs, any text value holding bytes that
    are not UTF-8, naming its option (exit 2, nothing changed).

    Python hands such bytes over as lone surrogates; stored, they would end in a crash and a lost
    write. File and folder names are Paths here and stay as given: on Linux any bytes are fine.
    """
    for sub in getattr(command, "commands", {}).values():
        _text_only(sub)
    if command.callback is None:
        return
    names = {
        p.name: f"The value of {p.opts[0]}"
        if p.param_type_name == "option"
        else f"The {p.name} argument"
        for p in command.params
    }
    callback: Callable[..., Any] = command.callback

    @functools.wraps(callback)
    def checked(**values: Any) -> Any:
        for name, value in values.items():
            for text in value if isinstance(value, list | tuple) else (value,):
                if isinstance(text, str):
                    refuse_undecodable(text, names.get(name, f"The value of {name}"))
        return callback(**values)

    command.callback = checked


def run(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; return the exit code. Never lets a traceback through.

    Usage mistakes are reported by Typer's vendored click (exit code 2); everything else ends
    through :func:`workbook.exits.guarded`, which the TUI's fast path shares. The cycle
    collector runs rarely meanwhile (:mod:`workbook.collector`).
    """
    with few_collections():
        command = typer.main.get_command(build_app(command_word(argv or [])))
        _text_only(command)

        def invoke() -> int:
            try:
                result = command.main(args=argv, prog_name="workbook", standalone_mode=False)
            except typer.Exit as exc:
                return int(exc.exit_code)
            except ClickException as exc:  # usage mistakes: Typer's vendored click says so
                exc.show()
                return int(exc.exit_code)
            return int(result) if isinstance(result, int) else 0

        return guarded(invoke, argv or [], stopped=(typer.Abort,))


def main() -> None:
    """``python -m workbook``'s entry point: the full CLI, without pydantic plugins."""
    from workbook import plugins

    plugins.refuse()
    sys.exit(run(sys.argv[1:]))
