"""The store parses only the tables it reads, from ranges noted beside the very file they fit.

The store writes the data file table by table and notes where each table lies
(:mod:`workbook.store.layout`) in the checked-file note (:mod:`workbook.checked`). An open of
that file parses ``_meta`` and leaves every other table for its first read. These
tests hold that such an open reads exactly what a full open reads, that a note that does not fit
the file is never trusted, that damage is told in the same words, and, most of all, that a write
after such an open keeps every table, read or not.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from workbook import __version__, checked, locations
from workbook.cli import run
from workbook.demo import DEMO_END, build_demo
from workbook.errors import StoreDamagedError
from workbook.goals import repo as goals_repo
from workbook.goals.models import CheckIn
from workbook.goals.plain import CHECKINS_TABLE, GOALS_TABLE
from workbook.goals.schedule import CheckInStatus
from workbook.store import Record, Store, checks, layout, schema
from workbook.store.migrations import META_TABLE

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo couple's home (every table filled), built once for this module."""
    return build_demo(tmp_path_factory.mktemp("lazy") / "home", end=DEMO_END).home


@pytest.fixture
def filled(demo_home: Path, home: Path) -> Path:
    """A copy of the demo home, opened once so that the note fits the copy and holds ranges."""
    shutil.copytree(demo_home, home)
    Store.open(home, readonly=True).close()
    return home


def data_file(home: Path) -> Path:
    return locations.data_file(home)


def note_of(home: Path) -> checked.Note | None:
    """What the note says of the data file as it is now."""
    return checked.read(home, checked.identity(data_file(home).stat()))


def tables(home: Path) -> Raw:
    return dict(orjson.loads(data_file(home).read_bytes()))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[layout.Span]]:
    """The ranges of every table parsed on its own (the store parses a lazy table only here)."""
    spans: list[layout.Span] = []
    real = layout.table_at

    def spy(data: bytes, span: layout.Span) -> dict[str, Any] | None:
        spans.append(span)
        return real(data, span)

    monkeypatch.setattr(layout, "table_at", spy)
    yield spans


