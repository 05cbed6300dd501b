"""The timeline pane: the selected case's events, oldest to newest."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.commands import TIMELINE
from tui.app.presenters import ago, money
from tui.app.text import user_text
from tui.domain.model import Event, EventKind
from tui.workspace import CaseView

_KIND_STYLES = {
    EventKind.STAGE_CHANGE: "bold $accent",
    EventKind.MESSAGE_SENT: "$primary",
    EventKind.SELLER_REPLY: "$secondary",
    EventKind.CREATED: "dim",
    EventKind.EDITED: "dim",
}


class TimelineView(OptionList):
    """A scrollable list of a case's events, each with its date and how long ago it was.

    Enter asks to correct the highlighted event and x to delete it; the screen decides how.
    """

    BINDINGS = TIMELINE.bindings()

    _case_id: str | None = None

    class EventChosen(Message):
        """The shopper wants to correct (`delete` False) or delete an event."""

        def __init__(self, event_id: str, *, delete: bool) -> None:
            super().__init__()
            self.event_id = event_id
            self.delete = delete

    def _highlighted_event(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_edit_event(self) -> None:
        if event_id := self._highlighted_event():
            self.post_message(self.EventChosen(event_id, delete=False))

    def action_delete_event(self) -> None:
        if event_id := self._highlighted_event():
            self.post_message(self.EventChosen(event_id, delete=True))

    # Bound to the dashboard's selected case.
    selection: reactive[CaseView | None] = reactive(None, init=False)

    def watch_selection(self, selection: CaseView | None) -> None:
        """Show the case's events (or a hint when no case is selected), keeping the highlight
        on the same event when the same case is shown again, else on the newest."""
        if selection is None:
            return
        case, now = selection.case, selection.now
        kept = self._highlighted_event() if case is not None and case.id == self._case_id else None
        self._case_id = case.id if case is not None else None
        self.clear_options()
        if case is None:
            self.add_option(Option(Content.styled("No case selected", "dim"), disabled=True))
            return
        self.add_options(
            Option(self._describe(event, now, case.currency), id=event.id) for event in case.events
        )
        ids = [event.id for event in case.events]
        if ids:
            self.highlighted = ids.index(kept) if kept in ids else len(ids) - 1

    @staticmethod
    def _describe(event: Event, now: datetime, currency: str) -> Content:
        # Shown as written: its day is the day every deadline counts from (see `written_day`).
        heading = Content.assemble(
            (event.at.strftime("%Y-%m-%d %H:%M"), "bold"),
            "  ",
            (ago(event.at, now), "dim"),
            "  ",
            (event.kind.label, _KIND_STYLES.get(event.kind, "")),
            (f" · {money(event.amount, currency)}" if event.amount is not None else "", "bold"),
        )
        body = user_text(event.text, multiline=True)
        return Content("\n").join([heading, Content("  ").append(body)]) if event.text else heading
