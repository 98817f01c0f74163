"""The goal commands end to end through ``workbook.cli.run``, asserting on what the store holds."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from workbook import locations
from workbook.cli import run
from workbook.goals import progress as goal_progress
from workbook.goals import repo
from workbook.goals.models import Goal
from workbook.goals.plain import GoalStatus
from workbook.goals.schedule import CheckInStatus, local_today
from workbook.partners import PARTNERS
from workbook.store import Store


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A workbook home with a couple, Ana and Ben."""
    assert run(["--home", str(tmp_path), "couple", "init", "--a", "Ana", "--b", "Ben"]) == 0
    return tmp_path


def wb(home: Path, *args: str, stdin: str | None = None) -> int:
    if stdin is None:
        return run(["--home", str(home), *args])
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return run(["--home", str(home), *args])
    finally:
        sys.stdin = saved


def stored_goals(home: Path) -> list[Goal]:
    with Store.open(home) as store:
        return sorted(repo.goals(store).all(), key=lambda g: g.created_at)


def goal_ids(home: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert wb(home, "goals", "list", "--format", "json") == 0
    return [g["id"] for g in json.loads(capsys.readouterr().out)]


def test_add_shared_and_individual(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`goals add` stores shared and individual goals with the parsed cadence and why."""
    assert wb(home, "goals", "add", "Walk after dinner", "--cadence", "3x a week", "--shared") == 0
    assert (
        wb(home, "goals", "add", "Call mum", "--cadence", "mon,thu", "--partner", "ben",
           "--why-stdin", "--start", "2026-01-05", "--target", "2026-12-31",
           stdin="She misses us.\n")
        == 0
    )  # fmt: skip
    walk, call = stored_goals(home)
    assert (walk.partner, walk.cadence.to_text()) == (None, "3/week")
    assert (call.partner, call.cadence.to_text(), call.why) == ("b", "mon,thu", "She misses us.")
    assert (call.start_date, call.target_date) == (date(2026, 1, 5), date(2026, 12, 31))
    assert goal_ids(home, capsys) == [walk.id, call.id]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["Hug", "--cadence", "fortnightly", "--shared"], 2),
        (["Hug", "--cadence", "daily"], 2),
        (["Hug", "--cadence", "daily", "--shared", "--partner", "Ana"], 2),
        (["Hug", "--cadence", "daily", "--partner", "Cleo"], 5),
        (["Hug", "--cadence", "daily", "--shared", "--start", "next week"], 2),
    ],
)
def test_add_refuses_bad_input(
    home: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int
) -> None:
    """Unreadable cadences, missing owners, unknown partners and bad dates store nothing."""
    assert wb(home, "goals", "add", *args) == code
    assert "Traceback" not in capsys.readouterr().err
    assert stored_goals(home) == []


def test_private_goal_title_never_on_command_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A private goal refuses a title argument, and without a journal key stores nothing."""
    assert wb(home, "goals", "add", "secret", "--cadence", "daily", "--partner", "Ana",
              "--private") == 2  # fmt: skip
    code = wb(home, "goals", "add", "--cadence", "daily", "--partner", "Ana", "--private",
              stdin="Quiet plan\nbecause\n")  # fmt: skip
    assert code != 0
    err = capsys.readouterr().err
    assert "Quiet plan" not in err and "Traceback" not in err
    assert stored_goals(home) == []


def test_edit_pause_resume_achieve_by_prefix(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Edits log an adjustment; pause/resume/achieve change status; a unique prefix is enough."""
    wb(home, "goals", "add", "Phones away", "--cadence", "daily", "--shared",
       "--start", (local_today() - timedelta(days=10)).isoformat())  # fmt: skip
    (goal_id,) = goal_ids(home, capsys)
    prefix = goal_id[:6]
    assert wb(home, "goals", "edit", prefix, "--cadence", "every 2 days", "--title",
              "Phones in the drawer", "--reason", "easier to keep") == 0  # fmt: skip
    (goal,) = stored_goals(home)
    assert goal.title == "Phones in the drawer"
    assert [(a.field, a.old, a.new, a.reason) for a in goal.adjustments] == [
        ("title", "Phones away", "Phones in the drawer", "easier to keep"),
        ("cadence", "daily", "every 2 days", "easier to keep"),
    ]
    assert [v.cadence.to_text() for v in goal.cadence_versions] == ["daily", "every 2 days"]
    assert wb(home, "goals", "pause", prefix) == 0
    assert stored_goals(home)[0].status is GoalStatus.PAUSED
    assert wb(home, "goals", "pause", prefix) == 2  # already paused
    assert wb(home, "goals", "resume", prefix) == 0
    assert wb(home, "goals", "achieve", prefix) == 0
    final = stored_goals(home)[0]
    assert final.status is GoalStatus.ACHIEVED
    assert final.ended_on == local_today()
    assert wb(home, "goals", "edit", "ffffffffff", "--title", "x") == 5


def test_checkin_records_and_replaces(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`checkin` stores status, rating and a stdin note; the same day again replaces it."""
    wb(home, "goals", "add", "Say thanks", "--cadence", "daily", "--shared")
    (goal_id,) = goal_ids(home, capsys)
    assert wb(home, "checkin", goal_id[:8], "--partner", "Ana", "--status", "partly") == 0
    assert wb(home, "checkin", goal_id[:8], "--partner", "Ana", "--status", "done",
              "--rating", "9", "--note-stdin", stdin="We laughed.\n") == 0  # fmt: skip
    assert wb(home, "checkin", goal_id, "--partner", "Ben", "--status", "skipped",
              "--reason", "travelling") == 0  # fmt: skip
    assert wb(home, "checkin", goal_id, "--partner", "Ben", "--status", "done",
              "--rating", "12") == 2  # fmt: skip
    with Store.open(home) as store:
        stored = repo.checkins_of(store, goal_id)
    assert [(c.partner, c.status, c.rating, c.note, c.skip_reason) for c in stored] == [
        ("a", CheckInStatus.DONE, 9, "We laughed.", None),
        ("b", CheckInStatus.SKIPPED, None, None, "travelling"),
    ]


def test_due_prints_each_partner(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`due --date` lists each partner's due goals and marks the ones already checked in."""
    start = local_today() - timedelta(days=14)
    wb(home, "goals", "add", "Date night", "--cadence", "weekly", "--shared",
       "--start", start.isoformat())  # fmt: skip
    wb(home, "goals", "add", "Stretch", "--cadence", "daily", "--partner", "Ana",
       "--start", start.isoformat())  # fmt: skip
    night, stretch = goal_ids(home, capsys)
    yesterday = local_today() - timedelta(days=1)
    wb(home, "checkin", stretch, "--partner", "Ana", "--status", "done",
       "--date", yesterday.isoformat())  # fmt: skip
    capsys.readouterr()
    assert wb(home, "due", "--date", yesterday.isoformat()) == 0
    out = capsys.readouterr().out
    ana, ben = out.split("Ben")
    assert "Date night" in ana and "Stretch" in ana and "✓" in ana
    assert "Date night" in ben and "Stretch" not in ben
    with Store.open(home) as store:
        due = repo.due_on(store, yesterday)
    assert {i.goal.id for i in due["a"]} == {night, stretch}


def test_due_without_couple_is_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`due` in a home with no workbook says so instead of failing with a traceback."""
    assert run(["--home", str(tmp_path / "none"), "due"]) != 0
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err
    assert not (tmp_path / "none").exists()


def test_progress_summary(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`progress` shows each goal's streak from stored check-ins, and the change history."""
    start = local_today() - timedelta(days=3)
    wb(home, "goals", "add", "Stretch", "--cadence", "daily", "--partner", "Ana",
       "--start", start.isoformat())  # fmt: skip
    (goal_id,) = goal_ids(home, capsys)
    for offset in range(3, 0, -1):
        day = local_today() - timedelta(days=offset)
        wb(home, "checkin", goal_id, "--partner", "Ana", "--status", "done",
           "--rating", str(4 + offset), "--date", day.isoformat())  # fmt: skip
    wb(home, "goals", "edit", goal_id, "--cadence", "3/week", "--reason", "busy month")
    capsys.readouterr()
    assert wb(home, "progress", "--history") == 0
    out = capsys.readouterr().out
    with Store.open(home) as store:
        (summary,) = goal_progress.progress(store)
    ana = summary.partners[0]
    assert ana.streaks.best == 3
    assert "Stretch" in out and "busy month" in out
    assert any(block in out for block in "▁▂▃▄▅▆▇█")


def test_calendar_export_parses_back(home: Path, tmp_path: Path) -> None:
    """The .ics has one repeating all-day event per active goal, readable by icalendar."""
    from icalendar import Calendar, vRecur

    wb(home, "goals", "add", "Call mum", "--cadence", "mon,thu", "--partner", "Ben",
       "--target", (local_today() + timedelta(days=60)).isoformat())  # fmt: skip
    wb(home, "goals", "add", "Walk", "--cadence", "3/week", "--shared")
    wb(home, "goals", "add", "Money talk", "--cadence", "monthly", "--shared")
    wb(home, "goals", "add", "Old", "--cadence", "daily", "--shared")
    old = stored_goals(home)[-1]
    wb(home, "goals", "archive", old.id)
    out = tmp_path / "schedule.ics"
    assert wb(home, "calendar", "export", "-o", str(out)) == 0
    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Check in: Call mum", "Check in: Walk", "Check in: Money talk"}
    call = events["Check in: Call mum"]
    rule = call["rrule"]
    assert isinstance(rule, vRecur)
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TH"]
    assert rule["UNTIL"] == [local_today() + timedelta(days=60)]
    assert call.decoded("dtstart").weekday() in (0, 3)
    walk = events["Check in: Walk"]
    assert walk.decoded("dtstart").weekday() == 0
    assert (walk.decoded("dtend") - walk.decoded("dtstart")).days == 7
    assert events["Check in: Money talk"].decoded("dtstart").day == 1


def test_due_import_stays_light(home: Path) -> None:
    """`workbook due` runs without importing textual, pyrage, plotext or icalendar."""
    code = (
        "import sys; from workbook.cli import run; "
        f"rc = run(['--home', {str(home)!r}, 'due']); "
        "heavy = [m for m in ('textual', 'pyrage', 'plotext', 'icalendar') if m in sys.modules]; "
        "print('HEAVY', heavy); sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout


@pytest.mark.parametrize("command", [["goals", "list"], ["progress"]])
def test_commands_that_only_read_take_no_lock(home: Path, command: list[str]) -> None:
    """`goals list` and `progress` only read: they neither take the write lock nor import
    filelock (the lock is made at the first write), and no lock file appears."""
    lock_file = locations.lock_file(home)
    lock_file.unlink(missing_ok=True)
    code = (
        "import sys; from workbook.cli import run; "
        f"rc = run(['--home', {str(home)!r}, *{command!r}]); "
        "print('FILELOCK', 'filelock' in sys.modules); sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "FILELOCK False" in done.stdout
    assert not lock_file.exists()


def test_progress_shows_score_trends(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Stored scale scores appear in `progress` per partner under the scale's name, scores
    with at most two decimals, and items seen differently by their labels, not their ids."""
    from workbook.goals import scores

    with Store.open(home) as store:
        for i, (a, b) in enumerate([(3.0, 2.5), (13 / 3, 2.0)]):
            for partner, total in zip(PARTNERS, (a, b), strict=True):
                scores.record_scores(
                    store,
                    session_id=f"s{i}",
                    exercise_id="weekly-check-in",
                    partner=partner,
                    total=total,
                    items={"week": {"heard": 5 if partner == "a" else 2, "close": 3}},
                    day=local_today() - timedelta(days=7 * (2 - i)),
                )
    capsys.readouterr()
    assert wb(home, "progress") == 0
    out = capsys.readouterr().out
    assert "Weekly check-in: scores" in out and "weekly-check-in" not in out
    assert "latest 4.33 " in out and "4.333" not in out and "latest 2 " in out
    differently = out.split("differently")[1]
    assert "Felt heard" in differently and "close" not in differently.lower()


def test_private_goal_from_stdin_is_sealed(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With a journal key, `--private` reads title and why from stdin and stores them sealed."""
    import pyrage
    from pyrage import x25519

    from workbook.journal.models import JournalKey
    from workbook.journal.vault import keys

    identity = x25519.Identity.generate()
    with Store.open(home) as store:
        keys(store).add(
            JournalKey(
                partner="b", generation=1, recipient=str(identity.to_public()), wrapped_identity="x"
            )
        )
    assert wb(home, "goals", "add", "--cadence", "2/week", "--partner", "Ben", "--private",
              stdin="Quiet plan\nbecause it matters\n") == 0  # fmt: skip
    assert "Quiet plan" not in capsys.readouterr().out
    assert b"Quiet plan" not in (home / "workbook.json").read_bytes()
    (goal,) = stored_goals(home)
    assert goal.private and goal.partner == "b" and goal.encrypted
    sealed = pyrage.decrypt(goal.encrypted.encode(), [identity])
    assert json.loads(sealed) == {"title": "Quiet plan", "why": "because it matters"}
    assert wb(home, "goals", "list", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["title"] == "Private goal" and listed[0]["why"] == ""


def test_calendar_events_of_a_goal_from_an_exercise_say_how_to_open_it(
    home: Path, tmp_path: Path
) -> None:
    """A check-in event for a goal agreed in an exercise carries `workbook start <id>`; a goal
    made directly carries only the check-in command."""
    from icalendar import Calendar

    from workbook.goals.models import GoalSource

    wb(home, "goals", "add", "Walk", "--cadence", "3/week", "--shared")
    with Store.open(home) as store:
        source = GoalSource(kind="agreement", exercise_id="shared-activity-plan")
        repo.add_goal(store, title="Saturday walk", cadence="weekly", source=source)
    out = tmp_path / "schedule.ics"
    assert wb(home, "calendar", "export", "-o", str(out)) == 0
    events = {str(e["summary"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    agreed = str(events["Check in: Saturday walk"]["description"])
    assert "workbook start shared-activity-plan" in agreed
    assert "workbook checkin" in agreed
    assert "workbook start" not in str(events["Check in: Walk"]["description"])


def test_partner_may_be_named_in_any_case_by_a_prefix_or_by_a_b(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--partner an`, `--partner BEN` and `--partner b` each reach the right partner's record;
    a name longer than the limit is refused by `couple init` with the limit named."""
    from workbook.goals.repo import checkins

    assert wb(home, "goals", "add", "Stretch", "--cadence", "daily", "--partner", "an") == 0
    assert wb(home, "goals", "add", "Read", "--cadence", "daily", "--partner", "BEN") == 0
    stretch, read = stored_goals(home)
    assert (stretch.partner, read.partner) == ("a", "b")
    assert wb(home, "checkin", read.id, "--partner", "b", "--status", "done") == 0
    with Store.open(home, readonly=True) as store:
        assert [(c.goal_id, c.partner) for c in checkins(store).all()] == [(read.id, "b")]
    capsys.readouterr()
    assert wb(home, "couple", "init", "--a", "A" * 60, "--b", "Ben", "--force") == 2
    assert "at most 40" in capsys.readouterr().err


def test_titles_print_as_typed(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A title holding brackets and colons prints exactly as typed by `goals add`, `goals
    list` and `progress`: no part is taken for Rich markup or an emoji code."""
    title = "[b]Walk[/b] :smile: [draft]"
    capsys.readouterr()
    assert wb(home, "goals", "add", title, "--cadence", "daily", "--shared") == 0
    assert title in capsys.readouterr().out
    assert wb(home, "goals", "list") == 0
    assert title in capsys.readouterr().out
    assert wb(home, "progress") == 0
    assert title in capsys.readouterr().out
