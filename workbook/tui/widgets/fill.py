"""The `fill` step: a sentence with blanks (an I-statement builder), with suggestions."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from workbook.exercises.models import text
from workbook.exercises.templates import TemplateError, render
from workbook.tui.widgets.base import StepWidget


class FillWidget(StepWidget):
    """One field per blank and a live preview of the whole sentence."""

    kind = "fill"
    DEFAULT_CSS = """
    FillWidget .blank-row {
        height: auto;
    }
    FillWidget .blank-label {
        width: 18;
        padding: 1 1 0 0;
    }
    FillWidget Input, FillWidget Select {
        width: 1fr;
    }
    FillWidget #preview {
        margin-top: 1;
        padding: 0 1;
        border: round $primary 50%;
        height: auto;
    }
    """

    def compose_body(self) -> ComposeResult:
        given = self.initial if isinstance(self.initial, dict) else {}
        for blank in self.step.blanks:
            suggestions = [self.say(s) for s in blank.suggestions]
            label = self.say(blank.label) or blank.id.replace("_", " ")
            with Horizontal(classes="blank-row"):
                yield Label(label, classes="blank-label")
                if blank.free_text or not suggestions:
                    hint = f"e.g. {', '.join(suggestions[:3])}" if suggestions else ""
                    yield Input(
                        str(given.get(blank.id, "")),
                        placeholder=hint,
                        suggester=SuggestFromList(suggestions, case_sensitive=False)
                        if suggestions
                        else None,
                        id=f"blank-{blank.id}",
                        select_on_focus=False,
                    )
                else:
                    current = given.get(blank.id)
                    yield Select(
                        [(s, s) for s in suggestions],
                        value=current if current in suggestions else Select.NULL,
                        id=f"blank-{blank.id}",
                        prompt="choose",
                    )
        yield Static("", id="preview", markup=False)

    def on_mount(self) -> None:
        self._update_preview()

    def current_value(self) -> Any:
        values: dict[str, str] = {}
        for blank in self.step.blanks:
            field = self.query_one(f"#blank-{blank.id}")
            if isinstance(field, Input):
                raw = field.value.strip()
            elif isinstance(field, Select):
                raw = "" if field.value is Select.NULL else str(field.value)
            else:
                raw = ""
            if raw:
                values[blank.id] = raw
        return values

    def problem(self) -> str | None:
        if getattr(self.step, "optional", False):
            return None
        missing = [b.id for b in self.step.blanks if b.id not in self.current_value()]
        if missing:
            return "Fill in every blank first."
        return None

    def _update_preview(self) -> None:
        values: dict[str, str] = self.current_value()
        blanks = {b.id for b in self.step.blanks}

        def blank_or_kept(name: str) -> str:
            if name not in blanks:  # {me}, {partner}, {answers.x}: filled by ``say`` below
                return "{" + name + "}"
            return values.get(name, "____").replace("{", "{{").replace("}", "}}")

        try:
            sentence = self.say(render(text(self.step.template, self.lang), blank_or_kept))
        except TemplateError:
            sentence = ""
        self.query_one("#preview", Static).update(sentence)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._update_preview()
        self.post_message(self.Changed(self))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        if event.input in inputs and inputs.index(event.input) < len(inputs) - 1:
            inputs[inputs.index(event.input) + 1].focus()
        else:
            self.post_message(self.Done())
