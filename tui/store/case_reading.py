"""Reading a store file whole: its tables, its journal replayed, at the current schema
(`read_content`); then its rows into cases, each checked (`read_cases`: `StoreError` naming the
case and the field of a bad one); and the edits of a journal kept against another file. A sealed
file (see `seal`) is trusted as written: opening it reads only the cases the first screen shows
(`URGENT_ROWS`), the rest staying JSON text until `CaseStore.read_rest`; any other file has
every row read and checked on opening.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any

import msgspec

from tui.collector import collector_paused
from tui.domain.model import Case
from tui.domain.settings import Settings
from tui.store import journal, seal
from tui.store.case_rows import CaseRows
from tui.store.codec import as_document, case_from_document, cases_from_rows, settings_from_document
from tui.store.errors import StoreError
from tui.store.file_identity import FileIdentity, file_identity
from tui.store.journal import CASES
from tui.store.migrations import SCHEMA_VERSION, migrate
from tui.store.storage import read_store_file_and_digest

# The metadata document (schema version, settings, urgent cases, demo date): meta's number 1.
META, META_ID = "meta", 1
# Its fields naming the most urgent cases when last saved (ids), and their document numbers.
URGENCY, URGENT_ROWS = "urgency", "urgent_rows"


@dataclass(frozen=True, slots=True)
class FileContent:
    """A store file's content (None: no file), journal replayed, at the current schema; the
    schema it was upgraded from; how many journal records were replayed; the file's digest; a
    journal's records kept against another file; and how to hand back the file's text."""

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
        """Whether the rows are the file's own (no journal, no upgrade): once checked, sealable."""
        return bool(self.base) and not (self.replayed or self.unmatched or self.old_version)


def read_content(path: Path) -> FileContent:
    """The store file at `path` as read (see `FileContent`), or `StoreError`."""
    identity = file_identity(path)
    data, base, release = read_store_file_and_digest(path)
    try:
        journal_base, records = journal.read(path)
    except OSError as error:
        raise StoreError(
            path, f"has a journal that cannot be read ({error.strerror or error})"
        ) from None
    if data is None:
        # No file: a journal can only belong to a file that was moved or deleted.
        return FileContent(None, None, 0, "", records, release, identity)
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
        return FileContent(data, version, replayed, base, unmatched, release, identity)
    exact_except = seal.exact_rows_except(path, base)
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


# `RowsToRead` reads this many cases at a time (and can be stopped between them).
_READ_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class CasesRead:
    """A file's content, checked by `read_cases`, not yet the store's: its cases table, the cases
    read and their numbers by id, the settings, the rows still to read, the inexact rows."""

    rows: CaseRows
    cases: dict[str, Case]
    doc_ids: dict[str, int]
    settings: Settings
    to_read: RowsToRead | None
    inexact: list[str]


def read_cases(path: Path, content: FileContent, *, lazily: bool) -> CasesRead:
    """What `content` (of the store at `path`) holds, checked (`StoreError` if bad; nothing is
    changed yet). `lazily`: a sealed file's rows only as far as the first screen needs."""
    tables = content.data if content.data is not None else {}
    # The rows as read: each its JSON text or (replayed from the journal) its document.
    rows = tables.get(CASES) or {}
    meta = (tables.get(META) or {}).get(str(META_ID), {})
    starts: dict[str, int] = {}
    if lazily and content.exact_except is not None and content.sealable:
        # Sealed: the rows the first screen shows (and any documents) now, the rest later.
        urgent = meta.get(URGENT_ROWS)
        named = [n for n in urgent if isinstance(n, str)] if isinstance(urgent, list) else []
        wanted = {*named, *content.exact_except}
        # In the file's order, as a store read whole knows its cases.
        now = {number: row for number, row in rows.items() if number in wanted}
        # Where each unread row starts in the file at the earliest: after the rows before it.
        start = 0
        for number, row in rows.items():
            if number not in now:
                starts[number] = start
            start += len(row)
    else:
        now = rows
    try:
        cases, held, inexact = cases_from_rows(now, _row_name, content.exact_except)
        raw_settings = meta.get("settings")
        settings = Settings() if raw_settings is None else settings_from_document(raw_settings)
    except ValueError as error:
        raise StoreError(path, str(error)) from None
    by_id, numbers = cases_by_id(path, zip(held, cases, strict=True))
    # A row not read yet stays its JSON text, until `read_rest`.
    held_rows = {number: held.get(number, row) for number, row in rows.items()}
    to_read = RowsToRead(path, starts, content.release_before) if starts else None
    return CasesRead(CaseRows(held_rows), by_id, numbers, settings, to_read, inexact)


@dataclass(frozen=True, slots=True)
class RowsToRead:
    """The rows of a sealed file not read yet (known exact), read a chunk at a time: where each
    `starts` in the file at the earliest; `release_before` hands back the text before one."""

    path: Path
    starts: dict[str, int]
    release_before: Callable[[int], None]

    def read_into(
        self, rows: dict[str, Any], lock: AbstractContextManager[Any], stop: Event | None
    ) -> bool:
        """Put the case of each row of `rows` not read yet in its place (under `lock`), in the
        file's order; False if `stop` was set first (what was read so far stays read)."""
        unread = [(number, row) for number, row in rows.items() if isinstance(row, msgspec.Raw)]
        with collector_paused():
            for start in range(0, len(unread), _READ_CHUNK):
                if stop is not None and stop.is_set():
                    return False
                chunk = dict(unread[start : start + _READ_CHUNK])
                try:
                    cases = cases_from_rows(chunk, _row_name, exact_except=frozenset())[0]
                except ValueError as error:
                    raise StoreError(self.path, str(error)) from None
                with lock:
                    rows.update(zip(chunk, cases, strict=True))
                # Every row before the next to read is read: the text before its start is done.
                if start + _READ_CHUNK < len(unread):
                    self.release_before(self.starts[unread[start + _READ_CHUNK][0]])
        return True


def _row_name(number: str) -> str:
    return f"case {number}"


def cases_by_id(
    path: Path, numbered: Iterable[tuple[str, Case]]
) -> tuple[dict[str, Case], dict[str, int]]:
    """These cases (document number, case) of the store at `path` by their ids, and their
    document numbers; `StoreError` if two share an id."""
    cases: dict[str, Case] = {}
    numbers: dict[str, int] = {}
    for number, case in numbered:
        if case.id in cases:
            raise StoreError(
                path,
                f"cases {numbers[case.id]} and {number} have the same id "
                f"{case.id!r}; each case needs its own",
            )
        cases[case.id] = case
        numbers[case.id] = int(number)
    return cases, numbers


def edits_the_store_lacks(
    records: list[journal.Record], rows: CaseRows, doc_ids: dict[str, int]
) -> list[Case]:
    """The cases journal `records` hold in a version the store (its `rows`, and the document
    numbers of its cases by id) does not have: the last one of each."""
    latest: dict[str, Any] = {}
    for record in records:
        for case_id, document in (record.get(CASES) or {}).items():
            latest[case_id] = document
    lacking = []
    for case_id, document in latest.items():
        number = doc_ids.get(case_id)
        if document is None or (number is not None and rows.get(str(number)) == document):
            continue
        try:
            lacking.append(case_from_document(document, f"journal case {case_id}"))
        except ValueError:
            continue  # a damaged record is still in the journal kept aside
    return lacking
