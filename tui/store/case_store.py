"""The case store: loading, listing and saving cases in a TinyDB document file.

The whole store is decoded into `Case` values once, on open, and kept in memory; reads never
touch TinyDB. A save updates one document through TinyDB, whose storage makes it durable before
`save` returns. A lock file beside the store keeps a second writer out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from tui.domain.model import Case
from tui.domain.policy import Settings
from tui.store.codec import (
    SCHEMA_VERSION,
    case_from_document,
    case_to_document,
    settings_from_document,
    settings_to_document,
)
from tui.store.errors import StoreError, StoreLocked
from tui.store.storage import AtomicJSONStorage

_CASES = "cases"
_META = "meta"
_META_ID = 1


class CaseStore:
    """All the shopper's cases, backed by one TinyDB JSON file."""

    def __init__(self, path: Path, database: TinyDB, lock: FileLock | None) -> None:
        self.path = path
        self._database = database
        self._lock = lock
        self._cases: dict[str, Case] = {}
        self._doc_ids: dict[str, int] = {}
        for document in self._cases_table().all():
            case = self._decode(document, f"case {document.doc_id}")
            self._cases[case.id] = case
            self._doc_ids[case.id] = document.doc_id
        self._settings = self._read_settings()

    @classmethod
    def open(cls, path: Path, *, exclusive: bool = True) -> CaseStore:
        """Open (or prepare to create) the store at `path`.

        With `exclusive`, the store is locked for this process until `close`; a store already
        locked by another process raises `StoreLocked`. A bad file raises `StoreError` and is
        left untouched.
        """
        lock = None
        if exclusive:
            lock = FileLock(path.with_name(path.name + ".lock"))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                lock.acquire(timeout=0)
            except Timeout:
                raise StoreLocked(path, "is already open in another returns-tui") from None
        try:
            database = TinyDB(path, storage=AtomicJSONStorage)
            _check_schema(path, database)
            return cls(path, database, lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def _cases_table(self) -> Table:
        return self._database.table(_CASES, cache_size=0)

    def _decode(self, document: dict, where: str) -> Case:
        try:
            return case_from_document(document, where)
        except ValueError as error:
            raise StoreError(self.path, str(error)) from None

    def cases(self) -> list[Case]:
        """Every case in the store."""
        return list(self._cases.values())

    def get(self, case_id: str) -> Case:
        return self._cases[case_id]

    def save(self, case: Case) -> None:
        """Store one case (new or changed); durable on disk when this returns."""
        self.save_all([case])

    def save_all(self, cases: Iterable[Case]) -> None:
        """Store several cases; at most two durable writes, however many cases."""
        self._update_meta()
        changed = {case.id: case for case in cases}
        documents = {case_id: case_to_document(case) for case_id, case in changed.items()}
        known = [case_id for case_id in documents if case_id in self._doc_ids]
        new = [case_id for case_id in documents if case_id not in self._doc_ids]
        table = self._cases_table()
        if known:

            def replace_document(document: dict) -> None:
                replacement = documents[document["id"]]
                document.clear()
                document.update(replacement)

            table.update(replace_document, doc_ids=[self._doc_ids[case_id] for case_id in known])
        if new:
            doc_ids = table.insert_multiple(documents[case_id] for case_id in new)
            self._doc_ids.update(zip(new, doc_ids, strict=True))
        self._cases.update(changed)

    def _read_settings(self) -> Settings:
        raw = self.meta().get("settings")
        if raw is None:
            return Settings()
        try:
            return settings_from_document(raw)
        except ValueError as error:
            raise StoreError(self.path, str(error)) from None

    def settings(self) -> Settings:
        """The shopper's settings kept in the store (defaults when none were saved)."""
        return self._settings

    def save_settings(self, settings: Settings) -> None:
        """Keep the shopper's settings in the store; durable when this returns."""
        self._update_meta(settings=settings_to_document(settings))
        self._settings = settings

    def _update_meta(self, **fields: object) -> None:
        """Write `fields` into the metadata document, creating it (with the schema) if new."""
        meta = self._database.table(_META)
        if not meta.contains(doc_id=_META_ID):
            meta.insert(Document({"schema_version": SCHEMA_VERSION, **fields}, doc_id=_META_ID))
        elif fields:
            meta.update(fields, doc_ids=[_META_ID])

    def meta(self) -> dict:
        """The store's metadata document (schema version, demo date)."""
        return dict(self._database.table(_META).get(doc_id=_META_ID) or {})

    def demo_as_of(self) -> date | None:
        """The day a bundled demo store was written as of, if this is one."""
        raw = self.meta().get("demo_as_of")
        return date.fromisoformat(raw) if raw else None

    def close(self) -> None:
        """Release the store (closing twice is harmless)."""
        self._database.close()
        if self._lock is not None and self._lock.is_locked:
            self._lock.release()


def _check_schema(path: Path, database: TinyDB) -> None:
    meta = database.table(_META).get(doc_id=_META_ID)
    if meta is None:
        if len(database.table(_CASES)):
            raise StoreError(path, "has cases but no schema_version: not a returns-tui store")
        return
    version = meta.get("schema_version")
    if not isinstance(version, int):
        raise StoreError(path, "has no valid schema_version")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"was written by a newer returns-tui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade returns-tui to open it",
        )
