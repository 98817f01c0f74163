"""Foundation commands: where things live, the couple, backups and restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbook import locations
from workbook.cli.context import console, err_console, home_from, open_store
from workbook.errors import NotFoundError, StoreDamagedError, StoreIOError, WorkbookError

couple_app = typer.Typer(help="Set up or show the couple.", no_args_is_help=True)


def where(ctx: typer.Context) -> None:
    """Print the data file, the backup folder and every exercise source folder."""
    home = home_from(ctx)
    console.print(f"data file:      {locations.data_file(home)}", markup=False)
    console.print(f"backups:        {locations.backup_dir(home)}", markup=False)
    console.print(f"crash reports:  {locations.crash_dir(home)}", markup=False)
    console.print(f"exercises:      {locations.bundled_exercises_dir()}  (bundled)", markup=False)
    console.print(f"exercises:      {locations.user_exercises_dir(home)}  (yours)", markup=False)
    console.print(f"guides:         {locations.guides_dir()}", markup=False)
    console.print(f"programs:       {locations.programs_dir()}", markup=False)


@couple_app.command("init")
def couple_init(
    ctx: typer.Context,
    a: Annotated[str, typer.Option("--a", help="First partner's name.")],
    b: Annotated[str, typer.Option("--b", help="Second partner's name.")],
    force: Annotated[bool, typer.Option("--force", help="Rename an existing couple.")] = False,
) -> None:
    """Set the couple up without the TUI (for scripts, facilitators and tests)."""
    from workbook.couple import find_couple, make_couple, save_couple

    with open_store(ctx) as store, store.transaction():
        couple = make_couple(a, b)
        existing = find_couple(store)
        if existing is not None:
            if not force:
                raise WorkbookError(
                    f"This workbook already belongs to {existing.partners[0].name} and "
                    f"{existing.partners[1].name}. Use --force to rename them."
                )
            couple = existing.model_copy(
                update={
                    "partners": [
                        p.model_copy(update={"name": n.name})
                        for p, n in zip(existing.partners, couple.partners, strict=True)
                    ]
                }
            )
        save_couple(store, couple)
    console.print(
        f"Welcome, {couple.partners[0].name} and {couple.partners[1].name}.", markup=False
    )


@couple_app.command("show")
def couple_show(ctx: typer.Context) -> None:
    """Print the couple."""
    from workbook.couple import get_couple

    with open_store(ctx) as store:
        couple = get_couple(store)
    for partner in couple.partners:
        console.print(f"{partner.key}: {partner.name} ({partner.colour})", markup=False)


def backup(ctx: typer.Context) -> None:
    """Copy the data file into the backup folder now."""
    with open_store(ctx) as store:  # refuses a damaged file: backups copy sound data only
        path = store.backup()
    console.print(f"Backed up to {path}", markup=False)


def restore(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(help="A backup file to bring back.")] = None,
    latest: Annotated[
        bool, typer.Option("--latest", help="Use the newest backup that is not damaged.")
    ] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the backups and stop.")] = False,
) -> None:
    """Bring a backup back. The current data file is kept aside, never deleted."""
    from workbook.store import backups
    from workbook.store.db import check_file, read_only_note
    from workbook.store.lock import WorkbookLock

    home = home_from(ctx)
    if list_:
        found = backups.list_backups(home)
        if not found:
            console.print("There are no backups yet.")
        for path in found:
            console.print(str(path), markup=False)
        return
    if file is None and not latest:
        raise WorkbookError("Name a backup file, or use --latest (see `workbook restore --list`).")
    note = read_only_note(home)
    if note is not None:
        raise StoreIOError(f"Nothing was restored. {note}")
    if file is not None:
        check_file(file, home)  # refuse to restore a damaged backup
        source = file
    else:
        sound, damaged = backups.sound_backups(home)
        if sound is None:
            if damaged:
                raise StoreDamagedError(
                    f"Every backup in {locations.backup_dir(home)} is damaged "
                    f"({len(damaged)} of them); nothing was restored."
                )
            raise NotFoundError(f"There are no backups in {locations.backup_dir(home)}.")
        for path in damaged:
            err_console.print(f"Skipped {path}: it is damaged.", markup=False)
        source = sound
    lock = WorkbookLock(home, "a restore")
    lock.acquire(timeout=5)
    try:
        target, aside = backups.restore(home, source)
    finally:
        lock.release()
    console.print(f"Restored {source} to {target}.", markup=False)
    if aside is not None:
        console.print(f"The previous file was kept as {aside}.", markup=False)


def register(app: typer.Typer) -> None:
    app.command("where")(where)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.add_typer(couple_app, name="couple")
