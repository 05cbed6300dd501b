"""A terminal that goes away never hangs the app.

Textual writes to the terminal through a thread fed by a queue of at most 30 writes. When the
terminal closes under the app (the window is closed, `tmux kill-session`), that thread dies on the
first failed write (EIO) and nobody empties the queue again: the next `Queue.put` blocks the
event loop for ever, in `App._shutdown` -> `LinuxDriver.close` -> `WriterThread.stop` (Textual
issue #6692). The hung process then ignores SIGTERM and keeps the store's lock.

`BoundedWriterThread` replaces Textual's writer: a failed write marks the terminal dead and
everything after it is dropped; a write that cannot be queued within a few seconds (a terminal
that stopped reading) does the same; stopping waits a bounded time. On SIGHUP the app marks the
terminal dead at once (`abandon`), so shutdown never waits on it and goes straight to closing the
store and releasing the lock.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from typing import IO

from textual.drivers import _writer_thread

# How long a write may wait for room in the queue before the terminal is taken for dead.
PUT_SECONDS = 3.0
# How long stopping waits for the thread to write out what is queued.
STOP_SECONDS = 2.0


class BoundedWriterThread(_writer_thread.WriterThread):
    """Textual's terminal writer, except that nothing ever blocks on a dead terminal."""

    def __init__(self, file: IO[str]) -> None:
        super().__init__(file)
        self.dead = threading.Event()

    def write(self, text: str) -> None:
        if self.dead.is_set():
            return
        try:
            self._queue.put(text, timeout=PUT_SECONDS)
        except queue.Full:
            self.abandon()

    def abandon(self) -> None:
        """The terminal is gone: drop what is queued and everything written from now on."""
        self.dead.set()
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)  # wakes the thread if it waits, so that it ends

    def run(self) -> None:
        try:
            super().run()
        except (OSError, ValueError):  # EIO, a broken pipe, a closed file
            self.abandon()

    def stop(self) -> None:
        if not self.dead.is_set():
            try:
                self._queue.put(None, timeout=PUT_SECONDS)
            except queue.Full:
                self.abandon()
        self.join(STOP_SECONDS)


def install() -> None:
    """Make Textual's drivers use `BoundedWriterThread` (idempotent)."""
    from textual.drivers import linux_driver

    linux_driver.WriterThread = BoundedWriterThread  # type: ignore[misc]


def abandon_terminal(driver: object) -> None:
    """Stop writing to `driver`'s terminal at once (it was closed: SIGHUP)."""
    writer = getattr(driver, "_writer_thread", None)
    if isinstance(writer, BoundedWriterThread):
        writer.abandon()
