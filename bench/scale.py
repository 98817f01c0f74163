"""Does the workbook stay fast after years of daily use? Homes of four sizes, timed the same way.

Each home is built with the workbook's own code, the way a couple fills it day by day (the demo
builder's pieces, :mod:`workbook.demo`): the couple and journal keys; exercises played step by
step through the engine and saved as the runner saves them, three sessions a week (one of them
the weekly check-in, whose scale is scored); goals that run for the whole time beside goals
that change every half year (the old ones archived); check-ins following each goal's schedule;
and journal entries, a few a week for each partner. Sizes: six weeks, one, three and ten years
(about 21,000 records at ten years), all ending today.

Then, for each size, the figures a person feels:

* TUI screens (in-process, headless, 80x24, driven by Textual's Pilot; from the moment the
  app is started or the screen is opened until its content is shown): the home's first
  content (names and exercises) and the home settled (the "continue" list with what is due),
  the goals and progress screen, the history and an unlocked journal's list (the unlock itself,
  age's scrypt, is left out: it does not grow with the data);
* commands (the ``workbook`` console script in a fresh process, as a shell runs it):
  ``due``, ``progress``, ``goals list`` and ``export`` (which skip the Typer CLI), and
  ``couple show`` and ``checkin`` (a read and the everyday write, through it).

Targets at ten years: every screen within 0.5 s, every command but export within 0.5 s, export
within 1 s. Building the homes takes minutes; ``--homes DIR`` keeps them for the next run.

    /work/venv/bin/python bench/scale.py [--sizes 6w,1y,3y,10y] [--homes DIR] [--runs 3]
                                         [--only screens|commands]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from workbook.partners import PartnerKey

SIZES = {"6w": 42, "1y": 365, "3y": 3 * 365, "10y": 3652}
TARGETS = {"export": 1.0}
TARGET = 0.5

# Goals for the whole time: (title, cadence, owner).
LASTING_GOALS: tuple[tuple[str, str, PartnerKey | None], ...] = (
    ("Ten minutes of talk without phones", "daily", None),
    ("Cook dinner together", "3 per week", None),
    ("Stretch in the morning", "3 per week", "a"),
    ("Write down one good thing", "daily", "b"),
)
# Goals that change every half year: (title, cadence, owner).
ROTATING_GOALS: tuple[tuple[str, str, PartnerKey | None], ...] = (
    ("Walk together after dinner", "2 per week", None),
    ("Call a friend", "weekly", "a"),
    ("Go to my Thursday group", "thu", "b"),
    ("Plan a day out", "monthly", None),
)
HALF_YEAR = 182
# Sessions each week: (weekday, exercise id, author of a private run or None).
WEEKLY_SESSIONS: tuple[tuple[int, tuple[str, ...], PartnerKey | None], ...] = (
    (1, ("reflecting-back", "listening-without-fixing", "soft-start-up"), None),
    (3, ("naming-feelings", "noticing-triggers"), "a"),
    (6, ("weekly-check-in",), None),
)
# Weekdays on which each partner writes in the journal.
JOURNAL_DAYS: tuple[tuple[PartnerKey, tuple[int, ...]], ...] = (("a", (0, 2, 4)), ("b", (1, 5)))


@dataclass
class Built:
    """What a built home holds, for the printout."""

    records: int
    megabytes: float


def build_home(home: Path, days: int, end: date) -> Built:
    """Fill an empty ``home`` with ``days`` of daily use ending on ``end``."""
    from workbook.couple import make_couple, save_couple
    from workbook.demo import DEMO_NAMES, DEMO_PASSPHRASE, JOURNAL, _Player
    from workbook.exercises import load_library
    from workbook.goals.repo import add_goal, archive_goal, goals, record_checkin
    from workbook.goals.schedule import periods
    from workbook.journal import vault
    from workbook.store import Store

    rng = random.Random(days)
    library = load_library(None)
    start = end - timedelta(days=days - 1)
    notes = [
        (title, body, tags, mood)
        for items in JOURNAL.values()
        for *_, title, body, tags, mood in items
    ]
    with Store.open(home) as store, store.transaction():
        couple = make_couple(*DEMO_NAMES).model_copy(update={"safety_acknowledged": True})
        save_couple(store, couple)
        for partner in ("a", "b"):
            vault.setup_key(store, partner, DEMO_PASSPHRASE)
        player = _Player(store, library, rng, end)
        for title, cadence, owner in LASTING_GOALS:
            add_goal(store, title=title, cadence=cadence, partner=owner, start=start, today=end)
        rotation = 0
        day = start
        while day <= end:
            offset = (day - start).days
            if offset % HALF_YEAR == 0:
                ending = f"(round {rotation})"
                for goal in [g for g in goals(store).all() if g.title.endswith(ending)]:
                    archive_goal(
                        store, goal.id, reason="A new half year", today=day - timedelta(days=1)
                    )
                rotation += 1
                for extra in range(2):
                    title, cadence, owner = ROTATING_GOALS[(rotation + extra) % len(ROTATING_GOALS)]
                    add_goal(
                        store,
                        title=f"{title} (round {rotation})",
                        cadence=cadence,
                        partner=owner,
                        start=day,
                        today=end,
                    )
            week = offset // 7
            for weekday, choices, author in WEEKLY_SESSIONS:
                if day.weekday() == weekday:
                    exercise = library.get(choices[week % len(choices)])
                    last = end - day < timedelta(days=7) and weekday == 1
                    stop = exercise.steps[len(exercise.steps) // 2].id if last else None
                    player.play(exercise, day, min(6, week % 12 + 1), author, stop)
            for partner, weekdays in JOURNAL_DAYS:
                if day.weekday() in weekdays:
                    title, body, tags, mood = notes[rng.randrange(len(notes))]
                    entry = vault.add_entry(
                        store,
                        partner,
                        {"title": title, "body": body, "tags": list(tags), "mood": mood},
                    )
                    when = datetime.combine(day, clock_time(22, 15)).astimezone()
                    vault.entries(store).put(
                        entry.model_copy(update={"created": when, "updated": when})
                    )
            day += timedelta(days=1)
        for goal in goals(store).all():
            for period in periods(goal.plan(), end):
                for partner in goal.partners():
                    wanted = sum(1 for _ in range(period.target) if rng.random() < 0.8)
                    so_far = [d for d in period.eligible if d <= end]
                    chosen = sorted(rng.sample(so_far, k=min(wanted, len(so_far))))
                    for when_day in chosen:
                        roll = rng.random()
                        status = "skipped" if roll < 0.05 else "partly" if roll < 0.2 else "done"
                        record_checkin(
                            store,
                            goal.id,
                            partner,
                            status,
                            day=when_day,
                            today=end,
                            rating=rng.randint(3, 10) if rng.random() < 0.5 else None,
                            skip_reason="Away for work" if status == "skipped" else None,
                            note="Short, but we did it." if rng.random() < 0.1 else None,
                        )
        records = sum(len(store.peek(name)) for name in store.table_names())
    size = sum(f.stat().st_size for f in home.glob("*.json"))
    return Built(records, size / 1e6)


# -- the TUI -----------------------------------------------------------------------------------


async def _until(ready: Callable[[], bool]) -> None:
    """Wait until ``ready()``, looking every 2 ms (Pilot's pause waits for far more)."""
    deadline = time.perf_counter() + 60
    while not ready():
        if time.perf_counter() > deadline:
            raise SystemExit("a screen did not show its content within a minute")
        await asyncio.sleep(0.002)


def _options(app: Any, selector: str) -> int:
    found = app.screen.query(selector)
    return int(found.first().option_count) if found else 0


async def time_screens(home: Path) -> dict[str, float]:
    """Seconds until each screen shows its content, in one run of the app.

    The app starts as the console script starts it, with the cycle collector paused until its
    first frame (:func:`workbook.collector.paused`); what it then sets aside is given
    back after the run, so each run starts alike.
    """
    import gc

    from workbook.collector import paused

    try:
        with paused():
            return await _time_screens(home)
    finally:
        gc.unfreeze()


async def _time_screens(home: Path) -> dict[str, float]:
    from workbook.demo import DEMO_PASSPHRASE
    from workbook.journal import vault
    from workbook.tui.app import create_app
    from workbook.tui.screens.history import HistoryScreen
    from workbook.tui.screens.journal import JournalScreen
    from workbook.tui.screens.progress import ProgressScreen

    out: dict[str, float] = {}
    started = time.perf_counter()
    app = create_app(home)

    def named() -> bool:
        shown = app.screen_stack and "Jordan" in str(app.screen.sub_title)
        return bool(shown) and _options(app, "#exercise-list") > 0

    async with app.run_test(size=(80, 24)) as pilot:
        await _until(named)
        out["home: names and exercises"] = time.perf_counter() - started
        await _until(lambda: _options(app, "#continue-list") > 0)
        out["home: continue list"] = time.perf_counter() - started

        async def opened(label: str, make: Callable[[], Any], selector: str) -> None:
            begin = time.perf_counter()
            await app.push_screen(make())
            await _until(lambda: _options(app, selector) > 0)
            await pilot.pause()  # whatever the first resume does counts too
            out[label] = time.perf_counter() - begin
            app.pop_screen()
            await pilot.pause()

        await opened("goals and progress screen", ProgressScreen, "#progress-list")
        await opened("history screen", HistoryScreen, "#history-list")
        session = vault.unlock(app.require_store(), "a", DEMO_PASSPHRASE)
        await opened("journal list (unlocked)", lambda: JournalScreen(session), "#journal-entries")
    return out


# -- commands ----------------------------------------------------------------------------------


def command_env(folder: Path) -> dict[str, str]:
    """The environment of a timed command: byte code cached (in ``folder``, not the tree).

    An installed package runs from compiled byte code; an environment that says
    ``PYTHONDONTWRITEBYTECODE`` would have every command compile the workbook's source again
    (a fifth of a second here), which no person's shell pays.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def time_commands(home: Path, folder: Path) -> dict[str, float]:
    """Seconds each command takes in a fresh process of the console script, from start to
    end and in processor time (on a busy machine the first also counts waiting for a core)."""
    script = str(Path(sys.executable).parent / "workbook")
    env = command_env(folder)
    listed = subprocess.run(
        [script, "--home", str(home), "goals", "list", "--format", "json"],
        capture_output=True,
        check=True,
        env=env,
    )
    shared = next(g for g in json.loads(listed.stdout) if g["shared"] and g["status"] == "active")
    commands = {
        "workbook due": ["due"],
        "workbook progress": ["progress"],
        "workbook goals list": ["goals", "list"],
        "workbook export": ["export", "--force", "-o", str(folder / "report.md")],
        # Through the Typer CLI: a plain read, and the everyday write (today's check-in,
        # replaced at each run, so the home keeps its size).
        "workbook couple show": ["couple", "show"],
        "workbook checkin": ["checkin", shared["id"], "--partner", "a", "--status", "done"],
    }
    out: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for label, args in commands.items():
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        done = subprocess.run(
            [script, "--home", str(home), *args], capture_output=True, check=False, env=env
        )
        out[label] = time.perf_counter() - begin
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[f"{label} (cpu)"] = (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"{label} failed: {done.stderr.decode()[-400:]}")
    return {**out, **cpu}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--homes", type=Path, help="keep (and reuse) the built homes here")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only", choices=("screens", "commands"), help="time only the screens or the commands"
    )
    options = parser.parse_args()
    sizes = options.sizes.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        base = options.homes or Path(tmp)
        figures: dict[str, dict[str, float]] = {}
        built: dict[str, Built] = {}
        for size in sizes:
            home = base / f"home-{size}-{date.today().isoformat()}"
            done = home / "built"
            if not done.exists():
                shutil.rmtree(home, ignore_errors=True)
                began = time.perf_counter()
                built[size] = build_home(home, SIZES[size], date.today())
                done.touch()
                print(f"built {size}: {time.perf_counter() - began:.0f} s", file=sys.stderr)
            else:
                built[size] = measure_built(home)
            figures[size] = {}
            if options.only != "commands":
                if len(figures) == 1:  # imports and first-use costs: paid once, not counted
                    asyncio.run(time_screens(home))
                screens = [asyncio.run(time_screens(home)) for _ in range(options.runs)]
                figures[size].update(median_of(screens))
            if options.only != "screens":
                if len(figures) == 1:  # compiles the byte code once, not counted
                    time_commands(home, Path(tmp))
                commands = [time_commands(home, Path(tmp)) for _ in range(options.runs)]
                figures[size].update(median_of(commands))
    header = f"{'median seconds':34s}" + "".join(f"{size:>8s}" for size in sizes)
    print(header)
    print(f"{'records':34s}" + "".join(f"{built[s].records:8d}" for s in sizes))
    print(f"{'data file (MB)':34s}" + "".join(f"{built[s].megabytes:8.1f}" for s in sizes))
    for label in figures[sizes[0]]:
        row = "".join(f"{figures[s][label]:8.2f}" for s in sizes)
        limit = TARGETS.get(label.removeprefix("workbook ").removesuffix(" (cpu)"), TARGET)
        verdict = "" if figures[sizes[-1]][label] <= limit else f"  over {limit} s"
        print(f"{label:34s}{row}{verdict}")
    print("targets for the largest home: screens and commands 0.5 s, export 1 s")


def measure_built(home: Path) -> Built:
    """Records and size of a home built by an earlier run."""
    from workbook.store import Store

    with Store.open(home, readonly=True) as store:
        records = sum(len(store.peek(name)) for name in store.table_names())
    size = sum(f.stat().st_size for f in home.glob("*.json"))
    return Built(records, size / 1e6)


if __name__ == "__main__":
    main()
