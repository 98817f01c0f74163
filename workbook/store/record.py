"""The base of every stored record: a Pydantic model with an id and no unknown fields.

Kept apart from :mod:`workbook.store.db` so that opening the store does not import Pydantic
(about 40 ms): the TUI's first frame reads only what it shows through :meth:`Store.peek`, and
the models (and Pydantic) load right after it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from workbook.store.db import new_id


class Record(BaseModel):
    """Base for every stored record: a Pydantic model with an id and no unknown fields."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=new_id)
