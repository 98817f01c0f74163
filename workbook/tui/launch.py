"""Start the TUI from the CLI: open the store, build the app with the one factory, run it.

``workbook --demo`` builds the demo couple (:mod:`workbook.demo`) in a new private temporary
folder, opens the app there with the demo passphrase in the home banner, and removes the
folder when the app exits, so nothing of the demo is left behind and the person's own
workbook is never touched. The exercise library is loaded once, for the demo and the app.

Python's cyclic garbage collector is paused from here until the app's first frame is on
screen (the app resumes it: :meth:`WorkbookApp.resume_collector`). Importing Textual and
building the first screen make hundreds of thousands of objects that live as long as the app
and almost no garbage, yet the collector keeps walking them: pausing it brings the home screen
up about a fifth sooner (bench/startup.py).
"""

from __future__ import annotations

import gc
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


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
    gc.disable()  # until the first frame (see the module docstring); always resumed below
    try:
        return _launch(home, demo, extra_exercise_dirs, open_exercise)
    finally:
        gc.enable()


def _launch(
    home: Path, demo: bool, extra_exercise_dirs: Sequence[Path], open_exercise: str | None
) -> int:
    from workbook.tui.app import create_app

    for folder in extra_exercise_dirs:
        if not folder.is_dir():
            from workbook.errors import NotFoundError

            raise NotFoundError(f"There is no exercise folder at {folder}.")
    if not demo:
        app = create_app(home, extra_exercise_dirs=extra_exercise_dirs, open_exercise=open_exercise)
        app.run()
        return app.return_code or 0
    folder = Path(tempfile.mkdtemp(prefix="workbook-demo-"))  # 0700, this OS user only
    try:
        from workbook.demo import DEMO_NOTE, build_demo
        from workbook.exercises import load_library
        from workbook.goals.schedule import local_today

        # About 1.5 s on a busy two-core machine, most of it playing six weeks of sessions.
        sys.stderr.write("Setting up the demo couple (a second or two)...\n")
        gc.enable()  # six weeks of sessions make garbage; paused again for the app's start
        # One load serves both: the demo plays the exercises the app then lists.
        library = load_library(folder, extra_exercise_dirs)
        build_demo(folder, end=local_today(), library=library)
        gc.disable()
        app = create_app(
            folder, demo_note=DEMO_NOTE, extra_exercise_dirs=extra_exercise_dirs, library=library
        )
        app.run()
        return app.return_code or 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
