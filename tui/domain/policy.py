"""The marketplace rules the deadlines count from, with where each number comes from.

These are AliExpress's defaults from shared/domain.md; a case can override its seller's return
window. Sources: the AliExpress buyer protection page, the AliExpress help centre on disputes and
the seed guide ("Complete guide to returning items to AliExpress").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.domain.model import PaymentMethod


@dataclass(frozen=True, slots=True)
class RefundTime:
    """How many business days a refund takes to reach a payment method, fastest to slowest."""

    fastest: int
    slowest: int


@dataclass(frozen=True, slots=True)
class Policy:
    """The numbers one marketplace's deadlines are computed from."""

    name: str
    # Seller windows run 15-30 days from receipt; 15 is the common default (seed guide).
    return_window_days: int = 15
    # Chase a silent seller after this many days (seed guide: "follow up in a reasonable time").
    follow_up_days: int = 3
    # Ship the return within 10 days of agreeing it, or the money goes to the seller (help centre).
    ship_back_days: int = 10
    # Refund times by payment method, in business days (seed guide).
    refund_times: dict[PaymentMethod, RefundTime] = field(
        default_factory=lambda: {
            PaymentMethod.CARD: RefundTime(3, 15),
            PaymentMethod.BANK_TRANSFER: RefundTime(7, 20),
            PaymentMethod.E_WALLET: RefundTime(1, 3),
            PaymentMethod.OTHER: RefundTime(3, 20),
        }
    )


ALIEXPRESS = Policy(name="AliExpress")
