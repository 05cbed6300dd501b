"""A month calendar that marks the days with deadlines, coloured by their urgency."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.app.presenters import URGENCY_STYLES
from tui.domain.deadlines import Deadline, Urgency

_WEEKDAYS = "Mo Tu We Th Fr Sa Su"
_WIDTH = len(_WEEKDAYS)


class MonthCalendar(Widget):
    """One month of days; the cursor day is highlighted and days with deadlines are coloured."""

    DEFAULT_CSS = """
    MonthCalendar {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    """

    cursor: reactive[date] = reactive(date(2000, 1, 1), layout=True)

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self._marks: dict[date, Urgency] = {}
        self.set_reactive(MonthCalendar.cursor, today)

    def mark(self, deadlines: Iterable[Deadline]) -> None:
        """Colour each day by the most urgent deadline that falls on it."""
        marks: dict[date, Urgency] = {}
        for deadline in deadlines:
            urgency = deadline.urgency(self.today)
            marks[deadline.due] = min(urgency, marks.get(deadline.due, urgency))
        self._marks = marks
        self.refresh()

    def move_months(self, months: int) -> None:
        """Move the cursor by whole months, keeping the day where the month allows."""
        import arrow  # only once the month is paged: 30 ms of start-up otherwise

        self.cursor = arrow.Arrow.fromdate(self.cursor).shift(months=months).date()

    def render(self) -> Content:
        month = calendar.Calendar().monthdatescalendar(self.cursor.year, self.cursor.month)
        title = self.cursor.strftime("%B %Y").center(_WIDTH)
        lines = [Content.styled(title, "bold"), Content.styled(_WEEKDAYS, "dim")]
        for week in month:
            cells = [self._day_cell(day) for day in week]
            lines.append(Content(" ").join(cells))
        return Content("\n").join(lines)

    def _day_cell(self, day: date) -> Content:
        if day.month != self.cursor.month:
            return Content("  ")
        styles = []
        if day in self._marks:
            styles.append(URGENCY_STYLES[self._marks[day]])
        if day == self.today:
            styles.append("underline")
        if day == self.cursor:
            styles.append("reverse" if self.has_focus else "on $boost")
        return Content.styled(f"{day.day:>2}", " ".join(styles))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
