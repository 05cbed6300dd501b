"""The top line: what needs attention across all cases, and which store is open.

The line is fitted to the terminal's width: when it is too long the counts take their short
forms ("5 overdue"), the store's label its short form (the part before ": ", or a path's file
name), the separators narrow, and then the app's name and the money awaited give way, so a small
terminal still shows what is due and which store is open.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import PurePath

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.app.presenters import money
from tui.app.text import user_text
from tui.domain.deadlines import SOON_DAYS
from tui.workspace import Overview


class StatusBar(Static):
    """A one-line summary: open cases, overdue and soon-due deadlines, money on its way back."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; padding: 0 1; }
    """

    # Bound to the dashboard's overview: every case's deadlines as of today.
    overview: reactive[Overview | None] = reactive(None, init=False)

    def __init__(self, store_label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store_label = store_label
        # The line's versions, longest first: the first that fits the width is shown.
        self._versions: list[Content] = [Content("")]
        self._saving = Content("")

    def watch_overview(self, overview: Overview | None) -> None:
        """Summarise the cases and their deadlines (those of open cases) as of today."""
        if overview is None:
            return
        if overview.loading:
            # Only the first screen's deadlines are known yet: no counts to give.
            loading = Content.styled(f"loading {overview.loading:,} cases…", "$warning")
            self._versions = [
                Content("  ·  ").join(
                    [
                        Content.styled("returns-tui", "bold $accent"),
                        loading,
                        user_text(self.store_label, "dim"),
                    ]
                ),
                Content(" · ").join([loading, user_text(_short_label(self.store_label), "dim")]),
            ]
            self.refresh()
            return
        deadlines, today = overview.deadlines, overview.today
        open_count = deadlines.open_count
        overdue = deadlines.count_cases_due(date.min, today)
        soon = deadlines.count_cases_due(today, today + timedelta(days=SOON_DAYS + 1))
        awaiting = overview.awaiting
        name = Content.styled("returns-tui", "bold $accent")
        opened = Content(f"{open_count} open")
        overdue_style = "bold $error" if overdue else "dim"
        soon_style = "$warning" if soon else "dim"
        money_part: list[Content] = []
        if awaiting:
            total = ", ".join(
                money(amount, currency) for currency, amount in sorted(awaiting.items())
            )
            money_part.append(Content(f"{total} awaiting refund"))
        full = [
            name,
            opened,
            Content.styled(f"{_cases(overdue)} overdue", overdue_style),
            Content.styled(f"{_cases(soon)} due within 2 days", soon_style),
            *money_part,
            user_text(self.store_label, "dim"),
        ]
        short = [
            opened,
            Content.styled(f"{overdue} overdue", overdue_style),
            Content.styled(f"{soon} due in 2 days", soon_style),
            *money_part,
            user_text(_short_label(self.store_label), "dim"),
        ]
        wide, tight = Content("  ·  "), Content(" · ")
        self._versions = [
            wide.join(full),
            wide.join([name, *short]),
            tight.join([name, *short]),
            tight.join(short),
            tight.join(short[:3] + short[-1:]),
        ]
        self.refresh()

    def show_saving(self, *, pending: bool, unsaved: bool) -> None:
        """Say whether every change is on disk: nothing when it is."""
        if unsaved:
            self._saving = Content.styled(
                " NOT SAVED: ctrl+s to retry ", "bold reverse $error"
            ) + Content("  ")
        elif pending:
            self._saving = Content.styled("saving… ", "$text-muted")
        else:
            self._saving = Content("")
        self.refresh()

    def render(self) -> RenderResult:
        room = self.content_size.width - self._saving.cell_length
        fitting = (version for version in self._versions if version.cell_length <= room)
        return self._saving + next(fitting, self._versions[-1])


def _short_label(label: str) -> str:
    """'demo store: changes are thrown away on exit' -> 'demo store'; a path -> its file name."""
    if ": " in label:
        return label.partition(": ")[0]
    return PurePath(label).name or label


def _cases(count: int) -> str:
    return f"{count} case" if count == 1 else f"{count} cases"
