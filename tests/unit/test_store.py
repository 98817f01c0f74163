"""The store: repositories, transactions, damage handling, backups, permissions, migrations.

Everything runs against a real data file in a temporary home; assertions are on what is
stored on disk or read back through a fresh :class:`~workbook.store.Store`.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import Field

from workbook import clock, locations
from workbook.cli import run
from workbook.couple import get_couple, make_couple, save_couple
from workbook.errors import NotFoundError, StoreDamagedError, StoreIOError, WorkbookError
from workbook.store import Record, Store, atomic, backups, migrations
from workbook.store.atomic import TEMP_SUFFIX

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MODES = ["cli", "tui"]


class Note(Record):
    """A test record with nested and optional fields."""

    title: str
    when: datetime
    tags: list[str] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    mood: int | None = None


def note(title: str, **extra: Any) -> Note:
    """A note written at a fixed moment."""
    return Note(title=title, when=datetime(2026, 5, 1, 20, 30, tzinfo=UTC), **extra)


def open_store(home: Path, mode: str) -> Store:
    """Open in CLI mode (lock per write) or TUI mode (lock held)."""
    return Store.open(home, hold_lock=mode == "tui")


def data_file(home: Path) -> Path:
    return locations.data_file(home)


def temps(home: Path) -> list[Path]:
    """Temp files beside the data file and in the backup folder."""
    return [*home.glob(f".*{TEMP_SUFFIX}"), *locations.backup_dir(home).glob(f".*{TEMP_SUFFIX}")]


def take_backup(home: Path) -> Path:
    """`workbook backup`: the store copies the file it read and checked."""
    with Store.open(home) as store:
        return store.backup()


@pytest.fixture
def with_couple(home: Path) -> Iterator[Path]:
    """A home holding a couple and one manual backup of it; yields the backup's path."""
    with Store.open(home) as store:
        save_couple(store, make_couple("Sam", "Alex"))
    yield take_backup(home)


# -- repositories ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_repository_round_trips_models(home: Path, mode: str) -> None:
    """Models go in and the same models come out (also through a fresh store): get, all,
    find, first, put (replace by id), delete, require and count; what comes out is the model
    class, never a TinyDB document or dict, and changing it does not change what is stored."""
    first = note("first", tags=["a", "b"], counts={"x": 1}, mood=3)
    second = note("second")
    with open_store(home, mode) as store:
        repo = store.repo(Note, "notes")
        assert repo.add(first) == first
        repo.add(second)
    with open_store(home, mode) as store:
        repo = store.repo(Note, "notes")
        got = repo.get(first.id)
        assert got == first
        assert type(got) is Note
        assert not isinstance(got, dict)
        assert all(type(n) is Note for n in repo.all())
        assert sorted(n.title for n in repo.all()) == ["first", "second"]
        assert repo.find(lambda n: n.mood == 3) == [first]
        assert repo.first(lambda n: n.title == "second") == second
        assert got is not None
        got.tags.append("changed only in my copy")
        got.counts["x"] = 99
        assert repo.require(first.id, what="note") == first

        repo.put(first.model_copy(update={"title": "first, edited"}))
        assert repo.count() == 2
        repo.delete(second.id)
        assert repo.get(second.id) is None
        with pytest.raises(NotFoundError, match=f"There is no note with id {second.id}"):
            repo.require(second.id, what="note")
    with Store.open(home) as store:
        repo = store.repo(Note, "notes")
        assert [n.title for n in repo.all()] == ["first, edited"]
        assert repo.count() == 1
        assert store.table_names() == ["notes"]


def test_put_inserts_when_id_is_new(home: Path) -> None:
    """put() of a record whose id is not stored yet inserts it (upsert)."""
    with Store.open(home) as store:
        store.repo(Note, "notes").put(note("new"))
    with Store.open(home) as store:
        assert [n.title for n in store.repo(Note, "notes").all()] == ["new"]


class Session(Record):
    """A record with free-form nested state, like an exercise session."""

    state: dict[str, Any] = Field(default_factory=dict)


