"""Small builders for cases in tests, with every date fixed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from tui.domain.model import Case


def moment(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def a_case(**changes: Any) -> Case:
    """A defective AliExpress item received on 2026-11-10, still being decided."""
    case = Case(
        id="case-1",
        order_number="8100000000000001",
        item="Earbuds",
        created_at=moment(date(2026, 11, 10)),
        received_on=date(2026, 11, 10),
        ordered_on=date(2026, 11, 1),
    )
    return replace(case, **changes)
