"""Rolling backups of the store: the last few good versions, kept beside it.

A backup of the file on disk is taken just before it is replaced: once per session, at most
hourly after that, and before a migration. Every write renames a new file over the old, so a
hard link to the current file is a complete, free copy; where links fail, the file is copied.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from datetime import datetime
from pathlib import Path

from tui.store.files import time_tag

KEEP = 5
_INTERVAL_SECONDS = 3600


def backup_folder(store: Path) -> Path:
    """The folder the store's backups are kept in, beside it."""
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
    if folder.is_symlink():
        raise OSError(errno.ELOOP, f"{folder} is a symbolic link, never followed")
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{store.stem}-{time_tag(datetime.now())}{'-' + label if label else ''}.json"
    try:
        os.link(store, target)  # never replaces (or follows) anything already at `target`
    except FileExistsError:
        raise
    except OSError:
        _copy_without_following(store, target)
    for old in backups_of(store)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def _copy_without_following(source: Path, target: Path) -> None:
    """Copy `source` to a new file `target`; refuses if anything (a planted link) is there."""
    descriptor = os.open(
        target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
    )
    try:
        with os.fdopen(descriptor, "wb") as out, source.open("rb") as original:
            shutil.copyfileobj(original, out)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise


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
