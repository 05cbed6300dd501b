"""A TinyDB storage that keeps the data in memory and writes the file atomically.

TinyDB's own `JSONStorage` rewrites the file in place (a crash mid-write leaves it unloadable)
and re-reads the whole file on every operation (see shared/engineering.md). This storage is
given the file's content once, serves reads from memory and makes every write durable before
returning: the new content goes to a temporary file in the same folder, is fsynced, replaces the
store with `os.replace` (atomic on POSIX and Windows), and the folder is fsynced so the rename
survives a power cut. A crash at any point leaves either the old file or the new one, whole.

Before replacing the file it checks that nobody else changed it since it was read (a sync tool,
an editor): if so it refuses with `StoreChangedOnDisk` rather than overwrite their change.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.store.errors import StoreChangedOnDisk, StoreError

_FILE_MODE = 0o600
_TEMPORARY_SUFFIX = ".tmp"

Stamp = tuple[int, int, int] | None


def file_stamp(path: Path) -> Stamp:
    """What identifies this version of the file: inode, size and modification time."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def read_store_file(path: Path) -> dict[str, Any] | None:
    """The decoded content of a store file, None if there is none yet, or `StoreError`."""
    if path.is_dir():
        raise StoreError(path, "is a folder, not a store file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(path, f"cannot be read ({error.strerror})") from None
    if not raw.strip():
        raise StoreError(path, "is empty, not a returns-tui store")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise StoreError(path, f"is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
        raise StoreError(path, "is JSON but not a returns-tui store (expected tables of documents)")
    return data


def encode(data: dict[str, Any]) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=_TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files a crashed writer left beside the store."""
    for leftover in path.parent.glob(f".{path.name}.*{_TEMPORARY_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _fsync_folder(folder: Path) -> None:
    # Windows cannot open a folder for fsync; there os.replace is already durable enough.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class AtomicJSONStorage(Storage):
    """TinyDB storage: data in memory, every write atomic and durable before it returns."""

    def __init__(
        self,
        path: Path,
        data: dict[str, Any] | None,
        before_write: Callable[[], None] | None = None,
    ) -> None:
        """`data` is the file's decoded content; `before_write` runs before each replace.

        Without `before_write` the storage is read-only and refuses every write.
        """
        self.path = path
        self._data = data
        self._stamp = file_stamp(path)
        self._before_write = before_write

    def read(self) -> dict[str, Any] | None:
        # TinyDB treats the returned tables as its own; the store never mutates them outside
        # TinyDB, so no copy is needed and a read costs nothing.
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        # TinyDB has already changed the tables in memory; they stay changed if this fails,
        # so a later write (a retry) saves them.
        self._data = data
        if self._before_write is None:
            raise StoreError(self.path, "is open read-only")
        if file_stamp(self.path) != self._stamp:
            raise StoreChangedOnDisk(self.path, "was changed on disk by another program")
        self._before_write()
        write_atomically(self.path, encode(data))
        self._stamp = file_stamp(self.path)

    def replace_data(self, data: dict[str, Any] | None) -> None:
        """Start over from `data`, the file's content as just read again."""
        self._data = data
        self._stamp = file_stamp(self.path)

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer the version this storage read or wrote."""
        return file_stamp(self.path) != self._stamp

    def close(self) -> None:
        """Nothing to flush: every write was already durable."""
