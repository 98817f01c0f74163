"""Score a multi-item scale: reverse keys, sum or mean, subscales and bands.

An exercise with a ``scale`` section (see the authoring guide) asks items on one or more
``scale`` steps; this module turns one person's numbers into a :class:`ScoreResult`. It only
reads the exercise and the numbers, so the engine, the session store (which keeps each
partner's score for trends) and the tests all score the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import JsonValue

from workbook.exercises.models import Exercise, ScaleStep, text


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """A scored scale for one person: totals are ``None`` until every item is answered."""

    total: float | None
    band: str | None
    subscales: dict[str, float | None] = field(default_factory=dict)
    subscale_bands: dict[str, str | None] = field(default_factory=dict)
    answered: int = 0
    expected: int = 0

    @property
    def complete(self) -> bool:
        """Whether every scored item has an answer."""
        return self.answered == self.expected


def responses(
    answers: Mapping[str, Mapping[str, JsonValue]], key: str
) -> dict[str, dict[str, JsonValue]]:
    """One answer key's multi-item answers in a session (step id -> item id -> number).

    ``answers`` is a session's answers (step id -> answer key -> value), as the engine keeps
    them; steps ``key`` did not answer with items are left out.
    """
    found: dict[str, dict[str, JsonValue]] = {}
    for step_id, given in answers.items():
        value = given.get(key)
        if isinstance(value, dict):
            found[step_id] = value
    return found


def score(
    exercise: Exercise, responses: Mapping[str, Mapping[str, Any]], lang: str = "en"
) -> ScoreResult | None:
    """Score ``responses`` (scale step id -> item id -> number) by the exercise's ``scale``.

    Reverse-keyed items score as ``min + max - response``. The total (and each subscale) is the
    sum or the mean of its item scores, and ``None`` until every item is answered. The band is
    the label of the highest cutoff at or below the score. ``None`` when the exercise has no
    scale.
    """
    scoring = exercise.scale
    if scoring is None:
        return None
    wanted = set(scoring.steps)
    items: list[tuple[str | None, float | None]] = []
    for step in exercise.steps:
        if not isinstance(step, ScaleStep) or not step.items:
            continue
        if wanted and step.id not in wanted:
            continue
        given = responses.get(step.id, {})
        for item in step.items:
            raw = given.get(item.id)
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                items.append((item.subscale, None))
                continue
            lo, hi = step.item_range(item)
            items.append((item.subscale, float(lo + hi - raw if item.reverse else raw)))

    def combine(values: list[float | None]) -> float | None:
        if not values or any(v is None for v in values):
            return None
        numbers = [v for v in values if v is not None]
        total = math.fsum(numbers)
        return total if scoring.scoring == "sum" else total / len(numbers)

    def band(value: float | None, cutoffs: Sequence[Any]) -> str | None:
        if value is None:
            return None
        label = None
        for cutoff in cutoffs:
            if value >= cutoff.min:
                label = text(cutoff.label, lang)
        return label

    total = combine([v for _, v in items])
    subscales: dict[str, float | None] = {}
    subscale_bands: dict[str, str | None] = {}
    for sub in scoring.subscales:
        value = combine([v for s, v in items if s == sub.id])
        subscales[sub.id] = value
        subscale_bands[sub.id] = band(value, sub.cutoffs)
    return ScoreResult(
        total=total,
        band=band(total, scoring.cutoffs),
        subscales=subscales,
        subscale_bands=subscale_bands,
        answered=sum(1 for _, v in items if v is not None),
        expected=len(items),
    )
