"""``workbook goals list``: every goal with its id, who it is for, cadence and status.

The one implementation of the command, shared by the Typer CLI (:mod:`workbook.cli.goals`) and
the console script's fast line (:mod:`workbook.quick`); it imports neither, nor Pydantic: it
reads the goals and the couple from the stored documents (:mod:`workbook.goals.plain`). It
reads without the lock, prints a table through Rich or JSON for scripts, and fails by raising
:class:`~workbook.errors.WorkbookError`, which the caller's exit point turns into a sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from workbook import console
from workbook.console import ListFormat
from workbook.glance import required_couple_glance

if TYPE_CHECKING:
    from workbook.glance import CoupleGlance
    from workbook.goals.plain import StoredGoal

NO_GOALS = "No goals yet. Add one with `workbook goals add`."


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class _Partners(Protocol):
    def partner(self, key: str, /) -> _Named: ...


class _ForWhom(Protocol):
    @property
    def partner(self) -> str | None: ...


def who(couple: _Partners, goal: _ForWhom) -> str:
    """Whom ``goal`` is for, as people read it: "both", or the partner's name (a model or a
    glance of either)."""
    if goal.partner is None:
        return "both"
    return couple.partner(goal.partner).name


def goal_json(couple: CoupleGlance, goal: StoredGoal) -> dict[str, Any]:
    """``goal`` for ``--format json``; a private goal's words stay out."""
    return {
        "id": goal.id,
        "title": goal.display_title(),
        "why": "" if goal.private else goal.why,
        "shared": goal.shared,
        "partner": goal.partner,
        "partner_name": None if goal.partner is None else couple.partner(goal.partner).name,
        "private": goal.private,
        "cadence": goal.cadence.to_text(),
        "cadence_words": goal.cadence.describe(),
        "status": goal.status.value,
        "start_date": goal.start_date.isoformat(),
        "target_date": None if goal.target_date is None else goal.target_date.isoformat(),
        "source": goal.source._asdict(),
        "adjustments": len(goal.adjustments),
    }


def _echo(text: str) -> None:
    """Print ``text`` and a newline for a script: in standard output's encoding, or as UTF-8
    when it claims ASCII (a locale set wrong; Typer's echo, which printed this before, did so)."""
    import codecs
    import sys

    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is not None and codecs.lookup(out.encoding or "ascii").name == "ascii":
        out.flush()
        buffer.write(f"{text}\n".encode("utf-8", "replace"))
        buffer.flush()
        return
    out.write(f"{text}\n")
    out.flush()


def list_goals(home: Path, fmt: ListFormat = ListFormat.table) -> None:
    """Print every goal in ``home``, oldest first, as a table or (``fmt``) JSON."""
    from workbook.goals.plain import GOALS_TABLE, StoredGoal, by_age

    with console.open_store(home, readonly=True) as store:
        couple = required_couple_glance(store)
        found = sorted(map(StoredGoal.read, store.peek(GOALS_TABLE)), key=by_age)
    if fmt is ListFormat.json:
        import json

        _echo(json.dumps([goal_json(couple, g) for g in found], indent=2, ensure_ascii=False))
        return
    if not found:
        console.stdout().print(NO_GOALS, markup=False)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table("id", "goal", "for", "how often", "status", box=None, pad_edge=False)
    for goal in found:
        # Text cells: a title shows as typed ("[draft]" is no markup tag) and is not parsed.
        cells = (goal.id[:8], goal.display_title(), who(couple, goal), goal.cadence.describe(),
                 goal.status.value)  # fmt: skip
        table.add_row(*(Text(cell) for cell in cells))
    console.stdout().print(table)
