"""How fast is `workbook due`, against `jrnl` listing a 50-entry journal, in the same run?

`workbook due` is meant for a shell prompt or a cron job, so the target (issue 6) is to be no
slower than a well-known journaling CLI doing a comparable small read. This script:

1. makes a temporary workbook: a couple, 20 goals of every cadence, six weeks of check-ins;
2. makes a temporary jrnl setup (config and a 50-entry plain-text journal) through
   XDG_CONFIG_HOME / XDG_DATA_HOME and HOME pointing into the temp folder, so no real home is
   touched;
3. runs each command as a fresh subprocess several times, interleaved, and prints the medians
   and the ratio workbook / jrnl (below 1.0 means `workbook due` is faster). The console
   script answers `due` on a standard-library fast path (workbook/goals/quickdue.py); the
   full Typer CLI (`python -m workbook`) is timed too, for reference.

jrnl is optional (it is in the test extras); without it the baseline is skipped with a message.
Run: ``/work/venv/bin/python bench/due.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

GOALS = 20
WEEKS = 6
ENTRIES = 50
CADENCES = ["daily", "3/week", "mon,thu", "every 2 days", "weekly", "monthly", "2/week", "weekdays"]


def make_workbook(home: Path, today: date) -> int:
    """Fill ``home`` with a couple, goals and check-ins; return how many check-ins were made."""
    from workbook.couple import make_couple, save_couple
    from workbook.goals import repo
    from workbook.goals.schedule import CheckInStatus, is_due
    from workbook.store import Store

    rng = random.Random(6)
    start = today - timedelta(weeks=WEEKS)
    made = 0
    with Store.open(home) as store, store.transaction():
        save_couple(store, make_couple("Ana", "Ben"))
        for i in range(GOALS):
            partner = (None, "a", "b")[i % 3]
            goal = repo.add_goal(
                store,
                title=f"Goal number {i + 1}",
                cadence=CADENCES[i % len(CADENCES)],
                partner=partner,  # type: ignore[arg-type]
                start=start,
                today=start,
            )
            plan = goal.plan()
            for who in goal.partners():
                facts = []
                for offset in range(WEEKS * 7):
                    day = start + timedelta(days=offset)
                    if not is_due(plan, day, facts) or rng.random() < 0.15:
                        continue
                    status = rng.choices(
                        ["done", "partly", "skipped", "missed"], weights=[6, 2, 1, 1]
                    )[0]
                    checkin = repo.record_checkin(
                        store,
                        goal.id,
                        who,
                        status,
                        day=day,
                        today=today,
                        rating=rng.randint(3, 10),
                        skip_reason="away" if status == "skipped" else None,
                    )
                    facts.append(checkin.fact())
                    made += 1
        assert CheckInStatus.DONE  # the enum import keeps the status names honest
    return made


def make_jrnl(root: Path) -> dict[str, str]:
    """A jrnl config and 50-entry journal under ``root``; returns the environment to use."""
    config_home, data_home = root / "config", root / "data"
    (config_home / "jrnl").mkdir(parents=True)
    (data_home / "jrnl").mkdir(parents=True)
    journal = data_home / "jrnl" / "journal.txt"
    moment = datetime(2026, 1, 1, 9, 0)
    lines = []
    for i in range(ENTRIES):
        stamp = (moment + timedelta(days=i)).strftime("%Y-%m-%d %H:%M")
        lines.append(f"[{stamp}] Entry {i + 1}. A short day.\nWe talked a little, then slept.\n")
    journal.write_text("\n".join(lines), encoding="utf-8")
    import jrnl  # only to read its version for the config

    config = f"""\
version: v{jrnl.__version__}
journals:
  default:
    journal: {journal}
editor: ''
encrypt: false
template: false
default_hour: 9
default_minute: 0
timeformat: '%F %r'
tagsymbols: '#@'
highlight: false
linewrap: 79
indent_character: '|'
colors: {{body: none, date: none, tags: none, title: none}}
"""
    (config_home / "jrnl" / "jrnl.yaml").write_text(config, encoding="utf-8")
    env = dict(os.environ)
    env.update(
        {"XDG_CONFIG_HOME": str(config_home), "XDG_DATA_HOME": str(data_home), "HOME": str(root)}
    )
    return env


def timed(argv: list[str], env: dict[str, str]) -> float:
    begin = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - begin
    if done.returncode != 0:
        raise SystemExit(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()[:300]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command (median reported)")
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    workbook_cmd = [str(bindir / "workbook")] if (bindir / "workbook").exists() else []
    workbook_cmd = workbook_cmd or [sys.executable, "-m", "workbook"]
    jrnl_path = shutil.which("jrnl", path=str(bindir)) or shutil.which("jrnl")

    with tempfile.TemporaryDirectory(prefix="bench-due-") as tmp:
        root = Path(tmp)
        home = root / "workbook"
        made = make_workbook(home, date.today())
        print(f"workbook: {GOALS} goals, {made} check-ins over {WEEKS} weeks")
        wb_env = dict(os.environ, HOME=str(root))
        wb_argv = [*workbook_cmd, "--home", str(home), "due"]
        jrnl_env: dict[str, str] | None = None
        if jrnl_path is None:
            print("jrnl is not installed: skipping the baseline (pip install jrnl to compare).")
        else:
            jrnl_env = make_jrnl(root / "jrnl")
            timed([jrnl_path, "-n", str(ENTRIES)], jrnl_env)  # warm caches, check it works
        timed(wb_argv, wb_env)
        # `python -m workbook` skips the console script's fast path: the full CLI, for reference.
        full_argv = [sys.executable, "-m", "workbook", "--home", str(home), "due"]
        wb_times: list[float] = []
        jrnl_times: list[float] = []
        full_times: list[float] = []
        for _ in range(args.runs):
            wb_times.append(timed(wb_argv, wb_env))
            full_times.append(timed(full_argv, wb_env))
            if jrnl_path is not None and jrnl_env is not None:
                jrnl_times.append(timed([jrnl_path, "-n", str(ENTRIES)], jrnl_env))
        wb_median = statistics.median(wb_times)
        print(f"workbook due:        median {wb_median * 1000:7.1f} ms over {args.runs} runs")
        if jrnl_times:
            jrnl_median = statistics.median(jrnl_times)
            print(f"jrnl -n {ENTRIES} (baseline): median {jrnl_median * 1000:7.1f} ms")
            ratio = wb_median / jrnl_median
            verdict = "no slower than" if ratio <= 1.0 else "SLOWER than"
            print(f"ratio workbook/jrnl: {ratio:.2f}  ({verdict} the baseline)")
        full_median = statistics.median(full_times)
        print(
            f"for reference, the full Typer CLI (python -m workbook ... due): "
            f"median {full_median * 1000:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
