"""The timeline pane: the selected case's events, oldest to newest."""

from __future__ import annotations

from datetime import datetime

import humanize
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.commands import TIMELINE
from tui.app.text import user_text
from tui.domain.model import Case, Event, EventKind

_KIND_STYLES = {
    EventKind.STAGE_CHANGE: "bold $accent",
    EventKind.MESSAGE_SENT: "$primary",
    EventKind.SELLER_REPLY: "$secondary",
    EventKind.CREATED: "dim",
    EventKind.EDITED: "dim",
}


class TimelineView(OptionList):
    """A scrollable list of a case's events, each with its date and how long ago it was."""

    BINDINGS = TIMELINE.bindings()

    def show(self, case: Case | None, now: datetime) -> None:
        """Show the events of `case` (or a hint when no case is selected), newest highlighted."""
        self.clear_options()
        if case is None:
            self.add_option(Option(Content.styled("No case selected", "dim"), disabled=True))
            return
        self.add_options(Option(self._describe(event, now), id=event.id) for event in case.events)
        if case.events:
            self.highlighted = len(case.events) - 1

    @staticmethod
    def _describe(event: Event, now: datetime) -> Content:
        when = event.at.astimezone(now.tzinfo)
        heading = Content.assemble(
            (when.strftime("%Y-%m-%d %H:%M"), "bold"),
            "  ",
            (humanize.naturaltime(now - when), "dim"),
            "  ",
            (event.kind.label, _KIND_STYLES.get(event.kind, "")),
        )
        body = user_text(event.text, multiline=True)
        return Content("\n").join([heading, Content("  ").append(body)]) if event.text else heading
