"""Step widgets: one per step kind of the exercise format, looked up by kind.

Modules are imported only when a step of that kind is shown, so the home screen (which uses
the small :mod:`~workbook.tui.widgets.continue_panel`) does not pay for text areas and
Markdown at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.tui.widgets.base import StepWidget

WIDGET_CLASSES: dict[str, str] = {
    "read": "read:ReadWidget",
    "prompt": "prompt:PromptWidget",
    "choice": "choice:ChoiceWidget",
    "scale": "scale:ScaleWidget",
    "checklist": "checklist:ChecklistWidget",
    "fill": "fill:FillWidget",
    "timer": "timer:TimerWidget",
    "turns": "turns:TurnsWidget",
    "reveal": "reveal:RevealWidget",
    "agreement": "agreement:AgreementWidget",
    "pause": "pause:PauseWidget",
}


def widget_class(kind: str) -> type[StepWidget]:
    """The widget class that renders steps of ``kind``."""
    module_name, _, class_name = WIDGET_CLASSES[kind].partition(":")
    module = importlib.import_module(f"workbook.tui.widgets.{module_name}")
    cls: type[StepWidget] = getattr(module, class_name)
    return cls
