"""Counting business days, the unit refunds use.

Which days are working days depends on the country: most work Monday to Friday, Israel and
Egypt Sunday to Thursday, and China moves working days onto weekends around its holidays. A
`WorkingDays` calendar answers that; the `holidays` library's country calendars are one, and
`MONDAY_TO_FRIDAY` is the one used when no country is set.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

_SATURDAY = 5


class WorkingDays(Protocol):
    """A calendar that knows whether a day is a working day."""

    def is_working_day(self, day: date) -> bool: ...


class _MondayToFriday:
    """Every Monday to Friday is a working day; no holidays."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < _SATURDAY


MONDAY_TO_FRIDAY: WorkingDays = _MondayToFriday()


def add_business_days(start: date, count: int, calendar: WorkingDays = MONDAY_TO_FRIDAY) -> date:
    """The date `count` business days after `start` (the start day itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day
