"""The store's metadata document (TinyDB's `meta` table, document 1): the schema version, the
shopper's settings, the most urgent cases named for the next start-up, and a demo's date."""

from __future__ import annotations

from datetime import date

from tinydb import TinyDB
from tinydb.table import Document

from tui.store.migrations import SCHEMA_VERSION
from tui.store.storage import AtomicJSONStorage

META = "meta"
META_ID = 1
# The field naming the most urgent cases (ids, most urgent first) when last saved.
URGENCY = "urgency"
# The field naming the document numbers of those cases (a sealed store reads them first).
URGENT_ROWS = "urgent_rows"


class Metadata:
    """One store's metadata document, read and changed through TinyDB (whoever changes it
    holds the storage's lock)."""

    def __init__(self, database: TinyDB, storage: AtomicJSONStorage) -> None:
        self._database = database
        self._storage = storage

    def document(self) -> dict:
        """A copy of the metadata document ({} when there is none yet)."""
        return dict(self._database.table(META).get(doc_id=META_ID) or {})

    def update(self, **fields: object) -> None:
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
        """The ids of the cases named most urgent when the store was last saved, most urgent
        first."""
        raw = self.document().get(URGENCY)
        if not isinstance(raw, list):
            return []
        return [case_id for case_id in raw if isinstance(case_id, str)]

    def name_urgent(self, case_ids: list[str], rows: list[str]) -> None:
        """Name these cases (ids, most urgent first; and their document numbers) the most
        urgent, unless they are already."""
        if case_ids != self.urgency_order() or rows != self.document().get(URGENT_ROWS):
            self.update(**{URGENCY: case_ids, URGENT_ROWS: rows})

    def demo_as_of(self) -> date | None:
        """The day a bundled demo store was written as of, if this is one."""
        raw = self.document().get("demo_as_of")
        return date.fromisoformat(raw) if raw else None
