"""Finding cases: the search box and the active/closed scope."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

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


def searchable_text(case: Case) -> str:
    """What the search box looks in: order number, item, store and tracking number, casefolded."""
    fields = (case.order_number, case.item, case.store, case.shipment.tracking_number)
    # A separator no one types, so a query never matches across two fields.
    return "\x00".join(fields).casefold()


def matches(case: Case, query: str) -> bool:
    """Whether the search text appears in the order number, item, store or tracking number."""
    return query.strip().casefold() in searchable_text(case)


class Finder:
    """Searches many cases as you type, casefolding each case's text only once."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[Case, str]] = {}

    def matching(self, cases: Iterable[Case], query: str) -> list[Case]:
        """The cases whose text contains `query`, in the order given."""
        needle = query.strip().casefold()
        if not needle:
            return list(cases)
        found = []
        for case in cases:
            known = self._texts.get(case.id)
            if known is None or known[0] is not case:
                known = (case, searchable_text(case))
                self._texts[case.id] = known
            if needle in known[1]:
                found.append(case)
        return found
