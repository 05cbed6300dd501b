"""Writing files so that a crash never leaves half of one: atomic replace and fsync."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) readable by its owner only; an existing one is left."""
    if folder.is_dir():
        return
    folder.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    os.chmod(folder, FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened


_TEMPORARY_SUFFIX = ".tmp"


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new file, whole."""
    make_private_folder(path.parent)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=_TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    fsync_folder(path.parent)


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files a crashed writer left beside the store."""
    for leftover in path.parent.glob(f".{path.name}.*{_TEMPORARY_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
    # Windows cannot open a folder for fsync; there os.replace is already durable enough.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
