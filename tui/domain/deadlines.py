"""The dates a shopper must act by, computed from a case, its timeline and the policy.

Each deadline carries a one-line explanation of how it was worked out, so the shopper can check
it against what the seller says. Which deadlines apply depends on the stage: the return window
matters while asking for a return, the ship-back date once it is agreed, the refund date once
the refund has started.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from tui.domain.business_days import add_business_days
from tui.domain.model import Case, EventKind, Stage
from tui.domain.policy import Policy


class DeadlineKind(StrEnum):
    """The kinds of date a case can have to meet."""

    RETURN_WINDOW = "return_window"
    FOLLOW_UP = "follow_up"
    SHIP_BACK = "ship_back"
    REFUND_EXPECTED = "refund_expected"

    @property
    def label(self) -> str:
        return {
            DeadlineKind.RETURN_WINDOW: "Return window closes",
            DeadlineKind.FOLLOW_UP: "Follow up with seller",
            DeadlineKind.SHIP_BACK: "Ship the return by",
            DeadlineKind.REFUND_EXPECTED: "Refund expected by",
        }[self]


class Urgency(IntEnum):
    """How soon a deadline needs action; lower is more urgent."""

    OVERDUE = 0
    SOON = 1
    THIS_WEEK = 2
    LATER = 3


@dataclass(frozen=True, slots=True)
class Deadline:
    """One date a case must meet, and why it is that date."""

    case_id: str
    kind: DeadlineKind
    due: date
    explanation: str

    def days_left(self, today: date) -> int:
        """Days until the deadline; negative once it has passed."""
        return (self.due - today).days

    def urgency(self, today: date) -> Urgency:
        days = self.days_left(today)
        if days < 0:
            return Urgency.OVERDUE
        if days <= 2:
            return Urgency.SOON
        if days <= 7:
            return Urgency.THIS_WEEK
        return Urgency.LATER


_ASKING = frozenset({Stage.DECIDING, Stage.SELLER_CONTACTED})
_AWAITING_SELLER = frozenset({Stage.SELLER_CONTACTED, Stage.DISPUTE_OPEN})


def deadlines_for(case: Case, policy: Policy) -> list[Deadline]:
    """Every deadline that applies to the case in its current stage, earliest first."""
    if case.is_closed:
        return []
    return sorted(_candidates(case, policy), key=lambda deadline: deadline.due)


def _candidates(case: Case, policy: Policy) -> Iterator[Deadline]:
    if case.stage in _ASKING and case.received_on is not None:
        days = case.return_window_days or policy.return_window_days
        source = "seller's window" if case.return_window_days else f"{policy.name} default"
        yield Deadline(
            case.id,
            DeadlineKind.RETURN_WINDOW,
            case.received_on + timedelta(days=days),
            f"received {case.received_on} + {days} days ({source})",
        )
    if case.stage in _AWAITING_SELLER and (asked := _unanswered_message_day(case)):
        yield Deadline(
            case.id,
            DeadlineKind.FOLLOW_UP,
            asked + timedelta(days=policy.follow_up_days),
            f"no reply to your message of {asked} after {policy.follow_up_days} days",
        )
    if case.stage is Stage.RETURN_AGREED and (agreed := _entered_on(case, Stage.RETURN_AGREED)):
        yield Deadline(
            case.id,
            DeadlineKind.SHIP_BACK,
            agreed + timedelta(days=policy.ship_back_days),
            f"return agreed {agreed} + {policy.ship_back_days} days",
        )
    if case.stage is Stage.REFUND_PENDING and case.refund.initiated_on is not None:
        started = case.refund.initiated_on
        slowest = policy.refund_times[case.payment_method].slowest
        yield Deadline(
            case.id,
            DeadlineKind.REFUND_EXPECTED,
            add_business_days(started, slowest),
            f"refund started {started} + {slowest} business days "
            f"({case.payment_method.label.lower()})",
        )


def _unanswered_message_day(case: Case) -> date | None:
    """The day of the shopper's latest message, if the seller has not replied since."""
    for event in reversed(case.events):
        if event.kind is EventKind.SELLER_REPLY:
            return None
        if event.kind is EventKind.MESSAGE_SENT:
            return event.at.date()
    return None


def _entered_on(case: Case, stage: Stage) -> date | None:
    """The day the case last moved into `stage`, from its timeline."""
    return next(
        (
            event.at.date()
            for event in reversed(case.events)
            if event.kind is EventKind.STAGE_CHANGE and event.stage is stage
        ),
        None,
    )


def next_deadline(case: Case, policy: Policy) -> Deadline | None:
    """The earliest deadline of the case (an overdue one counts as the earliest)."""
    return next(iter(deadlines_for(case, policy)), None)


def all_deadlines(cases: Iterable[Case], policy: Policy) -> list[Deadline]:
    """The deadlines of every open case, earliest first."""
    found = [deadline for case in cases for deadline in deadlines_for(case, policy)]
    return sorted(found, key=lambda deadline: deadline.due)


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
