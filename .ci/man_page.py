"""Writes man/returns-tui.1, the manual page the wheel installs, from `returns-tui man`.

`returns-tui man` names the user's own store path and today's date; the copy that ships must
name neither, so it is made with the store path written as the XDG rules give it on Linux and
a fixed date. Run it with the project's Python after changing an option or a help text:

    .venv/bin/python .ci/man_page.py

tests/unit/test_packaging.py fails while the committed copy differs from what this makes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "man" / "returns-tui.1"
# The date on the page's title line (2026-06-01), kept fixed so that the page only changes when
# the options do; SOURCE_DATE_EPOCH is how argparse-manpage is told a date.
PAGE_DATE_EPOCH = "1780272000"


def generate() -> str:
    """The manual page as `returns-tui man` prints it, with no path or date of this machine."""
    environment = {
        **os.environ,
        # The default store as the XDG rules put it on Linux, whoever runs this (no "~" first:
        # the command would expand it to this machine's home).
        "RETURNS_TUI_DB": "${XDG_DATA_HOME:-~/.local/share}/returns-tui/returns.json",
        "SOURCE_DATE_EPOCH": PAGE_DATE_EPOCH,
        "COLUMNS": "80",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tui", "man"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        cwd=PAGE.parents[1],
    )
    return done.stdout


if __name__ == "__main__":
    PAGE.parent.mkdir(exist_ok=True)
    PAGE.write_text(generate())
    print(f"wrote {PAGE}")
