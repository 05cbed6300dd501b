"""A big store's start-up in the app: the most urgent cases are on screen while every case's
deadlines are worked out off the keyboard thread, and the status line says so."""

from __future__ import annotations

import threading

import pytest

from tests.ui.helpers import dashboard, listed_items
from tui import workspace
from tui.app.returns_app import ReturnsApp
from tui.app.widgets.status_bar import StatusBar
from tui.domain.clock import FixedClock
from tui.domain.queries import Scope
from tui.store.case_store import CaseStore
from tui.workspace import FullPass, Loaded, Workspace

WIDE = (160, 48)
FIRST = 3


def _status(app: ReturnsApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def test_the_first_screen_shows_the_named_cases_until_all_are_loaded(
    store: CaseStore, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(workspace, "FIRST_SCREEN", FIRST)
    full = Workspace(store, clock)
    full.refresh()
    store.note_urgency_order(full.deadlines.most_urgent_ids(FIRST))
    store.stage_settings(store.settings())
    store.flush()
    # The full pass waits until the test lets it go, so the loading state can be seen.
    gate = threading.Event()
    start = Workspace.start

    def gated_start(self: Workspace) -> FullPass | None:
        full_pass = start(self)
        if full_pass is None:
            return None

        def held_back() -> Loaded | None:
            gate.wait(timeout=30)
            return full_pass()

        return held_back

    monkeypatch.setattr(Workspace, "start", gated_start)
    everything = [case.item for case in full.in_view(Scope.ACTIVE, "")]
    app = ReturnsApp(store, clock, store_label="test store")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert f"loading {len(store.cases())} cases" in _status(app)
        assert listed_items(pilot) == everything[:FIRST]
        assert dashboard(pilot).selected_case.item == everything[0]
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "loading" not in _status(app)
        assert f"{len(everything)} open" in _status(app)
        assert listed_items(pilot) == everything
        assert dashboard(pilot).selected_case.item == everything[0]
