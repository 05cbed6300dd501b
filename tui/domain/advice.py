"""What a case asks of the shopper beyond its dates: postage to claim back, a rejection to fight.

Both are read from the case and its timeline, so they change the moment an event is logged.
"""

from __future__ import annotations

from datetime import date

from tui.domain.deadline_rules import dispute_closes
from tui.domain.history import entered_at, written_day
from tui.domain.model import Case, EventKind, Payer, Stage
from tui.domain.money import format_money
from tui.domain.policy import RuleBook, return_postage
from tui.domain.statistics import postage_owed


def postage_reimbursement(case: Case, book: RuleBook) -> str | None:
    """Where getting back postage the shopper paid for a seller's fault stands, or None when
    there is none to get back."""
    shipment = case.shipment
    if shipment.cost is None or not shipment.you_paid:
        return None
    bearer = shipment.paid_by
    if bearer is Payer.UNKNOWN:
        bearer, _ = return_postage(case, book.policy_for(case))
    if bearer is not Payer.SELLER:
        return None
    owed = f"{format_money(shipment.cost, case.currency)} postage"
    missing = postage_owed(case)
    reimbursed = [e for e in case.events if e.kind is EventKind.POSTAGE_REIMBURSED]
    if not missing:
        return f"{owed} reimbursed on {written_day(reimbursed[-1])}" if reimbursed else None
    if reimbursed:
        back = format_money(shipment.cost - missing, case.currency)
        return f"{owed}: {back} reimbursed, {format_money(missing, case.currency)} still owed"
    claims = [event for event in case.events if event.kind is EventKind.POSTAGE_CLAIMED]
    if claims:
        return f"{owed} asked back on {written_day(claims[-1])}: log it (a) when it arrives"
    return f"{owed} is the seller's to pay: m writes the request, a logs it"


def after_rejection(case: Case, book: RuleBook, today: date) -> str | None:
    """For a rejected case: open a dispute while the window is open, or say it has closed.

    A case whose dispute was already opened (and so rejected there) gets no such advice."""
    if case.stage is not Stage.REJECTED or entered_at(case, Stage.DISPUTE_OPEN) is not None:
        return None
    closes = dispute_closes(case, book)
    if closes is None:
        return None
    if closes.due >= today:
        return f"next step: open a dispute (s), possible until {closes.due}"
    return f"the window to open a dispute closed on {closes.due}"
