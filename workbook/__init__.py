"""The couples workbook: exercises together, private journals, goals and progress, all local.

The package is split into a UI-free core (models, store, library, engine, progress, journal)
that the CLI, the TUI and the tests all drive, and a Textual front end in ``workbook.tui``.
Nothing here opens a file or imports Textual at import time.
"""

__version__ = "0.1.0"