@pytest.fixture
def whole_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per parse of a whole data file."""
    calls: list[int] = []
    real = checks.parse

    def spy(data: bytes) -> Raw:
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(checks, "parse", spy)
    return calls


def names_of(home: Path, spans: list[layout.Span]) -> list[str]:
    """Which tables the ranges are, by the note of the file as it is now."""
    note = note_of(home)
    assert note is not None
    assert note.tables is not None
    by_span = {span: name for name, span in note.tables.items()}
    return [by_span[span] for span in spans]


def everything_read(store: Store) -> dict[str, Any]:
    """All a store shows of every table: records, counts, lookups, newest, fields, peeks."""
    seen: dict[str, Any] = {"names": store.table_names(), "version": store.schema_version}
    for table in store.table_names():
        named = schema.TABLE_MODELS.get(table)
        seen[f"{table}:peek"] = store.peek(table)
        if named is None:
            continue
        model: type[Record] = getattr(__import__(named[0], fromlist=[named[1]]), named[1])
        repo = store.repo(model, table)
        records = repo.all()
        seen[table] = [r.model_dump(mode="json") for r in records]
        seen[f"{table}:count"] = (repo.count(), repo.count(lambda doc: "id" in doc))
        seen[f"{table}:get"] = [repo.get(r.id) == r for r in records]
        seen[f"{table}:ids"] = repo.field_values("id")
        seen[f"{table}:fields"] = repo.fields(["id", "created_at"])
    seen["newest"] = [c.id for c in goals_repo.checkins(store).newest("recorded_at", 5, skip=2)]
    return seen


def test_dump_gives_the_bytes_of_orjson_and_where_each_table_lies() -> None:
    """Serialising table by table gives exactly the bytes orjson gives for the whole object,
    also for names that must be escaped and for empty tables, and each noted range parses
    back to its table."""
    samples: list[Raw] = [
        {},
        {"_meta": {"1": {"schema_version": 2}}},
        {
            "a": {},
            'quo"te\\back': {"1": {"x": "é\n\u2028"}},
            "ünï\tcode 😀": {"2": {"y": [1, 2.5, None, True]}, "10": {}},
            "\x00": {"1": {"nested": {"deep": ["a"]}}},
        },
    ]
    for sample in samples:
        data, spans = layout.dump(sample)
        assert data == orjson.dumps(sample)
        assert list(spans) == list(sample)
        assert layout.covers(data, spans)
        assert layout.spans_of(data, sample) == spans
        for name, span in spans.items():
            assert layout.table_at(data, span) == sample[name]
    indented = orjson.dumps(samples[2], option=orjson.OPT_INDENT_2)
    assert layout.spans_of(indented, samples[2]) is None


def test_the_ranges_noted_after_a_write_fit_the_file(home: Path) -> None:
    """After the app writes (here through the command line), the note names the file as it is
    now and says, for every table in it, the very bytes of that table."""
    assert run(["--home", str(home), "couple", "init", "--a", "Sam", "--b", "Alex"]) == 0
    assert run(["--home", str(home), "goals", "add", "Walk", "--cadence", "daily", "--shared"]) == 0
    note = note_of(home)
    assert note is not None
    assert note.tables is not None
    data = data_file(home).read_bytes()
    assert list(note.tables) == list(tables(home))
    for name, (start, end) in note.tables.items():
        assert orjson.loads(data[start:end]) == tables(home)[name]
    assert layout.covers(data, note.tables)


def test_a_lazy_open_reads_the_same_as_a_full_open(
    filled: Path, parsed: list[layout.Span], whole_parses: list[int]
) -> None:
    """An open (a command's read-only one, or the app's holding the lock) parses no table but
    _meta, then shows exactly what a full open (with a note that holds no ranges) shows:
    every record, count, lookup, peek and table name."""
    with Store.open(filled, readonly=True) as lazy:
        assert names_of(filled, parsed) == [META_TABLE]
        from_lazy = everything_read(lazy)
    assert sorted(names_of(filled, parsed)) == sorted(tables(filled))
    parsed.clear()
    with Store.open(filled, hold_lock=True) as app:
        assert names_of(filled, parsed) == [META_TABLE]
        assert everything_read(app) == from_lazy
    assert whole_parses == []
    checked.mark(filled, checked.identity(data_file(filled).stat()), None)
    with Store.open(filled, readonly=True) as full:
        from_full = everything_read(full)
    assert whole_parses == [data_file(filled).stat().st_size]
    assert from_lazy == from_full
    assert from_lazy[CHECKINS_TABLE]


def test_a_command_that_reads_goals_parses_no_checkins(
    filled: Path, parsed: list[layout.Span], whole_parses: list[int]
) -> None:
    """`goals list` parses the goals, the couple and _meta, and neither the check-ins nor any
    other table; `progress` needs the check-ins but never the journal."""
    assert run(["--home", str(filled), "goals", "list"]) == 0
    assert sorted(names_of(filled, parsed)) == sorted([META_TABLE, "couple", GOALS_TABLE])
    parsed.clear()
    assert run(["--home", str(filled), "progress"]) == 0
    read = names_of(filled, parsed)
    assert CHECKINS_TABLE in read
    assert not {"journal_entries", "journal_keys"} & set(read)
    assert whole_parses == []


@pytest.mark.parametrize("mode", ["cli", "tui"])
def test_a_write_after_a_lazy_open_keeps_every_table(filled: Path, mode: str) -> None:
    """A command (or the app, holding the lock) that reads one table and then writes to
    another it never read (a check-in added after listing the goals) writes every table back:
    each one it did not change is as it was, in the same order, and the new check-in is added
    to all the earlier ones."""
    before = tables(filled)
    with Store.open(filled, hold_lock=mode == "tui") as store:
        (goal, *_) = goals_repo.goals(store).all()
        checkin = CheckIn(goal_id=goal.id, partner="a", day=DEMO_END, status=CheckInStatus.DONE)
        goals_repo.checkins(store).add(checkin)
    after = tables(filled)
    assert list(after) == list(before)
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {CHECKINS_TABLE}
    assert list(after[CHECKINS_TABLE].values())[:-1] == list(before[CHECKINS_TABLE].values())
    assert list(after[CHECKINS_TABLE].values())[-1]["id"] == checkin.id


def test_threads_read_unread_tables_while_another_writes(filled: Path) -> None:
    """Worker threads of the app read tables not parsed yet (each one several ways) while
    another thread adds check-ins: no thread fails, every read sees every record of its table,
    and the file then holds every table with every check-in added."""
    before = tables(filled)
    added = 20
    errors: list[BaseException] = []
    start = threading.Barrier(len(before))
    with Store.open(filled, hold_lock=True) as store:
        (goal, *_) = goals_repo.goals(store).all()

        def read(table: str) -> None:
            try:
                start.wait()
                for _ in range(5):
                    assert len(store.peek(table)) >= len(before[table])
                    named = schema.TABLE_MODELS.get(table)
                    if named is not None:
                        model = getattr(__import__(named[0], fromlist=[named[1]]), named[1])
                        assert len(store.repo(model, table).all()) >= len(before[table])
            except BaseException as exc:  # reported below, with the thread's error
                errors.append(exc)

        def write() -> None:
            try:
                start.wait()
                for n in range(added):
                    day = DEMO_END - timedelta(days=400 + n)
                    done = CheckInStatus.DONE
                    checkin = CheckIn(goal_id=goal.id, partner="b", day=day, status=done)
                    goals_repo.checkins(store).add(checkin)
            except BaseException as exc:  # reported below, with the thread's error
                errors.append(exc)

        readers = [name for name in before if name != CHECKINS_TABLE]
        threads = [threading.Thread(target=read, args=(name,)) for name in readers]
        threads.append(threading.Thread(target=write))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    after = tables(filled)
    assert {name: docs for name, docs in after.items() if name != CHECKINS_TABLE} == {
        name: docs for name, docs in before.items() if name != CHECKINS_TABLE
    }
    assert len(after[CHECKINS_TABLE]) == len(before[CHECKINS_TABLE]) + added


def test_a_failed_write_after_a_lazy_open_loses_nothing(filled: Path) -> None:
    """A transaction that fails after changing a table it never read leaves the file as it was,
    and the same store then writes every table (the unread ones from the file)."""
    before = tables(filled)
    with Store.open(filled) as store:
        checkins = goals_repo.checkins(store)
        (goal, *_) = goals_repo.goals(store).all()
        with pytest.raises(RuntimeError), store.transaction():
            lost = CheckIn(goal_id=goal.id, partner="a", day=DEMO_END, status=CheckInStatus.DONE)
            checkins.add(lost)
            raise RuntimeError
        assert tables(filled) == before
        kept = CheckIn(goal_id=goal.id, partner="b", day=DEMO_END, status=CheckInStatus.DONE)
        checkins.add(kept)
    after = tables(filled)
    assert {name: after[name] for name in before if name != CHECKINS_TABLE} == {
        name: docs for name, docs in before.items() if name != CHECKINS_TABLE
    }
    assert len(after[CHECKINS_TABLE]) == len(before[CHECKINS_TABLE]) + 1


def test_a_lazy_store_sees_another_writer_at_its_next_write(filled: Path) -> None:
    """Two commands: one opens lazily, the other adds a goal; the first one's write (inside
    the lock, after re-reading the changed file) keeps the other's goal and every table."""
    with Store.open(filled) as first:
        goals = goals_repo.goals(first)
        count = goals.count()
        with Store.open(filled) as second:
            (goal, *_) = goals_repo.goals(second).all()
            goals_repo.goals(second).add(goal.model_copy(update={"id": "from-the-second"}))
        goals.add(goal.model_copy(update={"id": "from-the-first"}))
    after = tables(filled)
    ids = [doc["id"] for doc in after[GOALS_TABLE].values()]
    assert len(ids) == count + 2
    assert {"from-the-first", "from-the-second"} <= set(ids)
    assert all(after[name] for name in after)


