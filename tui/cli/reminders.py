"""`returns-tui reminders`: the systemd user units that run `due --notify` every morning.

The units are the bundled ones (`data/systemd/`) with `ExecStart` naming this returns-tui by
its real path (and the store, when `--db` names one), so they work whatever the install
(a virtual environment, pipx, a distribution package). `--install` writes them where systemd
looks for a user's units and says how to turn them on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from platformdirs import user_config_path

from tui.store.files import write_atomically
from tui.store.locations import bundled_data_path

UNITS = ("returns-tui-due.service", "returns-tui-due.timer")
# What the bundled service runs, replaced by this returns-tui's own command.
_BUNDLED_PROGRAM = "%h/.local/bin/returns-tui"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--install",
        action="store_true",
        help="write the units to ~/.config/systemd/user/ instead of printing them",
    )


def this_program() -> str:
    """The command that runs this returns-tui: its console script beside the interpreter (a
    virtual environment's, pipx's), else the interpreter running the package."""
    script = Path(sys.executable).parent / "returns-tui"
    return str(script) if script.is_file() else f"{sys.executable} -m tui"


def units(store: Path | None) -> dict[str, str]:
    """Each unit's file name and text, running this returns-tui (on `store`, if given)."""
    program = this_program() + (f" --db {store.resolve()}" if store is not None else "")
    folder = bundled_data_path("systemd")
    return {name: (folder / name).read_text().replace(_BUNDLED_PROGRAM, program) for name in UNITS}


def user_unit_folder() -> Path:
    """Where systemd reads a user's own units: `$XDG_CONFIG_HOME/systemd/user`."""
    return user_config_path("systemd", appauthor=False) / "user"


def run(store: Path | None, *, install: bool) -> int:
    """Print the units, or write them with `install`; returns the exit status."""
    written = units(store)
    if not install:
        for name, text in written.items():
            print(f"# {user_unit_folder() / name}\n{text}")
        return 0
    folder = user_unit_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in written.items():
        write_atomically(folder / name, text.encode())
        print(f"Wrote {folder / name}")
    print(
        "Turn them on with: systemctl --user daemon-reload && "
        "systemctl --user enable --now returns-tui-due.timer"
    )
    return 0
