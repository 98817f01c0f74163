"""What does encryption cost the journal? Sealing, opening and listing against plain JSON.

The journal seals every entry with age (pyrage) and opens them all when a partner unlocks.
This script measures, in one process and one temporary workbook:

1. the baseline: serialising and parsing N payloads as plain JSON (what an unencrypted journal
   would do);
2. sealing N payloads (``crypto.seal``) and opening them (``crypto.open_sealed``);
3. one passphrase unwrap (scrypt, paid once per unlock) and listing N stored entries in an
   unlocked session (decrypt + validate + sort), the first time and again from the cache.

It prints the medians and ratios against the baseline, and the list time as a fraction of one
unlock, so the question "does a long journal make unlocking feel slow?" has a number.
Run: ``/work/venv/bin/python bench/journal.py [--entries N] [--runs R]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from workbook.journal import crypto, vault
    from workbook.journal.models import JournalPayload
    from workbook.store import Store

    n = args.entries
    payloads = [
        JournalPayload(title=f"Entry {i}", body="A calm evening walk. " * 40, tags=["walk", "calm"])
        for i in range(n)
    ]
    data = [p.model_dump_json().encode() for p in payloads]

    baseline = median_seconds(
        lambda: [JournalPayload.model_validate_json(orjson.dumps(orjson.loads(d))) for d in data],
        args.runs,
    )

    phrase = "benchmark passphrase words"
    started = time.perf_counter()
    material = crypto.create_keys(phrase)
    create_s = time.perf_counter() - started
    identity = crypto.unwrap(material.wrapped_identity, phrase)
    seal_s = median_seconds(lambda: [crypto.seal([material.recipient], d) for d in data], args.runs)
    sealed = [crypto.seal([material.recipient], d) for d in data]
    open_s = median_seconds(lambda: [crypto.open_sealed(identity, s) for s in sealed], args.runs)

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp)) as store:
        vault.store_key(store, "a", material)
        with store.transaction():
            for payload in payloads:
                vault.add_entry(store, "a", payload)
        unlock_s = median_seconds(lambda: vault.unlock(store, "a", phrase).close(), 1)
        session = vault.unlock(store, "a", phrase)
        first_s = median_seconds(session.entries, 1)
        cached_s = median_seconds(session.entries, args.runs)
        session.close()

    def line(label: str, seconds: float, base: float | None = baseline) -> None:
        ratio = f"{seconds / base:8.1f}x baseline" if base else ""
        print(f"{label:<42} {seconds * 1000:10.1f} ms  {ratio}")

    print(f"{n} entries of ~{len(data[0])} bytes, median of {args.runs} runs")
    line("baseline: plain JSON round trip", baseline)
    line("seal all (age, X25519)", seal_s)
    line("open all (age, X25519)", open_s)
    line("create key (scrypt wrap, once)", create_s, None)
    line("unlock (scrypt unwrap, once per unlock)", unlock_s, None)
    line("list in session, first time (decrypt all)", first_s)
    line("list in session, cached", cached_s)
    print(f"first listing = {first_s / unlock_s:.2f} of one unlock")


if __name__ == "__main__":
    main()
