"""The evidence checklist's commands: tick, file and note, items of the shopper's own, open."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui.app.command_sets.context import CommandSet
from tui.app.system_viewer import open_with_system_viewer, viewer_name
from tui.domain import actions
from tui.domain.evidence import checklist
from tui.domain.fields import parse_optional_file_path
from tui.domain.form import Form, FormField, required
from tui.domain.model import AttachedFile, EvidenceEntry
from tui.store.vault import Refused, original_path


class EvidenceCommands(CommandSet):
    """What the Evidence pane's keys do to the selected case's checklist."""

    def toggle(self, key: str) -> None:
        if (case := self.context.selected_or_say()) is None:
            return
        ticked = actions.toggle_evidence(case, key)
        item = next(i for i in checklist(ticked) if i.key == key)
        self.commit(ticked, "", change=f"{'ticked' if item.done else 'unticked'} '{item.label}'")

    async def details(self, key: str) -> None:
        """Set an item's file and note. A new file is attached (kept in the vault, or only
        fingerprinted) and the item ticked; a file refused is asked for again, showing what
        was typed."""
        if (case := self.context.selected_or_say()) is None:
            return
        entry = case.evidence_entry(key)
        label = next(item.label for item in checklist(case) if item.key == key)
        path, note = entry.path, entry.note
        while True:
            fields = (
                FormField("path", "File path", path, parse_optional_file_path),
                FormField("note", "Note", note),
            )
            values = await self.context.fill(Form(f"File and note: {label}", fields))
            if values is None:
                return
            path, note = values["path"], values["note"]
            try:
                path, attached = await self._attach(path, entry)
            except Refused as refused:
                self.context.say(f"Not attached: {Path(path).name}: {refused}", "error")
                continue
            updated = actions.set_evidence_details(case, key, path, note, attached)
            done = "Evidence details saved"
            if attached is not None and attached is not entry.file:
                done = f"{Path(path).name} attached"
                if not entry.done:
                    updated = actions.toggle_evidence(updated, key)
                    done += "; item ticked"
            self.commit(updated, done)
            return

    async def _attach(self, path: str, entry: EvidenceEntry) -> tuple[str, AttachedFile | None]:
        """The path to record and the file there attached (on a thread: a video takes a while
        to copy and hash), or the one attached already if the path is unchanged."""
        if not path or (path == entry.path and entry.file is not None):
            return path, entry.file if path else None
        source = original_path(path)
        # The folders on the way are the shopper's own choice (a home under /var/home): the
        # file is attached from its real folder, recorded there. A link as the file is refused.
        try:
            real = source.parent.resolve() / source.name
        except (OSError, RuntimeError):
            real = source
        settings, vault = self.workspace.store.settings(), self.workspace.store.vault
        attached = await asyncio.to_thread(
            vault.keep,
            real,
            limit=settings.largest_file_mb * 1_000_000,
            now=self.workspace.now,
            copy=settings.keep_files and vault.copies,
        )
        return (path if real == source else str(real)), attached

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
            self._open_file(entry)
            return
        if not entry.label:
            said = "Only your own items can be renamed or removed; this one follows the case"
            self.context.say(said, "warning")
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

    def _open_file(self, entry: EvidenceEntry) -> None:
        """Open an evidence file (the vault's copy where one is kept) with the system's viewer
        (xdg-open, open), or say why not and where the file is."""
        if not entry.path:
            self.context.say("No file recorded for this item: d sets one", "warning")
            return
        file = self.workspace.store.vault.file_of(entry)
        if not file.is_file():
            self.context.say(f"{file} is not a file here", "warning")
            return
        if problem := open_with_system_viewer(file.resolve()):
            self.context.say(
                f"Cannot open it here ({problem}); it is {file}", "warning", timeout=10
            )
            return
        self.context.say(f"Opening {Path(entry.path).name} with {viewer_name()}")
