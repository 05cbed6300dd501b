"""A big store's start-up in the app: the most urgent cases are on screen while every case's
deadlines are worked out off the keyboard thread, and the status line says so."""

from __future__ import annotations

import threading

import pytest

from tests.ui.helpers import dashboard, listed_items
from tui import workspace
from tui.app.returns_app import ReturnsApp
from tui.app.screens.dashboard import Dashboard
from tui.app.screens.form_dialog import FormDialog
from tui.app.screens.statistics_screen import StatisticsScreen
from tui.app.screens.wait_dialog import WaitDialog
from tui.app.widgets.status_bar import StatusBar
from tui.domain.clock import FixedClock
from tui.domain.model import Case
from tui.domain.queries import Scope
from tui.store.case_store import CaseStore
from tui.workspace import FullPass, Workspace

WIDE = (160, 48)
FIRST = 3


def _status(app: ReturnsApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


@pytest.fixture
def gate(store: CaseStore, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A store that names its most urgent cases, as a big one does, and a start-up whose full
    pass waits until the test sets the returned event, so the loading state can be seen."""
    monkeypatch.setattr(workspace, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(workspace, "FIRST_SCREEN", FIRST)
    full = Workspace(store, clock)
    full.refresh()
    store.note_urgency_order(full.deadlines.most_urgent_ids(FIRST))
    store.stage_settings(store.settings())
    store.flush()
    gate = threading.Event()
    start = Workspace.start

    def gated_start(self: Workspace) -> FullPass | None:
        full_pass = start(self)
        assert full_pass is not None
        return lambda: gate.wait(timeout=30) and full_pass()

    monkeypatch.setattr(Workspace, "start", gated_start)
    return gate


async def test_the_first_screen_shows_the_named_cases_until_all_are_loaded(
    store: CaseStore, clock: FixedClock, gate: threading.Event
) -> None:
    full = Workspace(store, clock)
    full.refresh()
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


@pytest.mark.parametrize("command", ["n", "S", "run('export_csv')"])
async def test_a_command_needing_every_case_waits_in_sight_while_keys_are_answered(
    store: CaseStore,
    clock: FixedClock,
    gate: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    # As with a big store still being read: asking for every case waits for the reader, so
    # the keyboard's thread must never ask before the start-up pass is done.
    read_every_case = store.cases
    asked_on_keyboard_thread: list[str] = []

    def every_case_once_read() -> list[Case]:
        if threading.current_thread() is threading.main_thread() and not gate.is_set():
            asked_on_keyboard_thread.append(command)
        gate.wait(timeout=30)
        return read_every_case()

    monkeypatch.setattr(store, "cases", every_case_once_read)
    app = ReturnsApp(store, clock, store_label="test store")
    async with app.run_test(size=WIDE) as pilot:

        async def give_command() -> None:  # a key, or (an export) what the palette runs
            if command.startswith("run"):
                await app.screen.run_action(command)
            else:
                await pilot.press(command)

        async def until_on_screen(*kinds: type) -> None:
            # A key typed while a command is still asking is dropped: wait until it is done.
            for _ in range(500):
                screen = app.screen
                if isinstance(screen, kinds) and not getattr(screen, "dialog_opening", False):
                    break
                await pilot.pause(0.01)
            await pilot.pause()

        await pilot.pause()
        await give_command()
        await until_on_screen(WaitDialog)
        assert isinstance(app.screen, WaitDialog)  # it waits in sight...
        assert "needs every case" in str(app.screen.query_one("#text").render())
        assert not app.screen.loading  # the dialog itself, not a loading indicator over it
        await pilot.press("escape")  # ...and the next key is answered: it gives up
        await until_on_screen(Dashboard)
        assert isinstance(app.screen, Dashboard)
        await give_command()
        await until_on_screen(WaitDialog)
        gate.set()  # once every case is known, the command goes on by itself
        await until_on_screen(StatisticsScreen, FormDialog)
        assert isinstance(app.screen, StatisticsScreen if command == "S" else FormDialog)
    assert asked_on_keyboard_thread == []
