"""How long a dialog takes to open: from the key that opens it to the dialog drawn.

Run it with `.venv/bin/python tests/benchmarks/dialogs.py [--repeats 7]`. It opens each dialog
on the demo store at 160x48 (headless) several times and prints the first opening (the form's
widgets are drawn) and the median of the later ones (the drawn dialog is refilled). A timing
printed here is a figure to compare, never a test.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from datetime import UTC
from pathlib import Path

from textual import events
from textual.screen import Screen

from tui.app.returns_app import ReturnsApp
from tui.domain.clock import FixedClock
from tui.store.case_store import CaseStore
from tui.store.locations import bundled_demo_path

# Key name and the character it types (None for a named key without one).
DIALOG_KEYS = {
    "e (edit case)": ("e", "e"),
    "n (new case)": ("n", "n"),
    "a (add event)": ("a", "a"),
    "s (stage picker)": ("s", "s"),
    ", (settings)": ("comma", ","),
}


async def _opened(app: ReturnsApp, key: str, character: str | None) -> float:
    """Seconds from posting `key` to the dialog it opens having been drawn once."""
    base = app.screen
    start = time.perf_counter()
    app.post_message(events.Key(key, character))
    while app.screen is base:
        await asyncio.sleep(0)
    drawn = asyncio.Event()
    dialog: Screen[object] = app.screen
    dialog.call_after_refresh(drawn.set)
    await drawn.wait()
    return time.perf_counter() - start


async def measure(repeats: int) -> dict[str, list[float]]:
    folder = Path(tempfile.mkdtemp())
    copy = folder / "returns.json"
    shutil.copyfile(bundled_demo_path(), copy)
    store = CaseStore.open(copy)
    demo_day = store.demo_as_of()
    assert demo_day is not None
    app = ReturnsApp(store, FixedClock.on(demo_day, UTC), store_label="demo store")
    timings: dict[str, list[float]] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for name, (key, character) in DIALOG_KEYS.items():
            timings[name] = []
            for _ in range(repeats):
                timings[name].append(await _opened(app, key, character))
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
    store.close()
    shutil.rmtree(folder)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    timings = asyncio.run(measure(parser.parse_args().repeats))
    print(f"{'dialog':20} {'first':>8} {'then (median)':>14}")
    for name, seconds in timings.items():
        later = statistics.median(seconds[1:]) if len(seconds) > 1 else seconds[0]
        print(f"{name:20} {seconds[0] * 1000:6.0f} ms {later * 1000:11.0f} ms")


if __name__ == "__main__":
    main()
