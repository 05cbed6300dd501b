"""Reading a store file whole: its tables, its journal replayed, at the current schema.

What `CaseStore` starts from on opening and on a reload: the file's content (the cases table's
rows still their JSON text), with the journal written against this very file replayed and an
older schema upgraded, plus what the journal and the seal say about it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.store import journal, seal
from tui.store.codec import as_document
from tui.store.errors import StoreError
from tui.store.file_identity import FileIdentity, file_identity
from tui.store.migrations import SCHEMA_VERSION, migrate
from tui.store.storage import read_store_file_and_digest

CASES = journal.CASES
META = "meta"
META_ID = 1


@dataclass(frozen=True, slots=True)
class FileContent:
    """A store file's content with its journal replayed, at the current schema (None: no file);
    the older schema it was upgraded from; how many journal records were replayed; the digest
    of the file; the journal's records if it was written against another file (not replayed);
    and how to hand back the file's text before an offset once read (see `StoreFile`)."""

    data: dict[str, Any] | None
    old_version: int | None
    replayed: int
    base: str
    unmatched: list[journal.Record]
    release_before: Callable[[int], None]
    # The file's identity taken before it was read (see `file_identity`).
    identity: FileIdentity | None = None
    # The rows known to be exact, but for these (see `seal`); None: none known.
    exact_except: frozenset[str] | None = None

    @property
    def sealable(self) -> bool:
        """Whether the rows as read are the file's own (no journal, no upgrade), so that once
        checked they can be sealed."""
        return bool(self.base) and not (self.replayed or self.unmatched or self.old_version)


def read_content(path: Path) -> FileContent:
    """The store file at `path` as read (see `FileContent`), or `StoreError`."""
    identity = file_identity(path)
    read = read_store_file_and_digest(path)
    data, base = read.data, read.digest
    try:
        journal_base, records = journal.read(path)
    except OSError as error:
        raise StoreError(
            path, f"has a journal that cannot be read ({error.strerror or error})"
        ) from None
    if data is None:
        # No file: a journal can only belong to a file that was moved or deleted.
        return FileContent(None, None, 0, "", records, read.release_before, identity)
    version = _schema_version(path, data)
    if journal_base == base:  # replayed only onto the very file it was written against
        journal.apply(data, records)
        replayed, unmatched = len(records), []
    else:
        replayed, unmatched = 0, records
    if version < SCHEMA_VERSION:
        # The migrations rewrite documents, not JSON text.
        rows = data.get(CASES) or {}
        data[CASES] = {number: as_document(row) for number, row in rows.items()}
        data = migrate(data, version)
        return FileContent(data, version, replayed, base, unmatched, read.release_before, identity)
    exact_except = seal.exact_rows_except(path, base)
    release = read.release_before
    return FileContent(data, None, replayed, base, unmatched, release, identity, exact_except)


def _schema_version(path: Path, data: dict[str, Any]) -> int:
    meta = data.get(META, {}).get(str(META_ID))
    if meta is None:
        if data.get(CASES):
            raise StoreError(path, "has cases but no schema_version: not a returns-tui store")
        return SCHEMA_VERSION
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if not isinstance(version, int) or version < 1:
        raise StoreError(path, "has no valid schema_version")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"was written by a newer returns-tui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade returns-tui to open it",
        )
    return version
