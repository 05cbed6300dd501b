"""Finding cases: the search box and the active/closed scope."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from itertools import compress, repeat
from operator import contains

from tui.domain.model import Case

# Between the fields of a case: a character no one types.
_SEPARATOR = "\x00"


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
    return _SEPARATOR.join(fields).casefold()


def matches(case: Case, query: str) -> bool:
    """Whether the search text appears in the order number, item, store or tracking number."""
    return query.strip().casefold() in searchable_text(case)


# How many of the latest queries' results the finder keeps (see `Finder._found`).
_QUERIES_KEPT = 16

# Case id -> (the case, its searchable text): what the finder keeps.
SearchTexts = dict[str, tuple[Case, str]]


def searchable_texts(cases: Iterable[Case]) -> SearchTexts:
    """Every case's searchable text, worked out ahead (off the keyboard thread) for `prime`."""
    return {case.id: (case, searchable_text(case)) for case in cases}


class Finder:
    """Searches many cases as you type, casefolding each case's text only once.

    A list searched again (the cases in scope, while the filter is typed) keeps its cases'
    texts beside it, so a keystroke tests them all in C (at 100,000 cases testing each case
    in Python took 60 ms a keystroke; this takes a few).
    """

    def __init__(self) -> None:
        self._texts: SearchTexts = {}
        # The list last searched and its cases' texts, in the same order.
        self._listed: tuple[list[Case] | None, list[str]] = (None, [])
        # What the latest searches of that list found (query -> the cases and their texts):
        # typing on searches only among what the query typed so far found, and going back
        # (backspace) finds the earlier result again.
        self._found: dict[str, tuple[list[Case], list[str]]] = {}

    def matching(self, cases: Iterable[Case], query: str) -> list[Case]:
        """The cases whose text contains `query`, in the order given."""
        needle = query.strip().casefold()
        if not needle:
            return list(cases)
        if not isinstance(cases, list):
            return [case for case in cases if needle in self._text(case)]
        texts = self._texts_of(cases)
        found = self._found.get(needle)
        if found is None:
            # A text holding `needle` holds every part of it: an earlier query that is part of
            # this one has found every case this one can.
            within = max(
                (earlier for earlier in self._found if earlier in needle), key=len, default=None
            )
            among, their_texts = (cases, texts) if within is None else self._found[within]
            hits = list(map(contains, their_texts, repeat(needle)))
            found = (list(compress(among, hits)), list(compress(their_texts, hits)))
            if len(self._found) >= _QUERIES_KEPT:
                del self._found[next(iter(self._found))]  # the oldest
            self._found[needle] = found
        return list(found[0])

    def prime(self, texts: SearchTexts) -> None:
        """Take texts worked out ahead (`searchable_texts`): the first search after a start-up
        need not casefold 100,000 cases (100 ms)."""
        for case_id, known in texts.items():
            self._texts.setdefault(case_id, known)

    def _text(self, case: Case) -> str:
        known = self._texts.get(case.id)
        if known is None or known[0] is not case:
            known = (case, searchable_text(case))
            self._texts[case.id] = known
        return known[1]

    def _texts_of(self, cases: list[Case]) -> list[str]:
        if self._listed[0] is not cases:
            # Kept with the list itself, so it is never mistaken for another list.
            self._listed = (cases, [self._text(case) for case in cases])
            self._found = {}
        return self._listed[1]
