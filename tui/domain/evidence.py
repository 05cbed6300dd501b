"""The evidence checklist a case needs, derived from its reason and how far it has got.

What a case needs depends on why it is being returned (a defect needs photos of the defect, a
wrong item needs the product page) and on its stage (packing and shipping proof only once a
return is agreed). The templates below encode shared/domain.md; the shopper's ticks, file paths
and notes live on the case as `EvidenceEntry` values, and custom items are appended.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.domain.model import Case, EventKind, EvidenceEntry, Reason, Stage
from tui.domain.stages import stages_reached

_PROBLEM = frozenset({Reason.DAMAGED, Reason.DEFECTIVE, Reason.MISSING_PARTS})
_MISMATCH = frozenset({Reason.NOT_AS_DESCRIBED, Reason.WRONG_ITEM})
_RECEIVED = frozenset(Reason) - {Reason.NOT_RECEIVED}

# The stages from which each kind of proof is needed. A case needs packing proof only if a
# return was actually agreed: a refund without a return never passes through these stages.
_ALWAYS = frozenset(Stage)
_TALKING = frozenset(Stage) - {Stage.DECIDING, Stage.KEPT, Stage.CANCELLED}
_RETURNING = frozenset({Stage.RETURN_AGREED, Stage.SHIPPED_BACK, Stage.SELLER_INSPECTING})
_SENT = frozenset({Stage.SHIPPED_BACK, Stage.SELLER_INSPECTING})
_DELIVERED = frozenset({Stage.SELLER_INSPECTING})
_REFUNDING = frozenset({Stage.REFUND_PENDING, Stage.REFUNDED, Stage.PARTLY_REFUNDED})


@dataclass(frozen=True, slots=True)
class EvidenceTemplate:
    """A checklist item needed for some reasons once the case has been in one of some stages."""

    key: str
    label: str
    section: str
    reasons: frozenset[Reason] = frozenset(Reason)
    stages: frozenset[Stage] = _ALWAYS
    # A further condition on the case's history, where stage and reason are not enough.
    when: Callable[[Case], bool] | None = None


def _parcel_lost(case: Case) -> bool:
    return any(event.kind is EventKind.PARCEL_LOST for event in case.events)


def _disputed_after_shipping_back(case: Case) -> bool:
    """Whether the case moved into a dispute after the item was sent back."""
    shipped = False
    for event in case.events:
        if event.stage is Stage.SHIPPED_BACK:
            shipped = True
        elif shipped and event.stage is Stage.DISPUTE_OPEN:
            return True
    return False


_DISPUTED = frozenset({Stage.DISPUTE_OPEN})

EVIDENCE = "Evidence"
PACKING = "Packing"
SHIPPING = "Proof of return"
CUSTOM = "Your items"

TEMPLATES: tuple[EvidenceTemplate, ...] = (
    # The seed guide: order, product page and return policy screenshots for every return.
    EvidenceTemplate("order_details", "Order details screenshot", EVIDENCE),
    EvidenceTemplate("product_page", "Product page screenshot", EVIDENCE, _RECEIVED),
    EvidenceTemplate("return_policy", "Return policy screenshot", EVIDENCE, _RECEIVED),
    EvidenceTemplate("item_photos", "Photos of the item from several angles", EVIDENCE, _RECEIVED),
    EvidenceTemplate("defect_photos", "Photos of the defect or damage", EVIDENCE, _PROBLEM),
    EvidenceTemplate(
        "packaging_photos", "Photos of the packaging as delivered", EVIDENCE, _RECEIVED
    ),
    EvidenceTemplate("unboxing_video", "Unboxing video", EVIDENCE, _PROBLEM | _MISMATCH),
    EvidenceTemplate(
        "delivery_tracking",
        "Tracking screenshots of the original delivery",
        EVIDENCE,
        frozenset({Reason.NOT_RECEIVED}),
    ),
    EvidenceTemplate(
        "seller_chat",
        "Chat screenshots with the seller",
        EVIDENCE,
        stages=_TALKING,
    ),
    EvidenceTemplate(
        "written_account",
        "A written account of the problem: dates and steps taken",
        EVIDENCE,
        stages=_DISPUTED,
    ),
    EvidenceTemplate(
        "return_form",
        "Completed return form (order number, reason, photos)",
        PACKING,
        _RECEIVED,
        _RETURNING,
    ),
    EvidenceTemplate(
        "packaging",
        "Original packaging or a sturdy box",
        PACKING,
        _RECEIVED,
        _RETURNING,
    ),
    EvidenceTemplate(
        "accessories",
        "Every accessory, manual and warranty card inside",
        PACKING,
        _RECEIVED,
        _RETURNING,
    ),
    EvidenceTemplate("padding", "Item wrapped and gaps padded", PACKING, _RECEIVED, _RETURNING),
    EvidenceTemplate("taped", "Seams taped", PACKING, _RECEIVED, _RETURNING),
    EvidenceTemplate(
        "label",
        "Label with the return address and authorisation number",
        PACKING,
        _RECEIVED,
        _RETURNING,
    ),
    EvidenceTemplate("tracked_service", "Tracked service chosen", PACKING, _RECEIVED, _RETURNING),
    EvidenceTemplate(
        "shipping_receipt",
        "Shipping receipt (date, destination, tracking number)",
        SHIPPING,
        _RECEIVED,
        _SENT,
    ),
    EvidenceTemplate(
        "parcel_photo",
        "Photo of the packed parcel with its label",
        SHIPPING,
        _RECEIVED,
        _SENT,
    ),
    EvidenceTemplate(
        "return_tracking",
        "Tracking screenshots of the return",
        SHIPPING,
        _RECEIVED,
        _SENT,
    ),
    EvidenceTemplate(
        "proof_of_delivery",
        "Proof of delivery to the seller",
        SHIPPING,
        _RECEIVED,
        _DELIVERED,
    ),
    EvidenceTemplate(
        "proof_of_delivery_dispute",
        "Proof of delivery of the return, for the dispute",
        SHIPPING,
        _RECEIVED,
        when=_disputed_after_shipping_back,
    ),
    EvidenceTemplate(
        "carrier_claim",
        "Carrier claim papers for the lost parcel",
        SHIPPING,
        _RECEIVED,
        when=_parcel_lost,
    ),
    EvidenceTemplate("refund_confirmation", "Refund confirmation", SHIPPING, stages=_REFUNDING),
)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of a case's checklist: what to gather, and the shopper's state for it."""

    key: str
    label: str
    section: str
    entry: EvidenceEntry

    @property
    def done(self) -> bool:
        return self.entry.done


