"""Realistic stores of any size for benchmarks: cases with timelines and ticked evidence."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from tui.domain.actions import add_event, change_stage, toggle_evidence
from tui.domain.clock import FixedClock
from tui.domain.evidence import checklist
from tui.domain.model import Case, EventKind, PaymentMethod, Reason, Shipment, Stage
from tui.store.case_store import CaseStore
from tui.workspace import Workspace

AS_OF = date(2026, 11, 26)
_ITEMS = [
    "wireless earbuds",
    "phone case",
    "LED strip",
    "backpack",
    "smart watch",
    "dress",
    "USB-C hub",
    "kitchen scale",
    "speaker",
    "sneakers",
    "face cream",
    "keyboard",
]
_STORES = ["Official Store", "Global Store", "Outlet", "Flagship", "Factory Store"]
_PATHS = {
    Stage.SELLER_CONTACTED: [Stage.SELLER_CONTACTED],
    Stage.DISPUTE_OPEN: [Stage.SELLER_CONTACTED, Stage.DISPUTE_OPEN],
    Stage.RETURN_AGREED: [Stage.SELLER_CONTACTED, Stage.RETURN_AGREED],
    Stage.SHIPPED_BACK: [Stage.SELLER_CONTACTED, Stage.RETURN_AGREED, Stage.SHIPPED_BACK],
    Stage.REFUND_PENDING: [Stage.SELLER_CONTACTED, Stage.REFUND_PENDING],
    Stage.REFUNDED: [Stage.SELLER_CONTACTED, Stage.REFUND_PENDING, Stage.REFUNDED],
    Stage.KEPT: [Stage.KEPT],
}


def moment(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def generate_case(rng: random.Random, index: int) -> Case:
    ordered = AS_OF - timedelta(days=rng.randint(5, 700))
    received = ordered + timedelta(days=rng.randint(7, 30))
    case = Case(
        id=f"case-{index:06d}",
        order_number=str(8100000000000000 + rng.randrange(10**15)),
        item=f"{rng.choice(_ITEMS).capitalize()} #{index}",
        store=f"{rng.choice(['Zeb', 'Ugr', 'Tron', 'Lily', 'Epo'])}{rng.randint(1, 400)} "
        f"{rng.choice(_STORES)}",
        created_at=moment(received, 9),
        amount=Decimal(rng.randint(199, 19999)) / 100,
        payment_method=rng.choice(list(PaymentMethod)),
        ordered_on=ordered,
        shipped_on=ordered + timedelta(days=2),
        received_on=received,
        reason=rng.choice(list(Reason)),
        shipment=Shipment(tracking_number=f"LP{rng.randrange(10**14):014d}"),
        notes="Seller asked for more photos." if rng.random() < 0.3 else "",
    )
    case = add_event(case, EventKind.CREATED, "Case opened", moment(received, 9))
    day = received
    for stage in _PATHS[rng.choice(list(_PATHS))]:
        day += timedelta(days=rng.randint(1, 6))
        case = add_event(
            case, EventKind.MESSAGE_SENT, "Photos attached, please refund.", moment(day, 10)
        )
        case = change_stage(case, stage, moment(day, 11))
    for item in checklist(case):
        if rng.random() < 0.6:
            case = toggle_evidence(case, item.key)
    return replace(case, created_at=moment(received, 9))


def generate_store(path: Path, count: int, seed: int = 42) -> Path:
    """A store at `path` with `count` cases (replacing any file there)."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    store = CaseStore.open(path)
    store.stage(generate_case(rng, index) for index in range(count))
    # As `returns-tui import` does: the most urgent cases named for the app's start-up.
    Workspace(store, FixedClock.on(AS_OF, UTC)).refresh()
    store.flush()
    store.close()
    return path
