"""Which model every stored table holds, so the whole file can be checked when it is loaded.

The store checks every record of every table named here before it hands out a record, takes a
backup or writes (issue 11: one damaged record used to fail reads with a crash while writes went
on and every daily backup copied the damage). Models are named by module and class, not
imported, so that opening the store stays cheap: they load only when a file has to be checked.
:meth:`workbook.store.Store.repo` refuses a model that differs from the one named here, and a
test holds every table constant to this list.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

TABLE_MODELS: dict[str, tuple[str, str]] = {
    "couple": ("workbook.couple", "Couple"),
    "sessions": ("workbook.sessions", "SessionRecord"),
    "goals": ("workbook.goals.models", "Goal"),
    "checkins": ("workbook.goals.models", "CheckIn"),
    "scale_scores": ("workbook.goals.models", "ScoreRecord"),
    "journal_keys": ("workbook.journal.models", "JournalKey"),
    "journal_entries": ("workbook.journal.models", "JournalEntry"),
}


def model_name(model: type[Any]) -> tuple[str, str]:
    """(module, class name) of a model class, as :data:`TABLE_MODELS` names them."""
    return model.__module__, model.__qualname__


@cache
def table_checker(table: str) -> Any | None:
    """A Pydantic ``TypeAdapter`` for one table's documents (``None``: no model is named)."""
    named = TABLE_MODELS.get(table)
    if named is None:
        return None
    from pydantic import TypeAdapter

    model = getattr(importlib.import_module(named[0]), named[1])
    return TypeAdapter(dict[str, model])  # type: ignore[valid-type]
