"""First run: a kind welcome, the safety note, and the two partners' names."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from workbook.errors import WorkbookError
from workbook.tui.bindings import screen_bindings
from workbook.tui.markdown import Markdown
from workbook.tui.messages import CoupleSaved
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

SAFETY_NOTE = """\
## Welcome

This workbook helps the two of you practise talking, listening and rebuilding trust, one small
exercise at a time. Everything stays on this computer.

**A gentle but important note.** The workbook is not therapy, and it is not meant for a crisis.
It is not for relationships where either of you feels afraid, or where there has been violence
or threats. If that is where you are, please reach out to a doctor, a therapist, a local support
service, or your local emergency number. findahelpline.com lists free, confidential helplines
in many countries. You deserve real, human help.

If you are working with a counsellor or an outpatient program, the workbook can sit alongside
it; they are the best people to tell you what fits.
"""


def keep_button_in_view(screen: Screen[None]) -> None:
    """Show the end of the note, where the fields and the button are, and keep it in view when
    the terminal is made smaller (a scroll position alone would leave the button below the
    edge) until the person scrolls up to read the note's beginning."""
    screen.query_one("#onboarding", VerticalScroll).anchor()


class SafetyNoteScreen(SharedScreen, Screen[None]):
    """The first-run safety note for a couple set up elsewhere (``workbook couple init``).

    Shown on the first open before anything else, until the partners say they have read it;
    the acknowledgement is stored on the couple, so it is asked once.
    """

    BINDINGS = screen_bindings("safety.read", "gethelp", "help", "quit")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="onboarding"):
            yield Markdown(SAFETY_NOTE, id="safety-note")
            yield Button("We have read this", id="acknowledge", variant="primary")
        yield SafetyFooter()

    def on_mount(self) -> None:
        keep_button_in_view(self)
        self.query_one("#acknowledge", Button).focus()

    @on(Button.Pressed, "#acknowledge")
    def action_acknowledge(self) -> None:
        """Store that the note was read, then go on to the home screen."""
        from workbook.couple import get_couple, save_couple
        from workbook.tui.app import workbook_app

        try:
            store = workbook_app(self).require_store()
            couple = get_couple(store).model_copy(update={"safety_acknowledged": True})
            save_couple(store, couple)
        except WorkbookError as exc:  # e.g. a read-only window: go on, ask again next time
            self.notify(exc.message, severity="warning", title="Not saved")
        self.dismiss(None)


class OnboardingScreen(SharedScreen, Screen[None]):
    """Ask the partners' names once the safety note has been read."""

    BINDINGS = screen_bindings("onboarding.begin", "help", "quit")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="onboarding"):
            yield Markdown(SAFETY_NOTE, id="safety-note")
            yield Label("What should the workbook call the two of you?", classes="question")
            with Horizontal(classes="names"):
                # No max_length: a pasted long name would be cut silently; make_couple refuses
                # it with the limit named instead.
                yield Input(placeholder="First partner's name", id="name-a")
                yield Input(placeholder="Second partner's name", id="name-b")
            yield Static("", id="onboarding-error", classes="error")
            yield Button("We have read this. Begin", id="begin", variant="primary")
        yield SafetyFooter()

    def on_mount(self) -> None:
        keep_button_in_view(self)
        self.query_one("#name-a", Input).focus()

    @on(Input.Submitted, "#name-a")
    def _next_name(self) -> None:
        self.query_one("#name-b", Input).focus()

    @on(Input.Submitted, "#name-b")
    @on(Button.Pressed, "#begin")
    def action_begin(self) -> None:
        """Store the couple and move on to the home screen."""
        from workbook.couple import make_couple, save_couple

        a = self.query_one("#name-a", Input).value
        b = self.query_one("#name-b", Input).value
        error = self.query_one("#onboarding-error", Static)
        try:
            couple = make_couple(a, b).model_copy(update={"safety_acknowledged": True})
            save_couple(self.app.store, couple)  # type: ignore[attr-defined]
        except WorkbookError as exc:
            error.update(exc.message)
            self.notify(exc.message, severity="error", title="Not saved yet")
            return
        error.update("")
        self.post_message(CoupleSaved())
