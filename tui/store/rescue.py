"""Rescue copies: everything held in memory, written to a new file when the store itself cannot
be written (its disk full, its folder made read-only), and how to find them and the backups
again to put the shopper's changes back."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tui.store.backups import backups_of
from tui.store.files import time_tag, write_atomically

# A rescue copy of `returns.json` is `returns.json.unsaved-<time>`.
_RESCUE = ".unsaved-"


def write_rescue_copy(path: Path, payload: bytes) -> Path | None:
    """Write `payload` (all the store at `path` holds in memory) to a new rescue copy beside it,
    else in the home or the temporary folder; where it went, or None if no folder took it."""
    name = f"{path.name}{_RESCUE}{time_tag()}"
    for folder in _rescue_folders(path):
        try:
            write_atomically(folder / name, payload)
        except OSError:
            continue
        return folder / name
    return None


def _rescue_folders(path: Path) -> tuple[Path, ...]:
    """Where rescue copies go, in order: beside the store, the home folder, the temporary one."""
    return (path.parent, Path.home(), Path(tempfile.gettempdir()))


def rescue_copies_of(path: Path) -> list[Path]:
    """The rescue copies of the store at `path` (see `write_rescue_copy`), newest first."""
    found = {
        copy for folder in _rescue_folders(path) for copy in folder.glob(f"{path.name}{_RESCUE}*")
    }
    return sorted(found, key=lambda copy: copy.name, reverse=True)


def unsaved_rescue_copy(path: Path) -> Path | None:
    """The newest rescue copy if it is newer than the store file: changes an earlier session
    could not save (its terminal closed, its disk full) that the store still lacks."""
    rescued = rescue_copies_of(path)
    try:
        newer = bool(rescued) and rescued[0].stat().st_mtime > path.stat().st_mtime
    except OSError:
        return None
    return rescued[0] if newer else None


def recovery_hint(path: Path, said: str = "") -> str:
    """Sentences naming the newest rescue copy and the newest backup of the store at `path`
    and how to put each back (leaving out a rescue copy `said` already names), or ''."""
    hints = []
    if (rescued := rescue_copies_of(path)) and str(rescued[0]) not in said:
        hints.append(
            f"your unsaved changes are in {rescued[0]} (`returns-tui restore --backup "
            f"{rescued[0]} --db {path}` puts them back, asking first)"
        )
    if found := backups_of(path):
        hints.append(
            f"newest backup: {found[0]} (`returns-tui restore --db {path}` puts it back, "
            "asking first)"
        )
    return "; ".join(hints)
