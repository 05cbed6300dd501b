"""The dates a shopper must act by, computed from a case, its timeline and the rule book.

Which deadlines apply depends on the stage: the return window and the dispute window matter
while asking for a return, the seller's response date while a dispute is open, the ship-back date
once a return is agreed, the refund dates once the refund has started. Each deadline carries the
date it counts from and a short explanation, so the shopper can check it against what the seller
says. Openings (a dispute can be opened, escalation available) are only shown while ahead.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from tui.domain.business_days import add_business_days
from tui.domain.history import (
    dispute_opened_on,
    entered_on,
    last_unanswered_message_on,
    refund_started_on,
)
from tui.domain.model import Case, DeadlineKind, Reason, Stage
from tui.domain.policy import RuleBook

# A deadline this many days away or fewer is "soon" (and coloured so).
SOON_DAYS = 2


class Urgency(IntEnum):
    """How soon a deadline needs action; lower is more urgent."""

    OVERDUE = 0
    SOON = 1
    THIS_WEEK = 2
    LATER = 3


@dataclass(frozen=True, slots=True)
class Deadline:
    """One date a case must meet, the date it counts from, and why it is that date."""

    case_id: str
    kind: DeadlineKind
    due: date
    start: date
    explanation: str
    # For a range (a refund expected between two dates): the earliest date.
    earliest: date | None = None

    @property
    def sentence(self) -> str:
        """The deadline in one line, e.g. 'Return window closes 2026-12-04 (received ...)'."""
        return f"{self.kind.label} {self.due} ({self.explanation})"

    def days_left(self, today: date) -> int:
        """Days until the deadline; negative once it has passed."""
        return (self.due - today).days

    def urgency(self, today: date) -> Urgency:
        days = self.days_left(today)
        if days < 0:
            return Urgency.OVERDUE
        if days <= SOON_DAYS:
            return Urgency.SOON
        if days <= 7:
            return Urgency.THIS_WEEK
        return Urgency.LATER


_ASKING = frozenset({Stage.DECIDING, Stage.SELLER_CONTACTED})
_AWAITING_SELLER = frozenset({Stage.SELLER_CONTACTED, Stage.DISPUTE_OPEN})


class _Builder:
    """Collects one case's deadlines, applying its extensions to each."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.found: list[Deadline] = []

    def add(
        self,
        kind: DeadlineKind,
        start: date,
        due: date,
        explanation: str,
        earliest: date | None = None,
    ) -> None:
        for extension in self.case.extensions:
            if extension.kind is kind:
                due += timedelta(days=extension.days)
                explanation += f"; {extension.days:+d} days, {extension.reason}"
        self.found.append(Deadline(self.case.id, kind, due, start, explanation, earliest))


def deadlines_for(case: Case, book: RuleBook, today: date) -> list[Deadline]:
    """Every deadline that applies to the case in its stage on `today`, earliest first."""
    if case.is_closed:
        return []
    builder = _Builder(case)
    _window_deadlines(builder, book)
    _conversation_deadlines(builder, book)
    _return_and_refund_deadlines(builder, book)
    upcoming = (d for d in builder.found if not (d.kind.is_opening and d.due < today))
    return sorted(upcoming, key=lambda deadline: deadline.due)


def _days_after(start: date, days: int) -> date:
    return start + timedelta(days=days)


def _window_deadlines(builder: _Builder, book: RuleBook) -> None:
    """Return, Free Return, dispute and buyer-protection windows, while asking for a return."""
    case = builder.case
    policy = book.policy_for(case)
    if case.stage not in _ASKING:
        return
    received = case.received_on
    if received is not None:
        days, whose = book.return_window(case)
        builder.add(
            DeadlineKind.RETURN_WINDOW,
            received,
            _days_after(received, days),
            f"received {received} + {days} days, {whose}",
        )
        if case.free_return:
            days = policy.free_return_days
            builder.add(
                DeadlineKind.FREE_RETURN,
                received,
                _days_after(received, days),
                f"received {received} + {days} days of Free Return",
            )
    if not policy.has_disputes:
        return
    shipped = case.shipped_on
    if shipped is not None:
        days = policy.dispute_opens_after_shipping_days
        builder.add(
            DeadlineKind.DISPUTE_OPENS,
            shipped,
            _days_after(shipped, days + 1),
            f"shipped {shipped}: disputes open from day {days + 1}",
        )
    closes_after = policy.dispute_closes_after_receipt_days
    if received is not None:
        builder.add(
            DeadlineKind.DISPUTE_CLOSES,
            received,
            _days_after(received, closes_after),
            f"received {received} + {closes_after} days",
        )
        days = policy.buyer_protection_days
        builder.add(
            DeadlineKind.BUYER_PROTECTION,
            received,
            _days_after(received, days),
            f"received {received} + {days} days of {policy.name} buyer protection",
        )
    elif case.reason is Reason.NOT_RECEIVED and shipped is not None:
        if case.promised_delivery_days is not None:
            delivery = case.promised_delivery_days
            counted = f"{delivery}-day promised delivery"
        else:
            delivery = policy.delivery_limit_days
            counted = f"{delivery}-day delivery limit (no promised delivery recorded)"
        builder.add(
            DeadlineKind.DISPUTE_CLOSES,
            shipped,
            _days_after(shipped, delivery + closes_after),
            f"shipped {shipped} + {counted} + {closes_after} days",
        )


