"""Reading a store file whole (`read_content`): its tables, its journal replayed, at the current
schema, then its rows into cases, each checked; and the edits of a journal kept against another
file. A sealed file (see `seal`) is trusted as written: opening it reads only the cases the first
screen shows (`URGENT_ROWS`), the rest staying JSON text until `CaseStore.read_rest`; any other
file has every row read and checked on opening.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from typing import Any, BinaryIO

import msgspec
import orjson

from tui.collector import collector_paused
from tui.domain.model import Case
from tui.domain.settings import Settings
from tui.store import journal, seal
from tui.store.case_rows import CaseRows
from tui.store.codec import as_document, case_from_document, cases_from_rows, settings_from_document
from tui.store.errors import StoreError
from tui.store.file_identity import FileIdentity, digest, file_identity
from tui.store.journal import CASES
from tui.store.migrations import SCHEMA_VERSION, migrate

# The metadata document (schema version, settings, urgent cases, demo date): meta's number 1.
META, META_ID = "meta", 1
# Its fields naming the most urgent cases when last saved (ids), and their document numbers.
URGENCY, URGENT_ROWS = "urgency", "urgent_rows"


# A store file as read: its tables (None: no file; the cases' rows still JSON text), the digest
# of its bytes, and how to hand back the memory of its text before an offset (`_read_bytes`).
StoreFile = tuple[dict[str, Any] | None, str, Callable[[int], None]]


def read_store_file_and_digest(path: Path) -> StoreFile:
    """The store file at `path` as read, or `StoreError`."""
    if path.is_dir():
        raise StoreError(path, "is a folder, not a store file")
    if path.exists() and not path.is_file():
        raise StoreError(path, "is not a regular file (a device, pipe or socket)")
    try:
        with open(path, "rb") as file:
            content, release_before = _read_bytes(file)
    except FileNotFoundError:
        return None, "", release_nothing
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror})") from None
    if isinstance(content, bytes) and not content.strip():
        raise StoreError(path, "is empty, not a returns-tui store")
    # The digest is worked out beside the decoding: hashlib lets go of the interpreter while it
    # hashes, so on a second core it costs nothing (0.4 s of a start-up at 100,000 cases).
    with ThreadPoolExecutor(max_workers=1) as pool:
        digesting = pool.submit(digest, content)
        data = _decoded(path, content)
        return data, digesting.result(), release_before


def release_nothing(offset: int) -> None:
    """How to hand back the text of a file that goes as a whole, or is gone already."""


# A file this big is read into pages of its own (see `_read_bytes`), where the system allows.
_OWN_PAGES_FROM = 1 << 20
_CAN_HAND_BACK = all(hasattr(mmap, name) for name in ("MAP_ANONYMOUS", "MADV_DONTNEED"))


def _read_bytes(file: BinaryIO) -> tuple[bytes | memoryview, Callable[[int], None]]:
    """The file's bytes, and how to hand the memory of those before an offset back to the system.

    A sealed store's rows are decoded a chunk at a time, their text never needed again: a big
    file is read into private anonymous pages handed back piece by piece (peak memory 440 MB,
    not 634 MB, at 100,000 cases); not a mapping of the file, which another program truncating
    it would turn into SIGBUS."""
    size = os.fstat(file.fileno()).st_size
    if size < _OWN_PAGES_FROM or not _CAN_HAND_BACK:
        return file.read(), release_nothing
    pages = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    whole = memoryview(pages)
    done = 0
    while done < size and (count := file.readinto(whole[done:])):
        done += count

    def release_before(offset: int) -> None:
        # What the pages wholly before `offset` held reads as zeros after.
        end = offset - offset % mmap.PAGESIZE
        if end > 0:
            pages.madvise(mmap.MADV_DONTNEED, 0, end)

    return whole[:done], release_before


_TABLES = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])
_ANY = msgspec.json.Decoder()


def _decoded(path: Path, raw: bytes | memoryview) -> dict[str, Any]:
    """The file's tables; the cases table's rows are left as their JSON text (`msgspec.Raw`,
    a view of `raw`), for `codec.cases_from_rows` to decode straight into cases."""
    try:
        tables = _TABLES.decode(raw)
    except msgspec.DecodeError:
        # orjson says what is wrong in the words users have seen.
        try:
            orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise StoreError(path, f"is not valid JSON ({error})") from None
        raise StoreError(
            path, "is JSON but not a returns-tui store (expected tables of documents)"
        ) from None
    return {
        name: rows if name == CASES else {key: _ANY.decode(row) for key, row in rows.items()}
        for name, rows in tables.items()
    }


@dataclass(frozen=True, slots=True)
class FileContent:
    """A store file read and checked by `read_content`, not yet the store's."""

    # Its tables, the journal replayed, at the current schema (no file: none but the cases'),
    # the cases table a `CaseRows`; the digest of its bytes and its identity taken before it
    # was read (see `file_identity`).
    data: dict[str, Any]
    base: str
    identity: FileIdentity | None
    # The schema it was upgraded from; the journal's records replayed; a journal's records
    # kept against another file.
    old_version: int | None
    replayed: int
    unmatched: list[journal.Record]
    # The cases read, by id, and their document numbers; the settings; the rows not read yet.
    cases: dict[str, Case]
    doc_ids: dict[str, int]
    settings: Settings
    to_read: RowsToRead | None
    # The rows found inexact, for a seal of the file as read (see `seal`); None: not sealable,
    # or sealed already.
    to_seal: list[str] | None


