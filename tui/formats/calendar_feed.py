"""Open deadlines as an iCalendar feed, for any calendar app.

Built with the maintained `icalendar` library. Each deadline is an all-day event with reminders
(VALARM) some days before it; its UID is made from the case and the kind of deadline, so a
calendar that subscribes to the feed updates an event when its date moves instead of adding a
second one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from tui import __version__
from tui.domain.deadlines import Deadline, describe_days_left
from tui.domain.model import Case


def deadline_uid(deadline: Deadline) -> str:
    return f"{deadline.case_id}-{deadline.kind.value}@returns-tui"


def write_ics(
    deadlines: Iterable[Deadline],
    case: Callable[[str], Case],
    now: datetime,
    alarm_days: Iterable[int],
) -> bytes:
    """The deadlines as an iCalendar document, each with an alarm `alarm_days` days before."""
    calendar = Calendar()
    calendar.add("prodid", f"-//returns-tui//returns-tui {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Returns deadlines")
    leads = sorted(set(alarm_days), reverse=True)
    for deadline in deadlines:
        if deadline.is_open_now(now.date()):
            continue  # possible now: no date left to be reminded of, as in `due`
        owner = case(deadline.case_id)
        event = Event()
        event.add("uid", deadline_uid(deadline))
        event.add("dtstamp", now)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + timedelta(days=1))
        event.add("summary", f"{deadline.kind.label}: {owner.item} (order {owner.order_number})")
        event.add("description", f"{deadline.sentence}\nStore: {owner.store}")
        event.add("categories", ["Returns"])
        for days in leads:
            event.add_component(_alarm(days, deadline, owner.item))
        calendar.add_component(event)
    return calendar.to_ical()


def _alarm(days: int, deadline: Deadline, item: str) -> Alarm:
    """A reminder `days` before, e.g. 'Refund expected by 2026-12-07 (in 3 days): Earbuds'."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    when = describe_days_left(days)
    alarm.add("description", f"{deadline.kind.label} {deadline.due} ({when}): {item}")
    return alarm
