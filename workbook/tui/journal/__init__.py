"""The parts the private journal's screens are made of, one job each.

:mod:`.base` is the base of every screen past the partner choice (locked and removed by the
app's lock); :mod:`.keys` unlocks a journal or makes its first (or a new) key, with the slow
key work in a thread; :mod:`.entries` says how entries read in the list, its heading and the
preview, and what the search box asks for; :mod:`.notice` says what the journal tells about
keys (a new key waiting to be confirmed, an older key opened); :mod:`.editor` writes or
changes one entry. The screens (:mod:`workbook.tui.screens.journal`) only compose these and
route messages.
"""
