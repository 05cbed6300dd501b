"""Which deadlines a case has, computed from the case, its timeline and the rule book.

Every open stage has a clock: the return and dispute windows while asking for a return, the
seller's response while a dispute is open, the ship-back date once a return is agreed, a quiet
parcel and the seller's receipt while it travels back, the seller's decision while inspecting, the
replacement's arrival, the refund's arrival, a lost parcel's claim; and a follow-up whenever the
shopper last wrote to the seller (a message, or the move to Seller contacted) and had no reply.
A seller silent past the follow-up while a dispute can be opened makes the follow-up say so.
Each deadline carries the date it counts from, a short explanation and the policy rule behind
its number. Escalation is only shown while ahead; the day a dispute can be opened stays, as
"open now", until the last day to open one, which is shown past asking while it is ahead and
never again once a dispute was opened. The timeline is read in date order (see `Case`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from operator import attrgetter

from tui.domain.business_days import add_business_days
from tui.domain.deadlines import Deadline, seller_silent
from tui.domain.history import (
    dispute_opened_on,
    entered_at,
    entered_on,
    last_unanswered_message_on,
    written_day,
)
from tui.domain.model import Case, DeadlineKind, EventKind, Reason, Stage
from tui.domain.policy import Policy, RuleBook

_ASKING = frozenset({Stage.DECIDING, Stage.SELLER_CONTACTED})
# The stages with a clock of their own (see `_stage_clocks`).
_CLOCKED = frozenset(
    {
        Stage.RETURN_AGREED,
        Stage.SHIPPED_BACK,
        Stage.SELLER_INSPECTING,
        Stage.REPLACEMENT_COMING,
        Stage.REFUND_PENDING,
    }
)


class _Builder:
    """Collects one case's deadlines, applying its extensions to each."""

    __slots__ = ("book", "case", "found", "policy")

    def __init__(self, case: Case, book: RuleBook, policy: Policy | None = None) -> None:
        self.case = case
        self.book = book
        self.policy = book.policy_for(case) if policy is None else policy
        self.found: list[Deadline] = []

    def entered(self, stage: Stage) -> date | None:
        return entered_on(self.case, stage)

    def add(
        self,
        kind: DeadlineKind,
        start: date,
        due: date,
        explanation: str,
        rule: str,
        earliest: date | None = None,
    ) -> None:
        for extension in self.case.extensions or ():
            if extension.kind is kind:
                due += timedelta(days=extension.days)
                explanation += f"; {extension.days:+d} days, {extension.reason}"
        self.found.append(Deadline(self.case.id, kind, due, start, explanation, earliest, rule))

    def after(self, kind: DeadlineKind, start: date, rule: str, explanation: str) -> None:
        """A deadline `rule`'s number of days after `start`."""
        days = getattr(self.policy, rule)
        self.add(kind, start, start + timedelta(days=days), explanation.format(days=days), rule)


def deadlines_for(case: Case, book: RuleBook, today: date) -> list[Deadline]:
    """Every deadline that applies to the case in its stage on `today`, earliest first."""
    if case.is_closed:
        return []
    builder = _Builder(case, book)
    if case.stage in _ASKING:
        _asking_windows(builder)
    closes = _dispute_closes_shown(builder, today)
    if closes is not None:
        builder.found.append(closes)
    _conversation(builder)
    _stage_clocks(builder)
    upcoming = [d for d in builder.found if _still_shown(d, today, closes)]
    if (silent := seller_silent(upcoming, today)) is not None:
        upcoming[upcoming.index(silent)] = _silence(silent, upcoming, today)
    upcoming.sort(key=_due)
    return upcoming


def _dispute_closes_shown(builder: _Builder, today: date) -> Deadline | None:
    """The last day to open a dispute: while asking; later, while it is ahead, unless a
    dispute was opened already (it has nothing more to say then)."""
    case = builder.case
    if case.stage is Stage.DISPUTE_OPEN:
        return None
    if case.stage not in _ASKING and entered_at(case, Stage.DISPUTE_OPEN) is not None:
        return None
    closes = dispute_closes(case, builder.book, builder.policy)
    if closes is None or (case.stage not in _ASKING and closes.due < today):
        return None
    return closes


