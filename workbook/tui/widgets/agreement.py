"""The `agreement` step: a text built from earlier answers, confirmed by each partner in turn.

The runner passes the text so far, who is confirming now and who already confirmed
(``context["confirmed"]``: partner key -> name, ``context["confirmer"]``: (key, name)). The text
may be edited until the first partner confirms; then it is fixed, so both confirm the same words.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from workbook.tui.widgets.base import StepWidget


class AgreementWidget(StepWidget):
    """The agreement text (editable until the first confirmation) and who has confirmed."""

    kind = "agreement"
    DEFAULT_CSS = """
    AgreementWidget #agreement-text {
        height: auto;
        min-height: 3;
        max-height: 8;
        padding: 0 1;
        border: round $success 60%;
    }
    AgreementWidget TextArea#agreement-text {
        height: 6;
    }
    AgreementWidget #confirmations {
        height: auto;
        margin-top: 1;
    }
    """

    def compose_body(self) -> ComposeResult:
        body = str(self.initial or "")
        confirmed: dict[str, str] = self.context.get("confirmed", {})
        if getattr(self.step, "editable", True) and not confirmed:
            yield TextArea(body, id="agreement-text", soft_wrap=True)
        else:
            yield Static(body, id="agreement-text", markup=False)
        status = Text()
        for key, name in self.context.get("partners", []):
            mark = "✓ confirmed" if key in confirmed else "waiting"
            status.append(f"{name}: {mark}\n", style="bold" if key in confirmed else "")
        confirmer = self.context.get("confirmer")
        if confirmer is not None:
            status.append(f"\n{confirmer[1]}, press Next to confirm this agreement.")
        yield Static(status, id="confirmations")

    @on(TextArea.Changed, "#agreement-text")
    def _edited(self) -> None:
        self.post_message(self.Changed(self))

    def current_value(self) -> Any:
        field = self.query_one("#agreement-text")
        if isinstance(field, TextArea):
            return field.text.strip()
        return str(self.initial or "")