def checklist(case: Case) -> list[ChecklistItem]:
    """The items this case needs now, in checklist order, followed by the shopper's own items."""
    reached = frozenset(stages_reached(case))
    derived = [
        ChecklistItem(
            template.key, template.label, template.section, case.evidence_entry(template.key)
        )
        for template in TEMPLATES
        if case.reason in template.reasons
        and template.stages & reached
        and (template.when is None or template.when(case))
    ]
    custom = [
        ChecklistItem(entry.key, entry.label, CUSTOM, entry)
        for entry in case.evidence
        if entry.label
    ]
    return derived + custom


# The items that show the parcel as it arrived: a photo of one cannot be taken before that day.
_AFTER_DELIVERY = frozenset(
    {"item_photos", "defect_photos", "packaging_photos", "unboxing_video", "parcel_photo"}
)


def taken_too_early(case: Case, item: ChecklistItem) -> str:
    """Why the item's photo argues against itself ("" if nothing does): a photo of the parcel
    as delivered taken before the day it was received."""
    file, received = item.entry.file, case.received_on
    if item.key not in _AFTER_DELIVERY or file is None or file.captured_at is None or not received:
        return ""
    taken = file.captured_at.date()  # the day where it was taken
    if taken >= received:
        return ""
    return f"taken before the parcel arrived ({received})"


def progress(items: list[ChecklistItem]) -> tuple[int, int]:
    """How many items are done, out of how many."""
    return sum(item.done for item in items), len(items)
