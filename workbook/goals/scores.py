"""Scale scores over time: each partner's result per session, trends, and where they differ.

A check-in exercise with a scored scale (e.g. the bundled weekly check-in: feeling heard,
closeness, trust) produces, per partner, a total, subscale values, a band and the item
answers. :func:`record_scores` keeps them as a :class:`ScoreRecord`, one per (session, scale,
partner): scoring the same session again replaces it. Everything comes in as plain numbers and
dicts, so this module does not depend on how the exercise engine computes them.

:func:`trend` gives a partner's totals (or one subscale) in date order for charts, and
:func:`discrepancies` lists the items two partners answered at least ``threshold`` points
apart in one session: a starting point for a conversation, not a verdict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from workbook.clock import now
from workbook.errors import WorkbookError
from workbook.goals.schedule import local_today
from workbook.partners import PartnerKey
from workbook.store import Record, Repository, Store

SCORES_TABLE = "scale_scores"


class ScoreRecord(Record):
    """One partner's scored scale in one session."""

    session_id: str
    exercise_id: str
    scale_id: str
    partner: PartnerKey
    day: date
    total: float | None
    band: str | None = None
    subscales: dict[str, float | None] = Field(default_factory=dict)
    subscale_bands: dict[str, str | None] = Field(default_factory=dict)
    items: dict[str, float] = Field(default_factory=dict)
    recorded_at: datetime = Field(default_factory=now)

    @staticmethod
    def key(session_id: str, scale_id: str, partner: str) -> str:
        """The id shared by every score of one session, scale and partner (a rescore replaces)."""
        return f"{session_id}-{scale_id}-{partner}"


def scores(store: Store) -> Repository[ScoreRecord]:
    return store.repo(ScoreRecord, SCORES_TABLE)


def flatten_items(responses: Mapping[str, object]) -> dict[str, float]:
    """Item answers as ``{"item": n}`` or nested ``{"step": {"item": n}}`` -> ``{"step.item": n}``.

    Booleans and non-numbers (unanswered items) are left out.
    """
    flat: dict[str, float] = {}
    for key, value in responses.items():
        if isinstance(value, Mapping):
            for item, number in flatten_items(value).items():
                flat[f"{key}.{item}"] = number
        elif isinstance(value, int | float) and not isinstance(value, bool):
            flat[key] = float(value)
    return flat


def record_scores(
    store: Store,
    *,
    session_id: str,
    exercise_id: str,
    partner: PartnerKey,
    total: float | None,
    scale_id: str | None = None,
    band: str | None = None,
    subscales: Mapping[str, float | None] | None = None,
    subscale_bands: Mapping[str, str | None] | None = None,
    items: Mapping[str, object] | None = None,
    day: date | None = None,
) -> ScoreRecord:
    """Store (or replace) ``partner``'s score for a session's scale (default: the exercise id)."""
    if partner not in ("a", "b"):
        raise WorkbookError(f"'{partner}' is not a partner key (a or b).")
    scale = scale_id or exercise_id
    record = ScoreRecord(
        id=ScoreRecord.key(session_id, scale, partner),
        session_id=session_id,
        exercise_id=exercise_id,
        scale_id=scale,
        partner=partner,
        day=day or local_today(),
        total=total,
        band=band,
        subscales=dict(subscales or {}),
        subscale_bands=dict(subscale_bands or {}),
        items=flatten_items(items or {}),
    )
    return scores(store).put(record)


@dataclass(frozen=True)
class TrendPoint:
    """One partner's value on one session's date."""

    day: date
    session_id: str
    value: float
    band: str | None


def trend(
    store: Store, scale_id: str, *, subscale: str | None = None
) -> dict[PartnerKey, list[TrendPoint]]:
    """Each partner's total (or ``subscale``) for ``scale_id``, oldest first; gaps left out."""
    out: dict[PartnerKey, list[TrendPoint]] = {"a": [], "b": []}
    named = ("total", "band") if subscale is None else ("subscales", "subscale_bands")
    points = []
    for partner, day, at, session_id, value, band in _scored(store, scale_id, named):
        if subscale is not None:
            value, band = value.get(subscale), band.get(subscale)
        if value is not None:
            points.append(((day, at), partner, TrendPoint(day, session_id, float(value), band)))
    points.sort(key=lambda point: point[0])
    for _, partner, point in points:
        out[partner].append(point)
    return out


def _scored(store: Store, scale_id: str, named: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """Each stored score of ``scale_id``: its partner, day, time recorded, session and the
    ``named`` fields, as stored. Read without a model: the store checked every record when
    it found the file sound (a progress view reads a thousand at ten years)."""
    for partner, day, at, session_id, *values in scores(store).fields(
        ("partner", "day", "recorded_at", "session_id", *named),
        lambda doc: doc.get("scale_id") == scale_id,
    ):
        day_read, at_read = date.fromisoformat(day), datetime.fromisoformat(at)
        yield partner, day_read, at_read, session_id, *values


def first_and_latest(
    store: Store, scale_id: str
) -> dict[PartnerKey, tuple[TrendPoint, TrendPoint]]:
    """Each partner's first and latest total for ``scale_id`` (one score counts as both), for a
    program's review sitting; a partner with no score yet is left out."""
    return {
        partner: (points[0], points[-1])
        for partner, points in trend(store, scale_id).items()
        if points
    }


@dataclass(frozen=True)
class Discrepancy:
    """An item (or subscale, or the total) the partners answered ``gap`` points apart."""

    kind: Literal["item", "subscale", "total"]
    name: str
    a: float
    b: float

    @property
    def gap(self) -> float:
        return abs(self.a - self.b)


def latest_shared_session(store: Store, scale_id: str) -> str | None:
    """The most recent session in which both partners have a score for ``scale_id``."""
    partners: dict[str, set[str]] = {}
    when: dict[str, tuple[date, datetime]] = {}
    for partner, day, at, session_id in _scored(store, scale_id, ()):
        partners.setdefault(session_id, set()).add(partner)
        when[session_id] = max(when.get(session_id, (day, at)), (day, at))
    both = [s for s, who in partners.items() if who == {"a", "b"}]
    return max(both, key=lambda s: when[s], default=None)


def discrepancies(
    store: Store, session_id: str, scale_id: str, *, threshold: float = 2.0
) -> list[Discrepancy]:
    """Where the two partners differ by at least ``threshold`` points in one session.

    Items are compared on their answers; subscales and the total on their scores. Largest
    gaps first. Empty until both partners have a score for the session.
    """
    if threshold < 0:
        raise WorkbookError("The threshold is a number of points, zero or more.")
    repo = scores(store)
    a = repo.get(ScoreRecord.key(session_id, scale_id, "a"))
    b = repo.get(ScoreRecord.key(session_id, scale_id, "b"))
    if a is None or b is None:
        return []
    found: list[Discrepancy] = []
    for item in sorted(a.items.keys() & b.items.keys()):
        found.append(Discrepancy("item", item, a.items[item], b.items[item]))
    for sub in sorted(a.subscales.keys() & b.subscales.keys()):
        va, vb = a.subscales[sub], b.subscales[sub]
        if va is not None and vb is not None:
            found.append(Discrepancy("subscale", sub, va, vb))
    if a.total is not None and b.total is not None:
        found.append(Discrepancy("total", scale_id, a.total, b.total))
    wide = [d for d in found if d.gap >= threshold]
    return sorted(wide, key=lambda d: (-d.gap, d.kind, d.name))
