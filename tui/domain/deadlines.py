"""A date a shopper must act by: the value, its urgency and how it reads.

The rules that find a case's deadlines are in `tui.domain.deadline_rules`; the index that keeps
every case's deadlines sorted is in `tui.domain.deadline_index`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from tui.domain.model import DeadlineKind

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
    # The policy rule whose number the date counts with, so its source can be shown.
    rule: str = ""

    @property
    def sentence(self) -> str:
        """The deadline in one line, e.g. 'Return window closes 2026-12-04 (received ...)'."""
        return f"{self.kind.label} {self.due} ({self.explanation})"

    def days_left(self, today: date) -> int:
        """Days until the deadline; negative once it has passed."""
        return (self.due - today).days

    def is_open_now(self, today: date) -> bool:
        """Whether this is an opening (a dispute can be opened...) already reached: it is then
        something the shopper can do now, never overdue."""
        return self.kind.is_opening and self.due < today

    def when(self, today: date) -> str:
        """How far off the deadline is, in words: 'in 3 days', '2 days overdue', 'open now'."""
        return "open now" if self.is_open_now(today) else describe_days_left(self.days_left(today))

    def urgency(self, today: date) -> Urgency:
        days = self.days_left(today)
        if self.is_open_now(today):
            return Urgency.SOON
        if days < 0:
            return Urgency.OVERDUE
        if days <= SOON_DAYS:
            return Urgency.SOON
        if days <= 7:
            return Urgency.THIS_WEEK
        return Urgency.LATER


def first_to_act(deadlines: Iterable[Deadline]) -> Deadline | None:
    """The earliest date to act by among `deadlines` (sorted), skipping openings."""
    return next((d for d in deadlines if not d.kind.is_opening), None)


def seller_silent(deadlines: Iterable[Deadline], today: date) -> Deadline | None:
    """The follow-up a silent seller let pass while a dispute can still be opened (the last
    day to open one is listed and not past): the guide's next step is then a dispute."""
    by_kind = {deadline.kind: deadline for deadline in deadlines}
    follow_up = by_kind.get(DeadlineKind.FOLLOW_UP)
    closes = by_kind.get(DeadlineKind.DISPUTE_CLOSES)
    if follow_up is None or closes is None or not follow_up.due < today <= closes.due:
        return None
    return follow_up


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
