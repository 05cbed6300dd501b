"""Counting business days (Monday to Friday), the unit refund times are quoted in."""

from __future__ import annotations

from datetime import date, timedelta

_SATURDAY = 5


def is_business_day(day: date) -> bool:
    return day.weekday() < _SATURDAY


def add_business_days(start: date, count: int) -> date:
    """The date `count` business days after `start` (the start day itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day
