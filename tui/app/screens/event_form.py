"""The add-event dialog: what happened, when (now unless changed) and what was said."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select

from tui.app.screens.dialog import Dialog
from tui.app.screens.field_box import FieldBox
from tui.domain.fields import parse_moment
from tui.domain.model import USER_EVENT_KINDS, EventKind


@dataclass(frozen=True, slots=True)
class NewEvent:
    """What the add-event dialog returns."""

    kind: EventKind
    at: datetime
    text: str


class EventForm(Dialog[NewEvent]):
    """A dialog for one timeline entry."""

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.now = now
        self._now_shown = now.strftime("%Y-%m-%d %H:%M")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Add event"
            dialog.border_subtitle = "enter save · esc cancel"
            kinds = [(kind.label, kind.value) for kind in USER_EVENT_KINDS]
            yield FieldBox(
                "kind",
                "What happened",
                Select(kinds, value=EventKind.NOTE.value, allow_blank=False, id="kind"),
            )
            yield FieldBox("when", "When", Input(self.now.strftime("%Y-%m-%d %H:%M"), id="when"))
            yield FieldBox("text", "Details", Input(placeholder="What was said or done", id="text"))
            with Horizontal(id="buttons"):
                yield Button("Add", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#text", Input).value
        when_box, text_box = (
            self.query_one("#box-when", FieldBox),
            self.query_one("#box-text", FieldBox),
        )
        try:
            when = self.query_one("#when", Input).value
            # Left as shown, "when" means now, to the second, so it sorts after what came before.
            at = self.now if when == self._now_shown else parse_moment(when, self.now)
            when_box.show_error(None)
        except ValueError as error:
            when_box.show_error(str(error))
            return
        if not text.strip():
            text_box.show_error("is required")
            return
        kind = EventKind(str(self.query_one("#kind", Select).value))
        self.dismiss(NewEvent(kind, at, text.strip()))
