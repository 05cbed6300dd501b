"""Where the commands' output goes: data to stdout (or the `-o` file), messages to stderr.

A reader that stops early (`returns-tui due | head -1`) ends the output quietly: the rest is
dropped and the command ends with the status it would have had, without a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tui.store.files import write_atomically

STDOUT = Path("-")


class OutputError(Exception):
    """An output file that cannot be written; the message says why."""


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


def check_target(output: Path) -> Path:
    """The file `output` names (`~` expanded), after checking it can be written: its folder
    must exist (it is never created) and it must not be a folder."""
    target = output.expanduser()
    if target.is_dir():
        raise OutputError(f"{output}: is a folder; -o needs a file name")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{output}: the folder {folder} does not exist")
    return target


def write_file(output: Path, payload: bytes) -> None:
    """`payload` into `output`: an existing special file (/dev/null, a FIFO, a terminal) is
    written to as it is, a symbolic link is followed to its target, which is replaced whole; a
    regular file is replaced atomically."""
    target = check_target(output)
    real = target.resolve() if target.is_symlink() else target
    try:
        if real.exists() and not real.is_file():
            with real.open("wb") as file:
                file.write(payload)
            return
        if not real.parent.is_dir():
            raise OutputError(f"{output}: the link points into {real.parent}, which does not exist")
        write_atomically(real, payload)
    except OSError as error:
        raise OutputError(f"{output}: could not be written ({error.strerror or error})") from None
