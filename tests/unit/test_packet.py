"""Tests of the therapist packet: each partner decides on each item; only "both yes" goes in.

Decisions come from a table keyed by (partner, item), so every combination of yes and no
occurs; the assertions compare the packet with that table, never with fixed counts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from workbook import packet
from workbook.demo import DEMO_END, DemoResult, build_demo
from workbook.export import render
from workbook.export.collect import collect
from workbook.export.models import ExportDocument, PacketItem
from workbook.partners import PartnerKey
from workbook.store import Store


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> ExportDocument:
    demo: DemoResult = build_demo(tmp_path_factory.mktemp("packet-demo") / "home", end=DEMO_END)
    with Store.open(demo.home, readonly=True) as store:
        return collect(store, today=DEMO_END)


def table_for(doc: ExportDocument) -> dict[tuple[PartnerKey, str], bool]:
    """Cycle through (yes, yes), (yes, no), (no, yes), (no, no) over the candidates."""
    patterns = itertools.cycle([(True, True), (True, False), (False, True), (False, False)])
    table: dict[tuple[PartnerKey, str], bool] = {}
    for item, (a, b) in zip(packet.candidates(doc), patterns, strict=False):
        table[("a", item.id)] = a
        table[("b", item.id)] = b
    return table


def ticking_clock() -> tuple[list[datetime], Callable[[], datetime]]:
    start = datetime(2025, 4, 1, 10, 0).astimezone()
    seen: list[datetime] = []

    def clock() -> datetime:
        seen.append(start + timedelta(seconds=len(seen)))
        return seen[-1]

    return seen, clock


def test_candidates_are_every_session_and_goal(doc: ExportDocument) -> None:
    """The couple is asked about each session and each goal of the export, nothing else."""
    found = [(c.kind, c.id) for c in packet.candidates(doc)]
    expected = [("session", s.id) for s in doc.sessions] + [("goal", g.id) for g in doc.goals]
    assert found == expected
    assert all(c.approvals == [] for c in packet.candidates(doc))


def test_each_partner_is_asked_about_each_item_a_then_b(doc: ExportDocument) -> None:
    """The callback sees partner A then partner B for every item, in candidate order."""
    asked: list[tuple[PartnerKey, str]] = []

    def ask(partner: PartnerKey, item: PacketItem) -> bool:
        asked.append((partner, item.id))
        return True

    packet.decide(doc, ask)
    ids = [c.id for c in packet.candidates(doc)]
    assert asked == [(p, i) for i in ids for p in ("a", "b")]


def test_packet_holds_only_items_both_approved_and_records_every_decision(
    doc: ExportDocument,
) -> None:
    """Included = yes from both; the record keeps each yes/no with its time, even left-out ones."""
    table = table_for(doc)
    seen, clock = ticking_clock()
    record = packet.decide(doc, lambda partner, item: table[(partner, item.id)], clock=clock)
    result = packet.apply(doc, record)

    both = {
        item_id for (p, item_id), yes in table.items() if p == "a" and yes and table[("b", item_id)]
    }
    assert {s.id for s in result.sessions} | {g.id for g in result.goals} == both
    assert len(record.items) == len(packet.candidates(doc))
    for item in record.items:
        assert [(a.partner, a.approved) for a in item.approvals] == [
            ("a", table[("a", item.id)]),
            ("b", table[("b", item.id)]),
        ]
        assert all(a.at in seen for a in item.approvals)
        assert item.included == (item.id in both)
    assert result.kind == "packet" and result.scope.packet and result.packet == record
    kept = {s.id for s in result.sessions}
    assert all(a.session_id in kept for a in result.agreements)
    assert all(p.session_id in kept for t in result.scores for s in t.series for p in s.points)
    assert result.programs == [] and result.journal == []


def test_nothing_approved_gives_an_empty_packet_that_still_lists_decisions(
    doc: ExportDocument,
) -> None:
    """If either partner says no to everything, no session or goal is included."""
    record = packet.decide(doc, lambda partner, item: partner == "a")
    result = packet.apply(doc, record)
    assert result.sessions == [] and result.goals == [] and result.agreements == []
    assert all(not item.included for item in record.items)
    text = render(result, "md")
    assert text.count("(left out)") == len(record.items)


def test_a_later_decision_replaces_the_earlier_one() -> None:
    """Changing one's mind keeps one decision per partner: the latest."""
    item = PacketItem(kind="goal", id="g1", label="Goal: walk", approvals=[])
    item = packet.record_decision(item, "a", True)
    item = packet.record_decision(item, "b", True)
    assert item.included
    item = packet.record_decision(item, "b", False)
    assert [(a.partner, a.approved) for a in item.approvals] == [("a", True), ("b", False)]
    assert not item.included


def test_packet_renders_approvals_in_every_format(doc: ExportDocument) -> None:
    """Markdown and HTML show who approved what; JSON carries the full record."""
    table = table_for(doc)
    record = packet.decide(doc, lambda partner, item: table[(partner, item.id)])
    result = packet.apply(doc, record)
    md = render(result, "md")
    page = render(result, "html")
    for item in record.items:
        assert item.label in md
        assert "included" in md and "left out" in md
    assert '<section id="approvals">' in page
    assert ExportDocument.model_validate_json(render(result, "json")).packet == record
