"""The case store: loading, listing and saving cases in a TinyDB document file.

Each case is decoded once and held once, in memory, as a `Case` (see `case_rows`); reads never
touch TinyDB. A sealed file (see `seal`) decodes on opening only the cases the first screen
shows, the rest in `read_rest`. A change is `stage`d (into memory, at once) and `flush`ed (to
disk, durably, on a worker thread); `save` does both. Opening for writing takes the lock,
removes a crash's temporary files and upgrades an older file (after backing it up).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Document, Table

from tui.collector import collector_paused, freeze_long_lived
from tui.domain.model import Case
from tui.domain.settings import Settings
from tui.store import journal, seal
from tui.store.backups import BackupSchedule, take_backup, write_rescue_copy
from tui.store.case_reading import (
    META,
    META_ID,
    URGENCY,
    URGENT_ROWS,
    FileContent,
    RowsToRead,
    cases_by_id,
    edits_the_store_lacks,
    read_content,
)
from tui.store.case_rows import CaseRows
from tui.store.codec import case_to_document, with_unknown
from tui.store.errors import SaveFailed, StoreChangedOnDisk, StoreError, StoreMissing
from tui.store.file_identity import FileIdentity, digest, file_identity
from tui.store.files import real_path, remove_stale_temporaries, write_atomically, write_target
from tui.store.journal import CASES
from tui.store.lock import StoreLock
from tui.store.migrations import SCHEMA_VERSION
from tui.store.storage import AtomicJSONStorage, Database, encode
from tui.store.vault import Vault

# A store at least this big is frozen out of the garbage collector's sight once loaded.
_FREEZE_FROM = 2000


# Where a reader of `CaseStore.changes_since` got to: (loads, changes).
Mark = tuple[int, int]


class CaseStore:
    """All the shopper's cases, backed by one TinyDB JSON file."""

    def __init__(
        self,
        path: Path,
        database: TinyDB,
        lock: StoreLock | None,
        content: FileContent,
    ) -> None:
        self.path = path
        self._database = database
        storage = database.storage
        assert isinstance(storage, AtomicJSONStorage)
        self._storage = storage
        self._lock = lock
        # True after a failed write until one succeeds: memory holds changes the disk lacks.
        self.unsaved = False
        # The identity of a file a reload refused as unreadable: not reported again.
        self._refused: FileIdentity | None = None
        # Edits of a journal kept against another version of the file: offered, never replayed.
        self.unmatched: list[Case] = []
        self.set_aside: Path | None = None
        self._abandoned = False
        # The most urgent cases as the app last found them, to be written with the next save.
        self._urgency: list[str] | None = None
        self._loads = 0
        self._reading = threading.Lock()
        # The evidence files kept beside the store.
        self.vault = Vault.beside(path)
        self._take(content)

    @classmethod
    def open(cls, path: Path, *, exclusive: bool = True) -> CaseStore:
        """Open (or prepare to create) the store at `path`: `exclusive`, locked for this process
        until `close` (`StoreLocked` if another has it); else read-only, never written, even to
        migrate it. A bad file raises `StoreError`, left untouched."""
        # A symbolic link's target is locked and written: replacing the link would fork the store.
        path = real_path(path)
        lock = StoreLock(path) if exclusive else None
        if lock is not None:
            lock.acquire()
        try:
            if exclusive:
                _check_writable(path)
            with collector_paused():
                content = read_content(path, lazily=True)
                before_write = BackupSchedule(path).before_write if exclusive else None
                # TinyDB hands these to `AtomicJSONStorage`, which serves reads from memory.
                database = Database(path, content, before_write, storage=AtomicJSONStorage)
                store = cls(path, database, lock, content)
            store._offer_unmatched(content.unmatched)
            if lock is not None:
                remove_stale_temporaries(path)
                store.vault.remove_temporaries()
                if content.old_version is not None:
                    store._upgrade_on_disk(content.old_version)
                elif content.replayed:
                    # Fold what a crash left in the journal into the file, before anything else.
                    store._storage.flush(rewrite=True)
            return store
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def _upgrade_on_disk(self, old_version: int) -> None:
        """Write the (already migrated and fully decoded) content back, keeping the old file."""
        take_backup(self.path, f"schema{old_version}")
        data = self._storage.read()
        payload = encode(data)
        write_atomically(self.path, payload)
        journal.remove(self.path)
        # The journal from now on is written against the upgraded file.
        self._storage.replace_data(data, file_identity(self.path), digest(payload))

    def _take(self, content: FileContent) -> None:
        """Take `content` as the store's (its tables are already the storage's)."""
        # For `changes_since`: the ids staged or deleted since this (re)load, and the loads.
        self._log: list[str] = []
        self._loads += 1
        # Every row was just checked: sealed, the next start-up need not check them again.
        if self._lock is not None and content.to_seal is not None:
            seal.record(self.path, content.base, content.to_seal)
        self._cases, self._doc_ids = content.cases, content.doc_ids
        self._settings = content.settings
        # The rows of a sealed store still to be read (`read_rest`); None once all are read.
        self._to_read: RowsToRead | None = content.to_read
        if self._to_read is None:
            self._all_read()

    def _all_read(self) -> None:
        """Every case is read: the file's text is no longer needed."""
        self._to_read = None
        if len(self._cases) >= _FREEZE_FROM:
            # Loaded once and kept: the collector need not walk these objects again.
            freeze_long_lived()

    @property
    def read_whole(self) -> bool:
        """Whether every case has been read (a sealed store reads most of them in `read_rest`)."""
        return self._to_read is None

    def read_rest(self, stop: threading.Event | None = None) -> bool:
        """Read every case not read yet (on a worker thread; whatever needs one reads them first,
        waiting for this); False if `stop` was set first (what was read stays read)."""
        with self._reading:
            if self._to_read is None:
                return True
            rows = self._rows().rows
            # No unread row changes meanwhile: changing or deleting one waits for this reading.
            if not self._to_read.read_into(rows, self._storage.lock, stop):
                return False
            with self._storage.lock:
                # Known in the file's order, as a store read whole is.
                known = self._cases
                self._cases, self._doc_ids = cases_by_id(
                    self.path,
                    (
                        (number, row if isinstance(row, Case) else known[row["id"]])
                        for number, row in rows.items()
                    ),
                )
                self._all_read()
            return True

    def _rows(self) -> CaseRows:
        rows = self._storage.read()[CASES]
        assert isinstance(rows, CaseRows)
        return rows

    def _cases_table(self) -> Table:
        return self._database.table(CASES, cache_size=0)

    def cases(self) -> list[Case]:
        """Every case in the store."""
        self.read_rest()
        return list(self._cases.values())

    def count(self) -> int:
        """How many cases the store holds."""
        return len(self._rows())

    def get(self, case_id: str) -> Case:
        case = self.find(case_id)
        if case is None:
            raise KeyError(case_id)
        return case

    def save(self, case: Case) -> None:
        """Store one case (new or changed); durable on disk when this returns."""
        self.save_all([case])

    def save_all(self, cases: Iterable[Case]) -> None:
        """Store several cases in one durable write."""
        self.stage(cases)
        self.flush()

    def stage(self, cases: Iterable[Case]) -> None:
        """Take new or changed cases into memory at once; `flush` writes them to disk."""
        changed = {case.id: case for case in cases}
        if self._to_read is not None and not changed.keys() <= self._doc_ids.keys():
            self.read_rest()  # a case not read yet would be taken for a new one
        documents = {case_id: case_to_document(case) for case_id, case in changed.items()}
        known = [case_id for case_id in documents if case_id in self._doc_ids]
        new = [case_id for case_id in documents if case_id not in self._doc_ids]
        table = self._cases_table()
        storage = self._storage
        with storage.lock:
            self._update_meta()  # a new store's first case brings its metadata
            if known:

                def replace_document(document: dict) -> None:
                    # Fields this version does not know (a newer one's, or added by hand) stay.
                    replacement = with_unknown(documents[document["id"]], dict(document))
                    document.clear()
                    document.update(replacement)

                doc_ids = [self._doc_ids[case_id] for case_id in known]
                table.update(replace_document, doc_ids=doc_ids)
            if new:
                doc_ids = table.insert_multiple(documents[case_id] for case_id in new)
                self._doc_ids.update(zip(new, doc_ids, strict=True))
            rows = self._rows()
            for case_id, case in changed.items():
                number = self._doc_ids[case_id]
                storage.mark_changed(CASES, number, case_id)
                # Held as the case again, unless its document kept fields it does not know.
                rows.hold_as_case(str(number), case, documents[case_id])
            self._cases.update(changed)
        self._log.extend(changed)

    def changes_since(self, mark: Mark | None) -> tuple[list[str] | None, Mark]:
        """The ids staged or deleted since `mark` (from an earlier call; None: any case may have
        changed, for no mark or a (re)load since), and the mark of now: for keeping what is
        derived from every case up to date cheaply."""
        now = (self._loads, len(self._log))
        if mark is None or mark[0] != self._loads:
            return None, now
        return self._log[mark[1] :], now

    def stage_delete(self, case_id: str) -> None:
        """Remove a case from memory at once; `flush` removes it from disk."""
        if case_id not in self._doc_ids:
            self.read_rest()
        with self._storage.lock:
            doc_id = self._doc_ids.pop(case_id)
            self._cases_table().remove(doc_ids=[doc_id])
            self._storage.mark_changed(CASES, doc_id, case_id)
            del self._cases[case_id]
        self._log.append(case_id)

    def find(self, case_id: str) -> Case | None:
        """The case with this id, if the store has it."""
        if case_id not in self._cases and self._to_read is not None:
            self.read_rest()  # it may be among the cases not read yet
        return self._cases.get(case_id)

    def flush(self) -> None:
        """Put every staged change on disk, durably, from any thread; else `SaveFailed` (kept in
        memory for the next flush) or `StoreChangedOnDisk` (changed by another program)."""
        if self._storage.pending:
            self._stage_urgency_order()
        self._write(self._storage.flush)

    def _write(self, write: Callable[[], None]) -> None:
        """Run `write`, noting in `unsaved` whether memory still holds changes the disk lacks."""
        try:
            write()
        except OSError as error:
            self.unsaved = True
            raise SaveFailed.writing(self.path, error) from error
        except (StoreMissing, StoreChangedOnDisk):
            self.unsaved = True
            raise
        self.unsaved = False

    def missing(self) -> bool:
        """Whether the file was moved or deleted while open (everything is still in memory)."""
        return self._storage.missing()

    def save_back(self) -> None:
        """Write everything in memory to the store's path again (after it went missing)."""
        self._write(self._storage.write_back)

    def abandon_unsaved(self) -> None:
        """The user chose to quit without saving: `close` writes nothing more."""
        self._abandoned = True

    @property
    def pending_writes(self) -> bool:
        """Whether some staged change is not on disk yet."""
        return self._storage.pending

    def save_copy(self, target: Path) -> None:
        """All in memory, written to a file the user chose; never the store's (`TargetRefused`)."""
        write_target(target, self._whole_payload(), self.path)

    def save_rescue_copy(self) -> Path | None:
        """All in memory, written to a new rescue copy (`write_rescue_copy`): where, or None."""
        return write_rescue_copy(self.path, self._whole_payload())

    def _whole_payload(self) -> bytes:
        with self._storage.lock:
            return encode(self._storage.read())

    def changed_on_disk(self) -> bool:
        """Whether another program changed the file since this store last read or wrote it
        (and it is not the unreadable version a reload already refused)."""
        changed = self._storage.changed_on_disk()
        return changed and (self._refused is None or file_identity(self.path) != self._refused)

    def reload(self) -> None:
        """Read the file again, dropping what is not written; `StoreError` if bad. The journal,
        kept against the old file, is never replayed onto the new: see `_offer_unmatched`."""
        with self._reading, collector_paused():  # never under a `read_rest` on its way
            try:
                content = read_content(self.path, lazily=False)  # a bad file changes nothing
            except StoreError:
                # What is in memory is no longer on disk: a failed save, said once.
                self._refused, self.unsaved = file_identity(self.path), True
                raise
            self._refused = None
            self._storage.replace_data(
                content.data, content.identity, content.base, content.replayed
            )
            self._database.clear_cache()
            self._take(content)
        self._offer_unmatched(content.unmatched)
        self.unsaved = False

    def _offer_unmatched(self, records: list[journal.Record]) -> None:
        """Offer the edits the file lacks of a journal kept against another version of it
        (`unmatched`); writing, keep that journal aside (`set_aside`), or remove it if the file
        has them all (as a crash between a rewrite and the journal's removal leaves it)."""
        self.unmatched = edits_the_store_lacks(records, self._rows(), self._doc_ids)
        if records and self._lock is not None:
            if self.unmatched:
                self.set_aside = journal.set_aside(self.path)
            else:
                journal.remove(self.path)

    def settings(self) -> Settings:
        """The shopper's settings kept in the store (defaults when none were saved)."""
        return self._settings

    def stage_settings(self, settings: Settings) -> None:
        """Take the shopper's settings into memory at once; `flush` writes them to disk."""
        with self._storage.lock:
            document = with_unknown(case_to_document(settings), self.meta().get("settings"))
            self._update_meta(settings=document)
        self._settings = settings

    def meta(self) -> dict:
        """A copy of the metadata document (schema version, settings, demo date...); {} if none."""
        return dict(self._database.table(META).get(doc_id=META_ID) or {})

    def _update_meta(self, **fields: object) -> None:
        """Write `fields` into the metadata document, creating it (with the schema) if new."""
        meta = self._database.table(META)
        if not meta.contains(doc_id=META_ID):
            meta.insert(Document({"schema_version": SCHEMA_VERSION, **fields}, doc_id=META_ID))
        elif fields:
            meta.update(fields, doc_ids=[META_ID])
        else:
            return
        self._storage.mark_changed(META, META_ID)

    def urgency_order(self) -> list[str]:
        """The ids of the most urgent cases when the store was last saved, most urgent first (a
        start-up draws these before it has worked out every deadline; it may be out of date)."""
        ids = self.meta().get(URGENCY)
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    def note_urgency_order(self, case_ids: list[str]) -> None:
        """Remember the most urgent cases (ids, most urgent first), for the metadata: written by
        the next `flush` or `close` that writes anyway, never in a write of their own."""
        self._urgency = list(case_ids)

    def _stage_urgency_order(self) -> None:
        urgency = self._urgency
        if urgency is None:
            return
        with self._storage.lock:  # a flush may run on a worker thread
            rows = [str(self._doc_ids[case_id]) for case_id in urgency if case_id in self._doc_ids]
            if urgency != self.urgency_order() or rows != self.meta().get(URGENT_ROWS):
                self._update_meta(**{URGENCY: urgency, URGENT_ROWS: rows})
        if self._urgency is urgency:
            self._urgency = None

    def demo_as_of(self) -> date | None:
        """The day a bundled demo store was written as of, if this is one."""
        raw = self.meta().get("demo_as_of")
        return date.fromisoformat(raw) if raw else None

    def close(self) -> None:
        """Write everything into the store file itself, then release it (twice is harmless)."""
        try:
            if self._lock is not None and self._lock.held and not self._abandoned:
                if self._storage.missing():
                    raise StoreMissing(
                        self.path, "was moved or deleted while open; it was not written back"
                    )
                if self._storage.pending or self._storage.journal_records:
                    # The file is rewritten anyway: the urgency order rides along.
                    self._stage_urgency_order()
                self._storage.flush(rewrite=True)
        except OSError as error:
            raise SaveFailed.writing(self.path, error) from error
        finally:
            self._database.close()
            if self._lock is not None:
                self._lock.release()


def _check_writable(path: Path) -> None:
    """Refuse at once a store that could be read but never saved."""
    if path.exists() and not path.is_dir() and not os.access(path, os.W_OK):
        raise StoreError(path, "is read-only (no write permission); fix its permissions")
    folder = next((parent for parent in path.parents if parent.exists()), None)
    if folder is not None and not os.access(folder, os.W_OK):
        raise StoreError(path, f"cannot be saved: no write permission in {folder}")
