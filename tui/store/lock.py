"""One writer per store: an OS lock beside the file, and a note of which process holds it.

The lock is an OS file lock, so it goes away when its process dies, even by kill -9. The owner
note only makes the refusal message useful ("open in process 4242"); the lock decides.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from filelock import FileLock, Timeout

from tui.store.errors import StoreLocked
from tui.store.files import FILE_MODE, make_private_folder, write_atomically


class StoreLock:
    """The exclusive right to write one store."""

    def __init__(self, store: Path) -> None:
        self._lock = FileLock(store.with_name(store.name + ".lock"), mode=FILE_MODE)
        self._owner = store.with_name(store.name + ".owner")
        self.store = store

    def acquire(self) -> None:
        """Take the lock, or raise `StoreLocked` naming the process that has it."""
        make_private_folder(self.store.parent)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise StoreLocked(self.store, f"is already open in {self._holder()}") from None
        with contextlib.suppress(OSError):
            write_atomically(self._owner, str(os.getpid()).encode())

    def _holder(self) -> str:
        try:
            pid = int(self._owner.read_text().strip())
        except (OSError, ValueError):
            return "another returns-tui"
        # The lock dies with its process, so the holder is alive; if it is stuck (a closed
        # terminal, a hang), say how to end it rather than leave the user waiting.
        return (
            f"another returns-tui (process {pid}); if that one is stuck, end it with "
            f"`kill {pid}` (or `kill -9 {pid}`, its saved changes are kept)"
        )

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                self._owner.unlink()
            self._lock.release()
