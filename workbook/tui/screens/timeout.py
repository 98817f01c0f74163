"""The time-out screen: one key from anywhere; calm, with a breathing timer and a time to return.

Choosing when to come back pauses the running exercise (saved as ``paused`` with that time) and
returns to the home screen, where the session is offered again. Without an exercise running,
the screen is simply a calm place to breathe. Help stays in view: the contacts the couple keep
in Settings, an international directory of helplines and the local emergency number.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbook.clock import now
from workbook.sessions import resume_choices
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter
from workbook.tui.widgets.pause import Breathing
from workbook.tui.widgets.timer import Countdown

if TYPE_CHECKING:
    from workbook.tui.screens.runner import RunnerScreen

AGREEMENT = (
    "We are stopping for now, not walking away. We will each do something calming, "
    "and we will come back to this at the time we choose below."
)
BREAK_SECONDS = 20 * 60
UNSAFE = (
    "If someone feels unsafe, a time-out is not the answer: get to safety and call your local "
    "emergency number or a helpline (F2)."
)


def app_now(screen: Screen[Any]) -> datetime:
    """The app's wall clock (tests and snapshots fix it with ``app.session_clock``)."""
    clock = getattr(screen.app, "session_clock", None)
    return clock() if callable(clock) else now()


class TimeoutScreen(SharedScreen, Screen[None]):
    """Breathing, the agreement to come back, and a choice of when."""

    CSS_PATH = "session.tcss"
    # Where to turn comes before going on: at 80 columns both must fit (issue 10).
    BINDINGS = screen_bindings("gethelp", "timeout.cancel", "help")

    def compose(self) -> ComposeResult:
        with Vertical(id="timeout"):
            yield Static("Time-out. Let's both take a breath.", id="timeout-title")
            with Horizontal(id="timeout-body"):
                with Vertical(id="timeout-breath"):
                    yield Breathing(id="timeout-breathing")
                    yield Countdown(BREAK_SECONDS, running=True, id="timeout-countdown")
                    yield Static(self.help_text(), id="timeout-help")
                with Vertical(id="timeout-plan"):
                    yield Static(AGREEMENT, id="timeout-agreement")
                    yield Static(UNSAFE, id="timeout-unsafe")
                    yield Static("When shall we come back?", classes="section-title")
                    yield OptionList(id="timeout-choices")
        yield SafetyFooter()

    def help_text(self) -> str:
        """Where to turn: the couple's own contacts first, then the helpline directory."""
        from workbook.couple import help_lines
        from workbook.tui.app import workbook_app

        return "\n".join(help_lines(workbook_app(self).couple))

    def on_mount(self) -> None:
        choices = resume_choices(app_now(self))
        self._choices = choices
        listing = self.query_one("#timeout-choices", OptionList)
        listing.add_options(
            [Option(label, id=str(index)) for index, (label, _) in enumerate(choices)]
        )
        listing.highlighted = 0
        listing.focus()
        runner = self.runner()
        if runner is not None:
            runner.hold_timer()  # a time-out pauses everything, even if it is cancelled

    def runner(self) -> RunnerScreen | None:
        """The exercise that was running when the time-out was called, if any."""
        from workbook.tui.screens.runner import RunnerScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, RunnerScreen):
                return screen
        return None

    @on(OptionList.OptionSelected, "#timeout-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        _, until = self._choices[int(event.option.id or 0)]
        self.pause_until(until)

    def pause_until(self, until: datetime | None) -> None:
        """Pause the running exercise until ``until`` and go home (or just close)."""
        runner = self.runner()
        when = f" at {until:%H:%M}" if until is not None else ""
        if runner is None:
            self.app.notify(f"Time-out taken. Come back{when} when you are both ready.")
            self.dismiss(None)
            return
        if runner.pause_session(until):
            self.app.notify(f"Paused and saved. It will be waiting for you{when}.")
        while self.app.screen is not runner:
            self.app.pop_screen()
        self.app.pop_screen()

    def action_cancel(self) -> None:
        """We are calm again: back to where we were, nothing paused."""
        self.dismiss(None)
