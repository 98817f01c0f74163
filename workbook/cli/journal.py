"""``workbook journal``: private, encrypted journals from the command line.

Private text and passphrases never travel as command-line arguments (shell history and process
lists would keep them): an entry, its title, tags and mood come from standard input, and
passphrases from a hidden prompt or, with ``--passphrase-stdin``, one line per prompt in the
order they would be asked (setup: new, confirm; passwd: current, new, confirm; list, export
and confirm: the passphrase).

A key started over another (``setup --new-key``) is announced on standard error at every
``add``, ``list`` and ``export`` until its partner confirms making it (``confirm``); ``status``
shows each key's age and strength without a passphrase.

The cryptography lives in :mod:`workbook.journal`; this module only reads, asks and prints.
"""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbook.cli.context import console, err_console, open_store, read_secret, read_text
from workbook.errors import WorkbookError
from workbook.wording import count

if TYPE_CHECKING:
    from workbook.couple import Partner
    from workbook.journal.vault import JournalSession, OpenEntry
    from workbook.store import Store

journal_app = typer.Typer(
    help="Private journals, encrypted for each partner (age format).", no_args_is_help=True
)

PartnerOption = Annotated[str, typer.Option("--partner", help="Whose journal (a partner's name).")]
StdinOption = Annotated[
    bool,
    typer.Option(
        "--passphrase-stdin",
        help="Read each passphrase as one line from standard input instead of a hidden prompt.",
    ),
]

UNRECOVERABLE = (
    "Your journal is encrypted with this passphrase. Nobody can recover it for you: if it is "
    "forgotten, the entries written with it stay sealed for good. Write it down somewhere safe."
)


class ExportFormat(StrEnum):
    """Formats ``journal export`` can write."""

    md = "md"


def _partner(store: Store, name: str) -> Partner:
    from workbook.couple import get_couple

    return get_couple(store).partner_by_name(name)


def _require_key(store: Store, person: Partner) -> None:
    from workbook.errors import NotFoundError
    from workbook.journal import vault

    if vault.key_of(store, person.key) is None:
        raise NotFoundError(
            f"{person.name} has no journal passphrase yet. Set one first with "
            f"`workbook journal setup --partner {person.name}`."
        )


def _when(moment: datetime) -> str:
    from workbook.journal.vault import when

    return when(moment)


def _announce_replacement(store: Store, person: Partner) -> None:
    """Tell the partner, on standard error, about a new key they have not confirmed making."""
    from workbook.journal import vault

    pending = vault.pending_replacement(store, person.key)
    if pending is not None:
        err_console.print(
            "Notice: "
            + vault.replacement_notice(person.name, pending)
            + f" {person.name} can confirm with `workbook journal confirm --partner "
            f"{person.name}`; if it was not {person.name}, {person.name} can start a key of "
            f"their own with `workbook journal setup --partner {person.name} --new-key`.",
            markup=False,
        )


