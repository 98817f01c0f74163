"""Every record is checked when the data file is loaded, and a backup never copies damage.

A file with one invalid record (a goal whose start date is "garbage", a couple without
partners) is damage for reads and writes alike: exit 4, a sentence naming the table and the
record and how to restore, and the file kept exactly as it was. Daily backups are only ever
taken of a file that was checked, so the last good one survives any number of days of
attempted writes, and ``restore --latest`` finds it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import ValidationError

from workbook import checked, clock, locations
from workbook.cli import run
from workbook.couple import Couple, find_couple
from workbook.errors import ExitCode, StoreDamagedError
from workbook.goals import quickdue
from workbook.goals import repo as goals_repo
from workbook.goals.models import CheckIn, Goal, ScoreRecord
from workbook.goals.plain import CHECKINS_TABLE, GOALS_TABLE
from workbook.goals.scores import SCORES_TABLE
from workbook.journal.models import ENTRIES_TABLE, KEYS_TABLE, JournalEntry, JournalKey
from workbook.sessions import SESSIONS_TABLE, SessionRecord
from workbook.store import Record, Store, backups, checks, schema

Raw = dict[str, Any]


def wb(home: Path, *args: str) -> int:
    """Run one CLI command against ``home``."""
    return run(["--home", str(home), *args])


def data_file(home: Path) -> Path:
    return locations.data_file(home)


def edit_file(home: Path, change: Callable[[Raw], None]) -> bytes:
    """Change the data file's JSON as a hand edit would; return the new bytes."""
    raw = orjson.loads(data_file(home).read_bytes())
    change(raw)
    data = orjson.dumps(raw)
    data_file(home).write_bytes(data)
    return data


