"""Goal commands: ``goals ...``, ``checkin``, ``due``, ``progress`` and ``calendar export``.

``workbook due`` is meant for a shell prompt or a cron job, so this module imports nothing
heavy at the top: the goal core, Rich tables and icalendar are loaded inside the commands that
use them (``bench/due.py`` measures the result). Private text (a goal's why, check-in notes)
comes from standard input, never from command-line arguments; a private goal's title too.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbook.cli.context import console, home_from, open_store, read_text
from workbook.console import ListFormat
from workbook.errors import WorkbookError
from workbook.goals.listing import list_goals, who
from workbook.goals.progress_report import DEFAULT_LAST, show_progress

if TYPE_CHECKING:
    from workbook.couple import Couple
    from workbook.partners import PartnerKey
    from workbook.store import Store

goals_app = typer.Typer(help="Add, list and change goals.", no_args_is_help=True)
calendar_app = typer.Typer(help="Export the check-in schedule.", no_args_is_help=True)


class Status(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    SKIPPED = "skipped"
    MISSED = "missed"


def register(app: typer.Typer) -> None:
    """Add the goal commands to the root app."""
    app.add_typer(goals_app, name="goals")
    app.add_typer(calendar_app, name="calendar")
    app.command("checkin")(checkin)
    app.command("due")(due)
    app.command("progress")(progress)


# -- helpers ---------------------------------------------------------------------------------


def parse_day(text: str, what: str = "date") -> date:
    """Read ``YYYY-MM-DD``, ``today``, ``tomorrow`` or ``yesterday`` (local dates)."""
    from workbook.goals.schedule import parse_local_day

    day = parse_local_day(text)
    if day is None:
        raise WorkbookError(
            f"'{text}' is not a {what} I can read; write it as YYYY-MM-DD (or today, tomorrow)."
        )
    return day


def _open_readonly(ctx: typer.Context) -> Store:
    """Open for reading only: no lock, no write, and no folder made where there was none."""
    return open_store(ctx, readonly=True)


def _partner_key(couple: Couple, name: str) -> PartnerKey:
    key = couple.partner_by_name(name).key
    return key


# -- goals -----------------------------------------------------------------------------------


@goals_app.command("add")
def goals_add(
    ctx: typer.Context,
    title: Annotated[
        str | None, typer.Argument(help="What the goal is (left out for --private).")
    ] = None,
    cadence: Annotated[
        str, typer.Option("--cadence", "-c", help="daily, weekly, 3/week, every 2 days, mon,thu…")
    ] = "",
    shared: Annotated[bool, typer.Option("--shared", help="A goal for the two of you.")] = False,
    partner: Annotated[
        str | None, typer.Option("--partner", help="Whose goal it is (a name).")
    ] = None,
    private: Annotated[
        bool,
        typer.Option(
            "--private",
            help="Seal it to the partner's journal key; title (first line) and why are read "
            "from standard input.",
        ),
    ] = False,
    why_stdin: Annotated[
        bool, typer.Option("--why-stdin", help="Read why this matters from standard input.")
    ] = False,
    start: Annotated[str | None, typer.Option("--start", help="First day (YYYY-MM-DD).")] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="Target date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Add a goal, shared or for one partner, with a cadence written the way you say it."""
    from workbook.couple import get_couple
    from workbook.goals import repo

    if shared == (partner is not None):
        raise WorkbookError("Say whose goal it is: --shared, or --partner NAME.")
    if not cadence:
        raise WorkbookError("Say how often with --cadence, e.g. daily, 3/week or mon,thu.")
    why = ""
    if private:
        if title is not None:
            raise WorkbookError(
                "A private goal's title is read from standard input, never the command line "
                "(other people on this computer can see command lines)."
            )
        first, _, rest = read_text("private goal's title (first line) and why").partition("\n")
        title, why = first, rest.strip()
    elif title is None:
        raise WorkbookError("Give the goal a title, e.g. workbook goals add 'Walk after dinner'.")
    elif why_stdin:
        why = read_text("why")
    with open_store(ctx) as store:
        couple = get_couple(store)
        key = None if partner is None else _partner_key(couple, partner)
        goal = repo.add_goal(
            store,
            title=title,
            why=why,
            cadence=cadence,
            partner=key,
            private=private,
            start=None if start is None else parse_day(start, "start date"),
            target=None if target is None else parse_day(target, "target date"),
        )
    console.print(
        f"Added {goal.display_title()!r} for {who(couple, goal)}, {goal.cadence.describe()}. "
        f"Id: {goal.id[:8]}",
        markup=False,
    )