def _still_shown(deadline: Deadline, today: date, closes: Deadline | None) -> bool:
    """Dates to act by always; an opening while ahead, and the dispute's opening, as "open
    now", until its last day."""
    if deadline.due >= today or not deadline.kind.is_opening:
        return True
    return (
        deadline.kind is DeadlineKind.DISPUTE_OPENS and closes is not None and closes.due >= today
    )


def _silence(follow_up: Deadline, deadlines: list[Deadline], today: date) -> Deadline:
    """The follow-up of a silent seller, saying the next step: open a dispute."""
    by_kind = {deadline.kind: deadline for deadline in deadlines}
    closes = by_kind[DeadlineKind.DISPUTE_CLOSES].due
    window = ""
    if (opens := by_kind.get(DeadlineKind.DISPUTE_OPENS)) is not None:
        window = f"possible {'since' if opens.due <= today else 'from'} {opens.due}, "
    explanation = (
        f"Seller silent since {follow_up.start}: open a dispute ({window}last day {closes})"
    )
    return replace(follow_up, explanation=explanation)


_due = attrgetter("due")


def _asking_windows(builder: _Builder) -> None:
    """Return, Free Return, buyer protection and the dispute opening, while asking."""
    case, policy = builder.case, builder.policy
    received = case.received_on
    if received is not None:
        days, whose = builder.book.return_window(case)
        builder.add(
            DeadlineKind.RETURN_WINDOW,
            received,
            received + timedelta(days=days),
            f"received {received} + {days} days, {whose}",
            "return_window_days",
        )
        if case.free_return:
            builder.after(
                DeadlineKind.FREE_RETURN,
                received,
                "free_return_days",
                f"received {received} + {{days}} days of Free Return",
            )
    if not policy.has_disputes:
        return
    if case.shipped_on is not None:
        days = policy.dispute_opens_after_shipping_days
        builder.add(
            DeadlineKind.DISPUTE_OPENS,
            case.shipped_on,
            case.shipped_on + timedelta(days=days + 1),
            f"shipped {case.shipped_on}: disputes open from day {days + 1}",
            "dispute_opens_after_shipping_days",
        )
    if received is not None:
        builder.after(
            DeadlineKind.BUYER_PROTECTION,
            received,
            "buyer_protection_days",
            f"received {received} + {{days}} days of {policy.name} buyer protection",
        )


def dispute_closes(case: Case, book: RuleBook, policy: Policy | None = None) -> Deadline | None:
    """The last day to open a dispute, whatever the stage (None: no dispute system or no date
    to count from); `policy` is the case's, if already looked up."""
    builder = _Builder(case, book, policy)
    policy = builder.policy
    if not policy.has_disputes:
        return None
    closes_after = policy.dispute_closes_after_receipt_days
    rule = "dispute_closes_after_receipt_days"
    if case.received_on is not None:
        builder.after(
            DeadlineKind.DISPUTE_CLOSES,
            case.received_on,
            rule,
            f"received {case.received_on} + {{days}} days",
        )
    elif case.reason is Reason.NOT_RECEIVED and case.shipped_on is not None:
        delivery, counted, rule = _delivery_time(case, policy)
        builder.add(
            DeadlineKind.DISPUTE_CLOSES,
            case.shipped_on,
            case.shipped_on + timedelta(days=delivery + closes_after),
            f"shipped {case.shipped_on} + {counted} + {closes_after} days",
            rule,
        )
    return builder.found[0] if builder.found else None


def _delivery_time(case: Case, policy: Policy) -> tuple[int, str, str]:
    """Days a delivery may take, in words, and the rule they come from: the promise on the
    order page, else the policy's delivery limit."""
    if case.promised_delivery_days is not None:
        days = case.promised_delivery_days
        return days, f"{days}-day promised delivery", ""
    days = policy.delivery_limit_days
    return days, f"{days}-day delivery limit (no promised delivery recorded)", "delivery_limit_days"


