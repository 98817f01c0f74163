"""Start the TUI from the CLI: open the store, build the app with the one factory, run it.

``workbook --demo`` builds the demo couple (:mod:`workbook.demo`) in a new private temporary
folder, opens the app there with the demo passphrase in the home banner, and removes the
folder when the app exits, so nothing of the demo is left behind and the person's own
workbook is never touched.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path


def launch(home: Path, *, demo: bool = False) -> int:
    """Open the workbook TUI on ``home`` (or on a fresh demo); return the exit code."""
    from workbook.tui.app import create_app

    if not demo:
        app = create_app(home)
        app.run()
        return app.return_code or 0
    folder = Path(tempfile.mkdtemp(prefix="workbook-demo-"))  # 0700, this OS user only
    try:
        from workbook.demo import DEMO_NOTE, build_demo
        from workbook.goals.schedule import local_today

        sys.stderr.write("Setting up the demo couple (a few seconds)...\n")
        build_demo(folder, end=local_today())
        app = create_app(folder, demo_note=DEMO_NOTE)
        app.run()
        return app.return_code or 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
