"""Keep Python's cycle collector off the objects the app holds for its whole run.

Now and then CPython's cycle collector walks every object it tracks (a full collection).
Once the home screen has settled, about 110,000 objects (the imported modules, Textual's
widgets and styles, the exercise library, the store's records) stay alive until the app exits;
walking them took about 0.2 s on a 2-core machine, and reading ten years of data (the file at
start, one goal's check-ins on the goals screen) set off one or two such walks (bench/scale.py).
The app calls :func:`settle` as it starts and again once the home screen has settled: it moves
the objects alive at that moment out of the collector's sight (``gc.freeze``; reference
counting still frees them when they are dropped). :func:`release` hands them back when the app
ends, so an app started many times in one process (the tests) leaves nothing uncollected.
Commands, which read and end, make the collector run rarely instead (:mod:`workbook.collector`);
the app lives on, so it keeps the usual thresholds and only hides what it holds for good.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Leave the objects alive now out of later full collections."""
    gc.freeze()


def release() -> None:
    """Let the collector see every object again (the app is ending)."""
    gc.unfreeze()
