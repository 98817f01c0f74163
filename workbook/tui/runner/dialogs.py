"""The questions asked before a run: who does it, a passphrase, and the safety notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbook.partners import PartnerKey, as_partner
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

if TYPE_CHECKING:
    from workbook.couple import Couple


class WhoScreen(SharedScreen, ModalScreen[PartnerKey | None]):
    """Ask which partner does a solo or private exercise."""

    BINDINGS = screen_bindings("back")

    def __init__(self, couple: Couple, title: str) -> None:
        super().__init__()
        self.couple = couple
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="who", classes="dialog"):
            yield Label(f"Who is doing “{self.title_text}”?", classes="title")
            yield OptionList(
                *[Option(p.name, id=p.key) for p in self.couple.partners], id="who-list"
            )
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.query_one("#who-list", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(as_partner(event.option.id or ""))

    def action_go_back(self) -> None:
        self.dismiss(None)


class PassphraseScreen(SharedScreen, ModalScreen[str | None]):
    """A hidden one-line prompt for a partner's journal passphrase."""

    BINDINGS = screen_bindings("back")

    def __init__(self, name: str, reason: str) -> None:
        super().__init__()
        self.name_text = name
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase", classes="dialog"):
            yield Label(f"{self.name_text}, {self.reason}", classes="title")
            yield Input(password=True, id="passphrase-input", placeholder="passphrase")
            yield Label("Enter to unlock, Esc to cancel.", classes="hint")
        yield SafetyFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        value = event.value
        event.input.value = ""
        self.dismiss(value or None)

    def forget(self) -> None:
        """Clear a passphrase half typed."""
        self.query_one(Input).value = ""

    def action_go_back(self) -> None:
        self.dismiss(None)


class SafetyScreen(SharedScreen, Screen[bool]):
    """An exercise's safety notes, before its first step; each partner acknowledges with one
    key of their own. Dismisses True once everyone has, False if they leave instead."""

    CSS_PATH = "../screens/session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_bindings("back", "help"),
        Binding("1", "acknowledge(0)", "First partner has read it", show=False),
        Binding("2", "acknowledge(1)", "Second partner has read it", show=False),
    ]

    def __init__(self, title: str, notes: list[str], readers: list[tuple[PartnerKey, str]]):
        super().__init__()
        self.exercise_title = title
        self.notes = notes
        self.readers = readers
        self.acknowledged: set[PartnerKey] = set()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety"):
            yield Static(
                f"Before you start “{self.exercise_title}”", id="safety-title", markup=False
            )
            yield Static("\n".join(f"• {note}" for note in self.notes), id="safety-notes")
            yield Static(self._hint(), id="safety-hint", markup=False)
            with Vertical(id="safety-acks"):  # docked: in view however long the notes are
                for index, (key, name) in enumerate(self.readers):
                    yield Button(
                        f"{index + 1}  {name}: I have read this",
                        id=f"safety-{key}",
                        classes=f"safety-ack -partner-{key}",
                    )
        yield SafetyFooter()

    def _hint(self) -> str:
        if len(self.readers) == 1:
            return f"{self.readers[0][1]}, press 1 when you have read this. Esc leaves."
        names = " and ".join(f"{name} presses {i + 1}" for i, (_, name) in enumerate(self.readers))
        return f"Read these together. Then {names}. Esc leaves the exercise."

    def on_mount(self) -> None:
        self.query_one("#safety", VerticalScroll).focus()

    def action_acknowledge(self, index: int) -> None:
        if index >= len(self.readers):
            return
        key, name = self.readers[index]
        self.acknowledged.add(key)
        button = self.query_one(f"#safety-{key}", Button)
        button.label = Text(f"✓  {name} has read this")
        button.disabled = True
        if all(k in self.acknowledged for k, _ in self.readers):
            self.dismiss(True)

    @on(Button.Pressed, ".safety-ack")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        keys = [k for k, _ in self.readers]
        partner = (event.button.id or "").removeprefix("safety-")
        if partner in keys:
            self.action_acknowledge(keys.index(as_partner(partner)))

    def action_go_back(self) -> None:
        self.dismiss(False)
