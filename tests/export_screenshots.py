"""Regenerate screenshots/ from the bundled demo store, with the clock fixed on the demo's date.

Run: python tests/export_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import UTC
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from tui.app.command_sets.context import DIALOGS
from tui.app.returns_app import ReturnsApp
from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore

# Run as a script (python tests/export_screenshots.py), the project's root is not on the path.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.builders import copy_of_demo  # noqa: E402
from tests.ui.helpers import press_as_typed  # noqa: E402

OUTPUT = ROOT / "screenshots"

# (file name, terminal size, keys pressed before the shot)
SHOTS = [
    ("dashboard", (160, 48), []),
    ("dashboard-80x24", (80, 24), []),
    ("timeline", (160, 48), ["j", "2"]),
    ("evidence", (160, 48), ["3", "j", "j", "j", "j"]),
    ("deadlines", (160, 48), ["4", "j", "j"]),
    ("search", (160, 48), ["slash", "s", "t", "o", "r", "e"]),
    ("case-form", (160, 48), ["e"]),
    ("stage-picker", (160, 48), ["s"]),
    ("help", (160, 48), ["question_mark"]),
    ("message", (160, 48), ["m", "enter"]),
    ("statistics", (160, 48), ["S"]),
    ("settings", (160, 48), ["comma"]),
]


async def finish_work(app: App[None]) -> None:
    """Wait for the app's work to finish, except commands waiting on a dialog's answer: those
    end only once the dialog is closed."""
    running = [worker for worker in app.workers if worker.group != DIALOGS]
    if running:  # (none would mean all to wait_for_complete)
        await app.workers.wait_for_complete(running)


async def show(pilot: Pilot[None], keys: list[str]) -> None:
    """Press `keys` as a person types them, let the app settle, and stop every text cursor
    blinking.

    Each key waits for a dialog the key before it opened (`press_as_typed`): the app drops keys
    typed faster than a dialog opens. A blinking cursor is drawn or not depending on when the
    shot is taken; with the blink off it is always drawn, so a screenshot is the same on a busy
    machine as on a quiet one.
    """
    await press_as_typed(pilot, *keys)
    await finish_work(pilot.app)
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


async def take(name: str, size: tuple[int, int], keys: list[str], folder: Path) -> Path:
    store = CaseStore.open(copy_of_demo(folder / f"{name}.json"))
    demo_day = store.demo_as_of()
    assert demo_day is not None, "the bundled demo store must record its demo_as_of date"
    app = ReturnsApp(store, FixedClock.on(demo_day, UTC), store_label="demo store")
    try:
        async with app.run_test(size=size) as pilot:
            await show(pilot, keys)
            return Path(app.save_screenshot(f"{name}.svg", str(OUTPUT)))
    finally:
        store.close()


async def main() -> None:
    OUTPUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        # The demo's evidence files are under ~ (~/Returns/...): an empty home, as in the
        # snapshot tests, so that no shot shows what this machine's own home holds.
        os.environ["HOME"] = str(Path(folder))
        for name, size, keys in SHOTS:
            print(await take(name, size, keys, Path(folder)))


if __name__ == "__main__":
    asyncio.run(main())
