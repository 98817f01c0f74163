"""The `turns` step: speaker and listener, one phase at a time.

The runner passes the phase (``speak``, ``paraphrase`` or ``confirm``), who speaks and who
listens, the round, the timer's remaining seconds and, for ``confirm``, the listener's
paraphrase. The floor indicator always names the speaker in their colour.

The speaker's check follows the rule of every step: "Yes, that's it" and "Not quite" only mark
the speaker's answer (●); Next commits it, so a stray Enter never confirms for the speaker.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from workbook.exercises.prose import reflow
from workbook.tui.markdown import Markdown
from workbook.tui.widgets.base import StepWidget
from workbook.tui.widgets.choice import PICKED
from workbook.tui.widgets.timer import TimerControls

YES, NO = "Yes, that's it", "Not quite, try again"


def addressed(name: str, words: str) -> str:
    """``words`` for ``name``: "Sam: Share one hope.", but not "Sam: Sam, share..." when the
    prompt already names them."""
    return words if words.casefold().startswith(name.casefold()) else f"{name}: {words}"


class TurnsWidget(StepWidget):
    """Who has the floor, the speaker's timer, the paraphrase box, the speaker's check."""

    kind = "turns"
    DEFAULT_CSS = """
    TurnsWidget #floor {
        height: auto;
        padding: 0 1;
        text-style: bold;
        border: heavy $accent;
    }
    TurnsWidget #paraphrase {
        height: 5;
    }
    TurnsWidget #heard {
        height: auto;
        padding: 0 1;
        border: round $primary 50%;
    }
    TurnsWidget #first-speaker {
        height: auto;
    }
    TurnsWidget #first-speaker Static {
        width: auto;
        padding: 1 2 0 0;
    }
    TurnsWidget .confirm-buttons {
        height: auto;
        margin-top: 1;
    }
    TurnsWidget .confirm-buttons Button {
        margin-right: 2;
    }
    """

    @property
    def phase(self) -> str:
        return str(self.context.get("phase", "speak"))

    class Swap(Message):
        """The couple wants the other partner to speak first (before the first turn)."""

    def compose(self) -> ComposeResult:
        # The floor and the speaker's timer come first, so they stay in view at 80x24 even
        # under a long step text; the text and prompts follow.
        if self.step_title:
            yield Static(self.step_title, classes="step-title", markup=False)
        yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        speaker_key, speaker = self.context.get("speaker", ("a", ""))
        listener_key, listener = self.context.get("listener", ("b", ""))
        rounds = self.context.get("round_text", "")
        yield Static(
            f"{speaker} has the floor · {listener} listens   {rounds}",
            id="floor",
            classes=f"-partner-{speaker_key}",
            markup=False,
        )
        self._choice: bool | None = None
        if self.phase == "speak":
            yield TimerControls(
                int(self.context.get("seconds", 120)),
                remaining=self.context.get("remaining"),
                id="timer",
            )
            if self.context.get("first_turn"):
                with Horizontal(id="first-speaker"):
                    yield Static(f"{speaker} speaks first.", markup=False)
                    if self.context.get("may_swap"):
                        yield Button(f"{listener} first instead", id="swap-speakers")
            if self.text:
                yield Markdown(self.text, classes="step-text")
            if self.context.get("speaker_prompt"):
                words = reflow(self.context["speaker_prompt"])
                yield Static(addressed(speaker, words), markup=False)
            if self.context.get("listener_prompt"):
                words = reflow(self.context["listener_prompt"])
                yield Static(addressed(listener, words), markup=False)
            yield Static(
                f"Space starts and pauses the timer. {speaker}, press Next when you have said "
                "what you wanted to say.",
                classes="step-hint",
                markup=False,
            )
            return
        if self.text:
            yield Markdown(self.text, classes="step-text")
        if self.phase == "paraphrase":
            yield Static(
                f"{listener}, say back in your own words what you heard {speaker} say.",
                classes="-partner-" + listener_key,
                markup=False,
            )
            yield TextArea(str(self.initial or ""), id="paraphrase", soft_wrap=True)
            yield Static("Press Next when your paraphrase is written.", classes="step-hint")
        else:
            yield Static(f"{listener} heard:", markup=False)
            yield Static(str(self.context.get("paraphrase", "")), id="heard", markup=False)
            yield Static(
                f"{speaker}, is that what you meant?",
                markup=False,
                classes=f"-partner-{speaker_key}",
            )
            with Horizontal(classes="confirm-buttons"):
                yield Button(YES, id="confirm-yes", variant="success")
                if self.context.get("may_correct", True):
                    yield Button(NO, id="confirm-no")
            yield Static("Pick one, then press Next.", classes="step-hint")

    def current_value(self) -> Any:
        if self.phase == "paraphrase":
            return self.query_one("#paraphrase", TextArea).text.strip()
        if self.phase == "confirm":
            return self._choice
        return None

    def problem(self) -> str | None:
        if self.phase == "paraphrase" and not self.current_value():
            return "Write what you heard first; roles swap after the paraphrase."
        if self.phase == "confirm" and self._choice is None:
            return "Choose whether the paraphrase matches what you meant."
        return None

    def focus_first(self) -> None:
        if self.phase == "speak":
            self.query_one("#timer-toggle", Button).focus()
        elif self.phase == "paraphrase":
            self.query_one("#paraphrase", TextArea).focus()
        else:
            self.query_one("#confirm-yes", Button).focus()

    @on(TextArea.Changed, "#paraphrase")
    def _typed(self) -> None:
        self.post_message(self.Changed(self))

    @on(Button.Pressed, "#swap-speakers")
    def _swap(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Swap())

    @on(Button.Pressed, "#confirm-yes, #confirm-no")
    def _marked(self, event: Button.Pressed) -> None:
        event.stop()
        self._choice = event.button.id == "confirm-yes"
        self.query_one("#confirm-yes", Button).label = (PICKED if self._choice else "") + YES
        for button in self.query("#confirm-no").results(Button):
            button.label = ("" if self._choice else PICKED) + NO

    def remaining(self) -> int | None:
        """Seconds left on the speaker's timer (None outside the speaking phase)."""
        if self.phase != "speak":
            return None
        return self.query_one(TimerControls).countdown.remaining
