"""The ranges a value must be in to be accepted anywhere: forms, imports and the store file.

One place for them, so that every entrance refuses the same values (naming the field), and
nothing accepted can crash the deadline arithmetic, the calendar feed or the display later.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

EARLIEST_DAY = date(1990, 1, 1)
LATEST_DAY = date(2100, 12, 31)
# Amounts are below this (in any currency); they are never negative.
AMOUNT_LIMIT = Decimal(10) ** 9
# A deadline extension (either way), a return window, a store's own window: at most a year.
MAX_DAYS = 366
# Any one text (an item, a note, an event's details, a file path): pages, never a megabyte.
TEXT_LIMIT = 20_000


def day_problem(day: date | datetime) -> str | None:
    """Why `day` cannot be accepted, or None."""
    plain = day.date() if isinstance(day, datetime) else day
    if not EARLIEST_DAY <= plain <= LATEST_DAY:
        return f"{plain} is not between {EARLIEST_DAY.year} and {LATEST_DAY.year}"
    return None


def amount_problem(amount: Decimal) -> str | None:
    """Why `amount` cannot be accepted, or None."""
    if not amount.is_finite():
        return "must be a finite number"
    if amount < 0:
        return "must not be negative"
    if amount >= AMOUNT_LIMIT:
        return f"must be below {AMOUNT_LIMIT:,.0f}"
    if amount.as_tuple().exponent > 0:  # 1E+5: finite, so the exponent is a number
        return "must be written in digits, e.g. 12.50 (not 1E+5)"
    return None


def text_problem(text: str) -> str | None:
    """Why `text` is too long to be accepted, or None."""
    if len(text) > TEXT_LIMIT:
        return f"is {len(text):,} characters long: at most {TEXT_LIMIT:,}"
    return None


def days_problem(days: int, *, signed: bool = False) -> str | None:
    """Why a number of days (an extension if `signed`, else a window) cannot be accepted."""
    low = -MAX_DAYS if signed else 0
    if not low <= days <= MAX_DAYS:
        return f"must be between {low} and {MAX_DAYS} days"
    return None
