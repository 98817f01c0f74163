"""How journal entries read on screen: the search box's terms, a list line, the heading, the
preview. Only plain :class:`~rich.text.Text` is built from what was written, so no markup in an
entry is ever interpreted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.journal.vault import JournalSession, OpenEntry
    from workbook.partners import PartnerKey


def search_terms(typed: str) -> tuple[str, list[str]]:
    """What was typed in the search box: its words as one string, and its ``#tags`` (without
    the ``#``). A lone ``#`` is a word."""
    words, tags = [], []
    for part in typed.split():
        if part.startswith("#") and len(part) > 1:
            tags.append(part[1:])
        else:
            words.append(part)
    return " ".join(words), tags


def first_line(body: str) -> str:
    """The first line of an entry with words, shortened to fit a list line."""
    return next((line.strip() for line in body.splitlines() if line.strip()), "")[:60]


def entry_line(item: OpenEntry, me: PartnerKey, couple: Couple) -> Text:
    """One entry in the list: its date, its title (or first line), who shared it, its tags."""
    payload = item.payload
    line = Text(f"{item.entry.created.strftime('%Y-%m-%d')}  ")
    line.append(payload.title or first_line(payload.body) or "(untitled)", style="bold")
    if item.entry.author != me:
        line.append(f"  from {couple.partner(item.entry.author).name}", style="italic")
    elif item.entry.shared:
        line.append("  shared", style="italic")
    if payload.tags:
        line.append("  " + " ".join(f"#{t}" for t in payload.tags), style="dim")
    return line


def heading(count: int, sealed: int, *, filtered: bool, session: JournalSession) -> str:
    """The line above the list: how many entries it shows (or how to write the first one),
    and how many stay sealed to another key."""
    noun = "entry" if count == 1 else "entries"
    words = f"{count} {noun}" + (" found" if filtered else "")
    if not count and not filtered:
        words = "No entries yet. Press n to write your first one."
    if sealed:
        from workbook.journal.vault import sealed_words

        words += f" · {sealed_words(sealed, session)}"
    return words


def preview(item: OpenEntry | None, me: PartnerKey, couple: Couple) -> Text:
    """The selected entry in full, as plain text (no markup is interpreted)."""
    if item is None:
        return Text("")
    payload = item.payload
    shown = Text()
    shown.append(payload.title or "(untitled)", style="bold")
    shown.append(f"\n{item.entry.created.strftime('%A %d %B %Y, %H:%M')}", style="dim")
    if item.entry.author != me:
        shown.append(f"\nShared with you by {couple.partner(item.entry.author).name}")
    elif item.entry.shared:
        shown.append(f"\nShared with {couple.other(me).name}")
    if payload.tags:
        shown.append("\n" + " ".join(f"#{t}" for t in payload.tags), style="dim")
    if payload.prompt_text:
        shown.append(f"\n\nPrompt: {payload.prompt_text}", style="italic")
    shown.append(f"\n\n{payload.body}")
    return shown
