"""The returns list: one row per case, most urgent first, with as many columns as fit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable

from tui.app.commands import RETURNS
from tui.app.presenters import URGENCY_STYLES, due_in_words, money
from tui.app.text import user_text
from tui.domain.deadlines import Deadline, first_to_act
from tui.domain.evidence import checklist, progress
from tui.domain.model import Case

_LABELS = {
    "order": "Order",
    "item": "Item",
    "store": "Store",
    "stage": "Stage",
    "due": "Next deadline",
    "evidence": "Evidence",
    "amount": "Amount",
}
_FIXED_WIDTHS = {"order": 17, "store": 22, "stage": 18, "due": 14, "evidence": 8, "amount": 12}
# The item column takes the room left over, within these bounds.
_ITEM_WIDTHS = (20, 44)
# Always shown; the others join in this order while they fit.
_ESSENTIAL = ("stage", "due", "evidence")
_OPTIONAL = ("order", "amount", "store")
# DataTable pads each cell by one column on either side, and a vertical scrollbar takes two.
_CELL_PADDING = 2
_SCROLLBAR = 2


def fit_columns(width: int) -> dict[str, int]:
    """The columns (key -> width) that fit a table `width` cells wide, in display order."""

    def needed(columns: dict[str, int]) -> int:
        return sum(columns.values()) + _ITEM_WIDTHS[0] + _CELL_PADDING * (len(columns) + 1)

    room = width - _SCROLLBAR
    chosen = {key: _FIXED_WIDTHS[key] for key in _ESSENTIAL}
    for key in _OPTIONAL:
        if needed(chosen | {key: _FIXED_WIDTHS[key]}) <= room:
            chosen[key] = _FIXED_WIDTHS[key]
    lowest, highest = _ITEM_WIDTHS
    chosen["item"] = max(lowest, min(highest, room - needed(chosen) + lowest))
    return {key: chosen[key] for key in _LABELS if key in chosen}


class CaseTable(DataTable[Content]):
    """The cases in view as a table; the row key is the case id."""

    BINDINGS = RETURNS.bindings()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._columns_shown: dict[str, int] = {}
        self._rows: dict[str, dict[str, Content]] = {}

    def show(
        self,
        cases: list[Case],
        deadlines: Mapping[str, list[Deadline]],
        today: date,
        selected: str | None,
    ) -> None:
        """Replace the rows with `cases`, keeping the cursor on `selected` where it is shown."""
        self._rows = {
            case.id: self._cells(case, first_to_act(deadlines.get(case.id, [])), today)
            for case in cases
        }
        self._fill(selected)

    def on_resize(self, event: Resize) -> None:
        if fit_columns(event.size.width) != self._columns_shown:
            self._fill(self.current_case_id)

    def _fill(self, selected: str | None) -> None:
        columns = fit_columns(self.size.width)
        if columns != self._columns_shown:
            self.clear(columns=True)
            for key, width in columns.items():
                self.add_column(_LABELS[key], key=key, width=width)
            self._columns_shown = columns
        else:
            self.clear()
        for case_id, cells in self._rows.items():
            self.add_row(*(cells[key] for key in columns), key=case_id)
        if selected is not None and selected in self.rows:
            self.move_cursor(row=self.get_row_index(selected), animate=False)

    @staticmethod
    def _cells(case: Case, deadline: Deadline | None, today: date) -> dict[str, Content]:
        due_style = URGENCY_STYLES[deadline.urgency(today)] if deadline else ""
        done, total = progress(checklist(case))
        return {
            "order": user_text(case.order_number),
            "item": user_text(case.item),
            "store": user_text(case.store),
            "stage": Content.styled(case.stage.label, "dim" if case.is_closed else ""),
            "due": Content.styled(due_in_words(deadline, today), due_style),
            "evidence": Content.styled(f"{done}/{total}", "$success" if done == total else ""),
            "amount": Content(money(case.amount, case.currency)),
        }

    @property
    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value
