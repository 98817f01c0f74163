"""The footer every screen shows: Quit, Time-out and Curtain first, then the screen's keys.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, and cuts
what does not fit the width. The safety keys are the app's, so on a busy screen (a timer's
Pause/Resume, the runner's Next and Back) they were the ones cut at 80 columns. This footer
keeps Textual's keys and their look and only moves the three safety keys to the front, so the
rule holds on every screen, whatever has focus.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.compose import compose
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workbook.tui.bindings import FOOTER_FIRST, REGISTRY

#: The actions of the keys kept at the front, in the order they are shown.
FIRST_ACTIONS = tuple(REGISTRY[binding_id].action for binding_id in FOOTER_FIRST)


def footer_rank(widget: Widget) -> int:
    """Where a footer key goes: the safety keys in their order (whether the app's own or a
    screen's ``app.`` action), everything else after them."""
    action = widget.action.removeprefix("app.") if isinstance(widget, FooterKey) else ""
    return FIRST_ACTIONS.index(action) if action in FIRST_ACTIONS else len(FIRST_ACTIONS)


class SafetyFooter(Footer):
    """Textual's footer with Quit, Time-out and Curtain always at the front."""

    def compose(self) -> ComposeResult:
        # Compose Textual's keys fully (groups included), then reorder: sorting is stable,
        # so every other key keeps the order Textual gave it.
        yield from sorted(compose(self, super().compose()), key=footer_rank)
