"""Every case's deadlines and urgency, kept sorted and worked out again only where cases change."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from datetime import date

from tui.domain.deadline_rules import deadlines_for
from tui.domain.deadlines import Deadline, first_to_act
from tui.domain.model import Case
from tui.domain.policy import RuleBook

UrgencyKey = tuple[bool, date, float, str]


def urgency_key(case: Case, deadlines: list[Deadline]) -> UrgencyKey:
    """Where a case sorts: open before closed, then by its first date to act by (an earlier date
    is always more urgent, whatever today is), then newest first."""
    deadline = first_to_act(deadlines)
    due = deadline.due if deadline else date.max
    return (case.is_closed, due, -case.created_at.timestamp(), case.id)


def _deadline_key(deadline: Deadline) -> tuple[date, str, str]:
    return (deadline.due, deadline.case_id, deadline.kind.value)


# Past this many changed cases, sorting everything again is cheaper than patching.
_PATCH_LIMIT = 50


class DeadlineIndex:
    """Every case's deadlines and urgency, worked out again only for the cases that changed.

    Cases are immutable values, so a case that is the same object as last time has the same
    deadlines (for the same day and rule book). At 10,000 cases a refresh after one edit costs
    one case's rules and a few insertions into the sorted lists, instead of everything.
    """

    def __init__(self) -> None:
        self.book: RuleBook | None = None
        self._today = date.min
        self._by_case: dict[str, tuple[Case, list[Deadline], UrgencyKey]] = {}
        self._merged: list[Deadline] = []
        self._by_urgency: list[tuple[UrgencyKey, Case]] = []
        # Goes up whenever anything in the index changes, so callers can cache what they derive.
        self.version = 0

    def update(self, cases: Iterable[Case], today: date, book: RuleBook) -> bool:
        """Bring the index up to date with `cases`; True if anything in it changed."""
        if today != self._today or book is not self.book:
            self._by_case.clear()
            self._today, self.book = today, book
        old = self._by_case
        fresh: dict[str, tuple[Case, list[Deadline], UrgencyKey]] = {}
        changed: list[str] = []
        for case in cases:
            known = old.get(case.id)
            if known is None or known[0] is not case:
                found = deadlines_for(case, book, today)
                known = (case, found, urgency_key(case, found))
                changed.append(case.id)
            fresh[case.id] = known
        removed = [case_id for case_id in old if case_id not in fresh]
        self._by_case = fresh
        if not changed and not removed and self.version:
            return False
        if old and len(changed) + len(removed) <= _PATCH_LIMIT:
            self._patch(old, [*changed, *removed])
        else:
            self._sort_all()
        self.version += 1
        return True

    def _sort_all(self) -> None:
        entries = self._by_case.values()
        self._merged = sorted((d for _, found, _ in entries for d in found), key=_deadline_key)
        self._by_urgency = sorted(((key, case) for case, _, key in entries), key=_first)

    def _patch(
        self, old: dict[str, tuple[Case, list[Deadline], UrgencyKey]], ids: list[str]
    ) -> None:
        """Take the changed cases out of the sorted lists and put their new versions in."""
        for case_id in ids:
            if case_id in old:
                _, found, key = old[case_id]
                for deadline in found:
                    del self._merged[
                        bisect_left(self._merged, _deadline_key(deadline), key=_deadline_key)
                    ]
                del self._by_urgency[bisect_left(self._by_urgency, key, key=_first)]
            if case_id in self._by_case:
                case, found, key = self._by_case[case_id]
                for deadline in found:
                    insort(self._merged, deadline, key=_deadline_key)
                insort(self._by_urgency, (key, case), key=_first)

    def case(self, case_id: str) -> Case | None:
        """The case the index last saw with this id."""
        known = self._by_case.get(case_id)
        return known[0] if known else None

    def of(self, case_id: str) -> list[Deadline]:
        """One case's deadlines, earliest first."""
        known = self._by_case.get(case_id)
        return known[1] if known else []

    @property
    def merged(self) -> list[Deadline]:
        """Every case's deadlines in one list, earliest first."""
        return self._merged

    @property
    def by_urgency(self) -> list[Case]:
        """Every case, the most urgent first."""
        return [case for _, case in self._by_urgency]

    def most_urgent_ids(self, limit: int) -> list[str]:
        """The ids of the `limit` most urgent cases, most urgent first."""
        return [case.id for _, case in self._by_urgency[:limit]]

    def count_cases_due(self, start: date, end: date) -> int:
        """How many open cases have their next date to act by from `start` up to (not
        including) `end`."""
        low = bisect_left(self._by_urgency, (False, start), key=_first)
        high = bisect_left(self._by_urgency, (False, end), key=_first)
        return high - low


def _first(entry: tuple[UrgencyKey, Case]) -> UrgencyKey:
    return entry[0]
