"""The fast path for ``workbook due``: answer from the data file with the standard library only.

``workbook due`` is meant for a shell prompt or a cron job. Importing Typer, Rich and Pydantic
alone takes longer than ``jrnl`` needs to list fifty entries (``bench/due.py``), so the console
script's entry point (:mod:`workbook.entry`) offers the command line to :func:`try_run` first.

This path is strictly an optimisation, never a second source of truth or of messages:

- it accepts only ``[--home DIR] due [--date D]`` (the ``--home`` read as the other fast lines
  read it, :func:`workbook.entry.split_home`) and the environment's ``WORKBOOK_HOME``;
- it reads the data file only when the store has found that very file sound (every record
  checked; :mod:`workbook.checked`) and its schema version is the one this build writes, and
  only through the same plan and due logic (:mod:`workbook.goals.schedule`) the store-backed
  query uses; records are read field by field and checked as they are converted;
- on anything unexpected (no file, damage, another version, a bad date, a missing couple)
  it returns None and the full CLI runs instead, which reports the problem properly.

The printed lines come from :func:`render`, which the full ``due`` command uses too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbook import locations
from workbook.goals.plain import GoalStatus, StoredGoal
from workbook.goals.schedule import (
    CheckInStatus,
    Fact,
    due_status,
    local_today,
    parse_local_day,
    period_on,
    progress_text,
)
from workbook.store.migrations import CURRENT_VERSION, META_TABLE

# Every table due_lines reads.
DUE_TABLES = (META_TABLE, "couple", "goals", "checkins")


@dataclass(frozen=True)
class DueLine:
    """One line of ``workbook due``: a goal due for a partner, with today's answer if any."""

    goal_id: str
    title: str
    progress: str
    answered: str | None


def render(partners: Sequence[tuple[str, str]], lines: Mapping[str, Sequence[DueLine]]) -> str:
    """The text ``workbook due`` prints, for (key, name) partners and their due lines."""
    out: list[str] = []
    for key, name in partners:
        mine = lines.get(key, ())
        if not mine:
            out.append(f"{name}: nothing due")
            continue
        out.append(f"{name}:")
        for line in mine:
            mark = "✓" if line.answered is not None else "·"
            extra = f" ({line.progress})" if line.progress else ""
            answered = f" [{line.answered}]" if line.answered is not None else ""
            out.append(f"  {mark} {line.goal_id[:8]}  {line.title}{extra}{answered}")
    return "\n".join(out) + "\n"


def write(text: str) -> None:
    """Print ``text``; a terminal that cannot show ✓ or · gets "?" rather than a crash."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    sys.stdout.write(text.encode(encoding, "replace").decode(encoding))
    sys.stdout.flush()


class _Unreadable(Exception):
    """The fast path cannot answer; the full CLI takes over."""


def parse_argv(argv: Sequence[str]) -> tuple[str | None, str | None] | None:
    """(home, date text) for ``[--home DIR] due [--date D]``; None for any other command line."""
    from workbook.entry import split_home  # the standard library only, like this path

    split = split_home(argv)
    if split is None:
        return None
    home, args = split
    if args[:1] != ["due"]:
        return None
    rest = args[1:]
    if not rest:
        return home, None
    if len(rest) == 2 and rest[0] == "--date":
        return home, rest[1]
    if len(rest) == 1 and rest[0].startswith("--date="):
        return home, rest[0].split("=", 1)[1]
    return None


def _day(text: str | None) -> date:
    day = local_today() if text is None else parse_local_day(text)
    if day is None:
        raise _Unreadable
    return day


def _table(raw: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    table = raw.get(name, {})
    if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
        raise _Unreadable
    return list(table.values())


def due_lines(
    raw: Mapping[str, Any], day: date
) -> tuple[list[tuple[str, str]], dict[str, list[DueLine]]]:
    """Partners and their due lines on ``day``, from the raw data file contents."""
    meta = _table(raw, META_TABLE)
    if [m.get("schema_version") for m in meta] != [CURRENT_VERSION]:
        raise _Unreadable
    couples = _table(raw, "couple")
    if len(couples) != 1:
        raise _Unreadable
    partners = [(str(p["key"]), str(p["name"])) for p in couples[0]["partners"]]
    active = []
    for doc in _table(raw, "goals"):
        if doc["status"] != GoalStatus.ACTIVE:
            continue
        goal = StoredGoal.read(doc)
        plan = goal.plan()
        if period_on(plan, day) is not None:
            active.append((goal.created_at, goal.id, goal, plan))
    active.sort(key=lambda item: item[:2])
    wanted = {goal_id for _, goal_id, _, _ in active}
    facts: dict[tuple[str, str], list[Fact]] = {}
    for doc in _table(raw, "checkins"):
        if doc["goal_id"] in wanted:
            fact = Fact(date.fromisoformat(doc["day"]), CheckInStatus(doc["status"]))
            facts.setdefault((doc["goal_id"], doc["partner"]), []).append(fact)
    lines: dict[str, list[DueLine]] = {key: [] for key, _ in partners}
    for _, goal_id, goal, plan in active:
        title = goal.display_title()
        for partner in goal.partners():
            mine = facts.get((goal_id, partner), [])
            status = due_status(plan, day, mine)
            if status is None:
                continue
            answered = next((f.status.value for f in mine if f.day == day), None)
            progress = progress_text(*status)
            lines.setdefault(partner, []).append(DueLine(goal_id, title, progress, answered))
    return partners, lines


def try_run(argv: Sequence[str]) -> int | None:
    """Print ``workbook due`` and return 0, or return None to let the full CLI handle it."""
    parsed = parse_argv(argv)
    if parsed is None:
        return None
    try:
        day = _day(parsed[1])
        home = locations.home_dir(parsed[0])
        import orjson  # the store's own JSON library; a few milliseconds

        from workbook import checked
        from workbook.store import layout

        with locations.data_file(home).open("rb") as fh:
            note = checked.read(home, checked.identity(os.fstat(fh.fileno())))
            if note is None:
                return None  # not known to be sound: the full CLI checks every record
            data = fh.read()
        # Only the tables `due` reads, where the note says they lie (at ten years a third of
        # the file); the whole file when it does not say.
        raw = None if note.tables is None else layout.tables_in(data, note.tables, DUE_TABLES)
        if raw is None:
            raw = orjson.loads(data)
        if not isinstance(raw, dict):
            return None
        partners, lines = due_lines(raw, day)
    except (_Unreadable, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    write(render(partners, lines))
    return 0
