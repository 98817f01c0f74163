"""The workbook's store: one local TinyDB JSON file that never loses an acknowledged write.

TinyDB stays the embedded database, reached only through its public interfaces (see shared
REFERENCE for why its stock file handling is not enough):

* :class:`DurableStorage` is a TinyDB ``Storage``: it keeps the parsed data in memory between
  writes (no re-parse per operation), serialises with orjson and replaces the file atomically.
  TinyDB's tables read through it; a table the open left unparsed is parsed when TinyDB first
  asks for it (:class:`_Tables`).
* Writes change the in-memory table in place (one dict operation) and then save: TinyDB's own
  write path re-keys the whole table twice per write, which cost about half of a save at 50k
  records (bench/store.py), and reaching into it meant overriding private methods a TinyDB
  release could change.
* :class:`Store` serialises writers with a lock. CLI commands lock per operation and re-read
  the file inside the lock; the TUI holds the lock for its lifetime. The re-read compares the
  file's bytes with those this store last read or wrote and parses only when they differ, so a
  CLI save does not pay a full parse when nobody else wrote in between.
* Every record is checked when the file is loaded (:mod:`workbook.store.checks`). An empty,
  unreadable or invalid file is damage for reads and writes alike, never a new database: the
  person is told which file, table and record, and which backup, and the file is left
  untouched for ``workbook restore``. A file found sound is noted (:mod:`workbook.checked`) so
  that an unchanged file is not checked again.
* The note also says where each table lies in that file (:mod:`workbook.store.layout`), so
  the store parses ``_meta`` when it opens and each other table when it first reads it:
  ``goals list`` parses 28 KB of a ten-year 9 MB file, and the TUI's first frame waits only
  for the couple. Every write parses the tables not yet read before it serialises, so none
  is lost.
* The first write of each day takes a rotating backup of the file as it was read and checked,
  so a backup never copies damage; the file carries a schema version.
* A folder that cannot be written (read-only media, no permission) opens read-only: reading
  works without the lock and every write is refused with a sentence.

Records are Pydantic models in and out (:class:`Repository`); TinyDB documents never leave
this module. Pydantic itself is imported with the first record model (``workbook.store.record``),
not with the store: opening the store and glancing at a table (:meth:`Store.peek`) stays cheap
enough for the TUI's first frame (bench/startup.py).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import GenericAlias, TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from workbook import checked, clock, locations
from workbook.errors import (
    NotFoundError,
    StoreBusyError,
    StoreDamagedError,
    StoreIOError,
    WorkbookError,
)
from workbook.store import backups, checks, layout, migrations, schema
from workbook.store.atomic import clean_stale_temps, describe_os_error, write_atomic
from workbook.store.lock import WorkbookLock

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from workbook.store.record import Record

READ_ONLY_MESSAGE = (
    "This workbook is open read-only because it is in use elsewhere; changes cannot be saved here."
)

# How long a CLI write waits for another process's short operation before giving up.
CLI_LOCK_TIMEOUT = 5.0

# What the operating system says when a folder cannot be written.
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


def new_id() -> str:
    """A fresh record id (random, so two processes never pick the same one)."""
    return uuid.uuid4().hex


M = TypeVar("M", bound="Record")
Raw = dict[str, Any]


def check_file(path: Path, home: Path) -> Raw:
    """Read, migrate and check every record of a data file or backup at ``path``.

    Any damage raises :class:`StoreDamagedError` naming the file, what is wrong and the newest
    sound backup of the workbook in ``home``.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreIOError(describe_os_error(exc, path, reading=True)) from None
    try:
        raw, _ = checks.load(data, path=path)
        checks.validate(raw)
    except checks.Damage as exc:
        raise StoreDamagedError(backups.damage_message(path, home, exc.what)) from None
    return raw


def read_only_note(home: Path) -> str | None:
    """Why ``home`` cannot be written (creating it if it is missing), or None if it can."""
    try:
        locations.ensure_private_dir(home)
    except OSError as exc:
        if exc.errno not in _READ_ONLY_ERRNOS or not home.is_dir():
            raise StoreIOError(describe_os_error(exc, home)) from None
        return _read_only_sentence(home)
    if not os.access(home, os.W_OK):
        return _read_only_sentence(home)
    return None


def _read_only_sentence(home: Path) -> str:
    return (
        f"The workbook in {home} is read-only here (the disk is read-only or you may not "
        "write in that folder): you can read it, but changes cannot be saved."
    )


