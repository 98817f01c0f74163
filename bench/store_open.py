"""Benchmark: a command's read-only open of the store followed by reading one small table.

At ten years the data file is 9 MB and the goals are 28 KB of it. A command parses only the
tables it reads, where the checked-file note says they lie (:mod:`workbook.store.layout`); this
bench times, in one process and on a copy of one home, ``Store.open(home, readonly=True)`` and
reading every goal:

* lazy: the note names the file and says where its tables lie (what every command sees after
  the store wrote or checked the file);
* whole: the note names the file but holds no ranges (the whole file parsed, no record checked:
  what every command paid before the ranges);
* checked: no note (the whole file parsed and every record checked: the first open of a copied
  or restored file).

Each figure is the median of several opens; ratios are against ``lazy`` (higher: lazy is faster).
The home is copied first, so it is never written::

    /work/venv/bin/python bench/store_open.py --home /path/to/home     # a built home
    /work/venv/bin/python bench/store_open.py                           # the demo couple's home
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbook import checked, locations
from workbook.goals import repo
from workbook.store import Store


def open_and_read_goals(home: Path) -> int:
    with Store.open(home, readonly=True) as store:
        return len(repo.goals(store).all())


def median_ms(home: Path, prepare: Callable[[], None], reps: int) -> float:
    times = []
    for _ in range(reps):
        prepare()
        start = time.perf_counter()
        open_and_read_goals(home)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, help="a workbook home to copy (default: the demo)")
    parser.add_argument("--reps", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        if args.home is None:
            from workbook.demo import build_demo

            build_demo(home)
        else:
            shutil.copytree(args.home, home)
        open_and_read_goals(home)  # notes the copy, with its ranges; warms the imports
        data = locations.data_file(home)
        ident = checked.identity(data.stat())
        note = checked.read(home, ident)
        assert note is not None and note.tables is not None, "the home's file has no ranges"
        spans = note.tables

        def lazy() -> None:
            checked.mark(home, ident, spans)

        def whole() -> None:
            checked.mark(home, ident, None)

        def unchecked() -> None:
            locations.checked_file(home).unlink(missing_ok=True)

        size = data.stat().st_size
        goals = open_and_read_goals(home)
        print(f"{size / 1e6:.1f} MB data file, {goals} goals; median of {args.reps} opens")
        figures = {
            "lazy": median_ms(home, lazy, args.reps),
            "whole": median_ms(home, whole, args.reps),
            "checked": median_ms(home, unchecked, max(3, args.reps // 3)),
        }
        for name, ms in figures.items():
            print(f"{name:8} {ms:8.1f} ms  {ms / figures['lazy']:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