def setup(
    ctx: typer.Context,
    partner: PartnerOption,
    new_key: Annotated[
        bool,
        typer.Option(
            "--new-key",
            help=(
                "Start a new key after a forgotten passphrase (older entries stay sealed to "
                "the old key; the new one is announced until confirmed)."
            ),
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask to confirm --new-key.")] = False,
    passphrase_stdin: StdinOption = False,
) -> None:
    """Set a journal passphrase for a partner (asked twice, hidden)."""
    from workbook.journal import vault

    with open_store(ctx) as store:
        person = _partner(store, partner)
        existing = vault.key_of(store, person.key)
        if existing is not None and not new_key:
            raise WorkbookError(
                f"{person.name} already has a journal passphrase. To change it, run "
                f"`workbook journal passwd --partner {person.name}`. If it is forgotten, "
                "`--new-key` starts a new key (entries written before stay sealed)."
            )
        err_console.print(UNRECOVERABLE, markup=False)
        if existing is not None:
            err_console.print(
                f"A new key for {person.name}: the entries sealed with the old key cannot be "
                "opened with the new passphrase. They stay in the workbook, sealed.",
                markup=False,
            )
            if not yes:
                if passphrase_stdin:
                    raise WorkbookError("Add --yes to start a new key when reading from stdin.")
                typer.confirm("Start a new key?", abort=True, err=True)
        passphrase = read_secret(
            "New journal passphrase", from_stdin=passphrase_stdin, confirm=True
        )
        key = vault.setup_key(store, person.key, passphrase, new_key=existing is not None)
    console.print(f"{person.name}'s journal is ready. Entries are readable only by them.")
    err_console.print(f"Key strength: {vault.strength(key)}.", markup=False)
    if existing is not None:
        err_console.print(
            f"Anyone at this keyboard can start a new key, so {person.name} is told about this "
            "one at every journal open, `journal add` and `journal list` until confirming it "
            f"with `workbook journal confirm --partner {person.name}`. The old passphrase "
            "still opens the entries written before.",
            markup=False,
        )


def _parse_entry(text: str) -> dict[str, object]:
    """Split standard input into title, tags, mood and body.

    The first line ``# Title`` is the title; then ``tags: a, b`` and ``mood: word`` lines at
    the top are read as such; the rest is the body.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    title = ""
    tags: list[str] = []
    mood: str | None = None
    if lines and lines[0].startswith("# "):
        title = lines.pop(0)[2:].strip()
    while lines:
        head, sep, value = lines[0].partition(":")
        field = head.strip().casefold()
        if not sep or field not in ("tags", "mood"):
            break
        lines.pop(0)
        if field == "tags":
            tags.extend(t.strip() for t in value.split(",") if t.strip())
        else:
            mood = value.strip() or None
    body = "\n".join(lines).strip("\n")
    if not title and not body.strip():
        raise WorkbookError("Nothing to save: the entry was empty. Nothing was changed.")
    return {"title": title, "body": body, "tags": tags, "mood": mood}


def add(ctx: typer.Context, partner: PartnerOption) -> None:
    """Write an entry from standard input (no passphrase needed).

    A first line starting with "# " is the title; "tags: a, b" and "mood: ..." lines at the
    top are read as tags and mood. Finish with Ctrl-D.
    """
    from workbook.journal import vault

    with open_store(ctx) as store:
        person = _partner(store, partner)
        _require_key(store, person)
        _announce_replacement(store, person)
        payload = _parse_entry(read_text("entry"))
        entry = vault.add_entry(store, person.key, payload)
    console.print(
        f"Saved and sealed for {person.name}'s key number {entry.generation} "
        f"({_when(entry.created)}).",
        markup=False,
    )


def _unlocked_entries(
    store: Store, name: str, passphrase_stdin: bool
) -> tuple[Partner, list[OpenEntry], str]:
    from workbook.journal import vault

    person = _partner(store, name)
    _require_key(store, person)
    _announce_replacement(store, person)
    passphrase = read_secret(f"Journal passphrase for {person.name}", from_stdin=passphrase_stdin)
    with vault.unlocked(store, person.key, passphrase) as session:
        _announce_older_key(person, session)
        items, sealed, _ = session.overview()  # no limit: the command lists every entry
        note = f"{vault.sealed_words(sealed, session)}." if sealed else ""
        return person, items, note


def _announce_older_key(person: Partner, session: JournalSession) -> None:
    from workbook.journal import vault

    newer = session.newer_key
    if newer is not None:
        err_console.print(
            "Notice: "
            + vault.older_key_notice(person.name, session.key, newer)
            + f" To write with a key only you hold, run `workbook journal setup --partner "
            f"{person.name} --new-key`.",
            markup=False,
        )


def list_entries(
    ctx: typer.Context, partner: PartnerOption, passphrase_stdin: StdinOption = False
) -> None:
    """List a partner's entries by date, with title and tags (asks the passphrase)."""
    with open_store(ctx) as store:
        person, items, sealed_note = _unlocked_entries(store, partner, passphrase_stdin)
    if not items:
        console.print(f"{person.name}'s journal has no entries yet.", markup=False)
    for item in items:
        title = item.payload.title or "(untitled)"
        tags = f"  [{', '.join(item.payload.tags)}]" if item.payload.tags else ""
        mark = ""
        if item.entry.shared:
            mark = "  (shared)" if item.entry.author == person.key else "  (shared with you)"
        console.print(f"{_when(item.entry.created)}  {title}{tags}{mark}", markup=False)
    if sealed_note:
        err_console.print(sealed_note, markup=False)


def render_markdown(person_name: str, items: list[OpenEntry]) -> str:
    """The entries as one Markdown document, oldest first."""
    out = [f"# Journal of {person_name}", ""]
    for item in sorted(items, key=lambda i: i.entry.created):
        payload = item.payload
        heading = _when(item.entry.created)
        if payload.title:
            heading += f" — {payload.title}"
        out += [f"## {heading}", ""]
        details = []
        if payload.prompt_text:
            details.append(f"Prompt: {payload.prompt_text}")
        if payload.tags:
            details.append(f"Tags: {', '.join(payload.tags)}")
        if payload.mood:
            details.append(f"Mood: {payload.mood}")
        if item.entry.shared:
            details.append("Shared")
        if details:
            out += [f"*{' · '.join(details)}*", ""]
        if payload.body:
            out += [payload.body.rstrip("\n"), ""]
    return "\n".join(out)


def export(
    ctx: typer.Context,
    partner: PartnerOption,
    format_: Annotated[
        ExportFormat, typer.Option("--format", help="Output format.")
    ] = ExportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (readable by you only)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    passphrase_stdin: StdinOption = False,
) -> None:
    """Export a partner's readable entries as Markdown (asks the passphrase)."""
    from workbook import outfile

    if output is not None:
        outfile.check_target(output, force=force)  # refuse before asking for the passphrase
    with open_store(ctx) as store:
        person, items, sealed_note = _unlocked_entries(store, partner, passphrase_stdin)
    document = render_markdown(person.name, items)
    if output is None:
        sys.stdout.write(document)
        sys.stdout.flush()
    else:
        target = outfile.write_file(output, document.encode("utf-8"), force=force)
        err_console.print(
            f"Wrote {count(len(items), 'entry')} to {target}. That file is NOT encrypted: "
            "keep it safe or delete it when done.",
            markup=False,
        )
    if sealed_note:
        err_console.print(sealed_note, markup=False)


def passwd(
    ctx: typer.Context, partner: PartnerOption, passphrase_stdin: StdinOption = False
) -> None:
    """Change a partner's journal passphrase (re-wraps the key; entries are untouched)."""
    from workbook.journal import vault

    with open_store(ctx) as store:
        person = _partner(store, partner)
        _require_key(store, person)
        current = read_secret("Current journal passphrase", from_stdin=passphrase_stdin)
        new = read_secret("New journal passphrase", from_stdin=passphrase_stdin, confirm=True)
        key = vault.change_passphrase(store, person.key, current, new)
    console.print(f"{person.name}'s journal passphrase was changed.", markup=False)
    err_console.print(f"Key strength: {vault.strength(key)}.", markup=False)


def confirm(
    ctx: typer.Context, partner: PartnerOption, passphrase_stdin: StdinOption = False
) -> None:
    """Confirm that you started your newest journal key (asks its passphrase)."""
    from workbook.journal import vault

    with open_store(ctx) as store:
        person = _partner(store, partner)
        _require_key(store, person)
        pending = vault.pending_replacement(store, person.key)
        if pending is None:
            console.print(f"{person.name}'s journal key has nothing to confirm.", markup=False)
            return
        passphrase = read_secret(
            f"Passphrase of {person.name}'s new journal key", from_stdin=passphrase_stdin
        )
        vault.confirm_key(store, person.key, passphrase)
    console.print(
        f"Confirmed: {person.name} started the journal key of {_when(pending.created)}.",
        markup=False,
    )


def status(
    ctx: typer.Context,
    partner: Annotated[
        str | None, typer.Option("--partner", help="Only this partner (a name).")
    ] = None,
) -> None:
    """Show each partner's journal key: when it was made, its strength, any unconfirmed change."""
    from workbook.couple import get_couple
    from workbook.journal import vault

    with open_store(ctx) as store:
        couple = get_couple(store)
        people = [couple.partner_by_name(partner)] if partner else list(couple.partners)
        for person in people:
            key = vault.key_of(store, person.key)
            if key is None:
                console.print(f"{person.name}: no journal passphrase yet.", markup=False)
                continue
            console.print(
                f"{person.name}: key number {key.generation}, started {_when(key.created)}; "
                f"strength: {vault.strength(key)}.",
                markup=False,
            )
            if key.unconfirmed_replacement:
                console.print("  " + vault.replacement_notice(person.name, key), markup=False)


journal_app.command("setup")(setup)
journal_app.command("status")(status)
journal_app.command("confirm")(confirm)
journal_app.command("add")(add)
journal_app.command("list")(list_entries)
journal_app.command("export")(export)
journal_app.command("passwd")(passwd)


def register(app: typer.Typer) -> None:
    """Add ``journal`` to the root app (each run of the CLI builds its root afresh)."""
    app.add_typer(journal_app, name="journal")
