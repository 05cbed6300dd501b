"""The return case and its parts, as immutable values.

Every change to a case produces a new `Case` (see `tui.domain.actions`), which keeps the app's
state easy to reason about and makes undo a matter of keeping the old value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter, le


class Labelled(StrEnum):
    """A string enum whose members carry a human label (the value stays the stored form)."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Reason(Labelled):
    """Why the shopper wants to send the item back."""

    DAMAGED = "damaged"
    DEFECTIVE = "defective"
    NOT_AS_DESCRIBED = "not_as_described"
    WRONG_ITEM = "wrong_item"
    MISSING_PARTS = "missing_parts"
    WRONG_SIZE = "wrong_size"
    CHANGED_MIND = "changed_mind"
    NOT_RECEIVED = "not_received"


class Category(Labelled):
    """The kind of item, which decides whether it can be returned at all."""

    STANDARD = "standard"
    PERISHABLE = "perishable"
    HYGIENE = "hygiene"
    CUSTOM_MADE = "custom_made"
    INTIMATE = "intimate"


class Outcome(Labelled):
    """What the shopper wants out of the case."""

    REFUND = "refund"
    PARTIAL_REFUND = "partial_refund"
    REPLACEMENT = "replacement"


class PaymentMethod(Labelled):
    """How the order was paid, which decides how long a refund takes to arrive."""

    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    E_WALLET = "e_wallet"
    OTHER = "other"

    @property
    def label(self) -> str:
        return "E-wallet" if self is PaymentMethod.E_WALLET else super().label


class RejectionReason(Labelled):
    """Why a seller turned a return down (the common rejections of the seed guide)."""

    USED = "used"
    MISSING_PARTS = "missing_parts"
    AFTER_WINDOW = "after_window"
    CLAIM_MISMATCH = "claim_mismatch"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            RejectionReason.USED: "Used or damaged by the buyer",
            RejectionReason.AFTER_WINDOW: "Returned after the window or without approval",
            RejectionReason.CLAIM_MISMATCH: "Claim does not match the item",
        }.get(self, super().label)


class Payer(Labelled):
    """Who should bear the return postage."""

    UNKNOWN = "unknown"
    BUYER = "buyer"
    SELLER = "seller"


class Stage(Labelled):
    """Where a case stands on the path from 'should I return this?' to money back."""

    DECIDING = "deciding"
    SELLER_CONTACTED = "seller_contacted"
    DISPUTE_OPEN = "dispute_open"
    RETURN_AGREED = "return_agreed"
    SHIPPED_BACK = "shipped_back"
    SELLER_INSPECTING = "seller_inspecting"
    REFUND_PENDING = "refund_pending"
    REPLACEMENT_COMING = "replacement_coming"
    REFUNDED = "refunded"
    PARTLY_REFUNDED = "partly_refunded"
    REPLACED = "replaced"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    KEPT = "kept"

    @property
    def is_closed(self) -> bool:
        return self in CLOSED_STAGES


CLOSED_STAGES = frozenset(
    {
        Stage.REFUNDED,
        Stage.PARTLY_REFUNDED,
        Stage.REPLACED,
        Stage.REJECTED,
        Stage.CANCELLED,
        Stage.KEPT,
    }
)


class EventKind(Labelled):
    """What a timeline entry records."""

    CREATED = "created"
    NOTE = "note"
    MESSAGE_SENT = "message_sent"
    SELLER_REPLY = "seller_reply"
    TRACKING_UPDATE = "tracking_update"
    DISPUTE_UPDATE = "dispute_update"
    REFUND_UPDATE = "refund_update"
    STAGE_CHANGE = "stage_change"
    EDITED = "edited"
    RETURN_DELIVERED = "return_delivered"
    PARCEL_LOST = "parcel_lost"
    CARRIER_CLAIM = "carrier_claim"
    POSTAGE_CLAIMED = "postage_claimed"
    POSTAGE_REIMBURSED = "postage_reimbursed"

    @property
    def label(self) -> str:
        return {
            EventKind.MESSAGE_SENT: "Message to seller",
            EventKind.STAGE_CHANGE: "Stage",
            EventKind.RETURN_DELIVERED: "Return delivered to the seller",
            EventKind.PARCEL_LOST: "Return parcel lost",
            EventKind.CARRIER_CLAIM: "Carrier claim filed",
            EventKind.POSTAGE_CLAIMED: "Postage reimbursement asked",
        }.get(self, super().label)