def _conversation_deadlines(builder: _Builder, book: RuleBook) -> None:
    """Chasing a silent seller, and the dispute's response and escalation dates."""
    case = builder.case
    policy = book.policy_for(case)
    zone = book.timezone
    if case.stage in _AWAITING_SELLER and (asked := last_unanswered_message_on(case, zone)):
        days = policy.follow_up_days
        builder.add(
            DeadlineKind.FOLLOW_UP,
            asked,
            _days_after(asked, days),
            f"no reply to your message of {asked} after {days} days",
        )
    opened = dispute_opened_on(case, zone)
    if case.stage is Stage.DISPUTE_OPEN and opened is not None:
        days = policy.seller_response_days
        builder.add(
            DeadlineKind.SELLER_RESPONSE,
            opened,
            _days_after(opened, days),
            f"dispute opened {opened} + {days} days; a silent seller means an automatic refund",
        )
        days = policy.escalation_after_days
        builder.add(
            DeadlineKind.ESCALATION,
            opened,
            _days_after(opened, days),
            f"dispute opened {opened} + {days} days",
        )


def _return_and_refund_deadlines(builder: _Builder, book: RuleBook) -> None:
    """Shipping the item back once agreed, and the refund's arrival once started."""
    case = builder.case
    policy = book.policy_for(case)
    agreed = entered_on(case, book.timezone, Stage.RETURN_AGREED)
    if case.stage is Stage.RETURN_AGREED and agreed is not None:
        days = policy.ship_back_days
        builder.add(
            DeadlineKind.SHIP_BACK,
            agreed,
            _days_after(agreed, days),
            f"return agreed {agreed} + {days} days",
        )
    started = refund_started_on(case, book.timezone)
    if case.stage is Stage.REFUND_PENDING and started is not None:
        time = policy.refund_business_days[case.payment_method]
        builder.add(
            DeadlineKind.REFUND_EXPECTED,
            started,
            add_business_days(started, time.slowest, book.working_days),
            f"refund started {started}: {time.fastest}-{time.slowest} business days "
            f"to {case.payment_method.label.lower()}",
            earliest=add_business_days(started, time.fastest, book.working_days),
        )


def first_to_act(deadlines: Iterable[Deadline]) -> Deadline | None:
    """The earliest date to act by among `deadlines` (sorted), skipping openings."""
    return next((d for d in deadlines if not d.kind.is_opening), None)


def describe_days_left(days: int) -> str:
    """A deadline's distance in words: 'today', 'in 3 days', '2 days overdue'."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "1 day overdue"
    if days < 0:
        return f"{-days} days overdue"
    return f"in {days} days"


UrgencyKey = tuple[bool, date, float, str]


def urgency_key(case: Case, deadlines: list[Deadline]) -> UrgencyKey:
    """Where a case sorts: open before closed, then by its first date to act by (an earlier date
    is always more urgent, whatever today is), then newest first."""
    deadline = first_to_act(deadlines)
    due = deadline.due if deadline else date.max
    return (case.is_closed, due, -case.created_at.timestamp(), case.id)


def _deadline_key(deadline: Deadline) -> tuple[date, str, str]:
    return (deadline.due, deadline.case_id, deadline.kind.value)


def _due(deadline: Deadline) -> date:
    return deadline.due


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

    def count_due(self, start: date, end: date) -> int:
        """How many dates to act by fall from `start` up to (not including) `end`."""
        low = bisect_left(self._merged, start, key=_due)
        high = bisect_left(self._merged, end, key=_due)
        if end <= self._today:
            return high - low  # openings are only kept while ahead, so none are in the past
        return sum(1 for deadline in self._merged[low:high] if not deadline.kind.is_opening)


def _first(entry: tuple[UrgencyKey, Case]) -> UrgencyKey:
    return entry[0]
