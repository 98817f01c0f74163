"""Pilot test of the therapist packet screen, reached from home, on the demo couple.

Partner A ticks some items, partner B (on a fresh, unticked list) ticks others; the packet
saved as HTML holds exactly the sessions both ticked and records both partners' decisions.
"""

from __future__ import annotations

import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, SelectionList

from workbook.demo import DEMO_END, DEMO_NOTE, DemoResult, build_demo
from workbook.tui.app import create_app
from workbook.tui.screens.packet import PacketScreen


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return build_demo(tmp_path_factory.mktemp("packet-tui") / "home", end=DEMO_END)


class _Articles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.ids.append((dict(attrs).get("id") or "").removeprefix("session-"))


async def test_both_partners_choose_and_only_shared_picks_are_saved(
    demo: DemoResult, tmp_path: Path
) -> None:
    """From home to the packet: A's and B's ticks combine; the saved page has both-yes items."""
    app = create_app(demo.home, demo_note=DEMO_NOTE)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        sections = app.screen.query_one("#section-list", OptionList)
        sections.focus()
        sections.highlighted = next(
            i
            for i in range(sections.option_count)
            if sections.get_option_at_index(i).id == "packet"
        )
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PacketScreen)
        listing = screen.query_one("#packet-items", SelectionList)
        values = [listing.get_option_at_index(i).value for i in range(listing.option_count)]
        assert len(values) == len(screen.items) > 4
        a_picks = set(values[0:4])
        b_picks = set(values[2:6])
        for value in a_picks:
            listing.select(value)
        await pilot.click("#packet-done")
        await pilot.pause()
        assert screen.turn == "b"
        listing = screen.query_one("#packet-items", SelectionList)
        assert listing.selected == []  # B does not see A's choices
        for value in b_picks:
            listing.select(value)
        await pilot.click("#packet-done")
        await pilot.pause()
        assert screen.record is not None
        both = a_picks & b_picks
        included = {f"{i.kind}:{i.id}" for i in screen.record.items if i.included}
        assert included == both
        for item in screen.record.items:
            assert {a.partner for a in item.approvals} == {"a", "b"}
        target = tmp_path / "packet.html"
        path_input = screen.query_one("#packet-path", Input)
        path_input.value = str(target)
        await pilot.click("#packet-save")
        await pilot.pause()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    parsed = _Articles()
    parsed.feed(target.read_text(encoding="utf-8"))
    assert set(parsed.ids) == {v.removeprefix("session:") for v in both if v.startswith("session:")}
