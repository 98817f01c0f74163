"""Step widgets: one per step kind of the exercise format, looked up by kind."""

from __future__ import annotations

from workbook.tui.widgets.agreement import AgreementWidget
from workbook.tui.widgets.base import StepWidget
from workbook.tui.widgets.checklist import ChecklistWidget
from workbook.tui.widgets.choice import ChoiceWidget
from workbook.tui.widgets.fill import FillWidget
from workbook.tui.widgets.pause import PauseWidget
from workbook.tui.widgets.prompt import PromptWidget
from workbook.tui.widgets.read import ReadWidget
from workbook.tui.widgets.reveal import RevealWidget
from workbook.tui.widgets.scale import ScaleWidget
from workbook.tui.widgets.timer import TimerWidget
from workbook.tui.widgets.turns import TurnsWidget

WIDGETS: dict[str, type[StepWidget]] = {
    cls.kind: cls
    for cls in (
        ReadWidget,
        PromptWidget,
        ChoiceWidget,
        ScaleWidget,
        ChecklistWidget,
        FillWidget,
        TimerWidget,
        TurnsWidget,
        RevealWidget,
        AgreementWidget,
        PauseWidget,
    )
}

__all__ = ["WIDGETS", "StepWidget"]
