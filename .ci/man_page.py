"""Writes data/man/returns-tui.1, the manual page the wheel installs, from `returns-tui man`.

`returns-tui man` names no path of the machine it runs on, but today's date; the copy that
ships is made with a fixed date. Run it with the project's Python after changing an option or a
help text:

    .venv/bin/python .ci/man_page.py

tests/unit/test_packaging.py fails while the committed copy differs from what this makes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "data" / "man" / "returns-tui.1"
# The date on the page's title line (2026-06-01), kept fixed so that the page only changes when
# the options do; SOURCE_DATE_EPOCH is how argparse-manpage is told a date.
PAGE_DATE_EPOCH = "1780272000"


def generate() -> str:
    """The manual page as `returns-tui man` prints it, dated `PAGE_DATE_EPOCH`."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": PAGE_DATE_EPOCH, "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "man"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        cwd=PAGE.parents[2],
    )
    return done.stdout


if __name__ == "__main__":
    PAGE.parent.mkdir(exist_ok=True)
    PAGE.write_text(generate())
    print(f"wrote {PAGE}")
