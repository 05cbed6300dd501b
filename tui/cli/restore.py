"""`returns-tui restore`: put a backup back in place of a damaged or unwanted store.

It shows what it will do and asks first; the file it replaces is kept beside it (renamed with
`.replaced-<time>`), never deleted. Without a terminal to ask on, it needs `--yes`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tui.store import journal
from tui.store.backups import backups_of
from tui.store.case_store import CaseStore
from tui.store.errors import StoreError
from tui.store.files import write_atomically
from tui.store.lock import StoreLock
from tui.store.storage import read_store_file

NOTHING_DONE_EXIT = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backup", type=Path, metavar="FILE", help="the backup to restore (default: the newest)"
    )
    parser.add_argument("--list", action="store_true", help="list the backups and stop")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def restore(
    store: Path,
    backup: Path | None,
    *,
    list_only: bool,
    assume_yes: bool,
    ask: Callable[[str], str] = input,
) -> int:
    """Restore `backup` (or the newest) over `store`; returns the exit status."""
    found = backups_of(store)
    if list_only or (backup is None and not found):
        if not found:
            print(f"No backups of {store} yet.")
        for path in found:
            print(path)
        return 0 if found else NOTHING_DONE_EXIT
    chosen = backup or found[0]
    check_backup(chosen)
    if not assume_yes:
        if not sys.stdin.isatty():
            message = "returns-tui: not a terminal to ask on; add --yes to restore without asking"
            print(message, file=sys.stderr)
            return NOTHING_DONE_EXIT
        answer = ask(f"Replace {store} with {chosen}? The current file is kept. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing changed.")
            return NOTHING_DONE_EXIT
    lock = StoreLock(store)
    lock.acquire()
    try:
        stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
        if store.exists():
            kept = store.with_name(f"{store.name}.replaced-{stamp}")
            shutil.copy2(store, kept)
            print(f"Kept the current file as {kept}")
        pending = journal.journal_path(store)
        if pending.exists():
            # The journal belongs to the file being replaced; keep it with that file.
            pending.rename(store.with_name(f"{store.name}.replaced-{stamp}.journal"))
        write_atomically(store, chosen.read_bytes())
    finally:
        lock.release()
    print(f"Restored {chosen} to {store}")
    return 0


def check_backup(path: Path) -> None:
    """Raise `StoreError` unless `path` is a store this returns-tui can open: a regular file of
    the right shape and schema, every case readable (checked before anything is replaced)."""
    if read_store_file(path) is None:
        raise StoreError(path, "does not exist")
    CaseStore.open(path, exclusive=False).close()
