"""Case changes: stage moves are recorded on the timeline and fill in their dates."""

from __future__ import annotations

from datetime import date, timedelta

from tests.builders import a_case, moment
from tui.domain.actions import add_event, change_stage
from tui.domain.history import dispute_opened_on, refund_received_on, refund_started_on
from tui.domain.model import EventKind, Stage
from tui.domain.stages import suggested_stages
from tui.domain.time_shift import shift_case


def test_a_stage_change_appends_a_timeline_event() -> None:
    moved = change_stage(a_case(), Stage.SELLER_CONTACTED, moment(date(2026, 11, 11)), "asked")
    event = moved.events[-1]
    assert moved.stage is Stage.SELLER_CONTACTED
    assert (event.kind, event.stage) == (EventKind.STAGE_CHANGE, Stage.SELLER_CONTACTED)
    assert event.text == "Deciding → Seller contacted: asked"


def test_moving_to_the_same_stage_changes_nothing() -> None:
    case = a_case()
    assert change_stage(case, Stage.DECIDING, moment(date(2026, 11, 11))) is case


def test_entering_a_dispute_or_refund_dates_it_on_the_timeline() -> None:
    disputed = change_stage(a_case(), Stage.DISPUTE_OPEN, moment(date(2026, 11, 12)))
    assert dispute_opened_on(disputed) == date(2026, 11, 12)
    refunded = change_stage(disputed, Stage.REFUNDED, moment(date(2026, 11, 20)))
    assert refund_received_on(refunded) == date(2026, 11, 20)
    assert refund_started_on(refunded) is None


def test_events_stay_in_date_order_whatever_order_they_are_added_in() -> None:
    case = add_event(a_case(), EventKind.NOTE, "later", moment(date(2026, 11, 15)))
    case = add_event(case, EventKind.NOTE, "earlier", moment(date(2026, 11, 12)))
    assert [event.text for event in case.events] == ["earlier", "later"]


def test_the_dispute_and_exchange_branches_are_offered() -> None:
    assert Stage.DISPUTE_OPEN in suggested_stages(Stage.SELLER_CONTACTED)
    assert Stage.REPLACEMENT_COMING in suggested_stages(Stage.SELLER_INSPECTING)
    assert Stage.REPLACED in suggested_stages(Stage.REPLACEMENT_COMING)


def test_shifting_moves_every_date_by_the_same_amount() -> None:
    case = change_stage(a_case(), Stage.REFUND_PENDING, moment(date(2026, 11, 12)))
    shifted = shift_case(case, timedelta(days=3))
    assert shifted.received_on == date(2026, 11, 13)
    assert refund_started_on(shifted) == date(2026, 11, 15)
    assert shifted.events[-1].at == case.events[-1].at + timedelta(days=3)
    assert shifted.created_at == case.created_at + timedelta(days=3)


def test_the_guides_shortcuts_are_suggested() -> None:
    assert {Stage.DISPUTE_OPEN, Stage.KEPT, Stage.PARTLY_REFUNDED} <= set(
        suggested_stages(Stage.RETURN_AGREED)
    )
    assert {Stage.REFUND_PENDING, Stage.REPLACEMENT_COMING} <= set(
        suggested_stages(Stage.SHIPPED_BACK)
    )
    assert Stage.SELLER_CONTACTED in suggested_stages(Stage.KEPT)
    assert Stage.SELLER_CONTACTED in suggested_stages(Stage.REPLACED)
