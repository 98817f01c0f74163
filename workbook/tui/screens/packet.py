"""The therapist packet in the TUI: each partner picks, on their own, what to bring.

The same flow as ``workbook export --packet`` (:mod:`workbook.packet`): every session and
goal is a candidate; the first partner ticks what they are happy to share while the other
looks away, then the second partner does the same on a fresh list; only items both ticked go
into the packet. The summary shows what is in and out, and the packet is saved as one
self-contained HTML file (0600) that records who approved what and when.

Private items are never candidates here: the export is collected without any unlock.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Input, SelectionList, Static

from workbook import partners
from workbook.errors import WorkbookError
from workbook.tui.bindings import screen_bindings
from workbook.tui.privacy import SharedScreen
from workbook.tui.widgets.footer import SafetyFooter

if TYPE_CHECKING:
    from workbook.export.models import ExportDocument, PacketItem, PacketRecord
    from workbook.partners import PartnerKey
    from workbook.tui.app import WorkbookApp


def default_path(today: date | None = None) -> Path:
    """Where the packet is offered to be saved: the person's home folder, dated."""
    day = today or date.today()
    return Path.home() / f"therapist-packet-{day.isoformat()}.html"


class PacketScreen(SharedScreen, Screen[None]):
    """Partner A chooses, then partner B; then the packet is shown and can be saved."""

    CSS_PATH = "packet.tcss"
    BINDINGS = screen_bindings("back", "help")

    def __init__(self) -> None:
        super().__init__()
        self.doc: ExportDocument | None = None
        self.items: list[PacketItem] = []
        self.turn: PartnerKey | None = "a"
        self.record: PacketRecord | None = None

    @property
    def wb(self) -> WorkbookApp:
        from workbook.tui.app import workbook_app

        return workbook_app(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="packet-body"):
            yield Static("", id="packet-intro")
            yield SelectionList[str](id="packet-items")
            with Horizontal(id="packet-actions"):
                yield Button("Done choosing", id="packet-done", variant="primary")
            yield Static("", id="packet-summary")
            with Horizontal(id="packet-save-row"):
                yield Input(str(default_path()), id="packet-path")
                yield Button("Save as HTML", id="packet-save", variant="primary")
        yield SafetyFooter()

    def on_mount(self) -> None:
        from workbook import packet
        from workbook.export.collect import collect

        self.title = "Therapist packet"
        store = self.wb.store
        if store is None:
            return
        try:
            self.doc = collect(store, library=self.wb.library)
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="error")
            self.app.pop_screen()
            return
        self.items = packet.candidates(self.doc)
        self._show_turn()

    def partner_name(self, key: str) -> str:
        couple = self.wb.couple
        return couple.partner(key).name if couple is not None else key

    def _show_turn(self) -> None:
        turn = self.turn
        assert turn is not None
        other = partners.other(turn)
        intro = self.query_one("#packet-intro", Static)
        if not self.items:
            intro.update("There are no sessions or goals yet to bring to a session.")
            self.set_class(True, "-empty")
            return
        intro.update(
            f"{self.partner_name(turn)}, tick each session and goal you are happy to bring to your "
            f"therapist. {self.partner_name(other)}, please look away: you choose on your own "
            "next. Only what you both tick goes into the packet."
        )
        listing = self.query_one("#packet-items", SelectionList)
        listing.clear_options()
        listing.add_options([(item.label, f"{item.kind}:{item.id}") for item in self.items])
        listing.focus()
        self.set_class(False, "-done")

    @on(Button.Pressed, "#packet-done")
    def _done(self, event: Button.Pressed) -> None:
        event.stop()
        self.finish_turn()

    def finish_turn(self) -> None:
        """Record the current partner's ticks (yes) and blanks (no), then move on."""
        from workbook import packet

        turn = self.turn
        if turn is None or not self.items:
            return
        ticked = set(self.query_one("#packet-items", SelectionList).selected)
        self.items = [
            packet.record_decision(item, turn, f"{item.kind}:{item.id}" in ticked)
            for item in self.items
        ]
        if turn == "a":
            self.turn = "b"
            self._show_turn()
            return
        self.turn = None
        self._show_summary()

    def _show_summary(self) -> None:
        from workbook.clock import now
        from workbook.export.models import PacketRecord

        self.record = PacketRecord(created_at=now(), items=self.items)
        chosen = [item.label for item in self.items if item.included]
        lines = [f"{len(chosen)} of {len(self.items)} items approved by both of you."]
        lines += [f"  • {label}" for label in chosen]
        if not chosen:
            lines.append("Nothing was approved by both of you, so the packet would be empty.")
        self.query_one("#packet-summary", Static).update("\n".join(lines))
        self.set_class(True, "-done")
        self.query_one("#packet-path", Input).focus()

    @on(Button.Pressed, "#packet-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.save(self.query_one("#packet-path", Input).value)

    @on(Input.Submitted, "#packet-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save(event.value)

    def save(self, where: str) -> Path | None:
        """Write the packet as HTML to ``where``; say where it went (or why it could not)."""
        from workbook import packet
        from workbook.export import render
        from workbook.store.atomic import write_atomic

        if self.doc is None or self.record is None:
            return None
        target = Path(where.strip()).expanduser()
        try:
            if not where.strip() or target.is_dir():
                raise WorkbookError("Give a file name for the packet, ending in .html.")
            if not target.parent.is_dir():
                raise WorkbookError(f"The folder {target.parent} does not exist.")
            page = render(packet.apply(self.doc, self.record), "html")
            write_atomic(target, page.encode("utf-8"), mode=0o600)
        except WorkbookError as exc:
            self.app.notify(exc.message, severity="error")
            return None
        self.app.notify(f"Saved the packet to {target}.", title="Therapist packet")
        return target

    def action_go_back(self) -> None:
        self.dismiss(None)
