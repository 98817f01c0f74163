"""The base every step widget shares: a step, its text for the person acting, and a value.

The runner owns navigation (Back, Next, hand-over); a step widget only renders one step for one
actor and hands back a value when asked (:meth:`StepWidget.current_value`). Widgets never read
the store and never see the other partner's blind answer: the runner passes in only what the
person acting may see (attributes down).

One rule for every step kind (:data:`ANSWER_RULE`, shown in the help): moving only highlights,
Enter or Space picks or ticks, and only Next commits. No widget commits an answer by itself: a
stray Enter can pick, never answer for someone. Enter in a one-line field moves on to the next
field and, from the last one, posts :class:`StepWidget.Done` so the runner puts the keyboard on
the Next button (messages up).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from workbook.exercises.models import LangText, Option
from workbook.exercises.models import text as pick_text
from workbook.exercises.prose import reflow
from workbook.tui.markdown import Markdown

Say = Callable[[LangText | None], str]
"""Authored text in the person's language with its placeholders filled in for them."""

#: How answering works on every step kind, in words (the runner's help shows it).
ANSWER_RULE = (
    "On every step: the arrows move the highlight, Enter or Space picks or ticks it, and Enter "
    "in a field goes to the next one. Only Next (Ctrl+N) saves an answer, so a stray key never "
    "answers for anyone. Before the reveal, Back lets whoever answered first change their own "
    "answer; the other's stays."
)


class StepWidget(Vertical):
    """One step, rendered for the person (or both people) acting now."""

    DEFAULT_CSS = """
    StepWidget {
        height: auto;
        padding: 0 1;
    }
    StepWidget .step-title {
        text-style: bold;
        color: $accent;
        height: auto;
    }
    StepWidget .step-text {
        height: auto;
        margin: 0 0 1 0;
    }
    StepWidget .step-hint {
        color: $text-muted;
        height: auto;
    }
    """

    kind: ClassVar[str] = ""
    #: Whether pressing Next needs something chosen or typed first.
    needs_answer: ClassVar[bool] = True

    class Done(Message):
        """Enter in the last field: the runner moves the keyboard to the Next button."""

    class StepMessage(Message):
        """A message about one step widget (which may have left the screen since)."""

        def __init__(self, widget: StepWidget) -> None:
            super().__init__()
            self.widget = widget

        @property
        def control(self) -> StepWidget:
            """The step widget the message is about."""
            return self.widget

    class Mounted(StepMessage):
        """The step and every control it composes are mounted: the runner puts the keyboard on
        its first control (the controls sit in containers that mount after the step starts)."""

    class Changed(StepMessage):
        """Words in a field changed: the runner keeps a draft, so a crash loses little."""

    def __init__(
        self,
        step: Any,
        *,
        text: str = "",
        title: str = "",
        value: Any = None,
        lang: str = "en",
        context: dict[str, Any] | None = None,
        say: Say | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=f"step-widget -kind-{self.kind}")
        self.step = step
        self.text = text
        self.step_title = title
        self.initial = value
        self.lang = lang
        self.context: dict[str, Any] = context or {}
        self._say: Say = say or (lambda value: pick_text(value, lang))

    @on(events.Mount)
    def _announce_mounted(self) -> None:
        # Textual mounts what a widget composes before the widget's own Mount event.
        self.post_message(self.Mounted(self))

    def say(self, value: LangText | None) -> str:
        """``value`` as the person reads it: their language, names filled in, lines reflowed.

        Every authored word a widget shows goes through here, so no ``{partner}`` reaches a
        person unfilled and no YAML line break splits a sentence.
        """
        return reflow(self._say(value))

    def option_words(self, option: Option) -> str:
        """What a person sees for a choice option or checklist item."""
        return self.say(option.label) or option.value

    def compose(self) -> ComposeResult:
        if self.step_title:
            yield Static(self.step_title, classes="step-title", markup=False)
        if self.text:
            yield Markdown(self.text, classes="step-text")
        yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        """The widget's own controls, below the step's title and text."""
        yield from ()

    def current_value(self) -> Any:
        """What Next would record for this step (None for steps without an answer)."""
        return None

    def problem(self) -> str | None:
        """A sentence saying why Next cannot go on yet, or None."""
        if not self.needs_answer or getattr(self.step, "optional", False):
            return None
        value = self.current_value()
        if value is None or value == "" or value == [] or value == {}:
            return "Answer this one first (or press Back)."
        return None

    def focus_first(self) -> None:
        """Put the keyboard on the first control."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
