"""A TinyDB storage that keeps the data in memory and writes it durably, off the keyboard.

TinyDB's `JSONStorage` re-reads the whole file on every operation and rewrites it in place (a
crash mid-write leaves it unloadable). This one serves reads from memory; `flush` makes TinyDB's
writes durable, mostly by appending the changed documents to the `journal` (an edit costs the
same at 10 cases or 10,000), now and then and on close by rewriting the file atomically and
dropping the journal: a crash at any point leaves both loadable. `flush` may run on a worker
thread: it takes its snapshot under `lock` (which whoever changes the data holds too), does the
disk work outside it, and refuses (`StoreChangedOnDisk`) a file another program changed since.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from tui.store import codec, journal, seal
from tui.store.case_reading import FileContent
from tui.store.case_rows import CaseRows
from tui.store.errors import StoreChangedOnDisk, StoreError, StoreMissing
from tui.store.file_identity import FileIdentity, digest, file_identity
from tui.store.files import write_atomically

# After this many journal records the next flush rewrites the whole file instead.
JOURNAL_LIMIT = 500


def encode(data: dict[str, Any]) -> bytes:
    """The store file's bytes for `data` (compact: a third smaller and faster than indented)."""
    return codec.encode(
        {name: table.rows if isinstance(table, CaseRows) else table for name, table in data.items()}
    )


class _ByNumber(MutableMapping[int, Any]):
    """A stored table (number as text -> document) as TinyDB's updaters see it, changed in place."""

    __slots__ = ("_rows",)

    def __init__(self, rows: dict[str, Any]) -> None:
        self._rows = rows

    def __getitem__(self, doc_id: int) -> Any:
        return self._rows[str(doc_id)]

    def __setitem__(self, doc_id: int, document: Any) -> None:
        self._rows[str(doc_id)] = document

    def __delitem__(self, doc_id: int) -> None:
        del self._rows[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._rows

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self._rows))

    def __len__(self) -> int:
        return len(self._rows)


class InPlaceTable(Table):
    """A TinyDB table whose writes change only the documents they touch: TinyDB's own copies the
    whole table to a new dict and back on every write (82 ms per edit at 100,000 cases). The
    file's layout is TinyDB's own."""

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read() or {}
        rows = tables.setdefault(self.name, {})
        updater(_ByNumber(rows))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class Database(TinyDB):
    """TinyDB with tables that write in place (see `InPlaceTable`)."""

    table_class = InPlaceTable


