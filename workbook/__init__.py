"""The couples workbook: exercises together, private journals, goals and progress, all local.

The package is split into a UI-free core (models, store, library, engine, progress, journal)
that the CLI, the TUI and the tests all drive, and a Textual front end in ``workbook.tui``.
Nothing here opens a file or imports Textual at import time; importing it turns off Pydantic
plugins (see below).
"""

import os

# Pydantic hands every value a model validates to the plugins of any installed package that
# declares one (a tracing tool installed for another program, say): none of them may see a
# couple's words. Set before the first model is built; Pydantic reads it then.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

__version__ = "0.1.0"
