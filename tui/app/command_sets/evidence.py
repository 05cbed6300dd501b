"""The evidence checklist's commands: tick, file and note, items of the shopper's own, open."""

from __future__ import annotations

from pathlib import Path

from tui.app.command_sets.context import CommandSet
from tui.app.system_viewer import open_with_system_viewer, viewer_name
from tui.domain import actions
from tui.domain.evidence import checklist
from tui.domain.fields import parse_optional_file_path
from tui.domain.form import Form, FormField, required
from tui.printable import printable


class EvidenceCommands(CommandSet):
    """What the Evidence pane's keys do to the selected case's checklist."""

    def toggle(self, key: str) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        ticked = actions.toggle_evidence(case, key)
        item = next(i for i in checklist(ticked) if i.key == key)
        self.commit(ticked, "", change=f"{'ticked' if item.done else 'unticked'} '{item.label}'")

    async def details(self, key: str) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        entry = case.evidence_entry(key)
        fields = (
            FormField("path", "File path", entry.path, parse_optional_file_path),
            FormField("note", "Note", entry.note),
        )
        values = await self.context.fill(Form("Evidence file and note", fields))
        if values is not None:
            updated = actions.set_evidence_details(case, key, values["path"], values["note"])
            self.commit(updated, "Evidence details saved")

    async def add_item(self) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        fields = (FormField("label", "What to gather", parse=required),)
        values = await self.context.fill(Form("Add an evidence item", fields))
        if values is not None:
            updated, _ = actions.add_custom_evidence(case, values["label"])
            self.commit(updated, "Evidence item added")

    async def item(self, key: str, what: str) -> None:
        """Open, rename or remove an item (only the shopper's own are renamed or removed)."""
        if (case := self.context.selected_or_say()) is None:
            return
        entry = case.evidence_entry(key)
        if what == "open":
            self._open_file(entry.path)
            return
        if not entry.label:
            self.context.notify(
                "Only your own items can be renamed or removed; this one follows the case",
                severity="warning",
            )
            return
        if what == "remove":
            removed = actions.remove_custom_evidence(case, key)
            self.commit(removed, "Item removed (u brings it back)", change="removed an item")
            return
        field = FormField("label", "What to gather", entry.label, required)
        values = await self.context.fill(Form("Rename your item", (field,)))
        if values is not None:
            renamed = actions.rename_custom_evidence(case, key, values["label"])
            self.commit(renamed, "Item renamed")

    def _open_file(self, path: str) -> None:
        """Open an evidence file with the system's viewer (xdg-open, open), or say why not
        and where the file is."""
        if not path:
            self.context.notify("No file recorded for this item: d sets one", severity="warning")
            return
        file = Path(path).expanduser()
        if not file.is_file():
            self.context.notify(f"{printable(str(file))} is not a file here", severity="warning")
            return
        if problem := open_with_system_viewer(file.resolve()):
            shown = printable(f"Cannot open it here ({problem}); it is {file}")
            self.context.notify(shown, severity="warning", timeout=10, markup=False)
            return
        self.context.notify(printable(f"Opening {file.name} with {viewer_name()}"), markup=False)
