"""The ``workbook`` console script: a fast path for ``workbook due``, then the full CLI.

``workbook due`` runs from shell prompts and cron jobs, where start-up time is the cost that
matters. :func:`workbook.goals.quickdue.try_run` answers that one command with the standard
library (plus orjson) and hands every other command line, and every problem, to
:func:`workbook.cli.main`, the single place that reports errors and sets exit codes.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    from workbook.goals.quickdue import try_run

    code = try_run(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from workbook.cli import main as cli_main

    cli_main()
