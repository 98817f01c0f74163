"""Start the TUI from the CLI: open the store, build the app with the one factory, run it."""

from __future__ import annotations

from pathlib import Path


def launch(home: Path, *, demo: bool = False) -> int:
    """Open the workbook TUI on ``home``; return the exit code."""
    from workbook.tui.app import create_app

    app = create_app(home)
    app.run()
    return app.return_code or 0
