"""Standard messages for sellers and support, filled in from the case.

A template is plain text with `{placeholders}`; filling one replaces the placeholders it knows
and leaves anything else (a stray brace, an unknown name) exactly as written, so a template a
shopper wrote can never fail to fill.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from tui.domain.deadlines import Deadline
from tui.domain.evidence import checklist
from tui.domain.form import Form, FormField, required
from tui.domain.history import last_written_on, refund_started_on
from tui.domain.model import Case, DeadlineKind
from tui.domain.money import format_money
from tui.domain.statistics import awaited_refund, postage_owed
from tui.domain.tracking import tracking_link


@dataclass(frozen=True, slots=True)
class MessageTemplate:
    """A named message with placeholders such as {order_number}."""

    name: str
    text: str


_SIGN_OFF = "\n\nThank you,\n{buyer}"
# What the checklist says is ready to attach; a template never claims more than that.
_ATTACHED = "\n\n{attachments}"

BUILT_IN: tuple[MessageTemplate, ...] = (
    MessageTemplate(
        "Damaged item",
        "Hello {store},\n\nMy order {order_number} ({item}) arrived damaged on {received_on}."
        + _ATTACHED
        + "\n\nPlease send a full refund, or a replacement at no cost to me."
        + _SIGN_OFF,
    ),
    MessageTemplate(
        "Defective item",
        "Hello {store},\n\nThe {item} from order {order_number} (received {received_on}) does "
        "not work as it should."
        + _ATTACHED
        + "\n\nPlease send a full refund, or a replacement at no cost to me; if you need it "
        "back, please send a prepaid return label." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Wrong item",
        "Hello {store},\n\nOrder {order_number} should contain {item}, but I received a "
        "different item."
        + _ATTACHED
        + "\n\nPlease send the correct item or a full refund, and a prepaid label if you need "
        "the wrong one back." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Not as described",
        "Hello {store},\n\nThe {item} from order {order_number} is not as described on the "
        "product page."
        + _ATTACHED
        + "\n\nI would like a full refund; I can return the item if you provide a prepaid "
        "label." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Return request (change of mind or wrong size)",
        "Hello {store},\n\nI would like to return {item} from order {order_number}, received "
        "{received_on}. It is unused and in its original packaging with everything it came "
        "with. Please confirm the return address and any return authorisation number." + _SIGN_OFF,
    ),
    MessageTemplate(
        "Exchange request",
        "Hello {store},\n\nThe {item} from order {order_number} does not fit. I would like to "
        "exchange it for another size or colour: [size or colour wanted]. Please tell me where "
        "to send it back and any return authorisation number." + _SIGN_OFF,
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
        "Tracking number: {tracking_number} ({tracking_link})." + _ATTACHED + _SIGN_OFF,
    ),
    MessageTemplate(
        "Lost parcel notice",
        "Hello {store},\n\nThe return of {item} (order {order_number}) sent by {carrier}, "
        "tracking number {tracking_number}, has not moved for days and seems lost. I have filed "
        "a claim with the carrier and will keep you informed." + _ATTACHED + _SIGN_OFF,
    ),
    MessageTemplate(
        "Postage reimbursement",
        "Hello {store},\n\nAs the {item} from order {order_number} was returned for a fault on "
        "your side, please reimburse the return postage of {postage} that I paid."
        + _ATTACHED
        + _SIGN_OFF,
    ),
    MessageTemplate(
        "Ask support to step in",
        "Hello {marketplace} support,\n\nI have not been able to settle order {order_number} "
        "({item}) with the seller {store}: I wrote on {last_message} without a satisfactory "
        "answer. Please step in and help me get a refund." + _ATTACHED + _SIGN_OFF,
    ),
    MessageTemplate(
        "Refund overdue",
        "Hello,\n\nThe refund of {amount} for order {order_number} ({item}) was started on "
        "{refund_started} and has still not reached my account. Please confirm the refund "
        "reference so that I can ask my bank." + _SIGN_OFF,
    ),
)


def offered(
    templates: Iterable[MessageTemplate], case: Case, deadlines: Iterable[Deadline], today: date
) -> list[MessageTemplate]:
    """The templates that make sense for the case now: "Refund overdue" only once the refund
    is overdue, "Postage reimbursement" not once the postage you paid came back; every other
    template always."""
    overdue = any(
        d.kind is DeadlineKind.REFUND_EXPECTED and d.days_left(today) < 0 for d in deadlines
    )
    settled = case.shipment.you_paid and not postage_owed(case)
    return [
        t
        for t in templates
        if (t.name != "Refund overdue" or overdue)
        and (t.name != "Postage reimbursement" or not settled)
    ]


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(case: Case, today: date, buyer: str) -> dict[str, str]:
    """What each placeholder stands for in this case ('?' where the case does not say), the
    sign-off signed `buyer`."""
    amount = awaited_refund(case) or None
    # The postage you paid that is still owed, once part of it came back.
    postage = postage_owed(case) if case.shipment.you_paid else case.shipment.cost
    values = {
        "order_number": case.order_number,
        "item": case.item,
        "store": case.store or "there",
        "marketplace": case.marketplace,
        "amount": format_money(amount, case.currency),
        "received_on": str(case.received_on or ""),
        "tracking_number": case.shipment.tracking_number,
        "tracking_link": tracking_link(case.shipment.tracking_number)
        if case.shipment.tracking_number
        else "",
        "carrier": case.shipment.carrier,
        "refund_started": str(refund_started_on(case) or ""),
        "last_message": str(last_written_on(case) or ""),
        "postage": format_money(postage, case.currency),
        "today": str(today),
    }
    # Without a name the sign-off is left for the shopper to type; attachments are what is
    # ticked.
    return {name: value or "?" for name, value in values.items()} | {
        "buyer": buyer,
        "attachments": _attachments(case),
    }


KNOWN_PLACEHOLDERS = frozenset(
    {
        "order_number",
        "item",
        "store",
        "marketplace",
        "amount",
        "received_on",
        "tracking_number",
        "tracking_link",
        "carrier",
        "refund_started",
        "last_message",
        "postage",
        "today",
        "buyer",
        "attachments",
    }
)


def unknown_placeholders(text: str) -> list[str]:
    """What stands in braces in a template's text that no case fills in: a typo ({ordr}), or
    anything else in braces ({}, {store.x}, {bar!r}), which would reach the seller as typed."""
    return sorted(
        {inside for inside in re.findall(r"\{([^{}]*)\}", text) if inside not in KNOWN_PLACEHOLDERS}
    )


def _attachments(case: Case) -> str:
    """The ticked checklist items, each with its file's original name, as a sentence a message
    can claim; nothing ticked, no claim."""
    ready = [
        item.label[0].lower() + item.label[1:] + _file_name(item.entry.path)
        for item in checklist(case)
        if item.done
    ]
    if not ready:
        return "I can send photos and screenshots on request."
    return "Attached: " + "; ".join(ready) + "."


def _file_name(path: str) -> str:
    """The file's original name in brackets, " (IMG_0001.jpg)": what the seller receives."""
    return f" ({PurePath(path).name})" if path else ""


