"""``workbook export``: a report of the workbook as Markdown, one HTML page, or JSON.

Private items (private exercises' answers, private goals, journal entries) never leave unless
their author unlocks in this very command and opts in: ``--include-private --partner NAME``
asks for that partner's journal passphrase (hidden prompt, or one line of standard input with
``--passphrase-stdin``) and adds that partner's private items only.

``--packet`` makes a therapist packet from shared items: for each session and goal, partner A
says yes or no, then partner B; only items both approved are included, and the packet lists
every decision with its time. ``--approvals-stdin`` reads the answers as lines (``y``/``n``,
in the order they would be asked) for scripts. A packet never takes ``--include-private``:
both partners see every candidate while approving.

The file follows :mod:`workbook.outfile`'s rule (``--force`` to replace, regular files only,
the format from the extension) and is written atomically, readable by this OS user only
(0600). The command's body is :func:`workbook.export.report.write_report` (the console script's
fast line runs it too, for lines that ask nothing); the work itself is in :mod:`workbook.export`
and :mod:`workbook.packet`. This module reads the options and asks.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbook.cli.context import console, err_console, home_from, read_line, read_secret
from workbook.errors import WorkbookError
from workbook.export.report import write_report

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.export import Format
    from workbook.export.models import ExportDocument, PacketItem
    from workbook.journal.vault import JournalSession
    from workbook.partners import PartnerKey
    from workbook.store import Store

YES = frozenset({"y", "yes"})
NO = frozenset({"n", "no"})


class ExportFormat(StrEnum):
    """Formats ``workbook export`` writes."""

    md = "md"
    html = "html"
    json = "json"


OPTION_FORMATS: dict[ExportFormat, Format] = {
    ExportFormat.md: "md",
    ExportFormat.html: "html",
    ExportFormat.json: "json",
}


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html or json (default: from the file's extension).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    include_private: Annotated[
        bool,
        typer.Option(
            "--include-private",
            help="Add one partner's own private items; they unlock with their passphrase now.",
        ),
    ] = False,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help="Whose private items (with --include-private)."),
    ] = None,
    passphrase_stdin: Annotated[
        bool,
        typer.Option(
            "--passphrase-stdin", help="Read the passphrase as one line from standard input."
        ),
    ] = False,
    packet: Annotated[
        bool,
        typer.Option(
            "--packet",
            help="A therapist packet: each partner approves each session and goal; "
            "only items both approve are included.",
        ),
    ] = False,
    approvals_stdin: Annotated[
        bool,
        typer.Option(
            "--approvals-stdin",
            help="With --packet: read each y/n answer as one line from standard input.",
        ),
    ] = False,
) -> None:
    """Write a report: sessions, agreements, goals with check-ins, scores and program progress."""
    if include_private and partner is None:
        raise WorkbookError("Say whose private items to include with --partner NAME.")
    if partner is not None and not include_private:
        raise WorkbookError("--partner goes with --include-private (whose private items to add).")
    if approvals_stdin and not packet:
        raise WorkbookError("--approvals-stdin goes with --packet.")
    if packet and include_private:
        # Both partners see each candidate while approving: private words would reach the other.
        raise WorkbookError(
            "A therapist packet holds shared items only, since both of you review each one. "
            "Export private items on their own with --include-private."
        )
    unlock = None
    if include_private and partner is not None:
        unlock = functools.partial(_unlock, name=partner, from_stdin=passphrase_stdin)
    write_report(
        home_from(ctx),
        output,
        OPTION_FORMATS[fmt] if fmt is not None else None,
        force=force,
        unlock=unlock,
        review=functools.partial(_packet, from_stdin=approvals_stdin) if packet else None,
    )


def _unlock(store: Store, couple: Couple, *, name: str, from_stdin: bool) -> JournalSession:
    from workbook.journal.vault import unlock

    person = couple.partner_by_name(name)
    passphrase = read_secret(f"Journal passphrase for {person.name}", from_stdin=from_stdin)
    return unlock(store, person.key, passphrase)


def _packet(doc: ExportDocument, couple: Couple, *, from_stdin: bool) -> ExportDocument:
    """Ask each partner about each candidate, then keep only what both approved."""
    from workbook import packet

    if not packet.candidates(doc):
        raise WorkbookError("There are no sessions or goals yet to put in a packet.")
    if not from_stdin:
        console.print(
            "Therapist packet: for each item, each of you says yes or no. "
            "Only items you both say yes to are included.",
            markup=False,
        )

    def ask(partner: PartnerKey, item: PacketItem) -> bool:
        name = couple.partner(partner).name
        if from_stdin:
            return _answer(read_line(), f"{name} on {item.label}")
        if partner == "a":
            console.print(f"\n{item.label}", markup=False)
        while True:
            reply = typer.prompt(f"  {name}, include it? [y/n]", prompt_suffix=" ")
            try:
                return _answer(reply, item.label)
            except WorkbookError as exc:
                err_console.print(exc.message, markup=False)

    record = packet.decide(doc, ask)
    chosen = sum(1 for item in record.items if item.included)
    console.print(f"{chosen} of {len(record.items)} items approved by both of you.", markup=False)
    return packet.apply(doc, record)


def _answer(line: str, what: str) -> bool:
    if not line:
        raise WorkbookError(f"Expected a y or n line on standard input for: {what}")
    word = line.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise WorkbookError("Please answer y (yes) or n (no).")
