"""The parts the exercise runner screen is made of, one job each.

:mod:`.opening` opens a run (who, passphrase, safety notes first); :mod:`.run` holds the engine
with its stored session and saves it; :mod:`.keyboard` decides when the keyboard must change
hands; :mod:`.commit` records what the person acting entered, by one rule for every step kind;
:mod:`.agreement` turns a confirmed agreement into a goal; :mod:`.timers` keeps a step's
countdown in the session; :mod:`.drafts` keeps the words typed but not yet committed;
:mod:`.view` builds the widget for the step and the person acting; :mod:`.header` shows whose
turn it is; :mod:`.dialogs` holds the small screens asked before a run. The screen
(:mod:`workbook.tui.screens.runner`) only composes these and routes messages.
"""
