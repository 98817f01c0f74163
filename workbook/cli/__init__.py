"""The command line front door: ``workbook`` with no subcommand opens the TUI.

:func:`run` is the single exit point: it maps :class:`~workbook.errors.WorkbookError` to its
sentence and exit code, usage mistakes to exit code 2, and anything unexpected to a short
message plus a crash report without private text. Heavy imports (Textual, crypto) happen inside
the commands that need them, so ``workbook --version`` and ``workbook where`` stay fast.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer._click.exceptions import ClickException

from workbook import __version__, locations
from workbook.cli.context import err_console, home_from
from workbook.errors import ExitCode, WorkbookError

app = typer.Typer(
    name="workbook",
    help="A self-guided couples workbook. Run with no command to open it.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

# Submodules that add commands; each defines ``register(app)``.
COMMAND_MODULES: tuple[str, ...] = (
    "core",
    "start",
    "journal",
    "goals",
    "exercises",
    "export",
    "translate",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workbook {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
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


for _name in COMMAND_MODULES:
    importlib.import_module(f"workbook.cli.{_name}").register(app)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; return the exit code. Never lets a traceback through."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="workbook", standalone_mode=False)
    except WorkbookError as exc:
        err_console.print(exc.message, markup=False)
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except ClickException as exc:  # usage mistakes: Typer's vendored click says what is wrong
        exc.show()
        return int(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        err_console.print("Stopped. Nothing was changed by the unfinished command.")
        return 130
    except Exception as exc:
        from workbook import crash

        home = None
        with contextlib.suppress(Exception):  # a crash report is best effort
            home = locations.home_dir((argv and _home_arg(argv)) or None)
        path = crash.write_report(home, exc)
        err_console.print(crash.SAFE_MESSAGE.format(path=path or "(nowhere: disk unavailable)"))
        return int(ExitCode.INTERNAL)
    return int(result) if isinstance(result, int) else 0


def _home_arg(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--home" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--home="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))
