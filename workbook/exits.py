"""How a run of the console script ends: one place turns an exception into a sentence and a code.

Both front doors use it: the Typer CLI (:func:`workbook.cli.run`) and the fast path that opens
the TUI without loading the CLI (:mod:`workbook.entry`). A :class:`~workbook.errors.WorkbookError`
prints its sentence and returns its exit code; an interrupted command says nothing was changed
by it; anything unexpected prints a short message and writes a crash report that holds
exception types and frames only, never a person's words. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence

from workbook import locations
from workbook.errors import ExitCode, WorkbookError

STOPPED = "Stopped. Nothing was changed by the unfinished command."
STOPPED_CODE = 130


def say(message: str) -> None:
    """Print a sentence for the person on standard error."""
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


def home_arg(argv: Sequence[str]) -> str | None:
    """The value of ``--home`` on a command line, if there is one."""
    for i, arg in enumerate(argv):
        if arg == "--home" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--home="):
            return arg.split("=", 1)[1]
    return None


def guarded(
    action: Callable[[], int],
    argv: Sequence[str],
    *,
    stopped: tuple[type[BaseException], ...] = (),
) -> int:
    """Run ``action`` and return its exit code; never lets a traceback through.

    ``stopped`` adds exception types that mean the person stopped the command (beside
    ctrl+c and the end of input).
    """
    interrupted: tuple[type[BaseException], ...] = (KeyboardInterrupt, EOFError, *stopped)
    try:
        return action()
    except WorkbookError as exc:
        say(exc.message)
        return int(exc.exit_code)
    except interrupted:
        say(STOPPED)
        return STOPPED_CODE
    except Exception as exc:
        from workbook import crash

        home = None
        with contextlib.suppress(Exception):  # a crash report is best effort
            home = locations.home_dir(home_arg(argv) or None)
        path = crash.write_report(home, exc)
        say(crash.SAFE_MESSAGE.format(path=path or "(nowhere: disk unavailable)"))
        return int(ExitCode.INTERNAL)
