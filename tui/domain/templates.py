"""Standard messages for sellers and support, filled in from the case.

A template is plain text with `{placeholders}`; filling one replaces the placeholders it knows
and leaves anything else (a stray brace, an unknown name) exactly as written, so a template a
shopper wrote can never fail to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, tzinfo

from tui.domain.history import refund_started_on
from tui.domain.model import Case, EventKind
from tui.domain.tracking import tracking_link


@dataclass(frozen=True, slots=True)
class MessageTemplate:
    """A named message with placeholders such as {order_number}."""

    name: str
    text: str


_SIGN_OFF = "\n\nThank you,\n{buyer}"

BUILT_IN: tuple[MessageTemplate, ...] = (
    MessageTemplate(
        "Damaged item",
        "Hello {store},\n\nMy order {order_number} ({item}) arrived damaged on {received_on}. "
        "Photos of the item and the packaging, and the unboxing video, are attached.\n\n"
        "Please send a full refund, or a replacement at no cost to me." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Wrong item",
        "Hello {store},\n\nOrder {order_number} should contain {item}, but I received a "
        "different item (photos attached, next to the product page).\n\n"
        "Please send the correct item or a full refund, and a prepaid label if you need the "
        "wrong one back." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Not as described",
        "Hello {store},\n\nThe {item} from order {order_number} is not as described on the "
        "product page (screenshots and photos attached).\n\n"
        "I would like a full refund; I can return the item if you provide a prepaid label."
        + _SIGN_OFF,
    ),
    MessageTemplate(
        "Request a prepaid return label",
        "Hello {store},\n\nAs agreed, I will return {item} from order {order_number}. As the "
        "item is faulty, please send a prepaid return label and any return authorisation "
        "number to put on the parcel." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Follow-up after silence",
        "Hello {store},\n\nI wrote about order {order_number} ({item}) on {last_message} and "
        "have had no answer yet. Please reply within 2 days; otherwise I will open a dispute."
        + _SIGN_OFF,
    ),
    MessageTemplate(
        "Shipping notice",
        "Hello {store},\n\nI have sent {item} from order {order_number} back by {carrier}. "
        "Tracking number: {tracking_number} ({tracking_link}). The shipping receipt is "
        "attached." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Refund overdue",
        "Hello,\n\nThe refund of {amount} for order {order_number} ({item}) was started on "
        "{refund_started} and has still not reached my account. Please confirm the refund "
        "reference so that I can ask my bank." + _SIGN_OFF,
    ),
)

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(case: Case, today: date, zone: tzinfo) -> dict[str, str]:
    """What each placeholder stands for in this case ('?' where the case does not say)."""
    messages = [e for e in case.events if e.kind is EventKind.MESSAGE_SENT]
    amount = case.refund.expected or case.amount
    values = {
        "order_number": case.order_number,
        "item": case.item,
        "store": case.store or "there",
        "marketplace": case.marketplace,
        "amount": f"{case.currency} {amount:,.2f}" if amount is not None else "",
        "received_on": str(case.received_on or ""),
        "tracking_number": case.shipment.tracking_number,
        "tracking_link": tracking_link(case.shipment.tracking_number)
        if case.shipment.tracking_number
        else "",
        "carrier": case.shipment.carrier,
        "refund_started": str(refund_started_on(case, zone) or ""),
        "last_message": str(messages[-1].at.astimezone(zone).date()) if messages else "",
        "today": str(today),
    }
    # The sign-off's name is left for the shopper to type.
    return {name: value or "?" for name, value in values.items()} | {"buyer": ""}


def fill(text: str, case: Case, today: date, zone: tzinfo) -> str:
    """The template text with the case's details in place of the placeholders it knows."""
    values = placeholders(case, today, zone)
    filled = PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
    return filled.rstrip() + "\n"
