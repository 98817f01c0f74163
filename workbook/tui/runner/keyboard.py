"""Who has the keyboard, and when it must change hands.

At one shared terminal, the screen for one partner must never be in front of the other. The
rule is the same for every step kind: whenever the partner who must act changes, from one
partner to the other (either way), a hand-over screen comes first. That covers the second
partner of an `each` step, the first partner of the next `each` step, speaker and listener in
a `turns` step, and each confirmation of an agreement. A step done together leaves the keyboard
with both of them, so the next partner's turn needs no hand-over; after a restart nobody
knows who sits there, so the partner acting takes the keyboard first. A solo or private run
never hands over.
"""

from __future__ import annotations

from typing import Final, Literal

from workbook.partners import PartnerKey, is_partner

Unknown = Literal["unknown"]
UNKNOWN: Final[Unknown] = "unknown"


class Keyboard:
    """Who has the keyboard now: a partner, both (``None``), or nobody knows yet."""

    def __init__(self, holder: PartnerKey | Unknown | None = UNKNOWN) -> None:
        self.holder: PartnerKey | Unknown | None = holder

    def needs_hand_over(self, actor: str | None, *, solo: bool = False) -> bool:
        """Whether the keyboard must pass to ``actor`` before their step is shown.

        Anyone who is not one partner (both, nobody) leaves the keyboard with both of them.
        """
        if solo:
            return False
        if not is_partner(actor):
            self.holder = None
            return False
        if self.holder is None:
            self.holder = actor
            return False
        return self.holder != actor

    def handed_to(self, partner: PartnerKey) -> None:
        """The hand-over is done: ``partner`` has the keyboard."""
        self.holder = partner

    def lost(self) -> None:
        """Nobody knows who sits there now (a restart, a lock)."""
        self.holder = UNKNOWN