@pytest.fixture
def with_goal(home: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A home with a couple and one shared goal; returns the goal's id."""
    assert wb(home, "couple", "init", "--a", "Sam", "--b", "Alex") == 0
    assert wb(home, "goals", "add", "Walk after dinner", "--cadence", "daily", "--shared") == 0
    capsys.readouterr()
    with Store.open(home) as store:
        (goal,) = goals_repo.goals(store).all()
    return goal.id


def break_goal(raw: Raw) -> None:
    first = next(iter(raw[GOALS_TABLE].values()))
    first["start_date"] = "garbage"


def break_couple(raw: Raw) -> None:
    (couple,) = raw["couple"].values()
    couple["partners"] = "garbage"


DAMAGE = {"goal": (break_goal, GOALS_TABLE), "couple": (break_couple, "couple")}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_an_invalid_record_is_damage_for_reads_and_writes(
    home: Path, with_goal: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """With one invalid record, every read and every write exits 4 (not 70, not 0) with a
    sentence naming the file, the table, the record and `workbook restore --latest`; the file
    keeps its bytes and no backup of it is taken."""
    assert wb(home, "backup") == 0
    good_backups = backups.list_backups(home)
    capsys.readouterr()
    change, table = DAMAGE[kind]
    damaged = edit_file(home, change)
    record_id = next(iter(orjson.loads(damaged)[table].values()))["id"]
    commands = [
        ("goals", "list"),
        ("couple", "show"),
        ("due",),
        ("goals", "add", "Read together", "--cadence", "daily", "--shared"),
        ("couple", "init", "--a", "Kim", "--b", "Lou", "--force"),
        ("backup",),
    ]
    for command in commands:
        assert wb(home, *command) == ExitCode.DAMAGED, command
        err = capsys.readouterr().err
        assert str(data_file(home)) in err, command
        assert f"record {record_id} in the {table} table" in err, command
        assert "workbook restore --latest" in err, command
        assert "garbage" not in err  # the stored value is never repeated
        assert "Traceback" not in err
    assert data_file(home).read_bytes() == damaged
    assert backups.list_backups(home) == good_backups


def test_damage_names_the_field_and_the_sound_backup(home: Path, with_goal: str) -> None:
    """Opening a file with an invalid goal raises StoreDamagedError naming the goal's id, the
    field and the newest sound backup (not a newer damaged one)."""
    with Store.open(home) as store:
        good = store.backup()
    edit_file(home, break_goal)
    damaged_backup = locations.backup_dir(home) / "workbook-manual-9999-damaged.json"
    damaged_backup.write_bytes(data_file(home).read_bytes())
    with pytest.raises(StoreDamagedError) as caught:
        Store.open(home)
    message = str(caught.value)
    assert f"record {with_goal} in the goals table is not valid (start_date:" in message
    assert f"The newest sound backup is {good};" in message


def test_a_record_that_would_not_load_is_never_written(home: Path, with_goal: str) -> None:
    """A model changed without validation (model_copy with an update) cannot put an invalid
    value into the file: the write raises and the file is unchanged."""
    before = data_file(home).read_bytes()
    with Store.open(home) as store:
        goal = goals_repo.goals(store).require(with_goal)
        broken = goal.model_copy(update={"start_date": "garbage"})
        with pytest.raises(ValidationError), pytest.warns(UserWarning, match="serializ"):
            goals_repo.goals(store).put(broken)
    assert data_file(home).read_bytes() == before


def test_every_table_is_checked_with_its_model() -> None:
    """The schema names the model of every table the workbook stores, and a repository over a
    named table refuses any other model."""
    tables: dict[str, type[Record]] = {
        "couple": Couple,
        SESSIONS_TABLE: SessionRecord,
        GOALS_TABLE: Goal,
        CHECKINS_TABLE: CheckIn,
        SCORES_TABLE: ScoreRecord,
        KEYS_TABLE: JournalKey,
        ENTRIES_TABLE: JournalEntry,
    }
    assert {t: schema.model_name(m) for t, m in tables.items()} == schema.TABLE_MODELS
    with (
        Store.open(Path(os.environ["WORKBOOK_HOME"])) as store,
        pytest.raises(TypeError, match="The goals table holds Goal records, not CheckIn"),
    ):
        store.repo(CheckIn, GOALS_TABLE)


def test_seven_days_of_refused_writes_keep_the_last_good_backup(
    home: Path, with_goal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Day 1's first write backs up the sound file. After the file is damaged, ten more days
    of attempted writes are all refused, take no backup and rotate nothing away, so
    `restore --latest` still brings back day 1's sound file and the workbook opens again."""
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    assert wb(home, "goals", "add", "Day one", "--cadence", "daily", "--shared") == 0
    kept = backups.list_backups(home)
    day_one = locations.backup_dir(home) / f"{backups.DAILY_PREFIX}2026-06-01.json"
    assert day_one in kept
    edit_file(home, break_goal)
    for day in range(2, 12):
        when = datetime(2026, 6, day, 9, 0, tzinfo=UTC)
        monkeypatch.setattr(clock, "now", lambda when=when: when)
        assert wb(home, "goals", "add", f"Day {day}", "--cadence", "daily", "--shared") == 4
        assert backups.list_backups(home) == kept
    assert wb(home, "restore", "--latest") == 0
    assert data_file(home).read_bytes() == kept[0].read_bytes()
    with Store.open(home) as store:
        assert [g.id for g in goals_repo.goals(store).all()] == [with_goal]
        assert find_couple(store) is not None


def test_restore_latest_skips_damaged_backups_and_rotation_keeps_the_sound_one(
    home: Path, with_goal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Backups left damaged by an older version, newer (by time) than today's: today's daily
    backup of the sound file is still kept when the eight daily backups are rotated, and
    `restore --latest` skips the damaged ones, saying so, and brings back the sound one."""
    sound = data_file(home).read_bytes()
    future = datetime(2030, 1, 1, tzinfo=UTC).timestamp()
    for n in range(backups.KEEP_DAILY):
        old = locations.backup_dir(home) / f"{backups.DAILY_PREFIX}2030-01-0{n + 1}.json"
        locations.ensure_private_dir(old.parent)
        old.write_bytes(b'{"goals": {"1": ')
        os.utime(old, (future + n, future + n))
    taken = backups.daily_backup(home, sound, today=datetime(2026, 6, 1))
    assert taken is not None
    assert taken in backups.list_backups(home)
    assert len(backups.list_backups(home)) == backups.KEEP_DAILY + 1
    edit_file(home, break_goal)
    capsys.readouterr()
    assert wb(home, "restore", "--latest") == 0
    assert data_file(home).read_bytes() == sound
    assert capsys.readouterr().err.count("it is damaged") == backups.KEEP_DAILY


def test_restore_latest_when_every_backup_is_damaged(
    home: Path, with_goal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """When every backup is damaged, `restore --latest` exits 4 with a sentence and changes
    nothing; a named damaged backup is refused the same way."""
    with Store.open(home) as store:
        backup = store.backup()
    damaged = edit_file(home, break_goal)
    for path in backups.list_backups(home):
        path.write_bytes(damaged)
    current = data_file(home).read_bytes()
    assert wb(home, "restore", "--latest") == ExitCode.DAMAGED
    assert "Every backup" in capsys.readouterr().err
    assert wb(home, "restore", str(backup)) == ExitCode.DAMAGED
    assert f"record {with_goal} in the goals table" in capsys.readouterr().err
    assert data_file(home).read_bytes() == current


def test_an_unchanged_file_is_checked_once(
    home: Path, with_goal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the store wrote or already checked is not checked again; any change to it, even
    one keeping its size and modification time, is checked again and found."""
    calls: list[int] = []
    real = checks.validate

    def counted(raw: checks.Raw) -> None:
        calls.append(1)
        real(raw)

    monkeypatch.setattr(checks, "validate", counted)
    for _ in range(2):
        with Store.open(home) as store:
            assert goals_repo.goals(store).count() == 1
    assert calls == []
    before = data_file(home).stat()
    data = data_file(home).read_bytes()
    start = data.index(b'"start_date":"') + len(b'"start_date":"')
    edited = data[:start] + b"XXXX" + data[start + 4 :]
    with data_file(home).open("r+b") as fh:
        fh.write(edited)
    os.utime(data_file(home), ns=(before.st_atime_ns, before.st_mtime_ns))
    assert data_file(home).stat().st_size == before.st_size
    with pytest.raises(StoreDamagedError, match="start_date"):
        Store.open(home)
    assert calls == [1, 1]  # the edited file, then the backup the message names


def test_the_note_of_a_checked_file_holds_no_data(home: Path, with_goal: str) -> None:
    """The note beside the data file says which file was checked and nothing of what is in it."""
    note = locations.checked_file(home).read_bytes()
    assert b"Walk" not in note
    assert orjson.loads(note)["file"] == checked.identity(data_file(home).stat())


def test_the_fast_due_path_never_answers_from_an_unchecked_file(
    home: Path, with_goal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook due` answers from the file without the store only while it is the file the
    store found sound: after a hand edit that the fast path itself would not notice (an
    unknown field on the couple), it steps aside and the full command exits 4."""
    assert quickdue.try_run(["--home", str(home), "due"]) == 0
    edit_file(home, lambda raw: next(iter(raw["couple"].values())).update(surprise=1))
    capsys.readouterr()
    assert quickdue.try_run(["--home", str(home), "due"]) is None
    assert wb(home, "due") == ExitCode.DAMAGED
    assert "in the couple table is not valid (surprise:" in capsys.readouterr().err
