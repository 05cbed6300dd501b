"""Postage to claim back and what to do after a rejection, read from the case's history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tests.builders import ALIEXPRESS_BOOK, a_case, moment
from tui.domain.actions import add_event, change_stage
from tui.domain.advice import after_rejection, postage_reimbursement
from tui.domain.form import FormErrors
from tui.domain.model import EventKind, Payer, Reason, Shipment, Stage
from tui.domain.templates import BUILT_IN, fill, offered
from tui.domain.timeline_edits import new_event_form


@pytest.mark.parametrize("bearer", [Payer.SELLER, Payer.UNKNOWN])
def test_postage_you_paid_for_a_sellers_fault_is_tracked_until_reimbursed(bearer: Payer) -> None:
    paid = a_case(
        reason=Reason.DEFECTIVE,
        shipment=Shipment(cost=Decimal("6.20"), paid_by=bearer, you_paid=True),
    )
    assert "is the seller's to pay" in postage_reimbursement(paid, ALIEXPRESS_BOOK)
    asked = add_event(paid, EventKind.POSTAGE_CLAIMED, "asked", moment(date(2026, 11, 20)))
    assert "asked back on 2026-11-20" in postage_reimbursement(asked, ALIEXPRESS_BOOK)
    back = add_event(asked, EventKind.POSTAGE_REIMBURSED, "", moment(date(2026, 11, 24)))
    assert postage_reimbursement(back, ALIEXPRESS_BOOK) == (
        "USD 6.20 postage reimbursed on 2026-11-24"
    )


def test_no_reimbursement_when_the_shopper_owes_the_postage_or_did_not_pay_it() -> None:
    mind = a_case(
        reason=Reason.CHANGED_MIND, shipment=Shipment(cost=Decimal("6.20"), you_paid=True)
    )
    assert postage_reimbursement(mind, ALIEXPRESS_BOOK) is None
    owed = a_case(shipment=Shipment(cost=Decimal("6.20"), paid_by=Payer.SELLER, you_paid=True))
    assert postage_reimbursement(replace(owed, reason=Reason.CHANGED_MIND), ALIEXPRESS_BOOK)
    label = a_case(shipment=Shipment(cost=Decimal("6.20"), paid_by=Payer.SELLER))
    assert postage_reimbursement(label, ALIEXPRESS_BOOK) is None
    assert postage_reimbursement(a_case(), ALIEXPRESS_BOOK) is None


def test_a_rejection_suggests_a_dispute_while_the_window_is_open() -> None:
    rejected = change_stage(a_case(), Stage.REJECTED, moment(date(2026, 11, 15)))
    # Received 2026-11-10 + 15 days.
    assert after_rejection(rejected, ALIEXPRESS_BOOK, date(2026, 11, 20)) == (
        "next step: open a dispute (s), possible until 2026-11-25"
    )
    assert "closed on 2026-11-25" in after_rejection(rejected, ALIEXPRESS_BOOK, date(2026, 11, 30))
    assert (
        after_rejection(replace(rejected, stage=Stage.KEPT), ALIEXPRESS_BOOK, date(2026, 11, 20))
        is None
    )


def test_a_dispute_rejected_is_not_told_to_open_a_dispute() -> None:
    disputed = change_stage(a_case(), Stage.DISPUTE_OPEN, moment(date(2026, 11, 12)))
    rejected = change_stage(disputed, Stage.REJECTED, moment(date(2026, 11, 15)))
    assert after_rejection(rejected, ALIEXPRESS_BOOK, date(2026, 11, 20)) is None


def test_a_postage_reimbursement_can_be_partial() -> None:
    paid = a_case(shipment=Shipment(cost=Decimal("4.20"), paid_by=Payer.SELLER, you_paid=True))
    part = add_event(
        paid, EventKind.POSTAGE_REIMBURSED, "", moment(date(2026, 11, 20)), Decimal("3.00")
    )
    assert postage_reimbursement(part, ALIEXPRESS_BOOK) == (
        "USD 4.20 postage: USD 3.00 reimbursed, USD 1.20 still owed"
    )
    rest = add_event(
        part, EventKind.POSTAGE_REIMBURSED, "", moment(date(2026, 11, 22)), Decimal("1.20")
    )
    assert postage_reimbursement(rest, ALIEXPRESS_BOOK) == (
        "USD 4.20 postage reimbursed on 2026-11-22"
    )


def test_only_a_postage_reimbursement_carries_an_amount() -> None:
    form = new_event_form(a_case(), moment(date(2026, 11, 24)))
    raw = {"kind": EventKind.NOTE.value, "text": "x", "amount": "3.00"}
    with pytest.raises(FormErrors, match="carries an amount"):
        form.parse(raw)
    added = form.parse(raw | {"kind": EventKind.POSTAGE_REIMBURSED.value})
    assert added.events[-1].amount == Decimal("3.00")


def test_the_reimbursement_message_asks_for_what_is_still_owed_and_goes_once_settled() -> None:
    paid = a_case(shipment=Shipment(cost=Decimal("4.20"), paid_by=Payer.SELLER, you_paid=True))
    part = add_event(
        paid, EventKind.POSTAGE_REIMBURSED, "", moment(date(2026, 11, 20)), Decimal("2.00")
    )
    [template] = [t for t in BUILT_IN if t.name == "Postage reimbursement"]
    assert "postage of USD 2.20 that I paid" in fill(template.text, part, date(2026, 11, 21))
    settled = add_event(part, EventKind.POSTAGE_REIMBURSED, "", moment(date(2026, 11, 22)))
    assert template in offered(BUILT_IN, part, [], date(2026, 11, 21))
    assert template not in offered(BUILT_IN, settled, [], date(2026, 11, 23))
