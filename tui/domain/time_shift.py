"""Moving a case through time, so the bundled demo always looks current.

The demo store is written as of one day; opening it later shifts every date by the same amount,
keeping its deadlines "in 3 days" and "2 days overdue" rather than all long past. Dates are
found by walking the case's fields, so a date field added later is shifted without a word here.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from datetime import date, timedelta
from typing import Any, TypeVar

from tui.domain.model import Case

T = TypeVar("T")


def shift_case(case: Case, delta: timedelta) -> Case:
    """The case with every date and timestamp, its events' too, moved by `delta`."""
    return _shifted(case, delta)


def _shifted(value: T, delta: timedelta) -> T:
    # datetime is a date too: both move by the same delta.
    if isinstance(value, date):
        return value + delta  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_shifted(item, delta) for item in value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for field in fields(value):
            old = getattr(value, field.name)
            new = _shifted(old, delta)
            if new is not old:
                changes[field.name] = new
        return replace(value, **changes) if changes else value
    return value
