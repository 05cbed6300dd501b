"""The returns-tui application object: wires the store and the clock to the screens."""

from __future__ import annotations

import asyncio
import contextlib
import signal

from textual.app import App

from tui.app.palette import ReturnsCommands
from tui.app.screens.dashboard import Dashboard
from tui.app.screens.question import QuestionDialog
from tui.app.textual_compat import KeyGateApp, abandon_terminal, install_bounded_writer
from tui.domain.clock import Clock
from tui.store.case_store import CaseStore

install_bounded_writer()  # a terminal that goes away never hangs the app

_EXIT_SIGNALS = tuple(
    number
    for number in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
    if number is not None
)


class ReturnsApp(KeyGateApp[None]):
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

    def keys_closed(self) -> bool:
        # A key that comes while a dialog is opening was typed for the dialog; on the
        # dashboard it could act on another case (x deletes an event), so it is dropped.
        screen = self.screen_stack[-1] if self.screen_stack else None
        return isinstance(screen, Dashboard) and screen.dialog_opening

    def on_mount(self) -> None:
        # Closing the terminal (SIGHUP) or a polite kill (SIGTERM) ends the app cleanly: every
        # change was already on disk, and the terminal is restored.
        loop = asyncio.get_running_loop()
        for signal_number in _EXIT_SIGNALS:
            # Event loops on Windows cannot handle signals; there the terminal closes the app.
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signal_number, self._end_on_signal, signal_number)
        settings = self.store.settings()
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.set_keymap(dict(settings.keymap))
        self.push_screen(Dashboard(self.store, self.clock, self.store_label))

    def watch_theme(self, theme: str) -> None:
        # A theme chosen anywhere (the palette's Theme command too) is kept for next time.
        if (dashboard := self._dashboard()) is not None:
            dashboard.commands.settings.remember_theme(theme)

    async def action_quit(self) -> None:
        """Quit; with changes not on disk, ask first and offer to save a copy."""
        dashboard = self._dashboard()
        if dashboard is None:
            self.exit()
        elif not isinstance(self.screen, QuestionDialog):  # not while it asks already
            dashboard.start(dashboard.commands.saving.leave())

    def _dashboard(self) -> Dashboard | None:
        return next((s for s in self.screen_stack if isinstance(s, Dashboard)), None)

    def _end_on_signal(self, signal_number: int) -> None:
        """SIGTERM or SIGHUP: end now. After SIGHUP the terminal is gone: stop drawing at once,
        so that shutdown never waits on it (see `tui.app.textual_compat`)."""
        if signal_number == getattr(signal, "SIGHUP", None):
            abandon_terminal(self)
        self.exit()

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signal_number in _EXIT_SIGNALS:
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(signal_number)
