"""The workbook's store: one local TinyDB JSON file that never loses an acknowledged write.

TinyDB stays the embedded database, but its file handling is replaced (see shared REFERENCE):

* :class:`DurableStorage` keeps the parsed data in memory between writes (no re-parse per
  operation), serialises with orjson and replaces the file atomically on every write.
* :class:`_InPlaceTable` updates the in-memory table in place: stock TinyDB re-keys the whole
  table twice per write (str -> int -> str), which cost about half of a save at 50k records.
* :class:`Store` serialises writers with a lock. CLI commands lock per operation and re-read
  the file inside the lock; the TUI holds the lock for its lifetime. The re-read compares the
  file's bytes with those this store last read or wrote and parses only when they differ, so a
  CLI save does not pay a full parse when nobody else wrote in between.
* An empty or unreadable file is damage, never a new database: the person is told which file
  and which backup, and the file is left untouched for ``workbook restore``.
* The first write of each day takes a rotating backup; the file carries a schema version.

Records are Pydantic models in and out (:class:`Repository`); TinyDB documents never leave
this module. Pydantic itself is imported with the first record model (``workbook.store.record``),
not with the store: opening the store and glancing at a table (:meth:`Store.peek`) stays cheap
enough for the TUI's first frame (bench/startup.py).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from workbook import clock, locations
from workbook.errors import StoreBusyError, StoreDamagedError, StoreIOError, WorkbookError
from workbook.store import backups, migrations
from workbook.store.atomic import clean_stale_temps, describe_os_error, write_atomic
from workbook.store.lock import WorkbookLock

if TYPE_CHECKING:
    from workbook.store.record import Record

READ_ONLY_MESSAGE = (
    "This workbook is open read-only because it is in use elsewhere; changes cannot be saved here."
)

# How long a CLI write waits for another process's short operation before giving up.
CLI_LOCK_TIMEOUT = 5.0


def new_id() -> str:
    """A fresh record id (random, so two processes never pick the same one)."""
    return uuid.uuid4().hex


M = TypeVar("M", bound="Record")
Raw = dict[str, Any]


def parse_data_file(path: Path) -> Raw:
    """Read and validate the data file; any damage raises :class:`StoreDamagedError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreIOError(describe_os_error(exc, path)) from None
    return parse_data(data, path)


def parse_data(data: bytes, path: Path) -> Raw:
    """Validate the bytes of the data file at ``path``; damage raises StoreDamagedError."""
    home = path.parent
    if not data.strip():
        raise StoreDamagedError(_damage_message(path, home, "it is empty"))
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise StoreDamagedError(
            _damage_message(path, home, f"it is not valid JSON ({exc.args[0]})")
        ) from None
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        raise StoreDamagedError(_damage_message(path, home, "it does not hold workbook tables"))
    return raw


def _damage_message(path: Path, home: Path, what: str) -> str:
    newest = backups.newest_backup(home)
    hint = (
        f"The newest backup is {newest}; run `workbook restore --latest` to bring it back "
        "(the damaged file is kept aside, not deleted)."
        if newest
        else "There is no backup yet. The file has not been changed; keep a copy before "
        "trying to repair it."
    )
    return f"The workbook data file {path} is damaged: {what}. {hint}"


class _IntKeyView(MutableMapping[int, Any]):
    """A raw table (str keys, as stored) seen with int document ids, as TinyDB's updaters expect.

    Lets :class:`_InPlaceTable` hand the live table to TinyDB's update functions without
    building two converted copies of it per write.
    """

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, key: int) -> Any:
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.raw.clear()


class _InPlaceTable(Table):
    """A TinyDB table whose writes change the stored table in place (same results, O(1) keys)."""

    def _update_table(self, updater: Callable[[Any], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        raw = tables.setdefault(self.name, {})
        try:
            updater(_IntKeyView(raw))
        except BaseException:
            # The live table may be half changed: make the store re-read it from disk.
            if isinstance(self._storage, DurableStorage):
                self._storage.discard()
            raise
        self._storage.write(tables)
        self._query_cache.clear()


class _WorkbookTinyDB(TinyDB):
    """TinyDB with :class:`_InPlaceTable` tables (TinyDB's documented ``table_class`` hook)."""

    table_class = _InPlaceTable


class DurableStorage(Storage):
    """A TinyDB storage holding the data in memory and writing it atomically with orjson."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def read(self) -> Raw | None:
        return self._store._data

    def write(self, data: Raw) -> None:
        self._store._data = data
        self._store._changed()

    def discard(self) -> None:
        """A change failed half way: the in-memory copy must be re-read before it is trusted."""
        self._store._discard()

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
        self.hold_lock = hold_lock
        self._lock = WorkbookLock(
            home, purpose or ("the workbook app" if hold_lock else "a command")
        )
        self._data: Raw = {}
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
        self._db = self._new_db()

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
        :class:`~workbook.errors.StoreBusyError` when another process has it.
        """
        if readonly:
            if not home.is_dir():
                raise WorkbookError(f"There is no workbook in {home} yet.")
        else:
            try:
                locations.ensure_private_dir(home)
            except OSError as exc:
                raise StoreIOError(describe_os_error(exc, home)) from None
        store = cls(home, hold_lock=hold_lock, readonly=readonly, purpose=purpose)
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

    def _new_db(self) -> TinyDB:
        storage = self
        # TinyDB instantiates the storage class itself; hand it this store's storage.
        return _WorkbookTinyDB(storage=lambda: DurableStorage(storage))

    def _load(self) -> None:
        """(Re-)read the file from disk, migrating it if it is older.

        When the file holds exactly the bytes this store last read or wrote, the in-memory
        copy is already current and nothing is parsed.
        """
        try:
            data: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            data = None
        except OSError as exc:
            raise StoreIOError(describe_os_error(exc, self.path)) from None
        if data is None:
            self._data = {}
            migrations.set_version(self._data, migrations.CURRENT_VERSION)
            self._disk = None
            self._db = self._new_db()
            return
        if data == self._disk:
            return
        raw = parse_data(data, self.path)
        raw, migrated = migrations.migrate(raw, path=str(self.path))
        self._data = raw
        self._disk = data
        self._db = self._new_db()
        if migrated and not self.readonly:
            if not self._lock.held:
                # Migrate under the lock, from the file as it is then (another process may
                # have migrated and written it since it was read above).
                self._disk = None
                with self.transaction():
                    pass
                return
            with self.transaction(reload=False):
                self._take_daily_backup(force_name="pre-migration")
                self._dirty = True

    def _discard(self) -> None:
        """Mark the in-memory copy as untrusted after a change failed half way."""
        self._disk = None
        self._dirty = True

    def _take_daily_backup(self, force_name: str | None = None) -> None:
        now = clock.now()
        if self._backup_day == now.strftime("%Y-%m-%d") and force_name is None:
            return
        if self.path.exists():
            data = self.path.read_bytes()
            if force_name:
                backups._copy_into(self.home, data, f"workbook-{force_name}-{new_id()[:8]}.json")
            else:
                backups.daily_backup(self.home, data, today=now)
        self._backup_day = now.strftime("%Y-%m-%d")

    def _changed(self) -> None:
        if self.readonly:
            raise WorkbookError(READ_ONLY_MESSAGE)
        self._dirty = True
        if self._depth == 0:
            self._flush()

    def _flush(self) -> None:
        self._take_daily_backup()
        payload = orjson.dumps(self._data)
        self._disk = None  # if the write fails, the file's content is unknown
        write_atomic(self.path, payload)
        self._disk = payload
        self._dirty = False

    @contextlib.contextmanager
    def transaction(self, *, reload: bool = True) -> Iterator[Store]:
        """Lock, re-read the file, run the block, then write once, atomically.

        Nested transactions join the outer one. If the block raises, nothing is written and
        the in-memory copy is re-read from disk, so a failed operation leaves no trace.
        """
        if self.readonly:
            raise WorkbookError(READ_ONLY_MESSAGE)
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
        """A typed repository over one table."""
        return Repository(self, model, table)

    def _table(self, name: str) -> Any:
        return self._db.table(name, cache_size=0)

    def table_names(self) -> list[str]:
        return sorted(n for n in self._data if n != migrations.META_TABLE)

    def peek(self, table: str) -> list[dict[str, Any]]:
        """Copies of a table's documents as plain data, without building any model.

        For a first glance that should not wait for the models (and Pydantic) to load: the
        TUI's first frame takes the couple's names this way. The documents are as stored
        (migrated, not validated); everything else reads records through :meth:`repo`.
        """
        with self._guard:
            docs = list(self._data.get(table, {}).values())
        copied: list[dict[str, Any]] = orjson.loads(orjson.dumps(docs))
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


def _replace_with(doc: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A TinyDB update that replaces a document's fields (update() alone would merge them)."""

    def replace(stored: dict[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    return replace


class Repository(Generic[M]):
    """Pydantic models in and out of one TinyDB table."""

    def __init__(self, store: Store, model: type[M], table: str) -> None:
        self._store = store
        self._model = model
        self._name = table

    def _doc(self, record: M) -> dict[str, Any]:
        return record.model_dump(mode="json")

    def _record(self, doc: Any) -> M:
        # Through JSON bytes, so the model shares no list or dict with the stored data: a field
        # typed Any would otherwise hand out the store's own nested objects, and changing them
        # would reach the file with the next write of any table.
        return self._model.model_validate_json(orjson.dumps(doc))

    def add(self, record: M) -> M:
        self._store.write(lambda: self._store._table(self._name).insert(self._doc(record)))
        return record

    def put(self, record: M) -> M:
        """Insert or replace the record with the same id."""
        doc = self._doc(record)

        def put() -> None:
            table = self._store._table(self._name)
            found = table.get(_has_id(record.id))
            if found is None:
                table.insert(doc)
            else:
                table.update(_replace_with(doc), doc_ids=[found.doc_id])

        self._store.write(put)
        return record

    def delete(self, record_id: str) -> None:
        """Remove the record with this id (nothing is written if there is none)."""

        def delete() -> None:
            table = self._store._table(self._name)
            found = table.get(_has_id(record_id))
            if found is not None:
                table.remove(doc_ids=[found.doc_id])

        self._store.write(delete)

    def get(self, record_id: str) -> M | None:
        with self._store._guard:
            doc = self._store._table(self._name).get(_has_id(record_id))
        return None if doc is None else self._record(doc)

    def require(self, record_id: str, what: str = "record") -> M:
        from workbook.errors import NotFoundError

        found = self.get(record_id)
        if found is None:
            raise NotFoundError(f"There is no {what} with id {record_id}.")
        return found

    def all(self) -> list[M]:
        with self._store._guard:
            docs = self._store._table(self._name).all()
        return [self._record(d) for d in docs]

    def find(self, predicate: Callable[[M], bool]) -> list[M]:
        return [r for r in self.all() if predicate(r)]

    def first(self, predicate: Callable[[M], bool] | None = None) -> M | None:
        for record in self.all():
            if predicate is None or predicate(record):
                return record
        return None

    def count(self) -> int:
        with self._store._guard:
            return len(self._store._table(self._name))
