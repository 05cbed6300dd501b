"""Exports from the command palette: CSV, JSON, the calendar feed and an evidence pack.

Each asks where to write (a sensible file in the user's documents folder is filled in) and says
where the file went once it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from platformdirs import user_documents_path

from tui.app.command_sets.context import CommandSet
from tui.formats.csv_file import write_csv
from tui.formats.evidence_pack import write_markdown
from tui.formats.json_file import write_json
from tui.printable import printable
from tui.store.files import write_target


def export_folder() -> Path:
    """Where exports go unless the user says otherwise."""
    return user_documents_path() / "returns-tui"


class ExportCommands(CommandSet):
    """Write the store (or the selected case) in another format, asking where first."""

    async def export_csv(self) -> None:
        store = self.workspace.store
        await self._export("returns.csv", lambda: write_csv(store.cases()).encode())

    async def export_json(self) -> None:
        store = self.workspace.store
        await self._export("returns.json", lambda: write_json(store.cases(), store.settings()))

    async def export_calendar(self) -> None:
        # Imported when asked for: icalendar is a tenth of the app's start-up imports.
        from tui.formats.calendar_feed import write_ics

        workspace = self.workspace
        await self._export(
            "returns-deadlines.ics",
            lambda: write_ics(
                workspace.deadlines.merged,
                workspace.store.get,
                workspace.now,
                workspace.store.settings().lead_times,
            ),
        )

    async def export_evidence_pack(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        workspace = self.workspace
        policy = workspace.book.policy_for(case)

        def markdown() -> bytes:
            deadlines = workspace.deadlines_of(case.id)
            vault = workspace.store.vault
            return write_markdown(case, policy, deadlines, workspace.now, vault).encode()

        await self._export(f"evidence-{printable(case.order_number)}.md", markdown)

    async def _export(self, name: str, payload: Callable[[], bytes]) -> None:
        if not await self.context.every_case("Exporting"):
            return
        dated = f"{Path(name).stem}-{self.workspace.today}{Path(name).suffix}"
        store = self.workspace.store.path
        target = await self.write_where_asked(
            "Export",
            "Save to",
            lambda target: write_target(target, payload(), store),
            suggested=str(export_folder() / dated),
        )
        if target is not None:
            self.context.say(f"Saved to {target}", title="Exported")
