"""The real app in a pseudo-terminal: a tick is on disk at once, and SIGTERM or SIGHUP (the
terminal closing) end the app cleanly with every change kept and the file loadable."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from tui.store.case_store import CaseStore

pytestmark = pytest.mark.slow


class Terminal:
    """returns-tui running in a pseudo-terminal, its output collected in the background."""

    def __init__(self, store: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "RETURNS_TUI_DB": str(store)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            time.sleep(0.05)

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


def ticked(path: Path) -> int:
    store = CaseStore.open(path, exclusive=False)
    try:
        return sum(entry.done for case in store.cases() for entry in case.evidence)
    finally:
        store.close()


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_app_cleanly_with_every_change_kept(
    demo_path: Path, signal_number: int
) -> None:
    before = ticked(demo_path)
    terminal = Terminal(demo_path)
    try:
        terminal.wait_for(b"Deadlines")
        terminal.type(b"3")
        time.sleep(0.5)
        terminal.type(b" ")
        deadline = time.monotonic() + 10
        while ticked(demo_path) == before:
            assert time.monotonic() < deadline, "the tick never reached the disk"
            time.sleep(0.1)
        terminal.process.send_signal(signal_number)
        assert terminal.process.wait(timeout=10) == 0
    finally:
        terminal.close()
    assert abs(ticked(demo_path) - before) == 1  # the first item was ticked or unticked
    CaseStore.open(demo_path).close()  # loadable, and the lock was released
