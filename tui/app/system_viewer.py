"""Opening a file with the system's own viewer: `open` on macOS, `os.startfile` on Windows,
`xdg-open` elsewhere.

Not Textual's `App.open_url`: Python's `webbrowser` behind it hands a local file to the default
web browser rather than the photo or PDF viewer, and on a machine without a display it may start
a text browser (w3m, lynx) on the very terminal the app is drawing on, or do nothing at all
without a word. The viewer is started in a session of its own, away from the app's terminal,
and not waited for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def viewer_name() -> str:
    """What opens files on this system, as the shopper would know it."""
    if sys.platform == "win32":
        return "the file's program"
    return "open" if sys.platform == "darwin" else "xdg-open"


def open_with_system_viewer(path: Path) -> str | None:
    """Start the system's viewer on `path`; None once started, else why it could not be."""
    if sys.platform == "win32":
        try:
            os.startfile(path)  # type: ignore[attr-defined]
        except OSError as error:
            return error.strerror or str(error)
        return None
    program = shutil.which(viewer_name())
    if program is None:
        return f"{viewer_name()} is not installed"
    try:
        subprocess.Popen(
            [program, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        return error.strerror or str(error)
    return None
