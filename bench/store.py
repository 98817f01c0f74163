"""Benchmark: the time to save ONE more record into stores of 1k, 10k and 50k records.

Compares, in one run and on copies of the same data (~300 bytes per record):

* stock TinyDB with its ``JSONStorage`` (``TinyDB(path).table(...).insert(doc)``: parse the
  whole file, re-key the table, dump it all back in place) -- the baseline;
* this workbook's store in CLI mode (``repo.add`` on an open store: lock, re-read the file if
  another process may have changed it, insert, atomic write with fsync);
* this workbook's store in TUI mode (``Store.open(hold_lock=True)``: data stays parsed in
  memory, one atomic write per add);
* a whole CLI command (``Store.open`` + ``add`` + ``close``), for reference;
* updating one existing record (stock ``upsert(doc, Query().id == id)`` vs ``repo.put``), a
  second table, since the TUI mostly updates.

Each figure is the median of several repetitions; the ratio is stock / ours (higher is better).
The foundation issue asks for >= 5x at 50k records. Run with::

    /work/venv/bin/python bench/store.py            # 1k, 10k, 50k
    /work/venv/bin/python bench/store.py --sizes 1000 --reps 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from tinydb import Query, TinyDB

from workbook import locations
from workbook.store import Record, Store, migrations

TABLE = "items"


class Item(Record):
    """A record shaped like a typical workbook entry (about 300 bytes of JSON)."""

    kind: str
    author: str
    created: str
    title: str
    body: str
    tags: list[str]
    score: int


def make_item(n: int) -> Item:
    """A deterministic record of roughly 300 bytes."""
    return Item(
        kind="checkin",
        author="a" if n % 2 else "b",
        created=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T20:{n % 60:02d}:00+00:00",
        title=f"Weekly check-in number {n}",
        body=(
            "We talked about the week, what went well and one small thing to try next. "
            f"Entry {n} keeps the text plain and short."
        ),
        tags=["weekly", "talk", f"t{n % 7}"],
        score=n % 10,
    )


def build_file(path: Path, count: int) -> int:
    """Write a workbook file holding ``count`` items; return the mean bytes per record."""
    docs = {str(i): make_item(i).model_dump(mode="json") for i in range(1, count + 1)}
    raw: dict[str, dict[str, object]] = {TABLE: dict(docs)}
    migrations.set_version(raw, migrations.CURRENT_VERSION)
    data = orjson.dumps(raw)
    path.write_bytes(data)
    return len(data) // max(count, 1)


def median_ms(action: Callable[[], object], reps: int) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_size(root: Path, count: int, reps: int) -> dict[str, float]:
    """Time one save at ``count`` records for every contender."""
    seed = root / f"seed-{count}.json"
    per_record = build_file(seed, count)
    counter = iter(range(count + 1, count + 10_000))

    def fresh_home(name: str) -> Path:
        home = root / f"{name}-{count}"
        locations.ensure_private_dir(home)
        shutil.copyfile(seed, locations.data_file(home))
        return home

    # Stock TinyDB JSONStorage on a copy of the same file.
    stock_path = root / f"stock-{count}.json"
    shutil.copyfile(seed, stock_path)

    def stock_add() -> None:
        db = TinyDB(stock_path)
        db.table(TABLE, cache_size=0).insert(make_item(next(counter)).model_dump(mode="json"))
        db.close()

    middle = make_item(count // 2)

    def stock_put() -> None:
        db = TinyDB(stock_path)
        db.table(TABLE, cache_size=0).upsert(
            middle.model_dump(mode="json"), Query().id == middle.id
        )
        db.close()

    results = {"bytes": float(per_record)}
    stock_add()  # warm the page cache like the others
    results["stock"] = median_ms(stock_add, reps)
    results["stock_put"] = median_ms(stock_put, reps)

    # This store, CLI mode: open once, then add (lock + re-read check + atomic write).
    with Store.open(fresh_home("cli")) as store:
        repo = store.repo(Item, TABLE)
        repo.add(make_item(next(counter)))  # first write of the day takes the daily backup
        results["cli"] = median_ms(lambda: repo.add(make_item(next(counter))), reps)
        results["cli_put"] = median_ms(lambda: repo.put(middle), reps)

    # This store, TUI mode: the lock is held, data stays parsed in memory.
    with Store.open(fresh_home("tui"), hold_lock=True) as store:
        repo = store.repo(Item, TABLE)
        repo.add(make_item(next(counter)))
        results["tui"] = median_ms(lambda: repo.add(make_item(next(counter))), reps)
        results["tui_put"] = median_ms(lambda: repo.put(middle), reps)

    # A whole CLI command: open (parse), add, close.
    cmd_home = fresh_home("cmd")
    with Store.open(cmd_home) as store:
        store.repo(Item, TABLE).add(make_item(next(counter)))

    def command() -> None:
        with Store.open(cmd_home) as s:
            s.repo(Item, TABLE).add(make_item(next(counter)))

    results["cmd"] = median_ms(command, reps)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--reps", type=int, default=7, help="repetitions per figure (median)")
    args = parser.parse_args(argv)

    print(f"python {sys.version.split()[0]}; median of {args.reps} saves of one record")
    header = (
        f"{'records':>8} {'B/rec':>6} {'stock ms':>9} {'CLI ms':>8} {'ratio':>6} "
        f"{'TUI ms':>8} {'ratio':>6} {'open+add+close ms':>18}"
    )
    print(header)
    print("-" * len(header))
    worst = float("inf")
    rows = []
    with tempfile.TemporaryDirectory(prefix="workbook-bench-") as tmp:
        for count in args.sizes:
            r = bench_size(Path(tmp), count, args.reps)
            rows.append((count, r))
            cli_ratio = r["stock"] / r["cli"]
            tui_ratio = r["stock"] / r["tui"]
            if count == max(args.sizes):
                worst = min(cli_ratio, tui_ratio)
            print(
                f"{count:>8} {int(r['bytes']):>6} {r['stock']:>9.2f} {r['cli']:>8.2f} "
                f"{cli_ratio:>5.1f}x {r['tui']:>8.2f} {tui_ratio:>5.1f}x {r['cmd']:>18.2f}"
            )
    print(f"target: >= 5x at {max(args.sizes)} records; worst ratio there: {worst:.1f}x")
    print()
    print("update one existing record (stock upsert with Query vs repo.put)")
    header = f"{'records':>8} {'stock ms':>9} {'CLI ms':>8} {'ratio':>6} {'TUI ms':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for count, r in rows:
        print(
            f"{count:>8} {r['stock_put']:>9.2f} {r['cli_put']:>8.2f} "
            f"{r['stock_put'] / r['cli_put']:>5.1f}x {r['tui_put']:>8.2f} "
            f"{r['stock_put'] / r['tui_put']:>5.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