@goals_app.command("list")
def goals_list(
    ctx: typer.Context,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = ListFormat.table,
) -> None:
    """List every goal with its id, who it is for, cadence and status."""
    list_goals(home_from(ctx), fmt)


@goals_app.command("edit")
def goals_edit(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(help="The goal's id (or its first characters).")],
    title: Annotated[str | None, typer.Option("--title", help="New title.")] = None,
    cadence: Annotated[str | None, typer.Option("--cadence", help="New cadence.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="New target date.")] = None,
    why_stdin: Annotated[
        bool, typer.Option("--why-stdin", help="Read a new why from standard input.")
    ] = False,
    reason: Annotated[str, typer.Option("--reason", help="Why you are changing it.")] = "",
) -> None:
    """Change a goal; the change is kept in its history, and earlier progress stays as it was."""
    from workbook.goals import repo

    why = read_text("why") if why_stdin else None
    with open_store(ctx) as store:
        goal = repo.edit_goal(
            store,
            goal_id,
            title=title,
            why=why,
            cadence=cadence,
            target=None if target is None else parse_day(target, "target date"),
            reason=reason,
        )
    console.print(f"Updated {goal.display_title()!r}: {goal.cadence.describe()}.", markup=False)


def _status_command(name: str, verb: str) -> None:
    def command(
        ctx: typer.Context,
        goal_id: Annotated[str, typer.Argument(help="The goal's id (or its first characters).")],
        reason: Annotated[str, typer.Option("--reason", help="A word on why.")] = "",
    ) -> None:
        from workbook.goals import repo

        action = {
            "pause": repo.pause_goal,
            "resume": repo.resume_goal,
            "achieve": repo.achieve_goal,
            "archive": repo.archive_goal,
        }[name]
        with open_store(ctx) as store:
            goal = action(store, goal_id, reason=reason)
        console.print(f"{goal.display_title()!r} {verb}.", markup=False)

    command.__doc__ = {
        "pause": "Pause a goal: nothing is due and no streak breaks until you resume it.",
        "resume": "Resume a paused goal from today.",
        "achieve": "Mark a goal achieved. Well done.",
        "archive": "Put a goal away without marking it achieved.",
    }[name]
    goals_app.command(name)(command)


for _name, _verb in (
    ("pause", "is paused"),
    ("resume", "is running again"),
    ("achieve", "is achieved. Well done, both of you"),
    ("archive", "is archived"),
):
    _status_command(_name, _verb)


# -- check-ins and due -----------------------------------------------------------------------


def checkin(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(help="The goal's id (or its first characters).")],
    partner: Annotated[str, typer.Option("--partner", help="Who is checking in (a name).")],
    status: Annotated[Status, typer.Option("--status", help="done, partly, skipped or missed.")],
    rating: Annotated[
        int | None, typer.Option("--rating", help="How it went, 1 to 10.", min=1, max=10)
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help="Why it was skipped (skips keep streaks); not for a private goal."
        ),
    ] = None,
    reason_stdin: Annotated[
        bool,
        typer.Option(
            "--reason-stdin",
            help="Read why it was skipped from standard input (with --note-stdin too: the "
            "first line).",
        ),
    ] = False,
    note_stdin: Annotated[
        bool, typer.Option("--note-stdin", help="Read a note from standard input.")
    ] = False,
    on: Annotated[str | None, typer.Option("--date", help="The day (default today).")] = None,
) -> None:
    """Record how a goal went today (a second check-in for the same day replaces the first).

    A private goal's words are sealed, so its skip reason and note come only from standard
    input: ``--reason`` on the command line is refused for it before anything is stored.
    """
    from workbook.couple import get_couple
    from workbook.goals import repo

    if reason is not None and reason_stdin:
        raise WorkbookError("Give the reason once: --reason or --reason-stdin.")
    note = None
    if reason_stdin and note_stdin:
        reason, _, note = read_text("reason (first line) and note").partition("\n")
    elif reason_stdin:
        reason = read_text("reason")
    elif note_stdin:
        note = read_text("note")
    with open_store(ctx) as store:
        couple = get_couple(store)
        key = _partner_key(couple, partner)
        if reason is not None and not reason_stdin and repo.resolve_goal(store, goal_id).private:
            raise WorkbookError(
                "A private goal's skip reason is sealed, so it is read from standard input "
                "(--reason-stdin), never the command line (other people on this computer can "
                "see command lines). Nothing was saved."
            )
        entry = repo.record_checkin(
            store,
            goal_id,
            key,
            status.value,
            day=None if on is None else parse_day(on),
            rating=rating,
            skip_reason=reason,
            note=note,
        )
        goal = repo.goals(store).require(entry.goal_id, what="goal")
    console.print(
        f"{couple.partner(key).name}: {goal.display_title()!r} {entry.status.value} "
        f"on {entry.day.isoformat()}.",
        markup=False,
    )


