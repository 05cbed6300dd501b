"""The path a case takes through its stages, with the dispute and exchange branches.

`NEXT_STAGES` is the path a shopper normally follows from each stage (see shared/domain.md); the
stage picker offers those first but allows any stage, because real cases skip steps and users
correct mistakes.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.domain.model import CLOSED_STAGES, Case, EventKind, Stage

NEXT_STAGES: dict[Stage, tuple[Stage, ...]] = {
    Stage.DECIDING: (Stage.SELLER_CONTACTED, Stage.KEPT, Stage.CANCELLED),
    Stage.SELLER_CONTACTED: (
        Stage.RETURN_AGREED,
        Stage.DISPUTE_OPEN,
        Stage.REFUND_PENDING,
        Stage.REPLACEMENT_COMING,
        Stage.REJECTED,
        Stage.KEPT,
    ),
    Stage.DISPUTE_OPEN: (
        Stage.RETURN_AGREED,
        Stage.REFUND_PENDING,
        Stage.REPLACEMENT_COMING,
        Stage.REJECTED,
        Stage.CANCELLED,
    ),
    Stage.RETURN_AGREED: (
        Stage.SHIPPED_BACK,
        Stage.DISPUTE_OPEN,
        Stage.KEPT,
        Stage.PARTLY_REFUNDED,
        Stage.CANCELLED,
    ),
    Stage.SHIPPED_BACK: (
        Stage.SELLER_INSPECTING,
        Stage.REFUND_PENDING,
        Stage.REPLACEMENT_COMING,
        Stage.DISPUTE_OPEN,
    ),
    Stage.SELLER_INSPECTING: (
        Stage.REFUND_PENDING,
        Stage.REPLACEMENT_COMING,
        Stage.REJECTED,
        Stage.DISPUTE_OPEN,
    ),
    Stage.REFUND_PENDING: (Stage.REFUNDED, Stage.PARTLY_REFUNDED, Stage.DISPUTE_OPEN),
    Stage.REPLACEMENT_COMING: (Stage.REPLACED, Stage.DISPUTE_OPEN),
    **dict.fromkeys(CLOSED_STAGES, (Stage.DISPUTE_OPEN,)),
    # A kept item or a replacement can turn out faulty: back to talking to the seller.
    Stage.KEPT: (Stage.SELLER_CONTACTED, Stage.DISPUTE_OPEN),
    Stage.REPLACED: (Stage.SELLER_CONTACTED, Stage.DISPUTE_OPEN),
}


def stages_reached(case: Case) -> Iterable[Stage]:
    """Every stage the case has been in, from its timeline and its current stage."""
    yield Stage.DECIDING
    yield from (
        event.stage
        for event in case.events
        if event.kind is EventKind.STAGE_CHANGE and event.stage is not None
    )
    yield case.stage


def suggested_stages(stage: Stage, *, dispute_first: bool = False) -> tuple[Stage, ...]:
    """The stages that normally follow `stage`; with `dispute_first` (a silent seller),
    Dispute open leads them."""
    usual = NEXT_STAGES[stage]
    if not dispute_first or stage is Stage.DISPUTE_OPEN:
        return usual
    return (Stage.DISPUTE_OPEN, *(other for other in usual if other is not Stage.DISPUTE_OPEN))
