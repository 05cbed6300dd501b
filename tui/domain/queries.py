"""Finding and ordering cases: the search box, the active/closed scope and urgency order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum

from tui.domain.deadlines import Deadline, first_to_act
from tui.domain.model import Case


class Scope(StrEnum):
    """Which cases the list shows."""

    ACTIVE = "active"
    CLOSED = "closed"
    ALL = "all"

    def next(self) -> Scope:
        members = list(Scope)
        return members[(members.index(self) + 1) % len(members)]

    def includes(self, case: Case) -> bool:
        if self is Scope.ALL:
            return True
        return case.is_closed == (self is Scope.CLOSED)


def matches(case: Case, query: str) -> bool:
    """Whether the search text appears in the order number, item, store or tracking number."""
    needle = query.strip().casefold()
    if not needle:
        return True
    haystack = (case.order_number, case.item, case.store, case.shipment.tracking_number)
    return any(needle in text.casefold() for text in haystack)


def by_urgency(cases: Iterable[Case], deadlines_of: Callable[[str], list[Deadline]]) -> list[Case]:
    """Open cases with the nearest (or most overdue) deadline first, then the rest, newest first.

    An earlier due date is always more urgent, so the order does not depend on today's date.
    """
    far_future = date.max

    def key(case: Case) -> tuple[bool, date, float]:
        deadline = first_to_act(deadlines_of(case.id))
        due = deadline.due if deadline else far_future
        return (case.is_closed, due, -case.created_at.timestamp())

    return sorted(cases, key=key)
