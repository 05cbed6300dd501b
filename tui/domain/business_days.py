"""Counting business days (Monday to Friday, less public holidays), the unit refunds use."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

_SATURDAY = 5
NO_HOLIDAYS: frozenset[date] = frozenset()


def is_business_day(day: date, holidays: Container[date] = NO_HOLIDAYS) -> bool:
    return day.weekday() < _SATURDAY and day not in holidays


def add_business_days(start: date, count: int, holidays: Container[date] = NO_HOLIDAYS) -> date:
    """The date `count` business days after `start` (the start day itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day, holidays):
            remaining -= 1
    return day
