"""A quick check that an installed returns-tui works: each command a user reaches first, and the
app on the bundled demo, both headless and in a real pseudo-terminal.

Run with the Python of the environment to check (`VENV/bin/python .ci/smoke.py`): it runs that
environment's `returns-tui` from a temporary folder, so the package under test is the installed
one, never the source tree beside this script. Prints one line a check; exits non-zero on the
first failure.
"""

from __future__ import annotations

import asyncio
import csv
import fcntl
import io
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

COMMAND = str(Path(sys.executable).parent / "returns-tui")
# Seconds the app runs in the pseudo-terminal before it is told to stop.
APP_SECONDS = 2.0


def returns_tui(*arguments: str, allowed: tuple[int, ...] = (0,), env: dict | None = None) -> str:
    """Run the installed command; its standard output, or exit with what went wrong."""
    done = subprocess.run(
        [COMMAND, *arguments], capture_output=True, text=True, env=env, timeout=120
    )
    if done.returncode not in allowed or "Traceback" in done.stderr:
        sys.exit(
            f"FAIL returns-tui {' '.join(arguments)}: exit {done.returncode}\n{done.stderr[-3000:]}"
        )
    print(f"ok   returns-tui {' '.join(arguments)}")
    return done.stdout


def check_commands(folder: Path) -> None:
    returns_tui("--version")
    returns_tui("due", "--help")
    assert returns_tui("man").startswith(".TH"), "man is not roff"
    returns_tui("completion", "bash")
    # `due` exits 1 when something is overdue, as the demo's cases may be.
    returns_tui("--demo", "due", allowed=(0, 1))
    rows = list(csv.DictReader(io.StringIO(returns_tui("--demo", "export", "csv"))))
    assert rows, "the demo exported no case"
    assert "BEGIN:VCALENDAR" in returns_tui("--demo", "export", "ics")
    pack = returns_tui("--demo", "export", "md", "--case", rows[0]["order_number"])
    assert rows[0]["order_number"] in pack, "the evidence pack does not name its order"
    document = json.loads(returns_tui("--demo", "export", "json"))
    assert len(document["cases"]) == len(rows)
    # A store whose business days follow German public holidays: the `holidays` calendars.
    document["settings"]["country"] = "DE"
    export = folder / "export.json"
    export.write_text(json.dumps(document))
    store = folder / "de.json"
    returns_tui("import", str(export), "--db", str(store))
    returns_tui("due", "--db", str(store), "--within", "30", allowed=(0, 1))


def check_app_headless() -> None:
    """The dashboard mounts on the demo under Textual's headless driver and lists its cases."""
    from tui.app.returns_app import ReturnsApp
    from tui.domain.clock import SystemClock, today
    from tui.store.case_store import CaseStore
    from tui.store.demo import demo_copy

    clock = SystemClock()
    store = CaseStore.open(demo_copy(today(clock)))

    async def run() -> str:
        app = ReturnsApp(store, clock, store_label="smoke")
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause(0.5)
            return app.export_screenshot()

    try:
        screen = asyncio.run(run())
    finally:
        store.close()
    assert "Returns" in screen, "the headless dashboard shows no Returns pane"
    print("ok   the app on the demo, headless")


def check_pictures(folder: Path) -> None:
    """An evidence photo is read, turned upright and shrunk (Pillow), then drawn in half-blocks
    by textual-image's widget."""
    from PIL import Image
    from textual.app import App, ComposeResult

    from tui.app.graphics import picture_kind
    from tui.app.picture import Picture, load_picture

    path = folder / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone on its side
    Image.new("RGB", (400, 300), (200, 30, 30)).save(path, "JPEG", exif=exif)
    picture = load_picture(path, (40, 40))
    assert isinstance(picture, Picture), picture
    assert picture.image.size == (30, 40), picture.image.size
    kind = picture_kind()
    assert kind.name == "half-blocks", kind

    class Shows(App[None]):
        def compose(self) -> ComposeResult:
            widget = kind.widget(picture.image)
            widget.styles.width, widget.styles.height = 30, 20
            yield widget

    async def run() -> str:
        app = Shows()
        async with app.run_test(size=(40, 24)) as pilot:
            await pilot.pause()
            return app.export_screenshot()

    assert "▀" in asyncio.run(run()), "textual-image drew no half-blocks"
    print("ok   a photo read and drawn in half-blocks")


def check_app_in_terminal(folder: Path) -> None:
    """`returns-tui --demo` in a pseudo-terminal draws the dashboard and stops cleanly on
    SIGTERM after APP_SECONDS, with no traceback."""
    pid, master = pty.fork()
    if pid == 0:
        os.chdir(folder)
        os.execve(COMMAND, [COMMAND, "--demo"], {**os.environ, "TERM": "xterm-256color"})
    # The size of a roomy terminal, so that all four panes are drawn.
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    output = bytearray()
    deadline = time.monotonic() + APP_SECONDS
    while time.monotonic() < deadline:
        output.extend(_read_ready(master, deadline - time.monotonic()))
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    status = None
    while status is None and time.monotonic() < deadline:
        output.extend(_read_ready(master, 0.1))
        finished, code = os.waitpid(pid, os.WNOHANG)
        status = code if finished else None
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.exit("FAIL the app in a terminal did not stop within 10 s of SIGTERM")
    text = output.decode(errors="replace")
    if "Traceback" in text or "internal error" in text:
        sys.exit(f"FAIL the app in a terminal:\n{text[-3000:]}")
    if "Returns" not in text:
        sys.exit(f"FAIL the app in a terminal drew no Returns pane:\n{text[-3000:]}")
    print(f"ok   returns-tui --demo in a terminal ({len(output)} bytes drawn, then SIGTERM)")


def _read_ready(master: int, timeout: float) -> bytes:
    ready, _, _ = select.select([master], [], [], max(timeout, 0))
    if not ready:
        return b""
    try:
        return os.read(master, 65536)
    except OSError:  # the child closed the terminal
        time.sleep(0.05)
        return b""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="returns-tui-smoke-") as name:
        folder = Path(name)
        check_commands(folder)
        check_app_headless()
        check_pictures(folder)
        check_app_in_terminal(folder)


if __name__ == "__main__":
    main()
