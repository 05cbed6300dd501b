"""Where the commands' output goes: data to stdout (or the `-o` file), messages to stderr.

A reader that stops early (`returns-tui due | head -1`) ends the output quietly: the rest is
dropped and the command ends with the status it would have had, without a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

STDOUT = Path("-")


def with_home_as_tilde(path: Path) -> str:
    """`path` as a person reads it: under the home folder, starting with "~/"."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


def write_data(data: bytes | str) -> None:
    """`data` to standard output; quietly nothing more once its reader has gone."""
    try:
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()


def reader_gone() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit finds no broken pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def is_stdout(output: Path | None) -> bool:
    return output is None or output == STDOUT
