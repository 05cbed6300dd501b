"""The returns list: one row per case, most urgent first."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import DataTable

from tui.app.commands import RETURNS
from tui.app.presenters import URGENCY_STYLES, due_in_words, money
from tui.app.text import user_text
from tui.domain.deadlines import next_deadline
from tui.domain.evidence import checklist, progress
from tui.domain.model import Case
from tui.domain.policy import Policy

# (label, key, width); the compact set fits an 80-column terminal.
_COLUMNS = (
    ("Order", "order", 17),
    ("Item", "item", 36),
    ("Store", "store", 24),
    ("Stage", "stage", 18),
    ("Next deadline", "due", 15),
    ("Evidence", "evidence", 8),
    ("Amount", "amount", 12),
)
_COMPACT = ("item", "stage", "due", "evidence")
_COMPACT_ITEM_WIDTH = 24


class CaseTable(DataTable[Content]):
    """The cases in view as a table; the row key is the case id."""

    BINDINGS = RETURNS.bindings()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._compact: bool | None = None

    def _set_columns(self, compact: bool) -> None:
        self.clear(columns=True)
        for label, key, width in _COLUMNS:
            if not compact:
                self.add_column(label, key=key, width=width)
            elif key in _COMPACT:
                self.add_column(
                    label, key=key, width=_COMPACT_ITEM_WIDTH if key == "item" else width
                )
        self._compact = compact

    def show(
        self,
        cases: list[Case],
        policy: Policy,
        today: date,
        selected: str | None,
        *,
        compact: bool,
    ) -> None:
        """Replace the rows with `cases`, keeping the cursor on `selected` where it is shown.

        `compact` keeps only the item, stage, deadline and evidence columns, for narrow screens.
        """
        if compact != self._compact:
            self._set_columns(compact)
        else:
            self.clear()
        for case in cases:
            cells = self._cells(case, policy, today)
            if compact:
                cells = [
                    cell
                    for (_, key, _), cell in zip(_COLUMNS, cells, strict=True)
                    if key in _COMPACT
                ]
            self.add_row(*cells, key=case.id)
        if selected is not None and selected in self.rows:
            self.move_cursor(row=self.get_row_index(selected), animate=False)

    @staticmethod
    def _cells(case: Case, policy: Policy, today: date) -> list[Content]:
        deadline = next_deadline(case, policy)
        due_style = URGENCY_STYLES[deadline.urgency(today)] if deadline else ""
        done, total = progress(checklist(case))
        return [
            user_text(case.order_number),
            user_text(case.item),
            user_text(case.store),
            Content.styled(case.stage.label, "dim" if case.is_closed else ""),
            Content.styled(due_in_words(deadline, today), due_style),
            Content.styled(f"{done}/{total}", "$success" if done == total else ""),
            Content(money(case.amount, case.currency)),
        ]

    @property
    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value
