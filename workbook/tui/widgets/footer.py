"""Textual's footer, with each key styled once as it mounts.

Textual's ``FooterKey`` has a ``compact`` reactive that starts True and is bound to the
footer's own (False here): mounting a key ran its watcher twice, adding the ``-compact`` class
and removing it again, and each change restyled the key. A screen's footer is rebuilt whenever
a screen opens or closes, so this was about a sixth of the time the app spent opening screens
(bench/scale.py). Here every key starts with the footer's value, so mounting changes nothing;
the footer looks exactly as Textual draws it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """The footer every screen shows: Textual's, with its keys' ``compact`` set up front."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # The binding keys follow the footer's ``compact``; the command palette's key is
            # not bound to it and keeps its own.
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
