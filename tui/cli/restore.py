"""`returns-tui restore`: put a backup back in place of a damaged or unwanted store.

It shows what it will do and asks first (without a terminal to ask on, it needs `--yes`); the
store's own `tui.store.restore` does it, keeping the file it replaces.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from humanize import naturalsize

from tui.domain.evidence import checklist
from tui.store.backups import backups_of
from tui.store.case_store import CaseStore
from tui.store.errors import StoreError
from tui.store.restore import check_backup, restore_backup

NOTHING_DONE_EXIT = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backup", type=Path, metavar="FILE", help="the backup to restore (default: the newest)"
    )
    parser.add_argument("--list", action="store_true", help="list the backups and stop")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _described(backup: Path) -> str:
    """A backup as `--list` shows it: when it was taken, its size, its cases, its path."""
    taken = datetime.fromtimestamp(backup.stat().st_mtime)
    try:
        cases = f"{check_backup(backup):,} cases"
    except StoreError as error:
        cases = f"unreadable: {error.problem}"
    return f"{taken:%Y-%m-%d %H:%M}  {naturalsize(backup.stat().st_size):>9}  {cases}  {backup}"


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
            print(_described(path))
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
    kept = restore_backup(store, chosen, datetime.now())
    if kept is not None:
        print(f"Kept the current file as {kept}")
    print(f"Restored {chosen} to {store}")
    _say_missing_evidence(store)
    return 0


def _say_missing_evidence(store: Path) -> None:
    """Name each evidence file the restored store refers to that its vault lacks (purged since
    the backup was taken, say): its item shows it too, but the shopper hears it now."""
    opened = CaseStore.open(store, exclusive=False)
    try:
        missing = opened.vault.missing(opened.cases())
    finally:
        opened.close()
    for case, entry in missing:
        item = next((item.label for item in checklist(case) if item.key == entry.key), entry.key)
        print(
            f"returns-tui: order {case.order_number}, {item}: the evidence file {entry.path} is "
            f"not in {opened.vault.folder}",
            file=sys.stderr,
        )
