"""The store's journal: small, durable appends between full rewrites of the store file.

Rewriting the whole file for every edit costs tens of milliseconds at 10,000 cases. Instead an
edit appends the documents it changed (one JSON line, fsynced) to `returns.json.journal`; the
store file is rewritten (atomically) and the journal removed only every so often, and when the
store closes. Opening a store replays its journal, so every acknowledged edit is found again
after a crash. Each line holds whole documents, so replaying a line twice changes nothing; a
line cut short by a crash was never acknowledged and is ignored.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import orjson

from tui.store.files import FILE_MODE, fsync_folder

# A record: table name -> document id -> the whole document (None: deleted).
Record = dict[str, dict[str, dict[str, Any] | None]]


def journal_path(store: Path) -> Path:
    return store.with_name(store.name + ".journal")


def append(store: Path, record: Record) -> None:
    """Add `record` to the journal; durable when this returns."""
    path = journal_path(store)
    created = not path.exists()
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        os.write(descriptor, orjson.dumps(record) + b"\n")
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if created:
        fsync_folder(path.parent)


def replay(store: Path, data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """`data` with the journal's records applied, and how many records there were."""
    try:
        raw = journal_path(store).read_bytes()
    except FileNotFoundError:
        return data, 0
    applied = 0
    for line in raw.split(b"\n"):
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            break  # the end, or a line cut short by a crash: it was never acknowledged
        if not isinstance(record, dict):
            break
        for table, documents in record.items():
            if not isinstance(documents, dict):
                continue
            rows = data.setdefault(table, {})
            for doc_id, document in documents.items():
                if document is None:
                    rows.pop(doc_id, None)
                else:
                    rows[doc_id] = document
        applied += 1
    return data, applied


def remove(store: Path) -> None:
    """Forget the journal once the store file holds everything in it."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(store).unlink()
        fsync_folder(store.parent)