# The kinds a user adds by hand; the others are written by the app as things happen.
USER_EVENT_KINDS = (
    EventKind.NOTE,
    EventKind.MESSAGE_SENT,
    EventKind.SELLER_REPLY,
    EventKind.TRACKING_UPDATE,
    EventKind.DISPUTE_UPDATE,
    EventKind.REFUND_UPDATE,
    EventKind.RETURN_DELIVERED,
    EventKind.PARCEL_LOST,
    EventKind.CARRIER_CLAIM,
    EventKind.POSTAGE_CLAIMED,
    EventKind.POSTAGE_REIMBURSED,
)


class DeadlineKind(StrEnum):
    """The kinds of date a case can have to meet (or, for openings, to wait for)."""

    RETURN_WINDOW = "return_window"
    FREE_RETURN = "free_return"
    FOLLOW_UP = "follow_up"
    SELLER_RESPONSE = "seller_response"
    ESCALATION = "escalation"
    SHIP_BACK = "ship_back"
    DISPUTE_OPENS = "dispute_opens"
    DISPUTE_CLOSES = "dispute_closes"
    BUYER_PROTECTION = "buyer_protection"
    REFUND_EXPECTED = "refund_expected"
    TRACKING_STALLED = "tracking_stalled"
    LOST_PARCEL = "lost_parcel"
    RECEIPT_CONFIRMATION = "receipt_confirmation"
    SELLER_DECISION = "seller_decision"
    REPLACEMENT_ARRIVES = "replacement_arrives"

    @property
    def label(self) -> str:
        return _DEADLINE_LABELS[self]

    @property
    def is_opening(self) -> bool:
        """Whether the date is when something becomes possible, not a date to act by."""
        return self in (DeadlineKind.DISPUTE_OPENS, DeadlineKind.ESCALATION)


# Looked up, not built, on every call: `due` words 100,000s of deadlines.
_DEADLINE_LABELS = {
    DeadlineKind.RETURN_WINDOW: "Return window closes",
    DeadlineKind.FREE_RETURN: "Free Return ends",
    DeadlineKind.FOLLOW_UP: "Follow up with seller",
    DeadlineKind.SELLER_RESPONSE: "Seller must respond by",
    DeadlineKind.ESCALATION: "Escalation available",
    DeadlineKind.SHIP_BACK: "Ship the return by",
    DeadlineKind.DISPUTE_OPENS: "Dispute can be opened",
    DeadlineKind.DISPUTE_CLOSES: "Last day to open a dispute",
    DeadlineKind.BUYER_PROTECTION: "Buyer protection ends",
    DeadlineKind.REFUND_EXPECTED: "Refund expected by",
    DeadlineKind.TRACKING_STALLED: "Chase a quiet return parcel",
    DeadlineKind.LOST_PARCEL: "File a carrier claim by",
    DeadlineKind.RECEIPT_CONFIRMATION: "Seller should confirm receipt by",
    DeadlineKind.SELLER_DECISION: "Chase the seller's decision by",
    DeadlineKind.REPLACEMENT_ARRIVES: "Replacement should arrive by",
}


@dataclass(frozen=True, slots=True)
class Extension:
    """Extra days on one of a case's deadlines (a negotiated or holiday extension)."""

    kind: DeadlineKind
    days: int
    reason: str


@dataclass(frozen=True, slots=True)
class Event:
    """One dated entry on a case's timeline."""

    id: str
    at: datetime
    kind: EventKind
    text: str
    # Only for stage changes: the stage the case moved to, so deadlines can date each stage.
    stage: Stage | None = None
    # Only for a postage reimbursement: how much came back (None: the postage in full).
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """An evidence file as it was when attached: what shows later that a file is the same one."""

    sha256: str
    size: int
    attached_at: datetime
    # When a photo was taken (its EXIF DateTimeOriginal, at the offset it was taken at).
    captured_at: datetime | None = None
    # A copy is in the evidence vault beside the store; False: only the path was recorded.
    kept: bool = True


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """The shopper's state for one checklist item: ticked or not, which file, a note.

    Items derived from the case's reason and stage are stored by their template key; a custom item
    added by the shopper also stores its own label. `path` is where the file was when attached.
    """

    key: str
    done: bool = False
    path: str = ""
    note: str = ""
    label: str = ""
    file: AttachedFile | None = None


