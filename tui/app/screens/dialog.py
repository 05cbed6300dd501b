"""The frame every dialog shares: a titled box over the dashboard, escape to cancel."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal dialog; escape closes it without a result, so nothing is saved."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    /* Opaque: a see-through dialog re-blends the whole screen beneath it on every frame,
       which made opening a form several times slower. */
    Dialog { align: center middle; background: $background; }
    Dialog > #dialog {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    Dialog #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    Dialog #buttons Button { margin-left: 1; }
    """

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close the dialog without a result."""
        self.dismiss(None)
