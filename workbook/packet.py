"""The therapist packet: sessions and goals the couple chose together to bring to a session.

Every session and goal of an export is a candidate. **Each partner approves each item** on
their own; an item goes into the packet only when both said yes. The packet keeps every
decision (:class:`~workbook.export.models.PacketRecord`: who approved what, and when), including
the items left out, so nobody can later wonder what was agreed.

The flow is UI-free: :func:`decide` asks a callback for each (item, partner) pair in order
(partner A, then partner B, item by item), which the CLI answers from the terminal or from
standard input and the tests answer from a table; :func:`record_decision` sets one decision
(the TUI's toggles). :func:`apply` filters an export document down to the approved items.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from workbook.clock import now
from workbook.export.models import (
    Approval,
    ExportDocument,
    PacketItem,
    PacketRecord,
    Scope,
)
from workbook.export.view import fmt_day
from workbook.partners import PARTNERS, PartnerKey

Decide = Callable[[PartnerKey, PacketItem], bool]
"""Asked once per partner per item: does ``partner`` approve ``item`` for the packet?"""


def candidates(doc: ExportDocument) -> list[PacketItem]:
    """Every session and goal of ``doc``, with no decisions yet, in the order they are asked."""
    items = [
        PacketItem(
            kind="session",
            id=s.id,
            label=f"Session: {s.title}, {fmt_day(s.started_at.date())}",
            approvals=[],
        )
        for s in doc.sessions
    ]
    items += [
        PacketItem(kind="goal", id=g.id, label=f"Goal: {g.title}", approvals=[]) for g in doc.goals
    ]
    return items


def record_decision(
    item: PacketItem, partner: PartnerKey, approved: bool, *, at: datetime | None = None
) -> PacketItem:
    """``item`` with ``partner``'s decision set (replacing an earlier one of theirs)."""
    others = [a for a in item.approvals if a.partner != partner]
    decision = Approval(partner=partner, approved=approved, at=at or now())
    approvals = sorted([*others, decision], key=lambda a: a.partner)
    return item.model_copy(update={"approvals": approvals})


def decide(
    doc: ExportDocument, ask: Decide, *, clock: Callable[[], datetime] = now
) -> PacketRecord:
    """Ask each partner about each candidate (A then B, item by item) and record the answers."""
    items = []
    for item in candidates(doc):
        for partner in PARTNERS:
            item = record_decision(item, partner, ask(partner, item), at=clock())
        items.append(item)
    return PacketRecord(created_at=clock(), items=items)


def apply(doc: ExportDocument, record: PacketRecord) -> ExportDocument:
    """The packet: ``doc`` with only the sessions and goals both partners approved.

    Agreements and check-in scores come along only from included sessions; program progress
    and journal entries are not packet items, so they stay out.
    """
    chosen = {(i.kind, i.id) for i in record.items if i.included}
    sessions = [s for s in doc.sessions if ("session", s.id) in chosen]
    goals = [g for g in doc.goals if ("goal", g.id) in chosen]
    session_ids = {s.id for s in sessions}
    scores = []
    for scale in doc.scores:
        series = [
            s.model_copy(update={"points": [p for p in s.points if p.session_id in session_ids]})
            for s in scale.series
        ]
        if any(s.points for s in series):
            scores.append(scale.model_copy(update={"series": series}))
    scope = Scope(
        private_partner=doc.scope.private_partner,
        withheld_private_items=doc.scope.withheld_private_items,
        packet=True,
    )
    return doc.model_copy(
        update={
            "kind": "packet",
            "title": doc.title.replace("Couples workbook", "Therapist packet", 1),
            "scope": scope,
            "sessions": sessions,
            "goals": goals,
            "agreements": [a for a in doc.agreements if a.session_id in session_ids],
            "scores": scores,
            "programs": [],
            "journal": [],
            "packet": record,
        }
    )
