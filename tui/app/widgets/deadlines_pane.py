"""The deadlines pane: a month calendar above an agenda of the deadlines around it.

The calendar has the focus and the keys; the agenda follows its cursor. Moving to a day
highlights the first deadline on or after it, `j`/`k` walk the deadlines one by one (moving the
calendar with them) and enter selects the highlighted deadline's case in the returns list.
Across all cases the agenda shows the deadlines around the calendar's cursor (a few before, more
after) with a count of the earlier ones, so it stays small however many cases there are; for the
selected case it shows all of that case's deadlines, each with the reason for its date.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta
from operator import attrgetter

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.commands import DEADLINES
from tui.app.presenters import URGENCY_STYLES
from tui.app.text import user_text
from tui.app.textual_compat import option_at_lines, option_first_line, option_height
from tui.app.widgets.month_calendar import MonthCalendar
from tui.domain.deadline_index import DeadlineIndex
from tui.domain.deadlines import Deadline
from tui.domain.model import DeadlineKind
from tui.workspace import CaseView, Overview

# The all-cases agenda holds at most this many deadlines around the calendar's cursor: enough to
# walk through, few enough to build in a few milliseconds however many cases there are.
_BEFORE_CURSOR = 10
_AFTER_CURSOR = 50
_due = attrgetter("due")


class Agenda(OptionList):
    """The deadlines as a list whose view starts on an entry's first line.

    An entry is three lines (or more, wrapped); scrolling just far enough to show the
    highlighted one would leave the entry at the top cut in half, its date scrolled off.
    """

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        highlighted, lines = self.highlighted, option_at_lines(self)
        first = round(self.scroll_y)
        if highlighted is None or not 0 <= first < len(lines):
            return
        index, offset = lines[first]
        if offset == 0:
            return
        # Past the cut entry while the highlighted one still fits below it, else back to its
        # start.
        cut_start = first - offset
        past = cut_start + option_height(self, index)
        end = option_first_line(self, highlighted) + option_height(self, highlighted)
        fits = end <= past + self.scrollable_content_region.height
        self.scroll_to(y=past if fits else cut_start, animate=False, immediate=True)


class DeadlinesPane(Vertical):
    """Calendar and agenda of the deadlines of all open cases, or of the selected case only."""

    BINDINGS = DEADLINES.bindings()

    all_cases: reactive[bool] = reactive(True, init=False)
    # Bound to the dashboard's overview: every case's deadlines as of today.
    overview: reactive[Overview | None] = reactive(None, init=False)
    # Bound to the dashboard's selected case (the agenda can show its deadlines only).
    selection: reactive[CaseView | None] = reactive(None, init=False)

    class CasePicked(Message):
        """The shopper chose a deadline; its case should become the selected one."""

        def __init__(self, case_id: str) -> None:
            self.case_id = case_id
            super().__init__()

    class SourceRequested(Message):
        """The shopper asks where the number behind a deadline comes from."""

        def __init__(self, deadline: Deadline) -> None:
            super().__init__()
            self.deadline = deadline

    class ExtendRequested(Message):
        """The shopper wants to move one deadline of a case."""

        def __init__(self, case_id: str, kind: DeadlineKind) -> None:
            self.case_id = case_id
            self.kind = kind
            super().__init__()

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.today = today
        self._deadlines: list[Deadline] = []
        self._index: DeadlineIndex | None = None
        self._selected: str | None = None
        self._selected_archived = False
        self._visible: list[Deadline] = []
        self._shown_for: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        calendar = MonthCalendar(self.today, id="calendar")
        calendar.can_focus = True
        yield calendar
        agenda = Agenda(id="agenda")
        agenda.can_focus = False
        yield agenda

    def on_mount(self) -> None:
        self.border_subtitle = "all cases"
        self.watch(self.calendar, "cursor", self._follow_cursor, init=False)

    @property
    def calendar(self) -> MonthCalendar:
        return self.query_one(MonthCalendar)

    @property
    def agenda(self) -> Agenda:
        return self.query_one("#agenda", Agenda)

    def watch_overview(self, overview: Overview | None) -> None:
        """Every open case's deadlines (earliest first) changed, or the day did."""
        if overview is None:
            return
        if overview.today != self.today:
            self.today = self.calendar.today = self.calendar.cursor = overview.today
        self._index = overview.deadlines
        self._deadlines = overview.deadlines.merged
        self._follow_cursor(self.calendar.cursor)

    def watch_selection(self, selection: CaseView | None) -> None:
        """The selected case changed; only the selected-case agenda needs to follow."""
        if selection is None:
            return
        self._selected = selection.case.id if selection.case else None
        self._selected_archived = selection.case is not None and selection.case.archived
        if not self.all_cases:
            self._follow_cursor(self.calendar.cursor)

    def watch_all_cases(self) -> None:
        self.border_subtitle = "all cases" if self.all_cases else "selected case"
        self._follow_cursor(self.calendar.cursor)

    def _month_marks(self, cursor: date) -> list[Deadline]:
        first = cursor.replace(day=1)
        after = (first + timedelta(days=31)).replace(day=1)  # the first of the next month
        # One deadline a day is enough to colour it (a day's urgency is that of its date):
        # at most 31 lookups, however many deadlines the month holds.
        marks = []
        day = first
        while day < after:
            at = bisect_left(self._deadlines, day, key=_due)
            if at < len(self._deadlines) and self._deadlines[at].due == day:
                marks.append(self._deadlines[at])
            day += timedelta(days=1)
        return marks

    def _rebuild(self, cursor: date) -> None:
        """Fill the agenda (and mark the calendar) if what it should show has changed."""
        if self.all_cases:
            position = bisect_left(self._deadlines, cursor, key=_due)
            low = max(0, position - _BEFORE_CURSOR)
            high = min(len(self._deadlines), position + _AFTER_CURSOR)
            shown = self._shown_for
            # Keep the slice while the cursor is comfortably inside it.
            if (
                shown
                and shown[0] == "all"
                and shown[1] <= position - 2
                and position + 5 <= shown[2]
                and self._still_shown(self._deadlines[shown[1] : shown[2]])
            ):
                self.calendar.mark(self._month_marks(cursor))
                return
            key: tuple[object, ...] = ("all", low, high)
            visible, earlier = self._deadlines[low:high], low
            self.calendar.mark(self._month_marks(cursor))
        else:
            key = ("case", self._selected, self._selected_archived)
            visible = self._index.of(self._selected) if self._index and self._selected else []
            earlier = 0
            self.calendar.mark(visible)
        if key == self._shown_for and self._still_shown(visible):
            return
        self._shown_for, self._visible = key, visible
        agenda = self.agenda
        agenda.clear_options()
        if earlier:
            note = f"{earlier} earlier deadline{'s' if earlier > 1 else ''} (j/k or PgUp to see)"
            agenda.add_option(Option(Content.styled(note, "$text-muted"), disabled=True))
        if not visible:
            archived = not self.all_cases and self._selected_archived
            nothing = "Archived: nothing due (R restores it)" if archived else "Nothing due"
            agenda.add_option(Option(Content.styled(nothing, "dim"), disabled=True))
        agenda.add_options(
            Option(self._describe(deadline), id=str(index))
            for index, deadline in enumerate(visible)
        )

    def _still_shown(self, visible: list[Deadline]) -> bool:
        """Whether the agenda already shows these very deadlines: a change elsewhere (a tick,
        another case's edit) leaves them the same values, and the agenda as it is."""
        shown = self._visible
        return len(visible) == len(shown) and all(
            a is b for a, b in zip(visible, shown, strict=True)
        )

    def _describe(self, deadline: Deadline) -> Content:
        style = URGENCY_STYLES[deadline.urgency(self.today)]
        heading = Content.assemble(
            (deadline.due.strftime("%a %d %b"), "bold"), "  ", (deadline.when(self.today), style)
        )
        # With one case shown, say why the date is what it is; across cases, say which case.
        case = self._index.case(deadline.case_id) if self._index else None
        if self.all_cases and case is not None:
            subject = user_text(case.item, "$text-muted")
        else:
            subject = Content.styled(deadline.explanation, "$text-muted")
        return Content("\n").join(
            [heading, Content("  " + deadline.kind.label), Content("  ") + subject]
        )

    def _follow_cursor(self, cursor: date) -> None:
        """Highlight the first deadline on or after the calendar's cursor day."""
        self._rebuild(cursor)
        current = self.highlighted_deadline
        if not self._visible or (current is not None and current.due == cursor):
            return
        index = next((i for i, d in enumerate(self._visible) if d.due >= cursor), None)
        self._highlight(len(self._visible) - 1 if index is None else index)

    def _highlight(self, index: int) -> None:
        self.agenda.highlighted = self.agenda.get_option_index(str(index))

    @property
    def highlighted_deadline(self) -> Deadline | None:
        """The deadline under the agenda's highlight, if any."""
        highlighted = self.agenda.highlighted
        if highlighted is None or not self.agenda.option_count:
            return None
        option_id = self.agenda.get_option_at_index(highlighted).id
        return None if option_id is None else self._visible[int(option_id)]

    def _step_deadline(self, step: int) -> None:
        current = self.highlighted_deadline
        if current is None:
            return
        index = self._visible.index(current) + step
        if 0 <= index < len(self._visible):
            self._highlight(index)
            self.calendar.cursor = self._visible[index].due

    def action_move_days(self, days: int) -> None:
        self.calendar.cursor += timedelta(days=days)

    def action_move_months(self, months: int) -> None:
        self.calendar.move_months(months)

    def action_go_today(self) -> None:
        self.calendar.cursor = self.today

    def action_next_deadline(self) -> None:
        self._step_deadline(1)

    def action_previous_deadline(self) -> None:
        self._step_deadline(-1)

    def action_toggle_agenda_scope(self) -> None:
        self.all_cases = not self.all_cases

    def action_open_deadline(self) -> None:
        if deadline := self.highlighted_deadline:
            self.post_message(self.CasePicked(deadline.case_id))

    def action_show_source(self) -> None:
        if deadline := self.highlighted_deadline:
            self.post_message(self.SourceRequested(deadline))

    def action_extend(self) -> None:
        if deadline := self.highlighted_deadline:
            self.post_message(self.ExtendRequested(deadline.case_id, deadline.kind))
