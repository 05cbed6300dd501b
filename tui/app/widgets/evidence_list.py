"""The evidence pane: the selected case's checklist, grouped by section, tickable."""

from __future__ import annotations

from itertools import groupby

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.commands import EVIDENCE
from tui.app.text import user_text
from tui.domain.evidence import ChecklistItem, checklist, taken_too_early
from tui.domain.model import Case
from tui.store.vault import Vault
from tui.workspace import CaseView


class EvidenceList(OptionList):
    """Checklist items as options (the option id is the item key), with section headings."""

    BINDINGS = EVIDENCE.bindings()

    class Toggled(Message):
        """The shopper ticked or unticked an item."""

        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    class DetailsRequested(Message):
        """The shopper wants to set an item's file path and note."""

        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    class AddRequested(Message):
        """The shopper wants to add an item of their own."""

    class ItemChosen(Message):
        """The shopper wants to rename or remove an item of their own, or open its file."""

        def __init__(self, key: str, what: str) -> None:
            self.key = key
            self.what = what
            super().__init__()

    # Bound to the dashboard's selected case.
    selection: reactive[CaseView | None] = reactive(None, init=False)
    # The case whose checklist is shown.
    _case_id: str | None = None

    def __init__(self, vault: Vault, *, id: str | None = None) -> None:
        """`vault`: where the items' files are kept, to say which are in doubt."""
        super().__init__(id=id)
        self.vault = vault

    def watch_selection(self, selection: CaseView | None) -> None:
        """Show the case's checklist, keeping the highlight on the same item where it still
        exists, or moving it to an item just added to the same case."""
        if selection is None:
            return
        items = checklist(selection.case) if selection.case else None
        keep = self._highlighted_key()
        same_case = selection.case is not None and selection.case.id == self._case_id
        shown = {option.id for option in self.options if option.id} if same_case else set()
        self._case_id = selection.case.id if selection.case else None
        self.clear_options()
        if items is None:
            self.add_option(Option(Content.styled("No case selected", "dim"), disabled=True))
            return
        for section, section_items in groupby(items, key=lambda item: item.section):
            self.add_option(Option(Content.styled(section, "bold $accent"), disabled=True))
            self.add_options(
                Option(self._describe(selection.case, item), id=item.key) for item in section_items
            )
        keys = [item.key for item in items]
        added = [key for key in keys if key not in shown]
        if same_case and len(added) == 1:  # an item just added
            keep = added[0]
        target = keep if keep in keys else (keys[0] if keys else None)
        if target is not None:
            self.highlighted = self.get_option_index(target)

    def _describe(self, case: Case, item: ChecklistItem) -> Content:
        """An item's line: its box and label, then its file and note, then why to doubt its
        file (taken before the parcel came; gone or changed, by its size)."""
        box = Content.styled("[x] ", "$success") if item.done else Content("[ ] ")
        label = user_text(item.label, "dim" if item.done else "")
        line = box + label
        details = [text for text in (item.entry.path, item.entry.note) if text]
        if details:
            line += Content("\n    ") + user_text(" · ".join(details), "italic $text-muted")
        for doubt in (taken_too_early(case, item), self.vault.problem_with(item.entry, False)):
            if doubt:
                line += Content("\n    ") + Content.styled(f"⚠ {doubt}", "$warning")
        return line

    def _highlighted_key(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def action_toggle(self) -> None:
        if key := self._highlighted_key():
            self.post_message(self.Toggled(key))

    def action_details(self) -> None:
        if key := self._highlighted_key():
            self.post_message(self.DetailsRequested(key))

    def action_add_item(self) -> None:
        self.post_message(self.AddRequested())

    def action_item(self, what: str) -> None:
        if key := self._highlighted_key():
            self.post_message(self.ItemChosen(key, what))
