"""Exports from the command palette: CSV, JSON, the calendar feed and an evidence pack.

Each asks where to write (a sensible file in the user's documents folder is filled in) and says
where the file went once it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from platformdirs import user_documents_path
from textual import work

from tui.app.screens.dashboard_state import DIALOGS, DashboardState
from tui.domain.clock import today
from tui.domain.fields import parse_file_path
from tui.domain.form import Form, FormField
from tui.formats.csv_file import write_csv
from tui.formats.evidence_pack import write_markdown
from tui.formats.json_file import write_json
from tui.printable import printable
from tui.store.files import TargetRefused, write_target


def export_folder() -> Path:
    """Where exports go unless the user says otherwise."""
    return user_documents_path() / "returns-tui"


class ExportCommands(DashboardState):
    """Write the store (or the selected case) in another format, asking where first."""

    def action_export_csv(self) -> None:
        self._export("returns.csv", lambda: write_csv(self.store.cases()).encode())

    def action_export_json(self) -> None:
        self._export("returns.json", lambda: write_json(self.store.cases(), self.store.settings()))

    def action_export_calendar(self) -> None:
        if self.workspace.loading:
            self.notify("Still working out every case's deadlines: try again in a moment")
            return
        # Imported when asked for: icalendar is a tenth of the app's start-up imports.
        from tui.formats.calendar_feed import write_ics

        self._export(
            "returns-deadlines.ics",
            lambda: write_ics(
                self.workspace.deadlines.merged,
                self.store.get,
                self.clock.now(),
                self.store.settings().lead_times,
            ),
        )

    def action_export_evidence_pack(self) -> None:
        if (case := self._selected_or_say()) is None:
            return
        policy = self.book.policy_for(case)

        def markdown() -> bytes:
            deadlines = self.deadlines_of(case.id)
            return write_markdown(case, policy, deadlines, self.clock.now()).encode()

        self._export(f"evidence-{printable(case.order_number)}.md", markdown)

    @work(group=DIALOGS)
    async def _export(self, name: str, payload: Callable[[], bytes]) -> None:
        dated = f"{Path(name).stem}-{today(self.clock)}{Path(name).suffix}"
        field = FormField("path", "Save to", str(export_folder() / dated), parse_file_path)

        values = await self._fill(Form("Export", (field,)))
        if values is None:
            return
        target = Path(values["path"]).expanduser()
        try:
            write_target(target, payload(), self.store.path)
        except TargetRefused as error:
            self.notify(f"Not written: {printable(str(error))}", severity="error", markup=False)
            return
        self.notify(f"Saved to {printable(str(target))}", title="Exported", markup=False)
