"""Python's cycle collector, set for a command that reads the whole data file and then ends.

A command holds everything it reads until it finishes: ten years of use are about half a
million values parsed from the JSON file, plus the models made from them. With CPython's default
thresholds a collection runs every 700 new containers, and a full one, which walks every
container still alive, each time their number has grown by a quarter: about a fifth of
``workbook export`` on a ten-year home, with nothing to free (``bench/scale.py``). Inside
:func:`few_collections` the collector still runs, but after tens of thousands of new containers
instead of hundreds, so cycles are still freed (a long session opened through the CLI keeps a
bounded heap) and the pauses are rare.

The console script's fast lines (:mod:`workbook.quick`: ``progress``, ``goals list`` and
``export``) only read, print and end, so they run with the collector :func:`paused`: the few
collections left still walked what had been read and freed nothing (at ten years the same peak
memory with or without them, and about a twentieth of ``progress``'s instructions).

The TUI's start is the other case: importing Textual and building the first screen make
hundreds of thousands of objects that live as long as the app and almost no garbage, and the
collector walked them again and again before anything was on screen. :func:`paused` pauses it
until the app's first frame is drawn (:func:`resume`); the home screen appears about
a fifth sooner (``bench/startup.py``). What exists then, and again once the home screen has
settled (:func:`set_aside_settled`), is set aside from later full collections.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# New containers between two young collections (default 700); the older generations keep
# CPython's own ratios (a middle collection every 10 young ones, a full one every 10 middle).
YOUNG_THRESHOLD = 50_000


@contextmanager
def few_collections() -> Iterator[None]:
    """Collect cycles rarely while the block runs; the thresholds before it come back after."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector while the block runs (a fast line, or the TUI's start, which
    :func:`resume` ends once the first frame is drawn); it runs again after the block."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def resume() -> bool:
    """Run the collector again if it is paused for a start, setting aside (``gc.freeze``) what
    exists by then: modules, styles and the first screen live as long as the app, so later
    collections need not walk them. A collector that is running is left exactly as it is.
    Returns whether anything was set aside (the collector was the app's to set)."""
    if gc.isenabled():
        return False
    gc.freeze()
    gc.enable()
    return True


def set_aside_settled() -> None:
    """Set aside what exists now as well: for an app whose start :func:`resume` set aside, once
    it has settled (home shown, the library loaded). The library and the store's records also
    live as long as the app, and with ten years loaded a full collection walking them cost
    about 0.2 s whenever a screen built thousands of records (``bench/scale.py``)."""
    gc.freeze()
