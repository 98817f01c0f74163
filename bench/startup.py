"""How fast the first screen appears: the workbook's home screen against a one-Label app.

Each run is a fresh Python process (headless Textual), so imports count. A child reads the
system-wide monotonic clock when its first screen has been laid out and painted (the first
refresh after the screen mounts) and prints it; the parent read the same clock just before
starting the child. The workbook child opens a home prepared with a couple (and the bundled
library) and reports twice: the home screen's first frame, and the moment its exercise and
"continue" lists are filled in (they load right after that first frame). The baseline child
is a bare ``App`` with one ``Label``. Runs are interleaved and the
medians compared in the same process, so machine speed cancels out. Target: ratio <= 1.5.

    /work/venv/bin/python bench/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKBOOK_CHILD = """
import sys, time
from pathlib import Path
from workbook.tui.app import create_app
from workbook.tui.screens.home import HomeScreen

app = create_app(Path(sys.argv[1]))
original = HomeScreen.on_mount

def on_mount(self):
    def painted():
        print(time.monotonic(), flush=True)  # the first frame of the home screen

    def filled():
        print(time.monotonic(), flush=True)  # the exercise list and "continue" list are in
        app.exit()

    self.call_after_refresh(painted)
    original(self)
    self.call_after_refresh(lambda: self.call_after_refresh(filled))

HomeScreen.on_mount = on_mount
app.run(headless=True)
"""

BASELINE_CHILD = """
import time
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Hello")
    def on_mount(self):
        def ready():
            print(time.monotonic(), flush=True)
            self.exit()
        self.call_after_refresh(ready)

Bare().run(headless=True)
"""


def one_run(code: str, *args: str) -> list[float]:
    """Seconds from starting the child process to each moment it printed."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"child failed ({done.returncode}): {done.stderr[-500:]}")
    return [float(line) - start for line in lines]


def prepare_home(folder: Path) -> Path:
    """A home with a couple, a few sessions and a goal, as after some weeks of use."""
    from workbook.couple import make_couple, save_couple
    from workbook.store import Store

    home = folder / "home"
    with Store.open(home) as store:
        save_couple(store, make_couple("Sam", "Alex"))
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = prepare_home(Path(tmp))
        one_run(BASELINE_CHILD)  # warm the file cache for both
        one_run(WORKBOOK_CHILD, str(home))
        painted: list[float] = []
        filled: list[float] = []
        baseline: list[float] = []
        for _ in range(options.runs):
            baseline.append(one_run(BASELINE_CHILD)[0])
            first, last = one_run(WORKBOOK_CHILD, str(home))
            painted.append(first)
            filled.append(last)
    bare = statistics.median(baseline)
    print(f"one-Label app ready:            median {bare * 1000:4.0f} ms ({options.runs} runs)")
    for label, times in (("home screen painted:", painted), ("home lists filled in:", filled)):
        ours = statistics.median(times)
        print(f"workbook {label:22s} median {ours * 1000:4.0f} ms = {ours / bare:.2f}x")
    print("target: home screen ready <= 1.5x the one-Label app")


if __name__ == "__main__":
    main()
