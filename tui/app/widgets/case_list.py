"""The returns list: one row per case, most urgent first, drawn line by line.

Only the rows on screen are ever turned into text (Textual's Line API), so 10,000 cases cost no
more per keystroke than 10; a row's cells are kept until its case changes. The columns are
fitted to the width: item, stage, deadline and evidence always, then order number, amount and
store as they fit.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from textual.binding import Binding
from textual.content import Content
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from tui.app.commands import RETURNS
from tui.app.presenters import URGENCY_STYLES, due_in_words, money
from tui.app.text import user_text
from tui.domain.deadline_index import DeadlineIndex
from tui.domain.deadlines import Deadline, first_to_act
from tui.domain.evidence import checklist, progress
from tui.domain.model import Case
from tui.workspace import Listing

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
_GAP = 2
_HEADER_LINES = 1


@cache
def fit_columns(width: int) -> dict[str, int]:
    """The columns (key -> width) that fit `width` cells, in display order."""

    def needed(columns: dict[str, int]) -> int:
        return sum(columns.values()) + _ITEM_WIDTHS[0] + _GAP * (len(columns) + 1)

    chosen = {key: _FIXED_WIDTHS[key] for key in _ESSENTIAL}
    for key in _OPTIONAL:
        if needed(chosen | {key: _FIXED_WIDTHS[key]}) <= width:
            chosen[key] = _FIXED_WIDTHS[key]
    lowest, highest = _ITEM_WIDTHS
    chosen["item"] = max(lowest, min(highest, width - needed(chosen) + lowest))
    return {key: chosen[key] for key in _LABELS if key in chosen}


class CaseList(ScrollView, can_focus=True):
    """The cases in view, with a row cursor; posts `Highlighted` when the cursor's case changes."""

    # Bound to the dashboard's listing: the cases in view and their deadlines.
    listing: reactive[Listing | None] = reactive(None, init=False)

    BINDINGS = [
        *RETURNS.bindings(),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES = {"case-list--header", "case-list--cursor", "case-list--even"}

    DEFAULT_CSS = """
    CaseList {
        background: $surface;
        & > .case-list--header { text-style: bold; color: $text-accent; }
        & > .case-list--even { background: $surface-darken-1 40%; }
        & > .case-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .case-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        """The cursor moved to another case (or the list became empty)."""

        def __init__(self, case_id: str | None) -> None:
            self.case_id = case_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cases: list[Case] = []
        self._index: DeadlineIndex | None = None
        self._today = date.min
        self._columns: dict[str, int] = {}
        # Rendered rows by case id, kept while the case (an immutable value) is the same one.
        self._rows: dict[str, tuple[Case, Deadline | None, Content]] = {}
        self._announced: str | None = None
        self._empty_message = ""

    @property
    def current_case_id(self) -> str | None:
        """The id of the case under the cursor, if any."""
        return self._cases[self.cursor].id if self._cases else None

    @property
    def case_ids(self) -> list[str]:
        """The ids of the cases in view, top to bottom."""
        return [case.id for case in self._cases]

    def watch_listing(self, listing: Listing | None) -> None:
        """Show the listing's cases in order, keeping the cursor on its selected case."""
        if listing is None:
            return
        cases, today, selected = listing.cases, listing.overview.today, listing.selected
        self._empty_message = listing.empty_message
        if today != self._today:
            self._rows.clear()
        self._cases = cases
        self._index = listing.overview.deadlines
        self._today = today
        self.virtual_size = Size(self.scrollable_content_region.width, len(cases) + _HEADER_LINES)
        position = self._position_of(selected)
        if position is None:
            position = min(self.cursor, len(cases) - 1)
        self.set_reactive(CaseList.cursor, max(0, position))
        self._cursor_moved()
        self.refresh()

    def _position_of(self, case_id: str | None) -> int | None:
        """Where the case is in the list: usually still under the cursor, so no search of
        every row (100,000 of them) on each change."""
        cases = self._cases
        if case_id is None:
            return None
        if self.cursor < len(cases) and cases[self.cursor].id == case_id:
            return self.cursor
        return next((index for index, case in enumerate(cases) if case.id == case_id), None)

    def on_resize(self, event: Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._cases) + _HEADER_LINES)
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = fit_columns(width)
        if columns != self._columns:
            self._columns = columns
            self._rows.clear()
        if y < _HEADER_LINES:
            header = self._line([Content(_LABELS[key]) for key in columns])
            return self._strip(header, width, "case-list--header")
        index = self.scroll_offset.y + y - _HEADER_LINES
        if not self._cases and index == 0:
            return self._strip(Content.styled(f" {self._empty_message}", "dim"), width, "")
        if index >= len(self._cases):
            return Strip.blank(width, self.rich_style)
        row = self._row(self._cases[index])
        if index == self.cursor:
            return self._strip(row, width, "case-list--cursor")
        return self._strip(row, width, "case-list--even" if index % 2 else "")

    def _strip(self, content: Content, width: int, component: str) -> Strip:
        style = self.get_visual_style(component) if component else self.get_visual_style()
        strips = Visual.to_strips(self, content, width, 1, style, pad=True)
        return strips[0].adjust_cell_length(width, style.rich_style)

    def _row(self, case: Case) -> Content:
        # A row is drawn again when its case or its next deadline changed (a new holidays
        # country changes deadlines without changing any case).
        deadline = first_to_act(self._index.of(case.id)) if self._index else None
        cached = self._rows.get(case.id)
        if cached is not None and cached[0] is case and cached[1] is deadline:
            return cached[2]
        cells = self._cells(case, deadline, self._today)
        row = self._line([cells[key] for key in self._columns])
        self._rows[case.id] = (case, deadline, row)
        return row

    def _line(self, cells: list[Content]) -> Content:
        padded = [
            cell.truncate(width, ellipsis=True, pad=True)
            for cell, width in zip(cells, self._columns.values(), strict=True)
        ]
        return Content(" ") + Content(" " * _GAP).join(padded)

    @staticmethod
    def _cells(case: Case, deadline: Deadline | None, today: date) -> dict[str, Content]:
        due_style = URGENCY_STYLES[deadline.urgency(today)] if deadline else "dim"
        done, total = progress(checklist(case))
        return {
            "order": user_text(case.order_number),
            "item": user_text(case.item),
            "store": user_text(case.store),
            "stage": Content.styled(
                # The stage column is narrow: an archived case says so instead of its stage.
                "Archived" if case.archived else case.stage.label,
                "dim" if case.is_closed else "",
            ),
            "due": Content.styled(due_in_words(case, deadline, today), due_style),
            "evidence": Content.styled(f"{done}/{total}", "$success" if done == total else ""),
            "amount": Content(money(case.amount, case.currency)),
        }

    # ----- the cursor ----------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._cases) - 1))

    def watch_cursor(self) -> None:
        self._cursor_moved()
        self.refresh()

    def _cursor_moved(self) -> None:
        self._scroll_to_cursor()
        current = self.current_case_id
        if current != self._announced:
            self._announced = current
            self.post_message(self.Highlighted(current))

    def _scroll_to_cursor(self) -> None:
        rows_visible = max(1, self.scrollable_content_region.height - _HEADER_LINES)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows_visible:
            self.scroll_to(y=self.cursor - rows_visible + 1, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - _HEADER_LINES - 1)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._cases) - 1

    def on_click(self, event: Click) -> None:
        index = self.scroll_offset.y + event.y - _HEADER_LINES
        if event.y >= _HEADER_LINES and index < len(self._cases):
            self.cursor = index
