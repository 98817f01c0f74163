"""Start the TUI from the CLI: open the store, build the app with the one factory, run it.

``workbook --demo`` builds the demo couple (:mod:`workbook.demo`) in a new private temporary
folder, opens the app there with the demo passphrase in the home banner, and removes the
folder when the app exits, so nothing of the demo is left behind and the person's own
workbook is never touched. The exercise library is loaded once, for the demo and the app.

The cycle collector is paused from Textual's import until the app's first frame is drawn
(:func:`workbook.collector.paused`).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.collector import paused

if TYPE_CHECKING:
    from workbook.exercises import Library


def launch(
    home: Path,
    *,
    demo: bool = False,
    extra_exercise_dirs: Sequence[Path] = (),
    open_exercise: str | None = None,
) -> int:
    """Open the workbook TUI on ``home`` (or on a fresh demo); return the exit code.

    ``extra_exercise_dirs`` are facilitator packs loaded after the bundled and personal ones;
    ``open_exercise`` is an exercise id to open once home is shown (``workbook start``).
    """
    for folder in extra_exercise_dirs:
        if not folder.is_dir():
            from workbook.errors import NotFoundError

            raise NotFoundError(f"There is no exercise folder at {folder}.")
    if not demo:
        return _run(home, extra_exercise_dirs, open_exercise=open_exercise)
    folder = Path(tempfile.mkdtemp(prefix="workbook-demo-"))  # 0700, this OS user only
    try:
        from workbook.demo import DEMO_NOTE, build_demo
        from workbook.exercises import load_library
        from workbook.goals.schedule import local_today

        # bench/demo.py: the build takes about 0.5 s on a quiet two-core machine, 1.5 s on a
        # busy one (most of it playing six weeks of sessions); home follows about 0.6 s later.
        sys.stderr.write("Setting up the demo couple (a second or two)...\n")
        # One load serves both: the demo plays the exercises the app then lists.
        library = load_library(folder, extra_exercise_dirs)
        build_demo(folder, end=local_today(), library=library)
        return _run(folder, extra_exercise_dirs, demo_note=DEMO_NOTE, library=library)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(
    home: Path,
    extra_exercise_dirs: Sequence[Path],
    *,
    demo_note: str = "",
    open_exercise: str | None = None,
    library: Library | None = None,
) -> int:
    """Build the app with the one factory and run it, the collector paused until it is drawn."""
    with paused():
        from workbook.tui.app import create_app

        app = create_app(
            home,
            extra_exercise_dirs=extra_exercise_dirs,
            demo_note=demo_note,
            open_exercise=open_exercise,
            library=library,
        )
        app.run()
        return app.return_code or 0