class AtomicJSONStorage(Storage):
    """TinyDB storage: data in memory, made durable on `flush` (journal, or full rewrite)."""

    def __init__(
        self, path: Path, content: FileContent, before_write: Callable[[], None] | None
    ) -> None:
        """The file's `content` as read (see `replace_data`); `before_write` runs before each
        rewrite. Without `before_write` the storage is read-only and refuses every write."""
        self.path = path
        self.lock = threading.RLock()
        self._flushing = threading.Lock()
        self._before_write = before_write
        self._changes = 0
        self.replace_data(content.data, content.identity, content.base, content.replayed)

    def read(self) -> dict[str, Any]:
        # No copy: the store changes the tables only through TinyDB.
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Take TinyDB's change into memory; `flush` puts it on disk."""
        if self._before_write is None:
            raise StoreError(self.path, "is open read-only")
        self._data = data
        self._changes += 1

    def mark_changed(self, table: str, doc_id: int, key: str | None = None) -> None:
        """Say which document the last write changed, so `flush` can journal just that; `key`
        is what the journal knows it by (a case's stable id; by default its document number)."""
        self._dirty[(table, str(doc_id))] = key or str(doc_id)

    @property
    def pending(self) -> bool:
        """Whether memory holds changes that are not on disk yet."""
        return self._flushed_changes < self._changes

    def flush(self, *, rewrite: bool = False) -> None:
        """Put every change so far on disk, durably; one flush at a time, safe from any thread.
        Changes go to the journal, unless `rewrite` is asked for, the file does not exist yet or
        the journal has grown long: then the whole file is rewritten and the journal removed."""
        with self._flushing:
            with self.lock:
                target, dirty = self._changes, self._dirty
                nothing_new = target == self._flushed_changes
                # With nothing new, only a requested rewrite that folds in a journal has work.
                if self._before_write is None or (
                    nothing_new and not (rewrite and self.journal_records)
                ):
                    return
                self._dirty = {}
                data = self._data
                whole = rewrite or self._identity is None or self.journal_records >= JOURNAL_LIMIT
                if not whole:
                    record: journal.Record = {}
                    for (table, doc_id), key in dirty.items():
                        record.setdefault(table, {})[key] = data.get(table, {}).get(doc_id)
                    line = codec.encode(record)
                    # A journal that would outgrow the file (fill the disk) is folded into it.
                    whole = journal.size(self.path) + len(line) > (
                        self._identity[1] if self._identity else 0
                    )
                if whole:
                    payload = encode(data)
                    rows = data.get(journal.CASES)
                    documents = rows.documents() if isinstance(rows, CaseRows) else []
            try:
                self._check_unchanged()
                if whole:
                    self._before_write()
                    self._after_own_link()
                    # Checked again just before the new file replaces the old: another
                    # program's version is never written over.
                    write_atomically(self.path, payload, before_replace=self._check_unchanged)
                    self._identity = file_identity(self.path)
                    self._base = digest(payload)
                    seal.record(self.path, self._base, documents)
                    journal.remove(self.path)
                    self.journal_records = 0
                else:
                    journal.append(self.path, line, self._base)
                    self.journal_records += 1
            except BaseException:
                with self.lock:
                    self._dirty = dirty | self._dirty  # still to be written
                raise
            self._flushed_changes = target

    def _after_own_link(self) -> None:
        """The backup just taken before a rewrite is a hard link to the file, which moves only
        its change time: taken as this process's, without reading the file again."""
        current = file_identity(self.path)
        if current is not None and self._identity is not None and current[:3] == self._identity[:3]:
            self._identity = current

    def _check_unchanged(self) -> None:
        """`StoreMissing` or `StoreChangedOnDisk` unless the file is as last read or written."""
        if self.missing():
            raise StoreMissing(self.path, "was moved or deleted by another program")
        if self.changed_on_disk():
            raise StoreChangedOnDisk(self.path, "was changed on disk by another program")

    def replace_data(
        self, data: dict[str, Any], identity: FileIdentity | None, base: str, replayed: int = 0
    ) -> None:
        """Start over from `data`, the file's content (with `replayed` journal records) as just
        read or written; `identity` is the file's, from before it was read (a file changed
        while it was read is then changed on disk), `base` the digest of its bytes."""
        with self.lock:
            self._data = data
            self._identity = identity
            # The journal is written against the file of this digest.
            self._base = base
            self._flushed_changes = self._changes
            # The journal's records (the next rewrite folds them into the file).
            self.journal_records = replayed
            # Documents changed since the last flush: (table, document id) -> journal key.
            self._dirty: dict[tuple[str, str], str] = {}

    def missing(self) -> bool:
        """Whether the file this storage read or wrote has gone (moved or deleted)."""
        return self._identity is not None and file_identity(self.path) is None

    def write_back(self) -> None:
        """Write everything in memory to the path again, after the file went missing."""
        with self.lock:
            self._identity = None
            self._changes += 1
        self.flush(rewrite=True)

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer the version this storage read or wrote."""
        current = file_identity(self.path)
        if current == self._identity:
            return False
        if current is None or self._identity is None or current[:3] != self._identity[:3]:
            return True
        # Only the change time moved (a hard link, a chmod, an edit in place with its mtime put
        # back): the bytes tell (rarely: it takes a moment), if unchanged while they were read.
        try:
            same = bool(self._base) and digest(self.path.read_bytes()) == self._base
        except OSError:
            return True
        if not same or file_identity(self.path) != current:
            return True
        self._identity = current
        return False
