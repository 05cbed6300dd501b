"""The returns-tui application object: wires the store and the clock to the screens."""

from __future__ import annotations

from textual.app import App

from tui.app.palette import ReturnsCommands
from tui.app.screens.dashboard import Dashboard
from tui.domain.clock import Clock
from tui.store.case_store import CaseStore


class ReturnsApp(App[None]):
    """A keyboard-driven dashboard for marketplace returns."""

    CSS_PATH = "returns.tcss"
    TITLE = "returns-tui"
    COMMANDS = App.COMMANDS | {ReturnsCommands}

    def __init__(
        self,
        store: CaseStore,
        clock: Clock,
        *,
        store_label: str,
    ) -> None:
        """`store_label` says in the status line which store is open (a path, or 'demo')."""
        super().__init__()
        self.store = store
        self.clock = clock
        self.store_label = store_label

    def on_mount(self) -> None:
        self.push_screen(Dashboard(self.store, self.clock, self.store_label))
