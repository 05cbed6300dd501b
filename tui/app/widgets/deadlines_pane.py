"""The deadlines pane: a month calendar above an agenda of overdue and upcoming deadlines.

The calendar has the focus and the keys; the agenda follows its cursor. Moving to a day
highlights the first deadline on or after it, `j`/`k` walk the deadlines one by one (moving the
calendar with them) and enter selects the highlighted deadline's case in the returns list.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

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
from tui.app.widgets.month_calendar import MonthCalendar
from tui.domain.deadlines import Deadline, describe_days_left
from tui.domain.model import Case, DeadlineKind


class DeadlinesPane(Vertical):
    """Calendar and agenda of the deadlines of all open cases, or of the selected case only."""

    BINDINGS = DEADLINES.bindings()

    all_cases: reactive[bool] = reactive(True, init=False)

    class CasePicked(Message):
        """The shopper chose a deadline; its case should become the selected one."""

        def __init__(self, case_id: str) -> None:
            self.case_id = case_id
            super().__init__()

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
        self._cases: Mapping[str, Case] = {}
        self._selected: str | None = None

    def compose(self) -> ComposeResult:
        calendar = MonthCalendar(self.today, id="calendar")
        calendar.can_focus = True
        yield calendar
        agenda = OptionList(id="agenda")
        agenda.can_focus = False
        yield agenda

    def on_mount(self) -> None:
        self.watch(self.calendar, "cursor", self._follow_cursor, init=False)

    @property
    def calendar(self) -> MonthCalendar:
        return self.query_one(MonthCalendar)

    @property
    def agenda(self) -> OptionList:
        return self.query_one("#agenda", OptionList)

    def show(
        self,
        deadlines: list[Deadline],
        cases: Mapping[str, Case],
        selected: str | None,
        today: date,
    ) -> None:
        """Show `deadlines` (all open cases', earliest first); `selected` is the current case."""
        if today != self.today:
            self.today = self.calendar.today = self.calendar.cursor = today
        self._deadlines = deadlines
        self._cases = cases
        self._selected = selected
        self._refresh_view()

    def watch_all_cases(self) -> None:
        self._refresh_view()

    def _visible(self) -> list[Deadline]:
        if self.all_cases:
            return self._deadlines
        return [deadline for deadline in self._deadlines if deadline.case_id == self._selected]

    def _refresh_view(self) -> None:
        visible = self._visible()
        self.border_subtitle = "all cases" if self.all_cases else "selected case"
        self.calendar.mark(visible)
        agenda = self.agenda
        agenda.clear_options()
        if not visible:
            agenda.add_option(Option(Content.styled("Nothing due", "dim"), disabled=True))
            return
        agenda.add_options(Option(self._describe(deadline)) for deadline in visible)
        self._follow_cursor(self.calendar.cursor)

    def _describe(self, deadline: Deadline) -> Content:
        days = deadline.days_left(self.today)
        style = URGENCY_STYLES[deadline.urgency(self.today)]
        case = self._cases.get(deadline.case_id)
        heading = Content.assemble(
            (deadline.due.strftime("%a %d %b"), "bold"), "  ", (describe_days_left(days), style)
        )
        # With one case shown, say why the date is what it is; across cases, say which case.
        if self.all_cases:
            subject = user_text(case.item if case else "", "$text-muted")
        else:
            subject = Content.styled(deadline.explanation, "$text-muted")
        return Content("\n").join(
            [heading, Content("  " + deadline.kind.label), Content("  ") + subject]
        )

    def _follow_cursor(self, cursor: date) -> None:
        """Highlight the first deadline on or after the calendar's cursor day."""
        visible = self._visible()
        if not visible:
            return
        current = self.agenda.highlighted
        if current is not None and current < len(visible) and visible[current].due == cursor:
            return
        index = next((i for i, d in enumerate(visible) if d.due >= cursor), len(visible) - 1)
        self.agenda.highlighted = index

    def _step_deadline(self, step: int) -> None:
        visible = self._visible()
        if not visible:
            return
        current = self.agenda.highlighted
        index = 0 if current is None else max(0, min(len(visible) - 1, current + step))
        self.agenda.highlighted = index
        self.calendar.cursor = visible[index].due

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

    @property
    def highlighted_deadline(self) -> Deadline | None:
        """The deadline under the agenda's highlight, if any."""
        visible = self._visible()
        index = self.agenda.highlighted
        if visible and index is not None and index < len(visible):
            return visible[index]
        return None

    def action_open_deadline(self) -> None:
        if deadline := self.highlighted_deadline:
            self.post_message(self.CasePicked(deadline.case_id))

    def action_extend(self) -> None:
        if deadline := self.highlighted_deadline:
            self.post_message(self.ExtendRequested(deadline.case_id, deadline.kind))
