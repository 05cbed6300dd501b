"""Writing files so that a crash never leaves half of one (atomic replace and fsync), and never
over the store: every file a user names to write to passes one guard, `check_target`."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Create `folder` and missing parents, owner-only whatever the umask (existing ones kept)."""
    if folder.is_dir():
        return
    make_private_folder(folder.parent)
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    os.chmod(folder, FOLDER_MODE)  # mkdir's mode is narrowed by the umask, never widened


_TEMPORARY_SUFFIX = ".tmp"


def time_tag(moment: datetime | None = None) -> str:
    """The time (`moment`, else now) as the names of backups, rescue copies and set-aside files
    carry it: sorting by name sorts by time, to the microsecond."""
    return f"{moment or datetime.now():%Y%m%d-%H%M%S-%f}"


def write_atomically(
    path: Path, payload: bytes, before_replace: Callable[[], None] | None = None
) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new file, whole;
    `before_replace` runs once the new file is whole and may stop it taking the old's place."""
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
        if before_replace is not None:
            before_replace()
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    fsync_folder(path.parent)


def real_path(path: Path) -> Path:
    """`path` with symbolic links resolved (the real file), as given if it cannot be."""
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        return path


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


class TargetRefused(Exception):
    """A file chosen to be written that must not or cannot be; the message names it and why."""


def check_target(output: Path, store: Path) -> Path:
    """The file `output` names (`~` expanded), once checked: its folder exists (never created),
    it is no folder, and neither it nor a link's target is the store `store` or one of the files
    it keeps beside itself (journal, lock, seal, backups...), all `store.*` or `.store.*`."""
    target = output.expanduser()
    if target.is_dir():
        raise TargetRefused(f"{output}: is a folder; choose a file name")
    if not target.parent.is_dir():
        raise TargetRefused(f"{output}: the folder {target.parent} does not exist")
    real, own = target.resolve(), store.expanduser().resolve()
    companions = (own.parent / f"{own.name}.", own.parent / f".{own.name}.")
    if real == own or str(real).startswith(tuple(map(str, companions))):
        raise TargetRefused(
            f"{output}: is the store {own} itself or one of its files (journal, lock, "
            "backups); choose another file"
        )
    return target


def write_target(output: Path, payload: bytes, store: Path) -> None:
    """`payload` into the file a user chose, after `check_target`: a special file (/dev/null, a
    FIFO, a terminal) is written as it is; else it (or a link's target) is replaced atomically."""
    real = check_target(output, store).resolve()
    try:
        if real.exists() and not real.is_file():
            with real.open("wb") as file:
                file.write(payload)
            return
        if not real.parent.is_dir():
            raise TargetRefused(
                f"{output}: the link points into {real.parent}, which does not exist"
            )
        write_atomically(real, payload)
    except OSError as error:
        raise TargetRefused(f"{output}: could not be written ({error.strerror or error})") from None
