"""A TinyDB storage that keeps the data in memory and writes the file atomically.

TinyDB's own `JSONStorage` rewrites the file in place (a crash mid-write leaves it unloadable)
and re-reads the whole file on every operation (see shared/engineering.md). This storage reads
the file once, serves reads from memory and makes every write durable before returning: the new
content goes to a temporary file in the same folder, is fsynced, replaces the store with
`os.replace` (atomic on POSIX and Windows), and the folder is fsynced so the rename survives a
power cut. A crash at any point leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.store.errors import StoreError

_FILE_MODE = 0o600


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


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
    """TinyDB storage: read once into memory, every write atomic and durable before returning."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._data = read_store_file(self.path)

    def read(self) -> dict[str, Any] | None:
        # TinyDB treats the returned tables as its own; the store never mutates them outside
        # TinyDB, so no copy is needed and a read costs nothing.
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        write_atomically(self.path, orjson.dumps(data, option=orjson.OPT_INDENT_2))
        self._data = data

    def close(self) -> None:
        """Nothing to flush: every write was already durable."""
