"""The top line: what needs attention across all cases, and which store is open."""

from __future__ import annotations

from datetime import date, timedelta

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
        self._summary = Content("")
        self._saving = Content("")

    def watch_overview(self, overview: Overview | None) -> None:
        """Summarise the cases and their deadlines (those of open cases) as of today."""
        if overview is None:
            return
        if overview.loading:
            # Only the first screen's deadlines are known yet: no counts to give.
            self._summary = Content("  ·  ").join(
                [
                    Content.styled("returns-tui", "bold $accent"),
                    Content.styled(f"loading {overview.loading:,} cases…", "$warning"),
                    user_text(self.store_label, "dim"),
                ]
            )
            self.update(self._saving + self._summary)
            return
        deadlines, today = overview.deadlines, overview.today
        open_count = deadlines.open_count
        overdue = deadlines.count_cases_due(date.min, today)
        soon = deadlines.count_cases_due(today, today + timedelta(days=SOON_DAYS + 1))
        awaiting = overview.awaiting
        parts = [
            Content.styled("returns-tui", "bold $accent"),
            Content(f"{open_count} open"),
            Content.styled(f"{_cases(overdue)} overdue", "bold $error" if overdue else "dim"),
            Content.styled(f"{_cases(soon)} due within 2 days", "$warning" if soon else "dim"),
        ]
        if awaiting:
            total = ", ".join(
                money(amount, currency) for currency, amount in sorted(awaiting.items())
            )
            parts.append(Content(f"{total} awaiting refund"))
        parts.append(user_text(self.store_label, "dim"))
        self._summary = Content("  ·  ").join(parts)
        self.update(self._saving + self._summary)

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
        self.update(self._saving + self._summary)


def _cases(count: int) -> str:
    return f"{count} case" if count == 1 else f"{count} cases"