def read_content(path: Path, *, lazily: bool) -> FileContent:
    """The store file at `path` read, its rows checked (`StoreError` naming the case and the
    field of a bad one; nothing is changed yet). `lazily`: a sealed file's rows only as far as
    the first screen needs."""
    identity = file_identity(path)
    tables, base, release = read_store_file_and_digest(path)
    try:
        journal_base, records = journal.read(path)
    except OSError as error:
        raise StoreError(
            path, f"has a journal that cannot be read ({error.strerror or error})"
        ) from None
    old_version, replayed, unmatched, exact_except = None, 0, records, None
    # No file: a journal can only belong to a file that was moved or deleted.
    data = tables if tables is not None else {}
    if tables is not None:
        version = _schema_version(path, data)
        if journal_base == base:  # replayed only onto the very file it was written against
            journal.apply(data, records)
            replayed, unmatched = len(records), []
        if version < SCHEMA_VERSION:
            # The migrations rewrite documents, not JSON text.
            rows = data.get(CASES) or {}
            data[CASES] = {number: as_document(row) for number, row in rows.items()}
            data, old_version = migrate(data, version), version
        else:
            exact_except = seal.exact_rows_except(path, base)
    # The rows are the file's own (no journal, no upgrade): once checked, sealable.
    sealable = bool(base) and not (replayed or unmatched or old_version)
    # The rows as read: each its JSON text or (replayed from the journal) its document.
    rows = data.get(CASES) or {}
    meta = (data.get(META) or {}).get(str(META_ID), {})
    starts: dict[str, int] = {}
    if lazily and exact_except is not None and sealable:
        # Sealed: the rows the first screen shows (and any documents) now, the rest later.
        urgent = meta.get(URGENT_ROWS)
        named = [n for n in urgent if isinstance(n, str)] if isinstance(urgent, list) else []
        wanted = {*named, *exact_except}
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
        cases, held, inexact = cases_from_rows(now, _row_name, exact_except)
        raw_settings = meta.get("settings")
        settings = Settings() if raw_settings is None else settings_from_document(raw_settings)
    except ValueError as error:
        raise StoreError(path, str(error)) from None
    by_id, numbers = cases_by_id(path, zip(held, cases, strict=True))
    # From here on each case is held once; a row not read yet stays its JSON text until
    # `read_rest`.
    data[CASES] = CaseRows({number: held.get(number, row) for number, row in rows.items()})
    to_read = RowsToRead(path, starts, release) if starts else None
    to_seal = inexact if sealable and exact_except is None else None
    return FileContent(
        data,
        base,
        identity,
        old_version,
        replayed,
        unmatched,
        by_id,
        numbers,
        settings,
        to_read,
        to_seal,
    )


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
