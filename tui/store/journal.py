"""The store's journal: small, durable appends between full rewrites of the store file.

Rewriting the whole file for every edit costs tens of milliseconds at 10,000 cases; instead an
edit appends the documents it changed (one fsynced JSON line) to `returns.json.journal`, and the
file is rewritten (the journal removed) now and then and on close. Opening a store replays its
journal, so every acknowledged edit survives a crash; a line holds whole documents, so replaying
it twice changes nothing, and a line cut short by a crash was never acknowledged: ignored. The
first line names the digest of the file the journal belongs to: replayed onto that file only,
else its edits are handed back to offer the user. Cases are matched by stable id, never document
number. A failed write, even in part (a full disk), is cut back to the last whole line and
reported. The journal is never followed through a symbolic link.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Any

import msgspec
import orjson

from tui.store.files import FILE_MODE, fsync_folder, time_tag

# A record: table name -> key -> the whole document (None: deleted). The key of a case is its
# stable id; of any other document, its document number.
Record = dict[str, dict[str, dict[str, Any] | None]]

CASES = "cases"
_HEADER = "returns-tui journal"


def journal_path(store: Path) -> Path:
    """Where the journal of the store file at `store` is kept."""
    return store.with_name(store.name + ".journal")


def size(store: Path) -> int:
    """How many bytes the store's journal holds (0: none)."""
    try:
        return os.lstat(journal_path(store)).st_size
    except FileNotFoundError:
        return 0


def append(store: Path, line: bytes, base: str) -> None:
    """Add `line` (a `Record`'s JSON) to the journal of the file whose digest is `base`, durably.
    On any failure the journal is cut back and the error raised."""
    path = journal_path(store)
    descriptor = os.open(
        path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE
    )
    try:
        start = os.fstat(descriptor).st_size
        payload = line + b"\n"
        if start == 0:
            payload = orjson.dumps({"format": _HEADER, "base": base}) + b"\n" + payload
        try:
            _write_all(descriptor, payload)
            os.fsync(descriptor)
        except BaseException:
            with contextlib.suppress(OSError):
                os.ftruncate(descriptor, start)
                os.fsync(descriptor)
            raise
    finally:
        os.close(descriptor)
    if start == 0:
        fsync_folder(path.parent)


def _write_all(descriptor: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(descriptor, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        view = view[written:]


def read(store: Path) -> tuple[str | None, list[Record]]:
    """The journal's base digest (None: it names none, matching no file) and its whole records."""
    path = journal_path(store)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None, []
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, f"{path} is a symbolic link, never followed") from None
        raise
    with os.fdopen(descriptor, "rb") as file:
        raw = file.read()
    base: str | None = None
    records: list[Record] = []
    for number, line in enumerate(raw.split(b"\n")):
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            break  # the end, or a line cut short by a crash: it was never acknowledged
        if not isinstance(record, dict):
            break
        if number == 0 and record.get("format") == _HEADER:
            base = record.get("base") if isinstance(record.get("base"), str) else ""
            continue
        records.append(record)
    return base, records


def apply(data: dict[str, Any], records: list[Record]) -> None:
    """Apply `records` to `data`, cases matched by their stable id."""
    numbers: dict[str, str] | None = None  # worked out once, kept up to date
    for record in records:
        for table, documents in record.items():
            if not isinstance(documents, dict):
                continue
            rows = data.setdefault(table, {})
            if table != CASES:
                for key, document in documents.items():
                    if document is None:
                        rows.pop(key, None)
                    else:
                        rows[key] = document
                continue
            if numbers is None:
                numbers = _case_numbers(rows)
            for case_id, document in documents.items():
                number = numbers.get(case_id)
                if document is None:
                    if number is not None:
                        rows.pop(number, None)
                        del numbers[case_id]
                    continue
                if number is None:
                    number = str(max((int(n) for n in rows if n.isdigit()), default=0) + 1)
                    numbers[case_id] = number
                rows[number] = document


class _Identity(msgspec.Struct):
    """Just the id of a case's document (the rest of its text is skipped, not decoded)."""

    id: Any = None


_IDENTITY = msgspec.json.Decoder(_Identity)


def _case_numbers(rows: dict[str, msgspec.Raw]) -> dict[str, str]:
    """Case id -> document number, for the cases table of a file as read (rows as JSON text)."""
    numbers = {}
    for number, row in rows.items():
        with contextlib.suppress(msgspec.DecodeError):
            if isinstance(case_id := _IDENTITY.decode(row).id, str):
                numbers[case_id] = number
    return numbers


def set_aside(store: Path) -> Path | None:
    """Keep a journal that belongs to another file beside the store, under a name of its own."""
    path = journal_path(store)
    if not os.path.lexists(path):
        return None
    kept = store.with_name(f"{store.name}.journal.unmatched-{time_tag()}")
    os.rename(path, kept)
    fsync_folder(store.parent)
    return kept


def remove(store: Path) -> None:
    """Forget the journal once the store file holds everything in it."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(store).unlink()
        fsync_folder(store.parent)
