"""Where the money is: refunds awaited and received, cases by stage, how each store does.

An archived case counts nowhere: not in money awaited or refunded, nor in any store's record.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from tui.domain.history import refund_received_on
from tui.domain.model import Case, EventKind, Outcome, Stage
from tui.domain.money import format_money

_WON = frozenset({Stage.REFUNDED, Stage.PARTLY_REFUNDED, Stage.REPLACED})
_LOST = frozenset({Stage.REJECTED})
_AWAITING = frozenset({Stage.REFUND_PENDING})


@dataclass(frozen=True, slots=True)
class StoreRecord:
    """How one store's finished cases went."""

    store: str
    finished: int
    won: int
    median_days_to_refund: float | None

    @property
    def success_rate(self) -> float:
        return self.won / self.finished if self.finished else 0.0


@dataclass(frozen=True, slots=True)
class Statistics:
    """The figures of the statistics screen."""

    awaiting: dict[str, Decimal]
    refunded_this_month: dict[str, Decimal]
    refunded_this_year: dict[str, Decimal]
    open_by_stage: list[tuple[Stage, int]]
    stores: list[StoreRecord]
    # Refunds received in each of the last twelve months, oldest first (all currencies).
    monthly_refunds: list[int]


def awaited_refund(case: Case) -> Decimal:
    """The money a refund still to come will bring: the amount to be refunded, else the partial
    refund claimed in a dispute, else the price."""
    if case.refund.expected is not None:
        return case.refund.expected
    dispute = case.dispute
    if dispute.claim is Outcome.PARTIAL_REFUND and dispute.claim_amount is not None:
        return dispute.claim_amount
    return case.amount or Decimal(0)


def refund_above_price(case: Case) -> str | None:
    """What is odd about a refund larger than the price paid, or None (it can be right: postage
    refunded too, but it is more often a typing slip)."""
    received, paid = case.refund.received, case.amount
    if received is None or paid is None or received <= paid:
        return None
    return (
        f"the refund {format_money(received, case.currency)} is more than the "
        f"{format_money(paid, case.currency)} paid"
    )


def refund_is_partial(paid: Decimal | None, received: Decimal | None) -> bool:
    """Whether a refund of `received` for a price of `paid` gives back less than was paid."""
    return paid is not None and received is not None and received < paid


def postage_owed(case: Case) -> Decimal:
    """The postage the shopper paid that is still to come back (reimbursements logged with an
    amount count that amount, without one the whole postage); 0 when none was paid."""
    cost = case.shipment.cost
    if cost is None or not case.shipment.you_paid:
        return Decimal(0)
    back = sum(
        (cost if e.amount is None else e.amount)
        for e in case.events
        if e.kind is EventKind.POSTAGE_REIMBURSED
    )
    return max(cost - back, Decimal(0))


def _awaits_refund(case: Case) -> bool:
    return case.stage in _AWAITING and not case.archived


class RefundsAwaited:
    """The money refunds still to come will bring, per currency, kept up to date case by case:
    the status line shows it after every change, and summing every open case each time took
    50 ms at 100,000 cases."""

    def __init__(self, cases: Iterable[Case] = ()) -> None:
        self._by_case: dict[str, tuple[str, Decimal]] = {}
        self._totals: dict[str, Decimal] = defaultdict(Decimal)
        for case in cases:
            self.put(case)

    def put(self, case: Case) -> None:
        """Count `case` as it is now (in place of any earlier version of it)."""
        self.remove(case.id)
        if _awaits_refund(case) and (due := awaited_refund(case)):
            self._by_case[case.id] = (case.currency, due)
            self._totals[case.currency] += due

    def remove(self, case_id: str) -> None:
        known = self._by_case.pop(case_id, None)
        if known is not None:
            currency, due = known
            self._totals[currency] -= due

    def totals(self) -> dict[str, Decimal]:
        """Currency -> money awaited, for the currencies with any."""
        return {currency: total for currency, total in self._totals.items() if total}


def _refunded(case: Case) -> Decimal:
    """The money that came back: the amount received as recorded, never the price."""
    return case.refund.received or Decimal(0)


def compute(cases: Iterable[Case], today: date) -> Statistics:
    cases = [case for case in cases if not case.archived]
    awaiting: dict[str, Decimal] = defaultdict(Decimal)
    month: dict[str, Decimal] = defaultdict(Decimal)
    year: dict[str, Decimal] = defaultdict(Decimal)
    monthly = [0] * 12
    for case in cases:
        if _awaits_refund(case):
            awaiting[case.currency] += awaited_refund(case)
        received = refund_received_on(case)
        if case.stage in (Stage.REFUNDED, Stage.PARTLY_REFUNDED) and received is not None:
            if received.year == today.year:
                year[case.currency] += _refunded(case)
                if received.month == today.month:
                    month[case.currency] += _refunded(case)
            months_ago = (today.year - received.year) * 12 + today.month - received.month
            if 0 <= months_ago < 12:
                monthly[11 - months_ago] += 1
    stages = Counter(case.stage for case in cases if not case.is_closed)
    return Statistics(
        awaiting=dict(awaiting),
        refunded_this_month=dict(month),
        refunded_this_year=dict(year),
        open_by_stage=[(stage, stages[stage]) for stage in Stage if stages[stage]],
        stores=_stores(cases),
        monthly_refunds=monthly,
    )


def _stores(cases: list[Case]) -> list[StoreRecord]:
    by_store: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.stage in _WON | _LOST:
            by_store[case.store or "(no store)"].append(case)
    records = []
    for store, finished in by_store.items():
        refunds = ((refund_received_on(case), case.received_on) for case in finished)
        days = [
            (refunded - received).days for refunded, received in refunds if refunded and received
        ]
        won = sum(case.stage in _WON for case in finished)
        records.append(StoreRecord(store, len(finished), won, median(days) if days else None))
    return sorted(records, key=lambda record: (-record.finished, record.store))
