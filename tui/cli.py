"""The `returns-tui` command: parse the arguments, open the store, run the app.

A store that cannot be opened is reported in one line on stderr, with exit status 2, before
anything is drawn.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.domain.clock import SystemClock, today
from tui.store.case_store import CaseStore
from tui.store.demo import open_demo_store
from tui.store.errors import StoreError
from tui.store.locations import DB_ENVIRONMENT_VARIABLE, default_store_path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="returns-tui",
        description="Track marketplace returns, refunds and disputes from the terminal.",
        epilog=f"The store defaults to {default_store_path()} (set {DB_ENVIRONMENT_VARIABLE} "
        "or use --db to choose another).",
    )
    parser.add_argument("--db", type=Path, metavar="PATH", help="the store file to open")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throwaway copy of the sample store (your own store is not touched)",
    )
    parser.add_argument("--version", action="version", version=f"returns-tui {__version__}")
    return parser


def _with_home_as_tilde(path: Path) -> str:
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Run returns-tui; returns the process exit status."""
    arguments = build_parser().parse_args(argv)
    clock = SystemClock()
    try:
        if arguments.demo:
            store = open_demo_store(today(clock))
            label = "demo store: changes are thrown away on exit"
        else:
            store = CaseStore.open(arguments.db or default_store_path())
            label = _with_home_as_tilde(store.path)
    except StoreError as error:
        print(f"returns-tui: {error}", file=sys.stderr)
        return 2
    # Imported here so that a bad store is reported without paying for Textual's start-up.
    from tui.app.returns_app import ReturnsApp

    try:
        ReturnsApp(store, clock, store_label=label).run()
    finally:
        store.close()
    return 0