class _Tables(dict[str, Any]):
    """The store's tables as TinyDB reads them: each lookup goes to :meth:`Store._documents`,
    which parses a table the open left for later (a missing table is a ``KeyError``, which
    TinyDB reads as an empty table)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    def __missing__(self, name: str) -> Any:
        docs = self._store._documents(name)
        if docs is None:
            raise KeyError(name)
        return docs


class _AsStored(Document):
    """The document class of the store's TinyDB tables (a customisation TinyDB's ``Table``
    offers): a document read is the stored dict itself, not a copy. TinyDB's own copies cost
    45 ms for ten years of check-ins, and the store never needs them: it hands out only JSON
    bytes or copies of what it reads, and replaces a stored document rather than change it."""

    def __new__(cls, value: Any, doc_id: Any) -> Any:
        return value


class _StoredTable(Table):
    """TinyDB's table, reading the stored documents as they are (see :class:`_AsStored`)."""

    document_class = _AsStored


class DurableStorage(Storage):
    """TinyDB's storage interface over the store's in-memory tables; TinyDB only reads through
    it (every write goes through :class:`Store`, which saves atomically)."""

    def __init__(self, store: Store) -> None:
        self._view = _Tables(store)

    def read(self) -> dict[str, Any]:
        return self._view

    def write(self, data: Raw) -> None:
        raise TypeError("The workbook's store writes its tables itself, not through TinyDB.")

    def close(self) -> None:
        pass