def test_returned_models_share_nothing_with_the_store(home: Path) -> None:
    """Changing nested values inside a model that came out of the store (even in fields
    typed Any) changes neither the store's data nor the file, not even when another table is
    written afterwards."""
    saved = Session(state={"answers": {"q1": ["kind words"]}, "step": 2})
    with Store.open(home, hold_lock=True) as store:
        sessions = store.repo(Session, "test_sessions")
        sessions.add(saved)
        got = sessions.get(saved.id)
        assert got is not None
        got.state["answers"]["q1"].append("never saved")
        got.state["step"] = 3
        for model in sessions.all():
            model.state["answers"]["q2"] = "never saved either"
        store.repo(Note, "notes").add(note("another table"))
        assert sessions.get(saved.id) == saved
    with Store.open(home) as store:
        assert store.repo(Session, "test_sessions").get(saved.id) == saved


def test_deleting_a_missing_record_writes_nothing(home: Path) -> None:
    """Deleting an id that is not stored is a no-op: the file is not rewritten."""
    with Store.open(home) as store:
        repo = store.repo(Note, "notes")
        repo.add(note("stays"))
        before = data_file(home).stat()
        repo.delete("no-such-id")
        after = data_file(home).stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        assert repo.count() == 1


@pytest.mark.parametrize("mode", MODES)
def test_failed_transaction_writes_nothing(home: Path, mode: str) -> None:
    """If a transaction's block raises, nothing is written to the file and the store's own
    in-memory copy is re-read, so neither it nor a fresh store sees the half-done changes."""
    keep = note("keep")
    with open_store(home, mode) as store:
        repo = store.repo(Note, "notes")
        repo.add(keep)
        before = data_file(home).read_bytes()
        with pytest.raises(RuntimeError), store.transaction():
            repo.add(note("half-done"))
            repo.put(keep.model_copy(update={"title": "changed"}))
            repo.delete("missing")
            raise RuntimeError("boom")
        assert data_file(home).read_bytes() == before
        assert repo.all() == [keep]
    with Store.open(home) as store:
        assert store.repo(Note, "notes").all() == [keep]


def test_transaction_writes_once_at_the_end(home: Path) -> None:
    """Several repository calls inside one transaction reach the file together at its end."""
    with Store.open(home) as store:
        repo = store.repo(Note, "notes")
        repo.add(note("zero"))
        before = data_file(home).read_bytes()
        with store.transaction():
            repo.add(note("one"))
            repo.add(note("two"))
            assert data_file(home).read_bytes() == before
        with Store.open(home) as other:
            assert other.repo(Note, "notes").count() == 3


def test_cli_store_sees_other_writers_changes_of_same_size(home: Path) -> None:
    """A long-lived CLI-mode store re-reads inside the lock: a change another store made that
    keeps the file the same length is not overwritten by its next write."""
    x, y = note("x-value-1"), note("y-value-1")
    with Store.open(home) as seed:
        seed.repo(Note, "notes").add(x)
        seed.repo(Note, "notes").add(y)
    a, b = Store.open(home), Store.open(home)
    try:
        size = data_file(home).stat().st_size
        b.repo(Note, "notes").put(y.model_copy(update={"title": "y-value-2"}))
        assert data_file(home).stat().st_size == size
        a.repo(Note, "notes").put(x.model_copy(update={"title": "x-value-2"}))
    finally:
        a.close()
        b.close()
    with Store.open(home) as store:
        assert sorted(n.title for n in store.repo(Note, "notes").all()) == [
            "x-value-2",
            "y-value-2",
        ]


@pytest.mark.parametrize("mode", MODES)
def test_threads_of_one_process_share_the_store(home: Path, mode: str) -> None:
    """Worker threads write through the process's open store (TUI mode holds the lock for
    the whole process, so a thread is not told the workbook is open elsewhere); writes from
    several threads at once are serialised and none is lost."""
    per_thread = 25
    errors: list[BaseException] = []
    with open_store(home, mode) as store:
        repo = store.repo(Note, "notes")
        repo.add(note("from the main thread"))

        def worker(name: str) -> None:
            try:
                for n in range(per_thread):
                    repo.add(note(f"{name}-{n}"))
                    repo.count()
            except BaseException as exc:  # reported below, with the thread's error
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(f"t{i}",)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert repo.count() == 1 + 4 * per_thread
    with Store.open(home) as store:
        assert store.repo(Note, "notes").count() == 1 + 4 * per_thread


