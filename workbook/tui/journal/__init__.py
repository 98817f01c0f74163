"""The parts the private journal's screens are made of, one job each.

:mod:`.base` is the base of every screen past the partner choice (locked and removed by the
app's lock); :mod:`.keys` unlocks a journal or makes its first (or a new) key, with the slow
key work in a thread; :mod:`.entries` says how an entry looks in the list and the preview;
:mod:`.editor` writes or changes one entry. The screens (:mod:`workbook.tui.screens.journal`)
only compose these and route messages.
"""