class Store:
    """The one data file of a workbook home, with locking, backups and migrations."""

    def __init__(
        self, home: Path, *, hold_lock: bool = False, readonly: bool = False, purpose: str = ""
    ) -> None:
        self.home = home
        self.path = locations.data_file(home)
        self.readonly = readonly
        # Why the folder cannot be written, when it cannot (read-only media, no permission):
        # reads work, writes are refused with this sentence and exit code 7.
        self.read_only_note: str | None = None
        self.hold_lock = hold_lock
        self._lock = WorkbookLock(
            home, purpose or ("the workbook app" if hold_lock else "a command")
        )
        self._data: Raw = {}
        # Tables the open left for their first read (see _open_lazily): where each lies in
        # _source, the bytes it was opened from; and the file's order of tables.
        self._later: dict[str, layout.Span] = {}
        self._source = b""
        self._order: tuple[str, ...] = ()
        # The file's bytes as this store last read or wrote them (None: unknown); when the
        # file still holds exactly these bytes, the in-memory copy is current.
        self._disk: bytes | None = None
        # Serialises this store's threads (e.g. TUI workers): one transaction at a time, and
        # no reading while another thread changes the tables in place.
        self._guard = threading.RLock()
        self._depth = 0
        self._dirty = False
        # The day of the last daily backup this store took (a TUI may stay open for days).
        self._backup_day: str | None = None
        # The next free document key per table (found once per load, then counted).
        self._next_keys: dict[str, int] = {}
        # TinyDB instantiates the storage class itself; hand it this store's storage.
        self._db = TinyDB(storage=lambda: DurableStorage(self))
        self._db.table_class = _StoredTable

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        home: Path,
        *,
        hold_lock: bool = False,
        readonly: bool = False,
        purpose: str = "",
    ) -> Store:
        """Open (creating if needed) the workbook in ``home``.

        ``hold_lock`` takes the write lock for the store's lifetime (the TUI) and fails with
        :class:`~workbook.errors.StoreBusyError` when another process has it. A folder that
        cannot be written opens read-only, without the lock, and says why in
        :attr:`read_only_note`. A file the checked-file note names is opened parsing ``_meta``
        alone; each other table is parsed when it is first read.
        """
        if readonly:
            if not home.is_dir():
                raise WorkbookError(f"There is no workbook in {home} yet.")
            note = None if os.access(home, os.W_OK) else _read_only_sentence(home)
        else:
            note = read_only_note(home)
        readonly = readonly or note is not None
        store = cls(home, hold_lock=hold_lock, readonly=readonly, purpose=purpose)
        store.read_only_note = note
        if hold_lock and not readonly:
            store._lock.acquire(timeout=0)
        try:
            store._clean_stale_temps()
            store._load()
        except BaseException:
            store.close()
            raise
        return store

    def _clean_stale_temps(self) -> None:
        """Remove temp files a killed writer left behind, if no writer is at work right now."""
        if self.readonly:
            return
        if not self._lock.held:
            try:
                self._lock.acquire(timeout=0)
            except StoreBusyError:
                return  # someone is writing; their temp file is alive
            except StoreIOError:
                return  # the lock cannot be made: reading still works, writes will say why
            try:
                self._clean_stale_temps()
            finally:
                self._lock.release()
            return
        clean_stale_temps(self.home, self.path.name)
        clean_stale_temps(locations.backup_dir(self.home), "workbook-*")

    def close(self) -> None:
        """Write anything pending and release the lock."""
        try:
            if self._dirty and self._lock.held:
                self._flush()
        finally:
            while self._lock.held:
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- loading and saving ----------------------------------------------------------------

    def _read_file(self) -> tuple[bytes, list[int]] | None:
        """The data file's bytes and identity (None: there is no file yet)."""
        try:
            with self.path.open("rb") as fh:
                ident = checked.identity(os.fstat(fh.fileno()))
                return fh.read(), ident
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreIOError(describe_os_error(exc, self.path, reading=True)) from None

    def _set_data(self, raw: Raw) -> None:
        self._data = raw
        self._later = {}
        self._source = b""
        self._next_keys.clear()

    def _load(self) -> None:
        """(Re-)read the file from disk, migrating it if it is older, checking every record.

        When the file holds exactly the bytes this store last read or wrote, the in-memory
        copy is already current and nothing is parsed; when it is the very file last found
        sound (:mod:`workbook.checked`), its records are not checked again, and when the note
        also says where its tables lie, only ``_meta`` is parsed now and every other table the
        first time it is read (:meth:`_documents`; a write parses them all first).
        """
        found = self._read_file()
        if found is None:
            self._set_data({})
            migrations.set_version(self._data, migrations.CURRENT_VERSION)
            self._disk = None
            return
        data, ident = found
        if data == self._disk:
            return
        note = checked.read(self.home, ident)
        if note is not None and note.tables and self._open_lazily(data, note.tables):
            self._disk = data
            return
        # A note whose ranges do not fit the file it names is not trusted at all.
        trusted = note is not None and (note.tables is None or layout.covers(data, note.tables))
        raw, migrated = self._parse_whole(data, check=not trusted)
        if not trusted or note is None or not note.indexed:
            # Found sound now, or noted by a build without the ranges: note the file, with
            # where its tables lie when it is exactly what the store would write.
            checked.mark(self.home, ident, None if migrated else layout.spans_of(data, raw))
        self._set_data(raw)
        self._disk = data
        if migrated and not self.readonly:
            if not self._lock.held:
                # Migrate under the lock, from the file as it is then (another process may
                # have migrated and written it since it was read above).
                self._disk = None
                with self.transaction():
                    pass
                return
            with self.transaction(reload=False):
                backups.keep_copy(self.home, data, "pre-migration")
                self._dirty = True

    def _parse_whole(self, data: bytes, *, check: bool) -> tuple[Raw, bool]:
        """Parse and migrate the file's bytes and (if ``check``) check every record; return the
        tables and whether they were migrated. Damage is told as :class:`StoreDamagedError`."""
        try:
            raw, migrated = checks.load(data, path=self.path)
            if check:
                checks.validate(raw)
        except checks.Damage as exc:
            raise StoreDamagedError(
                backups.damage_message(self.path, self.home, exc.what)
            ) from None
        return raw, migrated

    def _open_lazily(self, data: bytes, spans: dict[str, layout.Span]) -> bool:
        """Take ``_meta`` from ``data`` and leave every other table for its first read.

        Only when the noted ranges lay out the whole file and its version needs no migration;
        otherwise nothing changes and the caller reads the whole file.
        """
        meta_span = spans.get(migrations.META_TABLE)
        if meta_span is None or not layout.covers(data, spans):
            return False
        meta = layout.table_at(data, meta_span)
        if meta is None:
            return False
        try:
            checks.check_table(migrations.META_TABLE, meta)
        except checks.Damage:
            return False
        raw = {migrations.META_TABLE: meta}
        if migrations.version_of(raw) != migrations.CURRENT_VERSION:
            return False
        self._set_data(raw)
        self._later = {name: span for name, span in spans.items() if name not in raw}
        self._source = data
        self._order = tuple(spans)
        return True

    def _documents(self, table: str) -> Any:
        """The stored documents of one table (None: there is no such table), parsed now if the
        open left it for later. Call it inside the guard; the documents are the store's own.

        A table that does not parse as the note said is read the way a full open reads it:
        the whole file, every record checked, so damage is told in the same words.
        """
        span = self._later.get(table)
        if span is not None:
            docs = layout.table_at(self._source, span)
            try:
                if docs is None:
                    raise checks.Damage("it is not where the note says")
                checks.check_table(table, docs)
            except checks.Damage:
                # Raises with the full open's words if the file is damaged (the table stays
                # unread); otherwise every unread table comes from the whole file.
                whole, _ = self._parse_whole(self._source, check=True)
                self._data.update({name: whole.get(name, {}) for name in self._later})
                self._later = {}
            else:
                self._data[table] = docs
                del self._later[table]
            if not self._later:
                self._source = b""
        return self._data.get(table)

    def _parse_all(self) -> None:
        """Parse every table the open left for later, in the file's order of tables: before
        the whole data is written, so that a table nobody read is not lost."""
        with self._guard:
            if not self._later:
                return
            for table in list(self._later):
                self._documents(table)
            in_order = {name: self._data[name] for name in self._order if name in self._data}
            self._data = in_order | self._data

    def _take_daily_backup(self) -> None:
        """Back up the file as this store last read (and checked) or wrote it, once a day."""
        now = clock.now()
        day = now.strftime("%Y-%m-%d")
        if self._backup_day == day:
            return
        if self._disk is None and self.path.exists():
            return  # what the file holds is unknown (a failed write): try at the next save
        if self._disk is not None:
            backups.daily_backup(self.home, self._disk, today=now)
        self._backup_day = day

    def backup(self) -> Path:
        """Copy the data file, as read and checked inside the lock, into the backup folder."""
        with self.transaction():
            if self._disk is None:
                raise NotFoundError(f"There is nothing to back up yet: {self.path} does not exist.")
            return backups.manual_backup(self.home, self._disk)

    def _refuse_if_read_only(self) -> None:
        if self.read_only_note is not None:
            raise StoreIOError(f"Nothing was saved. {self.read_only_note}")
        if self.readonly:
            raise WorkbookError(READ_ONLY_MESSAGE)

    def _changed(self) -> None:
        self._refuse_if_read_only()
        self._dirty = True
        if self._depth == 0:
            self._flush()

    def _flush(self) -> None:
        self._take_daily_backup()
        self._parse_all()  # a table this store never read is written too
        payload, spans = layout.dump(self._data)
        self._disk = None  # if the write fails, the file's content is unknown
        write_atomic(self.path, payload)
        self._disk = payload
        self._dirty = False
        # Every record in memory was checked when read or put, so the new file is sound.
        with contextlib.suppress(OSError):
            checked.mark(self.home, checked.identity(self.path.stat()), spans)

    @contextlib.contextmanager
    def transaction(self, *, reload: bool = True) -> Iterator[Store]:
        """Lock, re-read the file, run the block, then write once, atomically.

        Nested transactions join the outer one. If the block raises, nothing is written and
        the in-memory copy is re-read from disk, so a failed operation leaves no trace.
        """
        self._refuse_if_read_only()
        with self._guard:
            outer = self._depth == 0
            if outer:
                self._lock.acquire(timeout=CLI_LOCK_TIMEOUT)
            self._depth += 1
            try:
                if outer and reload and not self.hold_lock:
                    self._load()
                yield self
                if outer and self._dirty:
                    self._flush()
            except BaseException:
                if outer and self._dirty:
                    self._dirty = False
                    self._disk = None  # memory holds unsaved changes: parse the file again
                    with contextlib.suppress(WorkbookError):
                        self._load()
                raise
            finally:
                self._depth -= 1
                if outer:
                    # In TUI mode this only undoes the re-entrant acquire above.
                    self._lock.release()

    # -- access ----------------------------------------------------------------------------

    def repo(self, model: type[M], table: str) -> Repository[M]:
        """A typed repository over one table (the model :mod:`.schema` names for it, if any)."""
        named = schema.TABLE_MODELS.get(table)
        if named is not None and named != schema.model_name(model):
            raise TypeError(f"The {table} table holds {named[1]} records, not {model.__name__}.")
        return Repository(self, model, table)

    def _table(self, name: str) -> Any:
        return self._db.table(name, cache_size=0)

    def _insert(self, table: str, doc: dict[str, Any]) -> None:
        """Add a document under the next free key (inside a transaction)."""
        self._documents(table)
        docs = self._data.setdefault(table, {})
        key = self._next_keys.get(table) or max(map(int, docs), default=0) + 1
        while str(key) in docs:
            key += 1
        docs[str(key)] = doc
        self._next_keys[table] = key + 1
        self._changed()

    def _key_of(self, table: str, record_id: str) -> str | None:
        docs: dict[str, dict[str, Any]] = self._documents(table) or {}
        for key, doc in docs.items():
            if doc.get("id") == record_id:
                return key
        return None

    def _put(self, table: str, record_id: str, doc: dict[str, Any]) -> None:
        """Replace the document of one record, or add it (inside a transaction)."""
        key = self._key_of(table, record_id)
        if key is None:
            self._insert(table, doc)
            return
        self._data[table][key] = doc
        self._changed()

    def _remove(self, table: str, record_id: str) -> None:
        """Remove the document of one record, if there is one (inside a transaction)."""
        key = self._key_of(table, record_id)
        if key is not None:
            del self._data[table][key]
            self._changed()

    def table_names(self) -> list[str]:
        with self._guard:
            names = self._data.keys() | self._later.keys()
        return sorted(names - {migrations.META_TABLE})

    def _docs(
        self, table: str, condition: Callable[[Mapping[str, Any]], bool] | None = None
    ) -> list[Any]:
        """The stored documents of ``table`` (those meeting ``condition``), read in the guard.

        They are the stored documents themselves (:class:`_AsStored`), so hand them out only as
        JSON bytes (:meth:`Repository._records`) or copies. The store never changes a stored
        document in place (a write replaces it).
        """
        with self._guard:
            found = self._table(table)
            docs: list[Any] = found.all() if condition is None else found.search(condition)
        return docs

    def fields(
        self,
        table: str,
        names: Sequence[str],
        condition: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> list[tuple[Any, ...]]:
        """Some fields of every record of ``table`` (meeting ``condition``), read without the
        models (nor Pydantic).

        One tuple per document: its values of ``names`` as stored, in JSON types (None where
        a field is missing). A nested value (an object or a list) is a copy, so nothing read
        here can change the stored data. For questions that need a few fields of many
        records, such as which program step each finished session was started from.
        """
        with self._guard:  # copied before another thread can change a nested value
            rows = []
            for doc in self._docs(table, condition):
                row = tuple(map(doc.get, names))
                # Text, numbers and None are handed out as they are; anything else is copied.
                # Checked by exact type in one pass: ten years' check-ins are 14,000 rows.
                if not _SCALARS.issuperset(map(type, row)):
                    row = tuple(map(_copied, row))
                rows.append(row)
            return rows

    def peek(self, table: str) -> list[dict[str, Any]]:
        """Copies of a table's documents as plain data, without building any model.

        For a read that should not wait for the models (and Pydantic) to load: the TUI's first
        frame takes the couple's names this way, and ``workbook progress`` the goals
        (:mod:`workbook.goals.plain`). The documents are as stored (migrated; validated when
        the store found the file sound, not as they are read here).
        """
        with self._guard:
            payload = orjson.dumps(list((self._documents(table) or {}).values()))
        copied: list[dict[str, Any]] = orjson.loads(payload)
        return copied

    @property
    def schema_version(self) -> int:
        return migrations.version_of(self._data)

    def write(self, action: Callable[[], Any]) -> Any:
        """Run a writing action inside a transaction (joining one that is open)."""
        with self.transaction():
            return action()


def _has_id(record_id: str) -> Callable[[Any], bool]:
    """A TinyDB condition matching the document of one record (a plain function: about 20x
    cheaper per document than the equivalent ``Query().id == record_id``)."""
    return lambda doc: bool(doc.get("id") == record_id)


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""The types of a stored value that holds nothing to change (exactly these: no subclass)."""


def _copied(value: Any) -> Any:
    """A stored value that shares nothing with the stored data (text and numbers as they are)."""
    return orjson.loads(orjson.dumps(value)) if isinstance(value, dict | list) else value


def _instant(stored: str) -> float:
    """A stored ISO date or time as seconds since the epoch (a naive one read as local)."""
    return datetime.fromisoformat(stored).timestamp()


@functools.cache
def _list_of(model: type[Record]) -> TypeAdapter[Any]:
    """A validator of a list of ``model`` records, made once per model."""
    from pydantic import TypeAdapter

    listed: Any = GenericAlias(list, (model,))  # list[model], built at run time
    return TypeAdapter(listed)


class Repository(Generic[M]):
    """Pydantic models in and out of one TinyDB table."""

    def __init__(self, store: Store, model: type[M], table: str) -> None:
        self._store = store
        self._model = model
        self._name = table

    def _doc(self, record: M) -> dict[str, Any]:
        doc = record.model_dump(mode="json")
        # A model changed without validation (model_copy(update=...), assignment) could hold a
        # value that would not load again: check it before it can reach the file.
        self._model.model_validate(doc)
        return doc

    def _record(self, doc: Any) -> M:
        # Through JSON bytes, so the model shares no list or dict with the stored data: a field
        # typed Any would otherwise hand out the store's own nested objects, and changing them
        # would reach the file with the next write of any table. The bytes are taken inside
        # the guard, so that no other thread changes the table meanwhile.
        with self._store._guard:
            payload = orjson.dumps(doc)
        return self._model.model_validate_json(payload)

    def _records(self, docs: Sequence[Any]) -> list[M]:
        """:meth:`_record` of each document, in one pass: the JSON bytes of the whole list
        validated as a list (a fifth fewer instructions than one by one for 14,000 check-ins)."""
        with self._store._guard:
            payload = orjson.dumps(docs)
        records: list[M] = _list_of(self._model).validate_json(payload)
        return records

    def add(self, record: M) -> M:
        doc = self._doc(record)
        self._store.write(lambda: self._store._insert(self._name, doc))
        return record

    def put(self, record: M) -> M:
        """Insert or replace the record with the same id."""
        doc = self._doc(record)
        self._store.write(lambda: self._store._put(self._name, record.id, doc))
        return record

    def delete(self, record_id: str) -> None:
        """Remove the record with this id (nothing is written if there is none)."""
        self._store.write(lambda: self._store._remove(self._name, record_id))

    def get(self, record_id: str) -> M | None:
        with self._store._guard:
            doc = self._store._table(self._name).get(_has_id(record_id))
            return None if doc is None else self._record(doc)

    def require(self, record_id: str, what: str = "record") -> M:
        found = self.get(record_id)
        if found is None:
            raise NotFoundError(f"There is no {what} with id {record_id}.")
        return found

    def _docs(self, condition: Callable[[Mapping[str, Any]], bool] | None = None) -> list[Any]:
        return self._store._docs(self._name, condition)

    def all(self) -> list[M]:
        return self._records(self._docs())

    def find(self, predicate: Callable[[M], bool]) -> list[M]:
        return [r for r in self.all() if predicate(r)]

    def where(self, condition: Callable[[Mapping[str, Any]], bool]) -> list[M]:
        """The records whose stored document meets ``condition``; only those are validated.

        For reading a few records out of thousands (this week's check-ins, unfinished
        sessions): ``condition`` sees each document as stored, in JSON types (a date is an
        ISO string, and those sort as the dates do) and must not change it.
        """
        return self._records(self._docs(condition))

    def newest(
        self,
        field: str,
        count: int,
        skip: int = 0,
        condition: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> list[M]:
        """The ``count`` records after the ``skip`` latest by ``field``, latest first (of those
        that meet ``condition``, as in :meth:`where`).

        ``field`` holds a stored date or time (ISO text). Only the records returned are
        validated, so a screen can show the newest page of thousands for the price of a page.
        Times are compared as instants: two offsets (summer and winter time) sort correctly.
        """
        docs = sorted(self._docs(condition), key=lambda doc: _instant(doc[field]), reverse=True)
        return self._records(docs[skip : skip + count])

    def first(self, predicate: Callable[[M], bool] | None = None) -> M | None:
        for record in self.all():
            if predicate is None or predicate(record):
                return record
        return None

    def field_values(
        self, name: str, condition: Callable[[Mapping[str, Any]], bool] | None = None
    ) -> list[str]:
        """One text field of every record (meeting ``condition``), read without the models.

        For questions that need one field and no record, such as which exercises were ever
        finished; a document whose field is missing or not text is skipped.
        """
        return [value for doc in self._docs(condition) if isinstance(value := doc.get(name), str)]

    def fields(
        self,
        names: Sequence[str],
        condition: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> list[tuple[Any, ...]]:
        """:meth:`Store.fields` of this table."""
        return self._store.fields(self._name, names, condition)

    def count(self, condition: Callable[[Mapping[str, Any]], bool] | None = None) -> int:
        """How many records there are (that meet ``condition``, as in :meth:`where`)."""
        with self._store._guard:
            table = self._store._table(self._name)
            return len(table) if condition is None else table.count(condition)
