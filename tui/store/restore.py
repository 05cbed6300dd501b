"""Putting a backup back in place of the store: checked whole first, the file it replaces kept.

The replaced file (and a journal of edits made to it) is renamed beside the store with
`.replaced-<time>`, never deleted, and the backup is written in its place atomically under the
store's lock, so a running returns-tui never sees half of either.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from tui.store import journal
from tui.store.case_store import CaseStore
from tui.store.errors import StoreError
from tui.store.files import time_tag, write_atomically
from tui.store.lock import StoreLock


def check_backup(path: Path) -> int:
    """How many cases the store file at `path` holds, once checked to be a store this returns-tui
    can open (else `StoreError`): a regular file of the right shape and schema, every case
    readable (checked before anything is replaced)."""
    if not path.exists():
        raise StoreError(path, "does not exist")
    store = CaseStore.open(path, exclusive=False)
    try:
        return store.count()
    finally:
        store.close()


def restore_backup(store: Path, backup: Path, now: datetime) -> Path | None:
    """Check `backup`, then put it in place of `store`; returns where the replaced file was kept
    (None when there was no file to replace)."""
    check_backup(backup)
    lock = StoreLock(store)
    lock.acquire()
    try:
        tag = time_tag(now)
        kept = None
        if store.exists():
            kept = store.with_name(f"{store.name}.replaced-{tag}")
            shutil.copy2(store, kept)
        pending = journal.journal_path(store)
        if pending.exists():
            # The journal belongs to the file being replaced; keep it with that file.
            pending.rename(store.with_name(f"{store.name}.replaced-{tag}.journal"))
        write_atomically(store, backup.read_bytes())
    finally:
        lock.release()
    return kept
