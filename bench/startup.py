"""How fast the first screen appears: the workbook's home screen against a one-Label app.

Each run is a fresh Python process (headless Textual), so imports count. A child reads the
system-wide monotonic clock when a frame is drawn and prints it; the parent read the same clock
just before starting the child. The workbook child opens a home filled by the demo builder
(six weeks of sessions, goals and check-ins, dated today) and watches every frame of its home
screen for three moments:

* first frame: the home screen's first frame, whatever it shows;
* ready: the first frame whose header shows both partners' names and whose exercise list
  holds the exercises (a person can read it, move through it and start one): the figure
  the target is about;
* settled: the first frame that also shows the "continue where you left off · what is due"
  list (due check-ins and the next program steps, which this home always has).

A normal start draws the exercise list from the list kept at the last start
(``workbook.glance``; trusted only while every exercise file is unchanged). The first start
after the exercises changed has to load the library first: it is timed too, with the kept list
removed before each such run.

The workbook's modules are compiled to bytecode first, as ``pip install`` does (Textual's
already are); an editable checkout run with ``PYTHONDONTWRITEBYTECODE`` would otherwise
recompile every workbook module in every run (about 15 ms here).

Before timing, one checking run saves the "ready" frame as a screenshot and the parent makes
sure it shows both names and an exercise title, so "ready" cannot drift into an empty frame.
The baseline child is a bare ``App`` with one ``Label``. Runs are interleaved and the medians
compared in the same process, so machine speed cancels out. Target: ready <= 1.5x.

    /work/venv/bin/python bench/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import compileall
import html
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

WORKBOOK_CHILD = """
import sys, time
from pathlib import Path
from textual.app import App
from workbook.tui.app import create_app

home, names, check = Path(sys.argv[1]), sys.argv[2].split(","), sys.argv[3:] == ["--check"]
app = create_app(home)
seen = {}
display = App._display

def on_frame(self, screen, renderable):
    display(self, screen, renderable)  # headless: the frame is rendered, not written
    if renderable is None or type(screen).__name__ != "HomeScreen":
        return
    now = time.monotonic()
    seen.setdefault("first", now)
    exercises = screen.query("#exercise-list")
    named = all(name in str(screen.sub_title) for name in names)
    if "ready" not in seen and named and exercises and exercises.first().option_count:
        seen["ready"] = now
        if check:
            print(app.export_screenshot(), file=sys.stderr)
    continuing = screen.query("#continue-list")
    if "ready" in seen and continuing and continuing.first().option_count:
        print(seen["first"], seen["ready"], now, flush=True)
        self.exit()

App._display = on_frame
app.call_later(lambda: app.set_timer(20, lambda: app.exit(return_code=9)))
app.run(headless=True)
sys.exit(app.return_code or 0)
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
    moments = done.stdout.split()
    if done.returncode != 0 or not moments:
        raise SystemExit(f"child failed ({done.returncode}): {done.stderr[-500:]}")
    return [float(moment) - start for moment in moments]


def prepare_home(folder: Path) -> tuple[Path, list[str]]:
    """A home as after six weeks of use (the demo, dated today) and the partners' names."""
    from workbook.couple import get_couple
    from workbook.demo import build_demo
    from workbook.store import Store

    home = folder / "home"
    build_demo(home, end=date.today())
    with Store.open(home) as store:
        return home, [p.name for p in get_couple(store).partners]


def check_ready_frame(home: Path, names: list[str]) -> None:
    """Stop unless the frame counted as "ready" shows both names and an exercise title."""
    from workbook.exercises import load_library, text

    done = subprocess.run(
        [sys.executable, "-c", WORKBOOK_CHILD, str(home), ",".join(names), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    shown = html.unescape(done.stderr).replace("\xa0", " ")
    titles = [text(e.title) for e in load_library(home).exercises.values()]
    missing = [n for n in names if n not in shown]
    if done.returncode != 0 or missing or not any(t in shown for t in titles):
        raise SystemExit(f"the 'ready' frame is not ready (missing {missing or 'exercises'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    import workbook
    from workbook.glance import list_file

    compileall.compile_dir(Path(workbook.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        home, names = prepare_home(Path(tmp))
        one_run(BASELINE_CHILD)  # warm the file cache for both
        check_ready_frame(home, names)
        workbook: list[list[float]] = []
        changed: list[list[float]] = []
        baseline: list[float] = []
        for _ in range(options.runs):
            baseline.append(one_run(BASELINE_CHILD)[0])
            workbook.append(one_run(WORKBOOK_CHILD, str(home), ",".join(names)))
            list_file(home).unlink()
            changed.append(one_run(WORKBOOK_CHILD, str(home), ",".join(names)))
    bare = statistics.median(baseline)
    print(f"one-Label app ready:                median {bare * 1000:4.0f} ms ({options.runs} runs)")
    figures = (
        ("first frame:", workbook, 0),
        ("ready (names + exercises):", workbook, 1),
        ("settled (continue list):", workbook, 2),
        ("ready, exercises changed:", changed, 1),
    )
    for label, runs, index in figures:
        ours = statistics.median(times[index] for times in runs)
        print(f"workbook home {label:28s} median {ours * 1000:4.0f} ms = {ours / bare:.2f}x")
    print("target: home ready <= 1.5x the one-Label app")


if __name__ == "__main__":
    main()
