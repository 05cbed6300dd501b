"""What changing stage asks for: when it happened, and the details the new stage needs.

Every move asks "when" (now unless changed; a past date is how a case that started before the
app gets true deadlines). Some stages ask more: the parcel going back, the amount to be
refunded, the amount that arrived, what a dispute claims, why a case was rejected. The answers
land on the case (for the summary and the edit form) and in the stage event's text (for the
record).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from tui.domain.actions import change_stage
from tui.domain.fields import (
    YesNo,
    is_date_alone,
    noon_of,
    parse_amount,
    parse_tracking,
    read_moment,
    tracking_note,
)
from tui.domain.form import FieldNote, Form, FormField, Question, stripped
from tui.domain.history import latest_stage_event
from tui.domain.model import Case, Outcome, Payer, RejectionReason, Stage
from tui.domain.money import format_money
from tui.domain.statistics import awaited_refund, refund_above_price, refund_is_partial
from tui.domain.tracking import with_guessed_carrier

_MOMENT_FORMAT = "%Y-%m-%d %H:%M"


def parse_when(raw: str, case: Case, now: datetime, stage: Stage | None = None) -> datetime:
    """When a move happened: 'YYYY-MM-DD HH:MM' or a date; not future, not before the order,
    not before the case's previous move (the timeline must stay in order), and a parcel is not
    shipped back before the item reached the shopper.

    A date without a time is taken as noon that day, or as late as it can be when that day is
    today or the day of the previous move, so "2026-11-26" always means that day.
    """
    text = raw.strip()
    if not text:
        return now
    moment = read_moment(text, now.tzinfo)
    date_only = is_date_alone(text)
    day = moment.date()
    if date_only:
        moment = noon_of(day, now)
    if moment > now:
        raise ValueError(f"{text} is in the future")
    if case.ordered_on is not None and day < case.ordered_on:
        raise ValueError(f"{day} is before the order date {case.ordered_on}")
    if stage is Stage.SHIPPED_BACK and case.received_on is not None and day < case.received_on:
        raise ValueError(f"{day} is before the item reached you ({case.received_on})")
    previous = latest_stage_event(case.events)
    if previous is not None and moment < previous.at:
        if date_only and day == previous.at.date():
            return previous.at
        raise ValueError(
            f"is before the move to {case.stage.label} on {previous.at:{_MOMENT_FORMAT}}"
        )
    return moment


def _choices(enum: Any) -> tuple[tuple[str, str], ...]:
    return tuple((member.value, member.label) for member in enum)


def _yes_no(flag: bool) -> str:
    return (YesNo.YES if flag else YesNo.NO).value


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def stage_form(case: Case, stage: Stage, now: datetime, postage_payer: Payer) -> Form:
    """The form for moving `case` to `stage`, filled with sensible defaults; its answer is the
    moved case."""
    fields = [
        FormField(
            "when",
            "When did it happen",
            now.strftime(_MOMENT_FORMAT),
            lambda raw: parse_when(raw, case, now, stage),
            placeholder="YYYY-MM-DD HH:MM",
        )
    ]
    fields += _DETAILS.get(stage, _no_details)(case, postage_payer)
    return Form(
        f"{case.stage.label} → {stage.label}",
        tuple(fields),
        finish=lambda values: move_with_details(case, stage, values),
        confirm=_refund_above_price if stage in (Stage.REFUNDED, Stage.PARTLY_REFUNDED) else None,
    )


def _refund_above_price(moved: Case) -> Question | None:
    odd = refund_above_price(moved)
    if odd is None:
        return None
    return Question("A refund above the price", f"{odd[0].upper()}{odd[1:]}. Record it?", "Record")


def _no_details(_case: Case, _payer: Payer) -> list[FormField]:
    return []


def _shipped_back(case: Case, payer: Payer) -> list[FormField]:
    shipment = case.shipment
    paid_by = shipment.paid_by if shipment.paid_by is not Payer.UNKNOWN else payer
    return [
        FormField(
            "tracking_number",
            "Return tracking number",
            shipment.tracking_number,
            parse_tracking,
            placeholder="from the receipt",
            note=tracking_note,
        ),
        FormField("carrier", "Carrier (blank: guessed from the number)", shipment.carrier),
        FormField("cost", f"Postage ({case.currency})", _shown(shipment.cost), parse_amount),
        FormField("paid_by", "Who should pay it", paid_by.value, Payer, choices=_PAYERS),
        FormField(
            "you_paid",
            "You paid it at the counter",
            _yes_no(shipment.you_paid or shipment.cost is None),
            lambda raw: raw == YesNo.YES.value,
            choices=_choices(YesNo),
        ),
        FormField(
            "prepaid_label",
            "Seller's prepaid label",
            _yes_no(shipment.prepaid_label),
            lambda raw: raw == YesNo.YES.value,
            choices=_choices(YesNo),
        ),
    ]


_PAYERS = (
    (Payer.BUYER.value, "You"),
    (Payer.SELLER.value, "The seller"),
    (Payer.UNKNOWN.value, "Not settled yet"),
)
_BEARER = {
    Payer.BUYER: "yours to bear",
    Payer.SELLER: "the seller's to bear",
    Payer.UNKNOWN: "who bears it not settled",
}


def _refund_pending(case: Case, _payer: Payer) -> list[FormField]:
    expected = _shown(awaited_refund(case) or None)
    return [
        FormField("expected", f"Amount to be refunded ({case.currency})", expected, parse_amount)
    ]


def _refunded(case: Case, _payer: Payer) -> list[FormField]:
    received = case.refund.received or awaited_refund(case) or None

    def above_price(raw: str) -> FieldNote | None:
        try:
            amount = parse_amount(raw)
        except ValueError:
            return None  # the field's error says what is wrong
        odd = refund_above_price(replace(case, refund=replace(case.refund, received=amount)))
        if odd:
            return FieldNote(f"{odd}: you will be asked to confirm", warning=True)
        if refund_is_partial(case.amount, amount):
            paid = format_money(case.amount, case.currency)
            return FieldNote(f"less than the {paid} paid: recorded as Partly refunded")
        return None

    return [
        FormField(
            "received",
            f"Amount that reached your account ({case.currency})",
            _shown(received),
            _amount_received,
            note=above_price,
        )
    ]


def _amount_received(raw: str) -> Decimal:
    # Statistics count what arrived, never the price: a refund with no amount would count 0.
    amount = parse_amount(raw)
    if amount is None:
        raise ValueError("is required: the amount that reached your account")
    return amount


def _dispute(case: Case, _payer: Payer) -> list[FormField]:
    dispute = case.dispute
    claim = dispute.claim if dispute.reason or dispute.claim_amount else case.outcome
    return [
        FormField("claim", "What you claim", claim.value, Outcome, choices=_choices(Outcome)),
        FormField(
            "claim_amount",
            f"Amount claimed ({case.currency}, blank: the amount paid)",
            _shown(dispute.claim_amount),
            parse_amount,
        ),
        FormField(
            "reason", "Reason (one line)", dispute.reason, placeholder="e.g. stopped working"
        ),
    ]


def _closing(case: Case, _payer: Payer) -> list[FormField]:
    return [FormField("close_reason", "Reason", case.close_reason, stripped)]


def _rejected(case: Case, payer: Payer) -> list[FormField]:
    reason = case.rejection or RejectionReason.OTHER
    rejection = FormField(
        "rejection",
        "The seller's reason",
        reason.value,
        RejectionReason,
        choices=_choices(RejectionReason),
    )
    return [rejection, *_closing(case, payer)]


def _agreed(case: Case, _payer: Payer) -> list[FormField]:
    return [
        FormField("return_address", "Seller's return address", case.return_address),
        FormField("return_authorisation", "Return authorisation number", case.return_authorisation),
    ]


def _replacement(case: Case, _payer: Payer) -> list[FormField]:
    return [
        FormField(
            "replacement_tracking",
            "Seller's tracking number (optional)",
            case.replacement_tracking,
            parse_tracking,
            note=tracking_note,
        )
    ]


_DETAILS: dict[Stage, Callable[[Case, Payer], list[FormField]]] = {
    Stage.SHIPPED_BACK: _shipped_back,
    Stage.REFUND_PENDING: _refund_pending,
    Stage.REFUNDED: _refunded,
    Stage.PARTLY_REFUNDED: _refunded,
    Stage.DISPUTE_OPEN: _dispute,
    Stage.REJECTED: _rejected,
    Stage.RETURN_AGREED: _agreed,
    Stage.CANCELLED: _closing,
    Stage.REPLACEMENT_COMING: _replacement,
}


def move_with_details(case: Case, stage: Stage, values: Mapping[str, Any]) -> Case:
    """The case moved to `stage` at `values['when']`, with the stage's details recorded on the
    case and summed up on the stage event; a refund smaller than the price is a partial one."""
    detailed = _with_details(case, stage, values)
    if stage is Stage.REFUNDED and refund_is_partial(case.amount, detailed.refund.received):
        stage = Stage.PARTLY_REFUNDED
    return change_stage(detailed, stage, values["when"], details_text(detailed, stage))


def _with_details(case: Case, stage: Stage, values: Mapping[str, Any]) -> Case:
    if stage is Stage.SHIPPED_BACK:
        shipment = replace(
            case.shipment,
            tracking_number=values["tracking_number"],
            carrier=values["carrier"],
            cost=values["cost"],
            paid_by=values["paid_by"],
            you_paid=values["you_paid"] and values["cost"] is not None,
            prepaid_label=values["prepaid_label"],
        )
        return replace(case, shipment=with_guessed_carrier(shipment))
    if stage is Stage.REFUND_PENDING:
        return replace(case, refund=replace(case.refund, expected=values["expected"]))
    if stage in (Stage.REFUNDED, Stage.PARTLY_REFUNDED):
        return replace(case, refund=replace(case.refund, received=values["received"]))
    if stage is Stage.DISPUTE_OPEN:
        dispute = replace(
            case.dispute,
            claim=values["claim"],
            claim_amount=values["claim_amount"],
            reason=values["reason"],
        )
        return replace(case, dispute=dispute)
    if stage is Stage.REJECTED:
        return replace(case, rejection=values["rejection"], close_reason=values["close_reason"])
    if stage is Stage.CANCELLED:
        return replace(case, close_reason=values["close_reason"])
    if stage is Stage.RETURN_AGREED:
        return replace(
            case,
            return_address=values["return_address"],
            return_authorisation=values["return_authorisation"],
        )
    if stage is Stage.REPLACEMENT_COMING:
        return replace(case, replacement_tracking=values["replacement_tracking"])
    return case


def details_text(case: Case, stage: Stage) -> str:
    """The stage's details in one line, for its timeline event."""
    money = _money_text(case.currency)
    parts: list[str] = []
    if stage is Stage.SHIPPED_BACK:
        shipment = case.shipment
        parcel = " ".join(part for part in (shipment.carrier, shipment.tracking_number) if part)
        parts.append(parcel)
        if shipment.cost is not None:
            paid = ", you paid it" if shipment.you_paid else ""
            parts.append(f"postage {money(shipment.cost)}{paid}, {_BEARER[shipment.paid_by]}")
        if shipment.prepaid_label:
            parts.append("seller's prepaid label")
    elif stage is Stage.REFUND_PENDING:
        parts.append(f"{money(case.refund.expected or case.amount)} to be refunded")
    elif stage in (Stage.REFUNDED, Stage.PARTLY_REFUNDED):
        parts.append(f"{money(case.refund.received)} received")
    elif stage is Stage.DISPUTE_OPEN:
        dispute = case.dispute
        claim = f"claim: {dispute.claim.label.lower()}"
        if dispute.claim_amount is not None:
            claim += f" of {money(dispute.claim_amount)}"
        parts += [claim, dispute.reason]
    elif stage is Stage.REJECTED:
        parts += [case.rejection.label.lower() if case.rejection else "", case.close_reason]
    elif stage is Stage.CANCELLED:
        parts.append(case.close_reason)
    elif stage is Stage.RETURN_AGREED:
        if case.return_authorisation:
            parts.append(f"authorisation {case.return_authorisation}")
        if case.return_address:
            parts.append(f"send to {case.return_address}")
    elif stage is Stage.REPLACEMENT_COMING and case.replacement_tracking:
        parts.append(f"tracking {case.replacement_tracking}")
    return "; ".join(part for part in parts if part)


def restate_details(before: Case, after: Case) -> Case:
    """`after` with the latest move into each stage naming that stage's details as they are
    now, where they differ from `before`'s. A move is restated only while its text is what
    the app wrote (the move alone, or with the details as they were), never the shopper's own."""
    latest = {event.stage: event for event in after.events if event.stage is not None}
    restated = {}
    for stage, move in latest.items():
        old, new = details_text(before, stage), details_text(after, stage)
        head, _, tail = move.text.partition(": ")
        if new != old and tail in ("", old):
            restated[move.id] = replace(move, text=f"{head}: {new}" if new else head)
    events = tuple(restated.get(event.id, event) for event in after.events)
    return replace(after, events=events)


def _money_text(currency: str) -> Callable[[Decimal | None], str]:
    def shown(amount: Decimal | None) -> str:
        return format_money(amount, currency) or "?"

    return shown
