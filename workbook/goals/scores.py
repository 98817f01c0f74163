"""Scale scores over time: each partner's result per session, trends, and where they differ.

A check-in exercise with a scored scale (e.g. the bundled weekly check-in: feeling heard,
closeness, trust) produces, per partner, a total, subscale values, a band and the item
answers. :func:`record_scores` keeps them as a :class:`~workbook.goals.models.ScoreRecord`,
one per (session, scale, partner): scoring the same session again replaces it. Everything comes
in as plain numbers and dicts, so this module does not depend on how the exercise engine
computes them. What it reads, it reads without the models (``workbook progress`` imports no
Pydantic; :mod:`workbook.goals.progress`).

:func:`trend` gives a partner's totals (or one subscale) in date order for charts, and
:func:`discrepancies` lists the items two partners answered at least ``threshold`` points
apart in one session: a starting point for a conversation, not a verdict.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from workbook.errors import WorkbookError
from workbook.goals.schedule import local_today
from workbook.partners import PARTNERS, PartnerKey

if TYPE_CHECKING:
    from workbook.goals.models import ScoreRecord
    from workbook.store import Repository, Store

SCORES_TABLE = "scale_scores"


def score_key(session_id: str, scale_id: str, partner: str) -> str:
    """The id shared by every score of one session, scale and partner (a rescore replaces)."""
    return f"{session_id}-{scale_id}-{partner}"


def scores(store: Store) -> Repository[ScoreRecord]:
    from workbook.goals.models import ScoreRecord

    return store.repo(ScoreRecord, SCORES_TABLE)


def scored_scales(store: Store) -> list[str]:
    """The id of every scale with a stored score, in order (read without the models)."""
    return sorted({scale for (scale,) in store.fields(SCORES_TABLE, ("scale_id",))})


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
    from workbook.goals.models import ScoreRecord

    scale = scale_id or exercise_id
    record = ScoreRecord(
        id=score_key(session_id, scale, partner),
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
    for partner, day, at, session_id, *values in store.fields(
        SCORES_TABLE,
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
    # Read without the models, as the trends are (:func:`_scored`).
    both = {score_key(session_id, scale_id, partner): partner for partner in PARTNERS}
    found_by = {
        both[key]: (total, subscales, items)
        for key, total, subscales, items in store.fields(
            SCORES_TABLE,
            ("id", "total", "subscales", "items"),
            lambda doc: doc.get("id") in both,
        )
    }
    if len(found_by) < len(PARTNERS):
        return []
    (a_total, a_subs, a_items), (b_total, b_subs, b_items) = (found_by[p] for p in PARTNERS)
    found: list[Discrepancy] = []
    for item in sorted(a_items.keys() & b_items.keys()):
        found.append(Discrepancy("item", item, float(a_items[item]), float(b_items[item])))
    for sub in sorted(a_subs.keys() & b_subs.keys()):
        va, vb = a_subs[sub], b_subs[sub]
        if va is not None and vb is not None:
            found.append(Discrepancy("subscale", sub, float(va), float(vb)))
    if a_total is not None and b_total is not None:
        found.append(Discrepancy("total", scale_id, float(a_total), float(b_total)))
    wide = [d for d in found if d.gap >= threshold]
    return sorted(wide, key=lambda d: (-d.gap, d.kind, d.name))