@pytest.mark.parametrize("how", ["edited by hand", "written by another program", "other file"])
def test_a_note_that_does_not_fit_the_file_is_ignored(
    filled: Path, how: str, demo_home: Path, whole_parses: list[int]
) -> None:
    """A note whose ranges are not this file's is never used: after a hand edit (the note
    names the file as it was), after another program wrote the same tables differently laid
    out, and when the note names this file but holds another file's ranges (a note copied or
    left over). The whole file is read and the records are the file's."""
    raw = tables(filled)
    first_goal = next(iter(raw[GOALS_TABLE].values()))
    if how == "edited by hand":
        first_goal["title"] = "Edited by hand"
        data_file(filled).write_bytes(orjson.dumps(raw))
    elif how == "written by another program":
        first_goal["title"] = "Edited by hand"
        data_file(filled).write_bytes(orjson.dumps(raw, option=orjson.OPT_INDENT_2))
    else:
        other = filled.parent / "other"
        assert run(["--home", str(other), "couple", "init", "--a", "Kim", "--b", "Lou"]) == 0
        other_note = note_of(other)
        assert other_note is not None
        checked.mark(filled, checked.identity(data_file(filled).stat()), other_note.tables)
    with Store.open(filled, readonly=True) as store:
        titles = [g.title for g in goals_repo.goals(store).all()]
        assert store.table_names() == sorted(set(raw) - {META_TABLE})
    assert whole_parses == [data_file(filled).stat().st_size]
    expected = [doc["title"] for doc in raw[GOALS_TABLE].values()]
    assert sorted(titles) == sorted(expected)
    if how == "written by another program":
        note = note_of(filled)
        assert note is not None
        assert (note.indexed, note.tables) == (True, None)