def fill(text: str, case: Case, today: date, buyer: str = "") -> str:
    """The template text with the case's details in place of the placeholders it knows, the
    sign-off signed `buyer`."""
    values = placeholders(case, today, buyer)
    filled = PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
    return filled.rstrip() + "\n"


def message_form(title: str, text: str) -> Form:
    """The form for a message filled in from a template, edited before it is copied; its
    answer is the text, exactly as it stands."""
    field = FormField("text", "Message", text, _message_text, lines=14)
    return Form(title, (field,), finish=lambda values: values["text"], save_label="Copy")


def template_form(text: str) -> Form:
    """The form for a template of the shopper's own; its answer is the `MessageTemplate`."""
    known = " ".join("{" + name + "}" for name in sorted(KNOWN_PLACEHOLDERS))
    fields = (
        FormField("name", "Template name", "", required),
        FormField("text", "Text", text, _template_text, lines=12),
    )
    return Form(
        "New message template",
        fields,
        finish=lambda values: MessageTemplate(values["name"], values["text"]),
        note=f"{known} are filled in from the case.",
    )


def _message_text(raw: str) -> str:
    if not raw.strip():
        raise ValueError("is empty")
    return raw


def _template_text(raw: str) -> str:
    if unknown := unknown_placeholders(_message_text(raw)):
        names = ", ".join("{" + name + "}" for name in unknown)
        verb = "is not a placeholder" if len(unknown) == 1 else "are not placeholders"
        raise ValueError(f"{names} {verb} returns-tui fills in")
    return raw
