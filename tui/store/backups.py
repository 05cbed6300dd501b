"""Rolling backups of the store: the last few good versions, kept beside it.

A backup is taken of the file as it is on disk just before it is replaced, once per session and
at most once an hour after that, and before a migration. Because every write replaces the file
by renaming a new one over it, a hard link to the current file is a complete, free copy of the
old version; where the file system cannot link, the file is copied.
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime
from pathlib import Path

KEEP = 5
_INTERVAL_SECONDS = 3600


def backup_folder(store: Path) -> Path:
    return store.with_name(store.name + ".backups")


def backups_of(store: Path) -> list[Path]:
    """The store's backups, newest first."""
    folder = backup_folder(store)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{store.stem}-*.json"), reverse=True)


def take_backup(store: Path, label: str = "") -> Path | None:
    """Keep the store's current file as a backup (None if there is no file yet); prune old ones."""
    if not store.is_file():
        return None
    folder = backup_folder(store)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store.stem}-{stamp}{'-' + label if label else ''}.json"
    try:
        os.link(store, target)
    except OSError:
        shutil.copy2(store, target)
    for old in backups_of(store)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


class BackupSchedule:
    """Decides when a write should first keep a backup: the first write, then hourly."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self._last: float | None = None

    def before_write(self) -> None:
        now = time.monotonic()
        if self._last is None or now - self._last >= _INTERVAL_SECONDS:
            take_backup(self.store)
            self._last = now
