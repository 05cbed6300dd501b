"""Every case's deadlines and urgency, kept sorted and worked out again only where cases change."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from datetime import date
from operator import attrgetter, itemgetter

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


# Deadlines sort by date, then case, then kind (a `StrEnum`: compared by its value). The key
# is taken in C: sorting every deadline of 100,000 cases took half a second with a Python key.
_deadline_key = attrgetter("due", "case_id", "kind")


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
        # Every case, the most urgent first, and (at the same positions) where each sorts.
        self._by_urgency: list[Case] = []
        self._keys: list[UrgencyKey] = []
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
            if case.id in fresh:
                continue  # listed twice: once is enough (the first)
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
        if old and self.version and len(changed) + len(removed) <= _PATCH_LIMIT:
            self._patch(old, [*changed, *removed])
        else:
            self._sort_all()
        self.version += 1
        return True

    def gather(self, cases: Iterable[Case], today: date, book: RuleBook) -> None:
        """Work out the deadlines of `cases` ahead of the `update` that will include them,
        which then only sorts: a long pass can be taken in parts."""
        if today != self._today or book is not self.book:
            self._by_case.clear()
            self._today, self.book = today, book
        known = self._by_case
        for case in cases:
            before = known.get(case.id)
            if before is None or before[0] is not case:
                found = deadlines_for(case, book, today)
                known[case.id] = (case, found, urgency_key(case, found))

    def update_changed(
        self, cases: Iterable[Case], removed: Iterable[str], today: date, book: RuleBook
    ) -> bool | None:
        """Bring the index up to date when only `cases` (new or changed) and the cases
        `removed` differ from what it last saw: O(changed), not O(every case). True if anything
        in it changed; None, having changed nothing, when that cannot be done (another day or
        rule book, or nothing worked out yet): then `update` with every case."""
        if today != self._today or book is not self.book or not self.version:
            return None
        known = self._by_case
        old: dict[str, tuple[Case, list[Deadline], UrgencyKey]] = {}
        touched: dict[str, None] = {}
        for case in cases:
            before = known.get(case.id)
            if before is not None and before[0] is case:
                continue
            if before is not None and case.id not in touched:
                old[case.id] = before  # what the sorted lists hold for it
            touched[case.id] = None
            found = deadlines_for(case, book, today)
            known[case.id] = (case, found, urgency_key(case, found))
        for case_id in removed:
            if case_id in known:
                if case_id not in touched:
                    old[case_id] = known[case_id]
                touched[case_id] = None
                del known[case_id]
        if not touched:
            return False
        self._patch(old, list(touched))
        self.version += 1
        return True

    def _sort_all(self) -> None:
        entries = self._by_case.values()
        self._merged = sorted((d for _, found, _ in entries for d in found), key=_deadline_key)
        ranked = sorted(((key, case) for case, _, key in entries), key=_first)
        self._keys = [key for key, _ in ranked]
        self._by_urgency = [case for _, case in ranked]

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
                at = bisect_left(self._keys, key)
                del self._keys[at], self._by_urgency[at]
            if case_id in self._by_case:
                case, found, key = self._by_case[case_id]
                for deadline in found:
                    insort(self._merged, deadline, key=_deadline_key)
                at = bisect_left(self._keys, key)
                self._keys.insert(at, key)
                self._by_urgency.insert(at, case)

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
        return self._by_urgency[:]

    def by_urgency_where(self, *, closed: bool) -> list[Case]:
        """The open cases (or the closed ones), the most urgent first: a slice, since every
        open case sorts before every closed one."""
        split = self.open_count
        return self._by_urgency[split:] if closed else self._by_urgency[:split]

    @property
    def open_count(self) -> int:
        """How many cases are open."""
        return bisect_left(self._keys, (True,))

    def most_urgent_ids(self, limit: int) -> list[str]:
        """The ids of the `limit` most urgent cases, most urgent first."""
        return [case.id for case in self._by_urgency[:limit]]

    def count_cases_due(self, start: date, end: date) -> int:
        """How many open cases have their next date to act by from `start` up to (not
        including) `end`."""
        return bisect_left(self._keys, (False, end)) - bisect_left(self._keys, (False, start))


_first = itemgetter(0)