@dataclass(frozen=True, slots=True)
class Shipment:
    """The parcel going back to the seller."""

    carrier: str = ""
    tracking_number: str = ""
    cost: Decimal | None = None
    # Who should bear the postage (unknown: the policy's answer for the case's reason).
    paid_by: Payer = Payer.UNKNOWN
    # Whether the shopper paid it at the counter: owed back when the seller should bear it.
    you_paid: bool = False
    prepaid_label: bool = False


@dataclass(frozen=True, slots=True)
class Refund:
    """Money coming back: how much was asked for and how much reached the shopper.

    When the refund started and when it arrived are not kept here: they are the dates of the
    moves into Refund pending and Refunded on the timeline (see `tui.domain.history`).
    """

    # The amount to be refunded (asked for or promised); None: the amount paid.
    expected: Decimal | None = None
    # The amount that actually reached the shopper's account.
    received: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    """What the shopper claims in a dispute with the marketplace.

    The day it was opened is the date of the latest move into Dispute open on the timeline.
    """

    claim: Outcome = Outcome.REFUND
    # For a partial refund: how much is claimed.
    claim_amount: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    """One return, refund or dispute, with everything needed to see it through."""

    id: str
    order_number: str
    item: str
    created_at: datetime
    store: str = ""
    marketplace: str = "AliExpress"
    amount: Decimal | None = None
    currency: str = "USD"
    payment_method: PaymentMethod = PaymentMethod.CARD
    ordered_on: date | None = None
    # When the seller shipped the order: disputes and delivery limits count from it.
    shipped_on: date | None = None
    received_on: date | None = None
    # The delivery time the order page promised, in days from shipping: the last day to open a
    # dispute for an item that never came counts from it.
    promised_delivery_days: int | None = None
    reason: Reason = Reason.DEFECTIVE
    category: Category = Category.STANDARD
    outcome: Outcome = Outcome.REFUND
    stage: Stage = Stage.DECIDING
    # None means "the marketplace policy's default"; a number is this seller's own window.
    return_window_days: int | None = None
    # AliExpress "Free Return" offered on this order.
    free_return: bool = False
    extensions: tuple[Extension, ...] = ()
    shipment: Shipment = field(default_factory=Shipment)
    refund: Refund = field(default_factory=Refund)
    dispute: Dispute = field(default_factory=Dispute)
    # Why the case was rejected or cancelled, as the shopper recorded it.
    close_reason: str = ""
    # For a rejected return: which of the usual rejections the seller gave.
    rejection: RejectionReason | None = None
    # Where the return goes and the seller's return authorisation number, once agreed.
    return_address: str = ""
    return_authorisation: str = ""
    # The seller's tracking number for a replacement on its way.
    replacement_tracking: str = ""
    notes: str = ""
    archived: bool = False
    events: tuple[Event, ...] = ()
    evidence: tuple[EvidenceEntry, ...] = ()

    def __post_init__(self) -> None:
        # Every rule reads the timeline first to last: it is in date order whatever order a
        # file or an import listed it in (a stable sort: events of one moment keep theirs).
        # Checked in C (map): decoding 105,000 cases, a Python loop over the pairs took 0.17 s more.
        events = self.events
        if len(events) > 1:
            moments = list(map(_moment, events))
            if not all(map(le, moments, moments[1:])):
                object.__setattr__(self, "events", tuple(sorted(events, key=_moment)))

    @property
    def is_closed(self) -> bool:
        return self.archived or self.stage.is_closed

    def evidence_entry(self, key: str) -> EvidenceEntry:
        """The stored state of checklist item `key` (a fresh, unticked one if never touched)."""
        return next((entry for entry in self.evidence if entry.key == key), EvidenceEntry(key))


_moment = attrgetter("at")
