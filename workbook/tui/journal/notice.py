"""What the journal says about keys: on the partner choice, on unlocking, and once open.

A key someone started over another is announced on the partner choice and the unlock screen
until its partner unlocks it and confirms making it (a button in the journal). A passphrase
that opens only an older key opens that key's entries, with a notice about the newer one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from workbook.journal.models import JournalKey
    from workbook.journal.vault import JournalSession


def partner_choice(name: str, key: JournalKey | None) -> Text:
    """One partner on the "whose journal?" list: what choosing them does, how strong their key
    is, and whether a new key still waits to be confirmed."""
    from workbook.journal.vault import strength, when

    line = Text.assemble((name, "bold"))
    if key is None:
        line.append("  (set a passphrase to begin)")
        return line
    line.append(f"  (unlock)\n  key: {strength(key)}", style="dim")
    if key.unconfirmed_replacement:
        line.append(
            f"\n  a new key was started on {when(key.created)}, not yet confirmed", style="bold"
        )
    return line


def on_unlock(name: str, pending: JournalKey) -> str:
    """Said above the passphrase while ``name``'s newest key waits to be confirmed."""
    from workbook.journal.vault import replacement_notice

    return (
        replacement_notice(name, pending)
        + " Your usual passphrase opens those entries; the new one lets you confirm."
    )


def in_journal(name: str, session: JournalSession) -> str:
    """Said in the open journal when this passphrase opened an older key, or when this key
    needs confirming; empty otherwise."""
    from workbook.journal.vault import older_key_notice, when

    newer = session.newer_key
    if newer is not None:
        return (
            older_key_notice(name, session.key, newer)
            + " To write with a key only you hold, start a new key on the unlock screen."
        )
    if session.unconfirmed:
        return (
            f"This key was started on {when(session.key.created)} over an earlier one. "
            f"Until you confirm that you started it, every unlock of {name}'s journal says so."
        )
    return ""
