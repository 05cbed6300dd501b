"""Backups of the store (the last few good versions, kept beside it) and rescue copies (what
memory held when the store itself could not be written), and how to find them again.

A backup of the file on disk is taken just before it is replaced: once per session, at most
hourly after that, and before a migration. Every write renames a new file over the old, so a
hard link to the current file is a complete, free copy; where links fail, the file is copied.
A rescue copy is written when the store cannot be (its disk full, its folder made read-only).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path

from tui.store.files import time_tag, write_atomically

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


# A rescue copy of `returns.json` is `returns.json.unsaved-<time>`.
_RESCUE = ".unsaved-"


def write_rescue_copy(path: Path, payload: bytes) -> Path | None:
    """Write `payload` (all the store at `path` holds in memory) to a new rescue copy beside it,
    else in the home or the temporary folder; where it went, or None if no folder took it."""
    name = f"{path.name}{_RESCUE}{time_tag()}"
    for folder in _rescue_folders(path):
        try:
            write_atomically(folder / name, payload)
        except OSError:
            continue
        return folder / name
    return None


def _rescue_folders(path: Path) -> tuple[Path, ...]:
    """Where rescue copies go, in order: beside the store, the home folder, the temporary one."""
    return (path.parent, Path.home(), Path(tempfile.gettempdir()))


def rescue_copies_of(path: Path) -> list[Path]:
    """The rescue copies of the store at `path` (see `write_rescue_copy`), newest first."""
    found = {
        copy for folder in _rescue_folders(path) for copy in folder.glob(f"{path.name}{_RESCUE}*")
    }
    return sorted(found, key=lambda copy: copy.name, reverse=True)


def unsaved_rescue_copy(path: Path) -> Path | None:
    """The newest rescue copy if it is newer than the store file: changes an earlier session
    could not save (its terminal closed, its disk full) that the store still lacks."""
    rescued = rescue_copies_of(path)
    try:
        newer = bool(rescued) and rescued[0].stat().st_mtime > path.stat().st_mtime
    except OSError:
        return None
    return rescued[0] if newer else None


def recovery_hint(path: Path, said: str = "") -> str:
    """Sentences naming the newest rescue copy and the newest backup of the store at `path`
    and how to put each back (leaving out a rescue copy `said` already names), or ''."""
    hints = []
    if (rescued := rescue_copies_of(path)) and str(rescued[0]) not in said:
        hints.append(
            f"your unsaved changes are in {rescued[0]} (`returns-tui restore --backup "
            f"{rescued[0]} --db {path}` puts them back, asking first)"
        )
    if found := backups_of(path):
        hints.append(
            f"newest backup: {found[0]} (`returns-tui restore --db {path}` puts it back, "
            "asking first)"
        )
    return "; ".join(hints)
