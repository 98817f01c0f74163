"""The footer every screen shows: Quit, Time-out and Curtain first, then the screen's keys.

Textual's footer lists the focused widget's keys, then the screen's, then the app's, and cuts
what does not fit the width. The safety keys are the app's, so on a busy screen (a timer's
Pause/Resume, the runner's Next and Back) they were the ones cut at 80 columns. This footer
keeps Textual's keys and their look and only moves the three safety keys to the front, so the
rule holds on every screen, whatever has focus.

It leaves out Textual's key for the command palette, which took the right end of every footer
and cut the screen's own last key at 80 columns ("esc Ba" for Back on the goals screen). The
palette still opens with its key, and the help screen (F1) lists it with every other key.
"""

from __future__ import annotations

from typing import Any

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

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        # What the keys on show were built from (None until they are first built).
        self._shown: tuple[Any, ...] | None = None

    def _keys_wanted(self) -> tuple[Any, ...]:
        """Everything the footer's keys are built from: the screen's active bindings that are
        shown (each with whether it is enabled) and the footer's own setting."""
        return (
            tuple(
                (key, b.binding, b.enabled, b.tooltip)
                for key, b in self.screen.active_bindings.items()
                if b.binding.show
            ),
            self.compact,
        )

    async def recompose(self) -> None:
        """Rebuild the keys only when what they show has changed.

        Textual rebuilds the footer each time a screen's bindings may have changed: a screen
        opening, resuming or moving focus asks three to five times, about 13 ms each, though
        the keys mostly stay the same (bench/scale.py).
        """
        if self._bindings_ready and self.is_attached and self._keys_wanted() == self._shown:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_wanted()
        # Compose Textual's keys fully (groups included), then reorder: sorting is stable,
        # so every other key keeps the order Textual gave it.
        yield from sorted(compose(self, self._keys_styled_once()), key=footer_rank)

    def _keys_styled_once(self) -> ComposeResult:
        """Textual's keys, each starting with the footer's ``compact`` value.

        Textual's keys start compact and are then bound to the footer's value (not compact
        here): each key mounted with a class added and removed again, restyling it twice, and
        the footer is rebuilt whenever a screen opens or closes (about a sixth of the app's
        time opening screens, bench/scale.py).
        """
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
