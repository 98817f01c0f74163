"""Change a goal from the Goals screen, as ``workbook goals edit/pause/resume/achieve`` can.

The agreement step promises couples they can change a goal's cadence later; this is where.
Every change goes through :mod:`workbook.goals.repo`, which keeps it in the goal's history with
the reason given (shown under "Changes along the way"), and earlier progress stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from workbook.errors import WorkbookError
from workbook.goals.cadence import EXAMPLES
from workbook.goals.models import Goal
from workbook.goals.plain import GoalStatus
from workbook.tui.app import workbook_app
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

#: Shown instead of the reason field on a private goal.
PRIVATE_NO_REASON = (
    "A private goal keeps no reason for a change (it would be stored unsealed); "
    "your journal is the place for it."
)


class GoalChangeScreen(SharedScreen, ModalScreen[bool]):
    """One goal's cadence, pause or resume, and "achieved"; returns whether it changed."""

    BINDINGS = screen_bindings("editor.save", "back")

    def __init__(self, goal_id: str) -> None:
        super().__init__()
        self.goal_id = goal_id

    def goal(self) -> Goal:
        from workbook.goals.repo import resolve_goal

        return resolve_goal(workbook_app(self).require_store(), self.goal_id)

    def compose(self) -> ComposeResult:
        goal = self.goal()
        paused = goal.status is GoalStatus.PAUSED
        with VerticalScroll(id="goal-change", classes="journal-dialog"):
            yield Label(f"Change: {goal.display_title()}", classes="title")
            yield Static(f"Now {goal.cadence.describe()}, {goal.status.value}.", id="change-now")
            yield Static(f"How often? e.g. {EXAMPLES}", markup=False)
            yield Input(goal.cadence.to_text(), id="change-cadence")
            if goal.private:  # a reason would sit in the file unsealed: the store refuses it
                yield Static(PRIVATE_NO_REASON, id="change-no-reason")
            else:
                yield Input(
                    placeholder="Why the change (optional; kept in its history)",
                    id="change-reason",
                )
            with Horizontal(classes="buttons"):
                yield Button("Save", id="change-save", variant="primary")
                if paused:
                    yield Button("Resume", id="change-resume")
                elif goal.status is GoalStatus.ACTIVE:
                    yield Button("Pause", id="change-pause")
                yield Button("Achieved", id="change-achieve", variant="success")
                yield Button("Cancel", id="change-cancel")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.query_one("#change-cadence", Input).focus()

    def _apply(self, change: Callable[[str], Goal], done: Callable[[Goal], str]) -> None:
        """Run one change with the reason typed; say what happened, or what is wrong."""
        fields = self.query("#change-reason").results(Input)
        reason = next((field.value.strip() for field in fields), "")
        try:
            goal = change(reason)
        except WorkbookError as exc:
            self.notify(exc.message, severity="error", title="Not changed")
            return
        self.notify(f"“{goal.display_title()}” {done(goal)}.")
        self.dismiss(True)

    @on(Button.Pressed, "#change-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        from workbook.goals.repo import edit_goal

        store = workbook_app(self).require_store()
        cadence = self.query_one("#change-cadence", Input).value

        def change(reason: str) -> Goal:
            return edit_goal(store, self.goal_id, cadence=cadence, reason=reason)

        self._apply(change, lambda goal: f"is now {goal.cadence.describe()}")

    @on(Button.Pressed, "#change-pause")
    def _pause(self) -> None:
        from workbook.goals.repo import pause_goal

        store = workbook_app(self).require_store()
        self._apply(
            lambda reason: pause_goal(store, self.goal_id, reason=reason),
            lambda _: "is paused: nothing is due and no run breaks until you resume it",
        )

    @on(Button.Pressed, "#change-resume")
    def _resume(self) -> None:
        from workbook.goals.repo import resume_goal

        store = workbook_app(self).require_store()
        self._apply(
            lambda reason: resume_goal(store, self.goal_id, reason=reason),
            lambda _: "is running again from today",
        )

    @on(Button.Pressed, "#change-achieve")
    def _achieve(self) -> None:
        from workbook.goals.repo import achieve_goal

        store = workbook_app(self).require_store()
        self._apply(
            lambda reason: achieve_goal(store, self.goal_id, reason=reason),
            lambda _: "is achieved. Well done, both of you",
        )

    @on(Button.Pressed, "#change-cancel")
    def action_go_back(self) -> None:
        self.dismiss(False)
