"""Snapshots of every pane and dialog, on the demo store with the clock fixed.

The screenshots in screenshots/ are checked here too, so a change that alters them fails until
they are regenerated. Update after an intended change with
`pytest tests/ui/test_snapshots.py --snapshot-update -n0`, then look at the report before
committing (in one process: syrupy tells which snapshots are unused only when it runs them all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.export_screenshots import SHOTS, show
from tests.pictures import quadrants
from tests.ui.helpers import dashboard
from tui.app.returns_app import ReturnsApp
from tui.domain import actions

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


@pytest.fixture(autouse=True)
def home_without_evidence(tmp_path: Path) -> Iterator[Path]:
    """The demo's evidence files are under ~ (~/Returns/...): home is an empty folder here, so
    that a shot never depends on what the machine's own home holds."""
    home = tmp_path / "home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        yield home


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


def test_evidence_preview(
    snap_compare: Callable[..., bool], app: ReturnsApp, home_without_evidence: Path
) -> None:
    """The Evidence pane showing a picture (half-blocks, as in every test: no terminal is
    asked anything) with its size under it."""
    quadrants(home_without_evidence / "Returns" / "quarters.png", (96, 64))

    async def run_before(pilot: Pilot[None]) -> None:
        screen = dashboard(pilot)
        case = screen.selected_case
        assert case is not None
        case = actions.set_evidence_details(case, "order_details", "~/Returns/quarters.png", "")
        screen.store.save(case)
        screen.refresh_cases()
        await show(pilot, ["3"])

    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)
