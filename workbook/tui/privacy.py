"""Privacy is part of a screen's type: every screen says whether it shows private text.

The app locks private screens (the "Switch partner / Lock" key, the idle lock) by asking each
screen on the stack :meth:`Privacy.shows_private_text` and calling :meth:`Privacy.forget` to
drop keys and decrypted words before popping it. A screen takes one of the two mixins below,
or answers for itself when it depends on what it opened (a private exercise, a private session
in History); a test finds every screen class in ``workbook.tui`` and fails on one that does not
say, so a new screen cannot escape the lock by forgetting a flag.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Privacy(Protocol):
    """What the app asks of every screen it may lock."""

    def shows_private_text(self) -> bool:
        """Whether the screen shows or holds private text now (it is locked with the journal)."""
        ...

    def forget(self) -> None:
        """Drop keys and decrypted text (called before the screen is removed by a lock)."""
        ...


class SharedScreen:
    """Mixin for a screen that never shows private text: the lock leaves it alone."""

    def shows_private_text(self) -> bool:
        """Never: nothing here is private."""
        return False

    def forget(self) -> None:
        """Nothing private to drop."""


class PrivateScreen:
    """Mixin for a screen that always shows private text; it must define ``forget``."""

    def shows_private_text(self) -> bool:
        """Always: this screen is locked with the journal."""
        return True

    def forget(self) -> None:
        """Each private screen says what it drops."""
        raise NotImplementedError(f"{type(self).__name__} must say what it forgets")
