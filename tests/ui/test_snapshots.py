"""Snapshots of every pane and dialog, on the demo store with the clock fixed.

The screenshots in screenshots/ are checked here too, so a change that alters them fails until
they are regenerated. Update after an intended change with
`pytest tests/ui/test_snapshots.py --snapshot-update -n0`, then look at the report before
committing (in one process: syrupy tells which snapshots are unused only when it runs them all).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.export_screenshots import SHOTS, show
from tui.app.returns_app import ReturnsApp

NARROW = (80, 24)
WIDE = (160, 48)

MORE_VIEWS = [
    ("evidence-80x24", NARROW, ["3"]),
    ("deadlines-80x24", NARROW, ["4"]),
    ("closed-cases", WIDE, ["f"]),
    ("new-form-80x24", NARROW, ["n"]),
    ("form-errors", WIDE, ["n", "ctrl+s"]),
    ("add-event", WIDE, ["a"]),
]


@pytest.mark.parametrize(
    ("size", "keys"),
    [pytest.param(size, keys, id=name) for name, size, keys in SHOTS + MORE_VIEWS],
)
def test_view(
    snap_compare: Callable[..., bool],
    app: ReturnsApp,
    size: tuple[int, int],
    keys: list[str],
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await show(pilot, keys)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