def lie_about(home: Path, data: bytes) -> None:
    """Put ``data`` in the data file and a note saying it is sound, with the ranges of the
    file as it was (what only a bug or a forged note could do)."""
    note = note_of(home)
    assert note is not None
    assert note.tables is not None
    data_file(home).write_bytes(data)
    checked.mark(home, checked.identity(data_file(home).stat()), note.tables)


def damage_of(home: Path, *, lazy: bool) -> str:
    """The damage message of reading the goals, lazily or with the note gone."""
    if not lazy:
        locations.checked_file(home).unlink()
    with pytest.raises(StoreDamagedError) as caught, Store.open(home, readonly=True) as store:
        goals_repo.goals(store).all()
    return str(caught.value)


@pytest.mark.parametrize("damage", ["not JSON", "not a record"])
def test_a_damaged_table_is_told_as_a_full_open_tells_it(
    filled: Path, damage: str, whole_parses: list[int]
) -> None:
    """When a table read lazily is not what the note says (not JSON, or a record that is no
    record), the whole file is read and its damage is told in the same words as an open that
    reads everything."""
    data = data_file(filled).read_bytes()
    note = note_of(filled)
    assert note is not None
    assert note.tables is not None
    start, end = note.tables[GOALS_TABLE]
    if damage == "not JSON":
        body = b"[" + data[start + 1 : end]
    else:  # the same length, so the ranges still fit the file around the table
        key = next(iter(tables(filled)[GOALS_TABLE]))
        body = f'{{"{key}":1'.encode()
        body += b" " * (end - start - len(body) - 1) + b"}"
    lie_about(filled, data[:start] + body + data[end:])
    lazily = damage_of(filled, lazy=True)
    assert whole_parses  # the lazy read fell back to the whole file
    assert lazily == damage_of(filled, lazy=False)
    assert str(data_file(filled)) in lazily
    said = "it is not valid JSON" if damage == "not JSON" else "in the goals table is not a record"
    assert said in lazily


def test_an_existing_home_gains_ranges_without_a_write(filled: Path) -> None:
    """A note written before the ranges existed (identity and version only) is still trusted:
    the next open checks no record, adds the ranges to the note and leaves the file alone, and
    the open after that is lazy."""
    ident = checked.identity(data_file(filled).stat())
    locations.checked_file(filled).write_bytes(
        orjson.dumps({"file": ident, "workbook": __version__})
    )
    before = data_file(filled).read_bytes()
    old = note_of(filled)
    assert old is not None
    assert (old.indexed, old.tables) == (False, None)
    Store.open(filled, readonly=True).close()
    assert data_file(filled).read_bytes() == before
    assert checked.identity(data_file(filled).stat()) == ident
    new = note_of(filled)
    assert new is not None
    assert new.tables is not None
    assert layout.covers(before, new.tables)


def test_a_file_laid_out_by_hand_is_not_reserialised_at_every_open(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sound file that is not the store's own serialisation (indented) is noted as having no
    ranges once; later opens read it whole without trying to lay it out again."""
    data_file(filled).write_bytes(orjson.dumps(tables(filled), option=orjson.OPT_INDENT_2))
    Store.open(filled, readonly=True).close()
    tries: list[int] = []
    real = layout.spans_of

    def spy(data: bytes, raw: Raw) -> dict[str, layout.Span] | None:
        tries.append(1)
        return real(data, raw)

    monkeypatch.setattr(layout, "spans_of", spy)
    with Store.open(filled, readonly=True) as store:
        assert goals_repo.goals(store).count() > 0
    assert tries == []


def test_the_note_holds_offsets_and_no_words(filled: Path) -> None:
    """The note names tables and byte offsets, never a word from a record."""
    note = orjson.loads(locations.checked_file(filled).read_bytes())
    assert set(note) == {"file", "workbook", "tables"}
    assert set(note["tables"]) == set(tables(filled))
    assert all(type(n) is int for span in note["tables"].values() for n in span)
    assert os.stat(locations.checked_file(filled)).st_size < 1000
