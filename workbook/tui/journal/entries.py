"""How a journal entry is named in the list: its date and, without a title, its first line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.journal.vault import OpenEntry


def entry_date(item: OpenEntry) -> str:
    return item.entry.created.strftime("%Y-%m-%d")


def first_line(body: str) -> str:
    return next((line.strip() for line in body.splitlines() if line.strip()), "")[:60]
