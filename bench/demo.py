"""What does ``workbook --demo`` cost? The demo before and after its keys became demo keys.

``workbook --demo`` builds a demo couple in a temporary folder, then opens the TUI on it. The
demo's journal passphrase is public, so its keys are demo keys (an unwrapped identity in a home
marked as a demo) instead of a passphrase wrapped with full-strength scrypt. This script runs,
each in a fresh Python process so that peak memory is that process's own:

1. **before**: the demo built the old way, each partner's key wrapped with scrypt at the work
   factor age chooses (what the demo did until now; up to 1 GiB of memory per wrapping);
2. **after**: the demo as ``workbook --demo`` builds it now;
3. **to the home screen**: what ``workbook --demo`` does (build, then the app until its home
   screen is on screen, headless), timed from the process's start.

It prints wall time and peak resident memory of each, the ratios after/before, and whether
the targets hold (home screen within 2 s, build within 250 MB). Times depend on the machine's
load; the ratios and the memory do much less.
Run: ``/work/venv/bin/python bench/demo.py [--runs R]`` (the median of R runs; default 3).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

TARGET_SECONDS = 2.0
TARGET_MB = 250.0

CHILD = r"""
import resource, sys, tempfile, time
from pathlib import Path
started = time.perf_counter()
mode = sys.argv[1]
from workbook.demo import DEMO_NOTE, build_demo
from workbook.goals.schedule import local_today
from workbook.journal import crypto

if mode == "before":
    # The old demo: each key wrapped with the public passphrase at full scrypt strength.
    crypto.demo_keys = lambda: crypto.create_keys(crypto.DEMO_PASSPHRASE)
folder = Path(tempfile.mkdtemp(prefix="workbook-demo-bench-"))
library = None
if mode == "home":  # as `workbook --demo` does: one library load for the demo and the app
    from workbook.exercises import load_library

    library = load_library(folder)
build_demo(folder, end=local_today(), library=library)
if mode == "home":
    import asyncio
    from workbook.tui.app import create_app

    async def until_home() -> None:
        app = create_app(folder, demo_note=DEMO_NOTE, library=library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen", type(app.screen).__name__

    asyncio.run(until_home())
seconds = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:.3f} {peak_mb:.1f}")
"""


def measure(mode: str) -> tuple[float, float]:
    """Wall seconds (from just after the interpreter started) and peak MB of one child run."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    seconds, peak = done.stdout.split()[-2:]
    return float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, tuple[float, float]] = {}
    for mode in ("before", "after", "home"):
        runs = [measure(mode) for _ in range(args.runs)]
        results[mode] = (
            statistics.median(r[0] for r in runs),
            max(r[1] for r in runs),
        )
        print(f"{mode:>7}: {results[mode][0]:6.2f} s  peak {results[mode][1]:7.1f} MB", flush=True)
    before, after, home = results["before"], results["after"], results["home"]
    print(f"after / before: time {after[0] / before[0]:.2f}x, memory {after[1] / before[1]:.2f}x")
    print(
        f"home screen within {TARGET_SECONDS:.0f} s: {'yes' if home[0] <= TARGET_SECONDS else 'NO'}"
        f" ({home[0]:.2f} s); build within {TARGET_MB:.0f} MB: "
        f"{'yes' if after[1] <= TARGET_MB else 'NO'} ({after[1]:.1f} MB)"
    )


if __name__ == "__main__":
    main()