def _conversation(builder: _Builder) -> None:
    """Chasing a silent seller in any open stage, and the dispute's own dates."""
    case = builder.case
    if asked := last_unanswered_message_on(case):
        builder.after(
            DeadlineKind.FOLLOW_UP,
            asked,
            "follow_up_days",
            f"no reply since you wrote on {asked}, after {{days}} days",
        )
    if case.stage is Stage.DISPUTE_OPEN and (opened := dispute_opened_on(case)):
        # A marketplace's dispute system refunds when the seller is silent; a store has none.
        silence = (
            "; a silent seller means an automatic refund" if builder.policy.has_disputes else ""
        )
        builder.after(
            DeadlineKind.SELLER_RESPONSE,
            opened,
            "seller_response_days",
            f"dispute opened {opened} + {{days}} days{silence}",
        )
        builder.after(
            DeadlineKind.ESCALATION,
            opened,
            "escalation_after_days",
            f"dispute opened {opened} + {{days}} days",
        )


def _stage_clocks(builder: _Builder) -> None:
    """The clock of each stage after the seller agreed to something."""
    case = builder.case
    stage = case.stage
    if stage not in _CLOCKED:
        return
    entered = builder.entered(stage)
    if entered is None:
        return
    if stage is Stage.RETURN_AGREED:
        builder.after(
            DeadlineKind.SHIP_BACK,
            entered,
            "ship_back_days",
            f"return agreed {entered} + {{days}} days",
        )
    elif stage is Stage.SHIPPED_BACK:
        _parcel_clocks(builder, entered)
    elif stage is Stage.SELLER_INSPECTING:
        builder.after(
            DeadlineKind.SELLER_DECISION,
            entered,
            "inspection_days",
            f"inspection began {entered} + {{days}} days",
        )
    elif stage is Stage.REPLACEMENT_COMING:
        days, counted, rule = _delivery_time(case, builder.policy)
        builder.add(
            DeadlineKind.REPLACEMENT_ARRIVES,
            entered,
            entered + timedelta(days=days),
            f"seller sent it {entered} + {counted}; then open a dispute if it has not arrived",
            rule,
        )
    elif stage is Stage.REFUND_PENDING:
        _refund_clock(builder, entered)


def _parcel_clocks(builder: _Builder, shipped_back: date) -> None:
    """A return parcel in transit: chase it when tracking goes quiet; once delivered (for good:
    a later tracking update changes nothing), the seller should confirm receipt; once lost,
    file a carrier claim, until it is filed or the parcel turns up."""
    latest = None
    for event in builder.case.events:
        if written_day(event) < shipped_back or event.kind not in _PARCEL_NEWS:
            continue
        if event.kind is EventKind.RETURN_DELIVERED:
            delivered = written_day(event)
            builder.after(
                DeadlineKind.RECEIPT_CONFIRMATION,
                delivered,
                "return_receipt_days",
                f"return delivered {delivered} + {{days}} days",
            )
            return
        latest = event
    if latest is not None and latest.kind is EventKind.CARRIER_CLAIM:
        return
    if latest is not None and latest.kind is EventKind.PARCEL_LOST:
        lost = written_day(latest)
        builder.after(
            DeadlineKind.LOST_PARCEL,
            lost,
            "lost_parcel_days",
            f"parcel lost {lost} + {{days}} days: file the carrier claim and tell the seller "
            "(or open a dispute)",
        )
        return
    moved = written_day(latest) if latest is not None else shipped_back
    what = f"last tracking update {moved}" if latest is not None else f"shipped back {moved}"
    builder.after(
        DeadlineKind.TRACKING_STALLED,
        moved,
        "stalled_tracking_days",
        f"{what} + {{days}} quiet days: file a carrier claim and tell the seller",
    )


# What is heard of a return parcel on its way; a tracking update after a loss means it was found.
_PARCEL_NEWS = frozenset(
    {
        EventKind.TRACKING_UPDATE,
        EventKind.RETURN_DELIVERED,
        EventKind.PARCEL_LOST,
        EventKind.CARRIER_CLAIM,
    }
)


def _refund_clock(builder: _Builder, started: date) -> None:
    case, book = builder.case, builder.book
    time = builder.policy.refund_business_days[case.payment_method]
    builder.add(
        DeadlineKind.REFUND_EXPECTED,
        started,
        add_business_days(started, time.slowest, book.working_days),
        f"refund started {started}: {time.fastest}-{time.slowest} business days "
        f"to {case.payment_method.label.lower()}",
        "refund_business_days",
        earliest=add_business_days(started, time.fastest, book.working_days),
    )
