"""``workbook progress``: per goal and partner, streaks (skips excused), completion and ratings,
then each scale's scores over time.

The one implementation of the command, shared by the Typer CLI (:mod:`workbook.cli.goals`) and
the console script's fast line (:mod:`workbook.quick`); it imports neither. It reads without
the lock and fails by raising :class:`~workbook.errors.WorkbookError`, which the caller's exit
point turns into a sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbook import console
from workbook.glance import CoupleGlance, required_couple_glance
from workbook.wording import count, number

if TYPE_CHECKING:
    from workbook.goals.plain import StoredGoal
    from workbook.goals.progress import GoalProgress
    from workbook.goals.scores import Discrepancy, TrendPoint
    from workbook.partners import PartnerKey

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
NOTHING_YET = "No goals in progress. Add one with `workbook goals add`."
DEFAULT_LAST = 12
FOOTNOTE = "Skips are excused: they never break a streak. Charts: oldest to newest."


def sparkline(values: list[float], low: float | None = None, high: float | None = None) -> str:
    """Values as block characters (▁ to █), scaled to ``low``..``high`` (default: their range)."""
    if not values:
        return ""
    lo = min(values) if low is None else low
    hi = max(values) if high is None else high
    span = hi - lo
    top = len(SPARK_BLOCKS) - 1
    return "".join(
        SPARK_BLOCKS[top if span <= 0 else round((min(max(v, lo), hi) - lo) / span * top)]
        for v in values
    )


def show_progress(home: Path, *, history: bool = False, last: int = DEFAULT_LAST) -> None:
    """Print the progress of ``home``'s goals and scores; ``last`` periods in each chart, and
    each goal's changes too with ``history``."""
    from workbook.goals import progress as goal_progress
    from workbook.goals import scores

    with console.open_store(home, readonly=True) as store:
        couple = required_couple_glance(store)
        summary = goal_progress.progress(store)
        scale_ids = scores.scored_scales(store)
        trends = {scale: scores.trend(store, scale) for scale in scale_ids}
        gaps = {}
        for scale in scale_ids:
            session = scores.latest_shared_session(store, scale)
            gaps[scale] = [] if session is None else scores.discrepancies(store, session, scale)
    if not summary and not scale_ids:
        console.stdout().print(NOTHING_YET, markup=False)
        return
    if summary:
        _goal_table(couple, summary, history=history, last=last)
    if scale_ids:
        _score_trends(home, couple, trends, gaps, last=last)


def _score_trends(
    home: Path,
    couple: CoupleGlance,
    trends: dict[str, dict[PartnerKey, list[TrendPoint]]],
    gaps: dict[str, list[Discrepancy]],
    *,
    last: int,
) -> None:
    """Each scale's scores per partner as a sparkline, and the items seen differently."""
    from rich.text import Text

    from workbook.scale_labels import scale_labels

    out = console.stdout()
    labels = scale_labels(
        home, sorted(trends), {p.key: p.name for p in couple.partners}, couple.language
    )
    for scale in sorted(trends):
        title, item_names = labels[scale].title, labels[scale].items
        out.print(Text(f"\n{title}: scores, oldest to newest", "bold"))
        values = [p.value for points in trends[scale].values() for p in points[-last:]]
        for partner in couple.partners:
            points = trends[scale][partner.key][-last:]
            if not points:
                continue
            latest = points[-1]
            band = f"  {latest.band}" if latest.band else ""
            line = Text(f"  {partner.name:<12} ", style=partner.colour)
            # One scale for both partners, so their lines can be compared.
            line.append(sparkline([p.value for p in points], min(values), max(values)))
            line.append(f"  latest {number(latest.value)} ({latest.day.isoformat()}){band}")
            out.print(line)
        wide = [d for d in gaps[scale] if d.kind == "item"]
        if wide:
            names = ", ".join(item_names.get(d.name, d.name.rsplit(".", 1)[-1]) for d in wide)
            out.print(Text(f"  Seen differently last time (2+ points apart): {names}", "dim"))


def _goal_table(
    couple: CoupleGlance, summary: list[GoalProgress[StoredGoal]], *, history: bool, last: int
) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console.stdout()
    table = Table(
        "goal", "who", "streak", "best", "done", "completion", "ratings", box=None, pad_edge=False
    )
    for item in summary:
        goal = item.goal
        unit = goal.cadence.period_unit()
        for index, mine in enumerate(item.partners):
            partner = couple.partner(mine.partner)
            rate = mine.streaks.completion_rate
            completion = [f for _, f in mine.completion(last)]
            ratings = [float(r) for _, r in mine.ratings[-last:]]
            table.add_row(
                Text(goal.display_title() if index == 0 else ""),
                Text(partner.name, style=partner.colour),
                count(mine.streaks.current, unit),
                str(mine.streaks.best),
                "–" if rate is None else f"{rate:.0%}",
                Text(sparkline(completion, 0.0, 1.0), style="green"),
                Text(sparkline(ratings, 1.0, 10.0), style=partner.colour),
            )
    out.print(table)
    if history:
        for item in summary:
            if not item.adjustments:
                continue
            out.print(Text(f"\n{item.goal.display_title()}: changes", "bold"))
            for adj in item.adjustments:
                change = f"{adj.field}: {adj.old or '–'} → {adj.new or '–'}"
                if item.goal.private and adj.field in {"title", "why"}:
                    change = f"{adj.field} changed"
                why = f" ({adj.reason})" if adj.reason else ""
                out.print(Text(f"  {adj.at.date().isoformat()}  {change}{why}"))
    out.print(Text(FOOTNOTE, "dim"))
