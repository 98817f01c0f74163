"""The parts the exercise runner screen is made of, one job each.

:mod:`.run` holds the engine with its stored session and saves it; :mod:`.keyboard` decides when
the keyboard must change hands; :mod:`.timers` keeps a step's countdown in the session;
:mod:`.drafts` keeps the words typed but not yet committed; :mod:`.agreement` turns a confirmed
agreement into a goal; :mod:`.view` builds the widget for the step and the person acting;
:mod:`.dialogs` holds the small questions asked before a run (who, passphrase, safety notes).
The screen (:mod:`workbook.tui.screens.runner`) only composes these and routes messages.
"""
