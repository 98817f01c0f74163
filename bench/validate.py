"""How fast is `workbook validate` on 500 exercise files, against yamllint and check-jsonschema?

Issue 3 asks `workbook validate` to beat both common baselines on the same files, in one run:

* ``yamllint`` (syntax and style only; it knows nothing of the exercise format);
* ``check-jsonschema --schemafile exercises/schema.json`` (the exported schema; it checks
  structure, not references between steps, conditions or placeholders).

`workbook validate` does strictly more: safe parsing with positions, the models, reference
checks, conditions and placeholders. The script:

1. writes ``--files`` (default 500) generated exercise files (about 2 KB each, every step kind,
   conditions and placeholders) into a temporary folder;
2. times the loader in-process (``load_paths``, best of ``--runs``), then each command as a
   subprocess (median of ``--runs``): ``python -m workbook validate``, ``yamllint``,
   ``check-jsonschema``;
3. prints each time and the ratio baseline / workbook (above 1.0 means workbook is faster).

A baseline whose tool is not installed (both are in the test extras) is skipped with a message.
Run: ``/work/venv/bin/python bench/validate.py [--files N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "exercises" / "schema.json"

TEMPLATE = """\
# yaml-language-server: $schema={schema}
id: generated-{n:04d}
version: 1
title: Generated exercise {n}
summary: A generated exercise used to time validation; every step kind appears once.
category: {category}
mode: together
minutes: {minutes}
tags: [generated, listening, bench]
approach: Speaker-listener dialogue with paced breathing
safety_notes:
  - If either of you feels flooded, stop and take a break.
steps:
  - id: welcome
    kind: read
    text: |
      Welcome, {{a}} and {{b}}. Find a quiet place and sit side by side.
      This exercise takes about {minutes} minutes.
  - id: feel
    kind: choice
    who: each
    blind: true
    text: "{{me}}, how do you feel right now?"
    options:
      - calm
      - {{value: tense, label: A bit tense}}
      - tired
  - id: calm_down
    kind: pause
    when: answers.feel == "tense"
    seconds: 90
    breathing: {{inhale: 4, hold: 2, exhale: 6}}
    text: Let's breathe together for a moment first.
  - id: closeness
    kind: scale
    who: each
    min: 0
    max: 10
    min_label: far apart
    max_label: very close
    text: How close do you feel this week?
  - id: topics
    kind: checklist
    text: What would you like to talk about?
    items: [money, chores, time together, family]
  - id: hope
    kind: prompt
    who: each
    text: "{{me}}, what is one thing you hope {{partner}} hears today?"
  - id: show
    kind: reveal
    steps: [feel, hope]
  - id: i_statement
    kind: fill
    who: each
    template: I feel {{feeling}} when {{situation}}, because I need {{need}}.
    blanks:
      - {{id: feeling, suggestions: [worried, hurt, hopeful]}}
      - {{id: situation, label: what happened}}
      - {{id: need, suggestions: [rest, closeness]}}
  - id: money_talk
    kind: timer
    when: '"money" in answers.topics and answers.closeness >= 3'
    seconds: 300
    text: Five minutes on how money felt growing up.
  - id: listen
    kind: turns
    rounds: 1
    speaker_seconds: 180
    speaker_prompt: Share your I-statement.
    listener_prompt: Listen for feelings and needs.
  - id: plan
    kind: agreement
    template: "This week: {{answers.i_statement.a}} / {{answers.i_statement.b}}"
    creates_goal: {{title: Weekly listening time, cadence: weekly}}
"""

CATEGORIES = ["communication", "conflict", "trust-intimacy", "boundaries", "growth"]


def generate(folder: Path, count: int) -> list[Path]:
    """Write ``count`` exercise files into ``folder``; return their paths."""
    paths = []
    for n in range(count):
        path = folder / CATEGORIES[n % len(CATEGORIES)] / f"generated-{n:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = TEMPLATE.format(
            n=n, category=CATEGORIES[n % len(CATEGORIES)], minutes=10 + n % 30, schema=SCHEMA
        )
        path.write_text(text)
        paths.append(path)
    return paths


def tool(name: str) -> str | None:
    """A command from this interpreter's environment, else from PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def median_run(command: list[str], runs: int, cwd: Path) -> tuple[float, int]:
    """Median wall time of ``command`` over ``runs`` runs, and its last exit code."""
    times = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(times), code


def best_of(function: Callable[[], object], runs: int) -> float:
    """Best wall time of ``function`` over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from workbook.exercises import load_paths

    with tempfile.TemporaryDirectory(prefix="wb-bench-validate-") as temp:
        folder = Path(temp) / "pack"
        paths = generate(folder, args.files)
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} files, {size / len(paths) / 1024:.1f} KiB each on average")

        library = load_paths([folder])
        if library.problems or len(library.exercises) != len(paths):
            print("generated files do not validate:", *library.problems[:5], sep="\n  ")
            return 1
        in_process = best_of(lambda: load_paths([folder]), args.runs)

        home = Path(temp) / "home"
        ours_cmd = [sys.executable, "-m", "workbook", "--home", str(home), "validate", str(folder)]
        ours, code = median_run(ours_cmd, args.runs, ROOT)
        if code != 0:
            print(f"workbook validate exited {code} on the generated files")
            return 1

        rows = [
            ("workbook validate (in-process loader)", in_process, None),
            ("workbook validate (CLI subprocess)", ours, None),
        ]
        baselines: list[tuple[str, list[str]]] = []
        yamllint = tool("yamllint")
        if yamllint:
            baselines.append(("yamllint -d relaxed", [yamllint, "-d", "relaxed", str(folder)]))
        else:
            print("skipped yamllint: not installed (pip install yamllint)")
        checker = tool("check-jsonschema")
        if checker:
            command = [checker, "--schemafile", str(SCHEMA), *map(str, paths)]
            baselines.append(("check-jsonschema --schemafile schema.json", command))
        else:
            print("skipped check-jsonschema: not installed (pip install check-jsonschema)")
        for name, command in baselines:
            seconds, code = median_run(command, args.runs, ROOT)
            rows.append((name, seconds, code))

    print(f"\n{'command':<44} {'seconds':>8}  {'baseline / workbook CLI':>24}")
    for name, seconds, code in rows:
        ratio = f"{seconds / ours:>10.2f}x" if code is not None else ""
        note = f"  (exit {code})" if code else ""
        print(f"{name:<44} {seconds:>8.3f}  {ratio:>24}{note}")
    print(f"\nin-process loader: {args.files / in_process:,.0f} files per second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