def due(
    ctx: typer.Context,
    on: Annotated[str | None, typer.Option("--date", help="The day (default today).")] = None,
) -> None:
    """Print what is due today for each partner (fast enough for a shell prompt)."""
    from workbook.couple import get_couple
    from workbook.goals import repo
    from workbook.goals.quickdue import DueLine, render, write
    from workbook.goals.schedule import local_today

    day = local_today() if on is None else parse_day(on)
    with _open_readonly(ctx) as store:
        couple = get_couple(store)
        items = repo.due_on(store, day)
    lines: dict[str, list[DueLine]] = {
        key: [
            DueLine(
                item.goal.id,
                item.goal.display_title(),
                item.progress_text,
                None if item.today is None else item.today.status.value,
            )
            for item in found
        ]
        for key, found in items.items()
    }
    write(render([(p.key, p.name) for p in couple.partners], lines))


# -- progress --------------------------------------------------------------------------------


def progress(
    ctx: typer.Context,
    history: Annotated[
        bool, typer.Option("--history", help="Also list each goal's adjustments.")
    ] = False,
    last: Annotated[
        int, typer.Option("--last", help="Periods shown in the charts.", min=1)
    ] = DEFAULT_LAST,
) -> None:
    """A summary per goal and partner: streaks (skips excused), completion and ratings."""
    show_progress(home_from(ctx), history=history, last=last)


# -- calendar --------------------------------------------------------------------------------


@calendar_app.command("export")
def calendar_export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The .ics file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write the check-in schedule of active goals as an iCalendar file (repeating events)."""
    from workbook import outfile
    from workbook.couple import get_couple
    from workbook.goals import repo
    from workbook.goals.ical import schedule_calendar

    outfile.format_for(output, {".ics": "ics"}, has_option=False)
    outfile.check_target(output, force=force)
    with _open_readonly(ctx) as store:
        couple = get_couple(store)
        active = repo.goals(store).all()
    target = outfile.write_file(output, schedule_calendar(couple, active), force=force)
    console.print(f"Wrote the check-in schedule to {target}.", markup=False)


__all__ = ["calendar_app", "goals_app", "register"]
