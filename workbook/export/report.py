"""``workbook export``: the report written to the file the person names, and one line saying so.

The one implementation of the command, shared by the Typer CLI (:mod:`workbook.cli.export`) and
the console script's fast line (:mod:`workbook.quick`); it imports neither. The file follows
:mod:`workbook.outfile`'s rule (``--force`` to replace, regular files only, the format from the
extension) and is checked before anything is read or asked. What needs a person at the keyboard
(a passphrase to add private items, the partners' approvals for a therapist packet) comes in as
``unlock`` and ``review`` from the CLI, which asks; the fast line takes only the lines that ask
nothing. Failures raise :class:`~workbook.errors.WorkbookError`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbook import console, outfile
from workbook.wording import count

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.export import Format
    from workbook.export.models import ExportDocument
    from workbook.journal.vault import JournalSession
    from workbook.store import Store

SUFFIXES: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}

# One partner's private items, unlocked for this export (the caller asks for the passphrase).
Unlock = Callable[["Store", "Couple"], "JournalSession"]
# The document as it leaves, after the partners reviewed it (a therapist packet).
Review = Callable[["ExportDocument", "Couple"], "ExportDocument"]


def write_report(
    home: Path,
    output: Path,
    fmt: Format | None = None,
    *,
    force: bool = False,
    unlock: Unlock | None = None,
    review: Review | None = None,
) -> None:
    """Write ``home``'s report to ``output`` in ``fmt`` (default: from its extension) and say
    what it holds; ``force`` replaces an existing file."""
    from workbook.couple import get_couple
    from workbook.export import render

    chosen = outfile.format_for(output, SUFFIXES, fmt)
    target = outfile.check_target(output, force=force)  # before any passphrase is asked
    with console.open_store(home, readonly=True) as store:
        couple = get_couple(store)
        journal = None if unlock is None else unlock(store, couple)
        try:
            doc = _collect(store, journal)
        finally:
            if journal is not None:
                journal.close()
    if review is not None:
        doc = review(doc, couple)
    outfile.write_file(target, render(doc, chosen).encode("utf-8"), force=force)
    left_out = doc.scope.withheld_private_items
    summary = f"Wrote {target} ({len(doc.sessions)} sessions, {len(doc.goals)} goals"
    if left_out:
        summary += f"; {count(left_out, 'private item')} left out"
    console.stdout().print(summary + ").", markup=False)


def _collect(store: Store, journal: JournalSession | None) -> ExportDocument:
    """Collect with a progress bar on the terminal (none when output is not a terminal)."""
    from workbook.export.collect import collect

    err = console.stderr()
    if not err.is_terminal:
        return collect(store, private=journal)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("Reading sessions and goals"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("export", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return collect(store, private=journal, progress=tick)