def test_readonly_store_refuses_writes(home: Path) -> None:
    """A read-only store reads the data but refuses to write, with a sentence, leaving the
    file unchanged."""
    with Store.open(home) as store:
        store.repo(Note, "notes").add(note("there"))
    before = data_file(home).read_bytes()
    with Store.open(home, readonly=True) as store:
        repo = store.repo(Note, "notes")
        assert [n.title for n in repo.all()] == ["there"]
        with pytest.raises(WorkbookError, match="read-only"):
            repo.add(note("refused"))
    assert data_file(home).read_bytes() == before


# -- damage ----------------------------------------------------------------------------------

DAMAGE: dict[str, Any] = {
    "garbage": lambda good: b"\x00\x17 this is not json at all \xff\xfe",
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "blank": lambda good: b"  \n\t ",
    "list": lambda good: b"[1, 2, 3]",
    "string": lambda good: b'"workbook"',
    "table-not-a-dict": lambda good: b'{"couple": [1, 2]}',
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_file_is_refused_and_kept(
    home: Path, with_couple: Path, kind: str, mode: str
) -> None:
    """A corrupt, truncated, empty or non-workbook file is never opened as a new database:
    opening raises StoreDamagedError naming the file and the newest backup, and the file's
    bytes are left exactly as they were."""
    damaged = DAMAGE[kind](data_file(home).read_bytes())
    data_file(home).write_bytes(damaged)
    with pytest.raises(StoreDamagedError) as caught:
        open_store(home, mode)
    message = str(caught.value)
    assert str(data_file(home)) in message
    assert str(with_couple) in message
    assert "workbook restore --latest" in message
    assert data_file(home).read_bytes() == damaged


def test_damaged_file_without_backup_says_so(home: Path) -> None:
    """With no backup yet, the damage message says so and the file is left unchanged."""
    locations.ensure_private_dir(home)
    data_file(home).write_bytes(b'{"couple": {"1": {"id": "x", "par')
    with pytest.raises(StoreDamagedError, match="There is no backup yet"):
        Store.open(home)
    assert data_file(home).read_bytes() == b'{"couple": {"1": {"id": "x", "par'


def test_restore_latest_brings_the_backup_back(
    home: Path, with_couple: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook restore --latest` replaces a damaged file with the newest backup, keeps the
    damaged file aside under a new name, and the workbook opens again with its data."""
    damaged = data_file(home).read_bytes()[:20]
    data_file(home).write_bytes(damaged)
    assert run(["--home", str(home), "restore", "--latest"]) == 0
    assert data_file(home).read_bytes() == with_couple.read_bytes()
    aside = list(home.glob(f"{locations.DATA_FILE_NAME}.replaced-*"))
    assert [p.read_bytes() for p in aside] == [damaged]
    assert str(aside[0]) in capsys.readouterr().out
    with Store.open(home) as store:
        assert [p.name for p in get_couple(store).partners] == ["Sam", "Alex"]


def test_restore_named_file_brings_that_backup_back(home: Path, with_couple: Path) -> None:
    """`workbook restore FILE` brings back the named (older) backup, not the newest, and
    keeps the current file aside."""
    with Store.open(home) as store:
        save_couple(store, make_couple("Robin", "Kai"))
    newer = take_backup(home)
    assert newer != with_couple
    current = data_file(home).read_bytes()
    assert run(["--home", str(home), "restore", str(with_couple)]) == 0
    assert data_file(home).read_bytes() == with_couple.read_bytes()
    aside = list(home.glob(f"{locations.DATA_FILE_NAME}.replaced-*"))
    assert [p.read_bytes() for p in aside] == [current]
    with Store.open(home) as store:
        assert get_couple(store).partners[0].name == "Sam"


def test_restore_refuses_a_damaged_backup(home: Path, with_couple: Path) -> None:
    """Restoring a backup that is itself damaged fails with exit code 4 and changes nothing."""
    bad = locations.backup_dir(home) / "workbook-manual-bad.json"
    bad.write_bytes(b"{not json")
    before = data_file(home).read_bytes()
    assert run(["--home", str(home), "restore", str(bad)]) == 4
    assert data_file(home).read_bytes() == before
    assert not list(home.glob(f"{locations.DATA_FILE_NAME}.replaced-*"))


# -- backups and permissions -----------------------------------------------------------------


def test_daily_backups_rotate_keeping_seven(home: Path) -> None:
    """One daily backup per day; after ten days the seven newest days remain, each holding
    the bytes given that day; a second backup on the same day is not taken."""
    for day in range(1, 11):
        taken = backups.daily_backup(home, f"day {day}".encode(), today=datetime(2026, 3, day))
        assert taken is not None
    assert backups.daily_backup(home, b"again", today=datetime(2026, 3, 10)) is None
    daily = sorted(locations.backup_dir(home).glob(f"{backups.DAILY_PREFIX}*.json"))
    assert [p.name for p in daily] == [
        f"{backups.DAILY_PREFIX}2026-03-{day:02d}.json" for day in range(4, 11)
    ]
    assert [p.read_bytes() for p in daily] == [f"day {day}".encode() for day in range(4, 11)]


def test_first_write_of_the_day_backs_up_the_previous_file(home: Path) -> None:
    """The store's first write on a day copies the file as it was before that write into
    today's daily backup; later writes that day leave the backup alone."""
    with Store.open(home) as store:
        store.repo(Note, "notes").add(note("yesterday"))
    assert backups.list_backups(home) == []  # a brand-new file has nothing to back up
    before = data_file(home).read_bytes()
    with Store.open(home) as store:
        store.repo(Note, "notes").add(note("today"))
        store.repo(Note, "notes").add(note("later today"))
    assert [p.read_bytes() for p in backups.list_backups(home)] == [before]


def test_store_left_open_takes_a_backup_each_new_day(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TUI-mode store left open past midnight takes the next day's backup on that day's
    first write, holding the file as it was before that write."""
    with Store.open(home) as store:
        store.repo(Note, "notes").add(note("day zero"))
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 4, 1, 23, 59, tzinfo=UTC))
    with Store.open(home, hold_lock=True) as store:
        repo = store.repo(Note, "notes")
        repo.add(note("day one"))
        before_day_two = data_file(home).read_bytes()
        monkeypatch.setattr(clock, "now", lambda: datetime(2026, 4, 2, 0, 1, tzinfo=UTC))
        repo.add(note("day two"))
        repo.add(note("later on day two"))
    daily = sorted(p.name for p in backups.list_backups(home))
    assert daily == [
        f"{backups.DAILY_PREFIX}2026-04-01.json",
        f"{backups.DAILY_PREFIX}2026-04-02.json",
    ]
    day_two = locations.backup_dir(home) / f"{backups.DAILY_PREFIX}2026-04-02.json"
    assert day_two.read_bytes() == before_day_two


def test_data_folder_is_private(home: Path) -> None:
    """The data folder and backup folder are mode 0700 and every file in them 0600, even
    with a permissive umask and a folder that was created too open."""
    old_umask = os.umask(0o022)
    try:
        home.mkdir(mode=0o755)
        with Store.open(home) as store:
            store.repo(Note, "notes").add(note("private"))
            store.repo(Note, "notes").add(note("private too"))
        take_backup(home)
        backups.daily_backup(home, b"{}", today=datetime(2020, 1, 1))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(locations.backup_dir(home).stat().st_mode) == 0o700
    files = [p for p in home.rglob("*") if p.is_file()]
    assert data_file(home) in files
    assert len(list(locations.backup_dir(home).iterdir())) == 2
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {
        p.name: oct(0o600) for p in files
    }


# -- migrations ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_v1_file_is_migrated_with_a_backup(home: Path, mode: str) -> None:
    """A version-1 file (no _meta table, partner names as name_a/name_b) opens at the current
    version with the couple intact; the migrated file is saved, the original bytes are kept as
    a pre-migration backup, and opening again migrates nothing more."""
    fixture = FIXTURES / "workbook-v1.json"
    locations.ensure_private_dir(home)
    shutil.copyfile(fixture, data_file(home))
    with open_store(home, mode) as store:
        assert store.schema_version == migrations.CURRENT_VERSION
        couple = get_couple(store)
    assert [(p.key, p.name) for p in couple.partners] == [("a", "Sam"), ("b", "Alex")]
    assert couple.idle_lock_minutes == 10
    assert couple.id == "5f0c3a9e2b7d4c1e8a6f9d2b3c4e5f60"
    on_disk = orjson.loads(data_file(home).read_bytes())
    assert migrations.version_of(on_disk) == migrations.CURRENT_VERSION
    assert "name_a" not in on_disk["couple"]["1"]
    saved = [p for p in backups.list_backups(home) if "pre-migration" in p.name]
    assert [p.read_bytes() for p in saved] == [fixture.read_bytes()]

    migrated = data_file(home).read_bytes()
    with open_store(home, mode) as store:
        assert get_couple(store).partners[1].name == "Alex"
    assert data_file(home).read_bytes() == migrated
    assert len([p for p in backups.list_backups(home) if "pre-migration" in p.name]) == 1


def test_file_from_newer_version_is_refused(home: Path) -> None:
    """A file written by a newer workbook (higher schema version) is refused with a sentence
    asking for an update, and left unchanged."""
    raw: dict[str, Any] = {"notes": {}}
    migrations.set_version(raw, migrations.CURRENT_VERSION + 1)
    locations.ensure_private_dir(home)
    data_file(home).write_bytes(orjson.dumps(raw))
    before = data_file(home).read_bytes()
    with pytest.raises(StoreDamagedError, match="newer version of the workbook"):
        Store.open(home)
    assert data_file(home).read_bytes() == before


# -- disk trouble and temp files -------------------------------------------------------------


class _FullDiskOs:
    """Stands in for ``os`` inside workbook.store.atomic: every write says the disk is full."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def write(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("mode", MODES)
def test_full_disk_keeps_old_file(home: Path, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the disk is full, a save raises StoreIOError saying so in a sentence; the old file
    is intact, no temp file is left, the store still shows only saved data, and saving works
    again once there is space."""
    with open_store(home, mode) as store:
        repo = store.repo(Note, "notes")
        repo.add(note("saved"))
        before = data_file(home).read_bytes()
        with monkeypatch.context() as patch:
            patch.setattr(atomic, "os", _FullDiskOs())
            with pytest.raises(StoreIOError, match="The disk is full") as caught:
                repo.add(note("lost to the full disk"))
        assert str(data_file(home)) in str(caught.value)
        assert data_file(home).read_bytes() == before
        assert not temps(home)
        assert [n.title for n in repo.all()] == ["saved"]
        repo.add(note("saved later"))
    with Store.open(home) as store:
        assert sorted(n.title for n in store.repo(Note, "notes").all()) == ["saved", "saved later"]


class _SpyOs:
    """Stands in for ``os`` inside workbook.store.atomic: records each fsync (by the path of
    the file or folder it was opened as) and each replace, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Path]] = []
        self._paths: dict[int, Path] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def open(self, path: Any, flags: int, mode: int = 0o777) -> int:
        fd = os.open(path, flags, mode)
        self._paths[fd] = Path(path)
        return fd

    def fsync(self, fd: int) -> None:
        self.events.append(("fsync", self._paths[fd]))
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self.events.append(("replace-from", Path(src)))
        self.events.append(("replace-to", Path(dst)))
        os.replace(src, dst)

    def writes_of(self, target: Path) -> list[tuple[str, Path]]:
        """The fsyncs and the replace that saved ``target``, in order, temp path generalised."""
        (end,) = [i for i, e in enumerate(self.events) if e == ("replace-to", target)]
        temp = self.events[end - 1][1]
        assert temp.parent == target.parent
        assert temp.name.startswith(f".{target.name}.")
        start = self.events.index(("fsync", temp))
        named = {temp: Path("TEMP"), target: Path("TARGET"), target.parent: Path("FOLDER")}
        return [(kind, named[path]) for kind, path in self.events[start : end + 2]]


def test_every_save_syncs_the_temp_file_then_the_folder(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save writes a temp file, fsyncs it, replaces the data file with it, then fsyncs the
    folder; the daily backup taken on the way is saved the same way. Without the first fsync a
    power cut can leave an empty file under the real name; without the second, the rename
    itself can be lost."""
    with Store.open(home) as store:
        store.repo(Note, "notes").add(note("yesterday"))
    spy = _SpyOs()
    monkeypatch.setattr(atomic, "os", spy)
    with Store.open(home) as store:
        store.repo(Note, "notes").add(note("today"))
    expected = [
        ("fsync", Path("TEMP")),
        ("replace-from", Path("TEMP")),
        ("replace-to", Path("TARGET")),
        ("fsync", Path("FOLDER")),
    ]
    assert spy.writes_of(data_file(home)) == expected
    (daily,) = backups.list_backups(home)
    assert spy.writes_of(daily) == expected


@pytest.mark.parametrize("mode", MODES)
def test_stale_temp_files_are_cleaned_at_open(home: Path, mode: str) -> None:
    """Temp files a killed writer left beside the data file or in the backup folder are
    removed when the store opens; the data file and real backups are untouched."""
    with Store.open(home) as store:
        store.repo(Note, "notes").add(note("kept"))
    backup = take_backup(home)
    good = data_file(home).read_bytes()
    atomic.temp_name(data_file(home)).write_bytes(good[:10])
    atomic.temp_name(backup).write_bytes(b"{")
    assert len(temps(home)) == 2
    with open_store(home, mode) as store:
        assert [n.title for n in store.repo(Note, "notes").all()] == ["kept"]
    assert not temps(home)
    assert data_file(home).read_bytes() == good
    assert backups.list_backups(home) == [backup]


def test_temp_files_are_left_alone_while_another_store_holds_the_lock(home: Path) -> None:
    """While a TUI-mode store holds the lock (a temp file may belong to its write in
    progress), opening another store does not delete temp files."""
    with Store.open(home, hold_lock=True) as holder:
        holder.repo(Note, "notes").add(note("held"))
        live = atomic.temp_name(data_file(home))
        live.write_bytes(b"in progress")
        with Store.open(home) as other:
            assert other.repo(Note, "notes").count() == 1
        assert live.exists()
    live.unlink()


def test_the_store_uses_only_tinydbs_public_interface() -> None:
    """The store reaches TinyDB through its documented Storage interface and public table
    methods only: no private TinyDB method or attribute is overridden or touched, so a TinyDB
    release cannot quietly change how (or whether) a write reaches the disk."""
    import tinydb.database
    import tinydb.table

    private = {
        name
        for cls in (tinydb.table.Table, tinydb.database.TinyDB)
        for name in vars(cls)
        if name.startswith("_") and not name.startswith("__")
    }
    private |= {"_next_id", "_query_cache", "_storage", "_tables", "_opened"}
    assert "_update_table" in private
    source = "\n".join(p.read_text() for p in Path(atomic.__file__).parent.glob("*.py"))
    used = {name for name in private if re.search(rf"\.{name}\b|def {name}\b", source)}
    assert used == set()


def test_reads_hand_tinydb_the_stored_documents_not_copies(home: Path) -> None:
    """TinyDB's tables give the store its stored documents as they are (a copy of each cost
    45 ms for ten years of check-ins); what leaves the store is still a model of its own."""
    with Store.open(home) as store:
        notes = store.repo(Note, "notes")
        notes.add(note("one"))
        with store._guard:
            (stored,) = store._documents("notes").values()
            assert store._table("notes").all()[0] is stored
            assert store._table("notes").search(lambda doc: True)[0] is stored
        (got,) = notes.all()
        got.tags.append("changed")
        assert notes.all()[0].tags == []
