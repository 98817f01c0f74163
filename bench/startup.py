"""How fast the first screen appears: ``workbook`` in a terminal against a one-Label app.

Both are started the way people start them, in a pseudo-terminal (80x24): the workbook through
its console script (``workbook``, beside this Python), the baseline as a script that shows one
``Label``. The parent reads everything each child writes to its terminal, strips the escape
sequences and notes the moment the text it waits for first appears:

* baseline: "Hello", the one Label;
* ready: both partners' names (the home screen's header) and an exercise title (its list);
  a person can read it, move through it and start one: the figure the target is about;
* settled: the "continue where you left off" list too (due check-ins and the next program
  steps, which this home always has).

The home is filled by the demo builder (six weeks of sessions, goals and check-ins, dated
today). A normal start draws the exercise list from the list kept at the last start
(``workbook.glance``; trusted only while every exercise file is unchanged). The first start
after the exercises changed has to load the library first: it is timed too, with the kept list
removed before each such run.

The workbook's modules are compiled to bytecode first, as ``pip install`` does (Textual's
already are). Runs are interleaved and the medians compared in the same process, so machine
speed cancels out; each figure also gives the median of the per-run ratios (each workbook run
against the baseline run just before it), which holds up better when the machine's load
changes during the run. Each child is asked to quit with ctrl+q once its moment has been seen.
Target: ready <= 1.5x the one-Label app.

    /work/venv/bin/python bench/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import date
from pathlib import Path

BASELINE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Hello")

Bare().run()
"""

# Escape sequences: CSI, OSC strings, other strings, and two-byte escapes.
ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)
TIMEOUT = 20.0
QUIT = b"\x11"  # ctrl+q quits both apps


def console_script() -> Path:
    """The ``workbook`` console script installed beside this Python."""
    script = Path(sys.executable).parent / "workbook"
    if not script.exists():
        raise SystemExit(f"no console script at {script}: run `pip install -e .` first")
    return script


def screen_text(output: bytes) -> str:
    """What a terminal shows of ``output``, roughly: its text without escape sequences."""
    return ESCAPES.sub(b"", output).decode("utf-8", "replace").replace("\xa0", " ")


def in_terminal(argv: list[str], env: dict[str, str], waits: list[list[str]]) -> list[float]:
    """Seconds from starting ``argv`` in a pseudo-terminal until each group of texts showed.

    ``waits`` holds groups of strings; a group's moment is when all its strings have appeared.
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.monotonic()
    child = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    output = b""
    moments: list[float] = []
    try:
        while len(moments) < len(waits):
            if time.monotonic() - start > TIMEOUT:
                raise SystemExit(f"{argv[0]}: not seen in {TIMEOUT:.0f} s: {waits[len(moments)]}")
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise SystemExit(f"{argv[0]} ended early: {screen_text(output)[-500:]}")
            now = time.monotonic()
            output += chunk
            shown = screen_text(output)
            while len(moments) < len(waits) and all(t in shown for t in waits[len(moments)]):
                moments.append(now - start)
        os.write(master, QUIT)
        _drain_until_exit(master, child)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        os.close(master)
    return moments


def _drain_until_exit(master: int, child: subprocess.Popen[bytes]) -> None:
    """Keep reading (a full terminal would block the child) until it has quit."""
    deadline = time.monotonic() + 10
    while child.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    child.wait(timeout=max(0.1, deadline - time.monotonic()))


def prepare_home(folder: Path) -> tuple[Path, list[str], str]:
    """A home as after six weeks of use (the demo, dated today), the names and the title the
    home's exercise list shows first."""
    from workbook.couple import get_couple
    from workbook.demo import build_demo
    from workbook.exercises import load_library
    from workbook.glance import exercise_list
    from workbook.store import Store

    home = folder / "home"
    build_demo(home, end=date.today())
    with Store.open(home) as store:
        names = [p.name for p in get_couple(store).partners]
    first = exercise_list(load_library(home), "en").lines[0]  # the top line of the home's list
    return home, names, first.title


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    import workbook
    from workbook.glance import list_file

    compileall.compile_dir(Path(workbook.__file__).parent, quiet=1)
    script = console_script()
    with tempfile.TemporaryDirectory() as tmp:
        home, names, title = prepare_home(Path(tmp))
        baseline_file = Path(tmp) / "bare.py"
        baseline_file.write_text(BASELINE_APP)
        env = {**os.environ, "TERM": "xterm-256color", "WORKBOOK_HOME": str(home)}
        env.pop("TEXTUAL", None)
        bare_argv = [sys.executable, str(baseline_file)]
        home_waits = [[*names, title], ["Continue where you left off"]]
        in_terminal(bare_argv, env, [["Hello"]])  # warm the file cache for both
        in_terminal([str(script)], env, home_waits)
        workbook_runs: list[list[float]] = []
        changed: list[list[float]] = []
        baseline: list[float] = []
        for _ in range(options.runs):
            baseline.append(in_terminal(bare_argv, env, [["Hello"]])[0])
            workbook_runs.append(in_terminal([str(script)], env, home_waits))
            list_file(home).unlink()
            changed.append(in_terminal([str(script)], env, home_waits))
    bare = statistics.median(baseline)
    print(f"one-Label app ready:                median {bare * 1000:4.0f} ms ({options.runs} runs)")
    figures = (
        ("ready (names + exercises):", workbook_runs, 0),
        ("settled (continue list):", workbook_runs, 1),
        ("ready, exercises changed:", changed, 0),
    )
    for label, runs, index in figures:
        ours = statistics.median(times[index] for times in runs)
        paired = statistics.median(t[index] / b for t, b in zip(runs, baseline, strict=True))
        print(
            f"workbook home {label:28s} median {ours * 1000:4.0f} ms = {ours / bare:.2f}x"
            f" (paired runs: {paired:.2f}x)"
        )
    print("target: home ready <= 1.5x the one-Label app")


if __name__ == "__main__":
    main()
