"""Reading the dashboard's state in Pilot tests."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from tui.app.returns_app import ReturnsApp
from tui.app.screens.dashboard import Dashboard
from tui.app.widgets.case_list import CaseList


def dashboard(pilot: Pilot[None]) -> Dashboard:
    screen = pilot.app.screen
    assert isinstance(screen, Dashboard)
    return screen


def listed_items(pilot: Pilot[None]) -> list[str]:
    """The item names in the returns list, top to bottom."""
    table = pilot.app.screen.query_one(CaseList)
    app = pilot.app
    assert isinstance(app, ReturnsApp)
    return [app.store.get(case_id).item for case_id in table.case_ids]


def focused_pane(pilot: Pilot[None]) -> str:
    return dashboard(pilot).active_pane


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` key by key (Pilot names each character's key: '[' is left_square_bracket)."""
    await pilot.press(*text)


def record_notifications(app: App[None]) -> list[str]:
    """Every message the app shows as a notification from now on, through its public
    `notify` (which every screen's `notify` calls)."""
    shown: list[str] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(str(message))
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return shown


def field_message(screen: Screen[Any], name: str) -> str:
    """What a form shows in a field's border: its error, else its note."""
    return str(screen.query_one(f"#{name}").border_subtitle or "")


async def press_as_typed(pilot: Pilot[None], *keys: str) -> None:
    """Press `keys` one at a time, each once a dialog the key before it opened is on screen, as
    a person types: keys faster than a dialog opens are dropped on purpose (see
    `Dashboard.dialog_opening`), so a burst would test the machine's speed, not the app."""
    for key in keys:
        await pilot.press(key)
        for _ in range(500):
            screen = pilot.app.screen
            if not (isinstance(screen, Dashboard) and screen.dialog_opening):
                break
            await pilot.pause(0.01)
        await pilot.pause()
