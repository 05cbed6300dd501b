"""What identifies one version of a store file: `file_identity` (its place on disk) tells at the
cost of a `stat` whether another program replaced or edited it since it was read; `digest` names
its exact bytes, which the journal and the seal are written against."""

from __future__ import annotations

import hashlib
from pathlib import Path

# Inode, size, modification and change times (nanoseconds).
FileIdentity = tuple[int, int, int, int]


def file_identity(path: Path) -> FileIdentity | None:
    """What identifies this version of the file (None: no file). A replaced file has another
    inode; an edit in place whose size and modification time were put back (`rsync --inplace
    -t`) still has a new change time."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def digest(content: bytes | memoryview) -> str:
    """The identity of one exact version of a store file's bytes."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()
