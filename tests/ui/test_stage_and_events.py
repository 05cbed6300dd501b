"""Changing stage asks when and what; timeline events can be corrected and deleted, and undone."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList

from tests.ui.helpers import dashboard, field_message, type_text
from tui.app.returns_app import ReturnsApp
from tui.app.screens.form_dialog import FormDialog
from tui.app.screens.question import QuestionDialog
from tui.domain.history import dispute_opened_on
from tui.domain.model import Payer, Stage
from tui.domain.tracking import check_tracking

WIDE = (160, 48)


def _highlight(options: OptionList, option_id: str) -> None:
    options.highlighted = next(
        index
        for index in range(options.option_count)
        if options.get_option_at_index(index).id == option_id
    )


async def _pick_stage(pilot, stage: Stage) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    _highlight(pilot.app.screen.query_one(OptionList), stage.value)
    await pilot.press("enter")
    assert isinstance(pilot.app.screen, FormDialog)


async def _retype(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    entry = pilot.app.screen.query_one(f"#{field}", Input)
    entry.focus()
    entry.value = ""
    await type_text(pilot, text)


async def test_a_dispute_opened_days_ago_counts_from_that_day(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        board = dashboard(pilot)
        case = next(c for c in app.store.cases() if c.stage is Stage.SELLER_CONTACTED)
        board.select_case(case.id)
        await _pick_stage(pilot, Stage.DISPUTE_OPEN)
        await _retype(pilot, "when", "2026-11-24 08:00")
        await _retype(pilot, "reason", "left earbud silent")
        await pilot.press("ctrl+s")
        await pilot.pause()
        moved = app.store.get(case.id)
        assert moved.stage is Stage.DISPUTE_OPEN
        assert dispute_opened_on(moved) == date(2026, 11, 24)
        assert moved.dispute.reason == "left earbud silent"
        response = next(
            d for d in board.workspace.deadlines_of(case.id) if d.kind.value == "seller_response"
        )
        assert response.due == date(2026, 11, 29)
        assert "dispute opened 2026-11-24" in response.explanation


async def test_a_future_date_is_refused_and_the_form_stays(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        await _pick_stage(pilot, Stage.REFUNDED)
        await _retype(pilot, "when", "2027-01-01")
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, FormDialog)
        assert "is in the future" in field_message(pilot.app.screen, "when")
        await pilot.press("escape", "y")
        assert app.store.get(case.id) == case


async def test_shipping_back_asks_for_the_parcel(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = next(c for c in app.store.cases() if c.stage is Stage.RETURN_AGREED)
        dashboard(pilot).select_case(case.id)
        await _pick_stage(pilot, Stage.SHIPPED_BACK)
        await _retype(pilot, "tracking_number", "RB123456785GB")
        await _retype(pilot, "cost", "6.20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        shipped = app.store.get(case.id)
        assert shipped.stage is Stage.SHIPPED_BACK
        assert shipped.shipment.tracking_number == "RB123456785GB"
        guess = check_tracking("RB123456785GB")
        assert guess is not None
        assert shipped.shipment.carrier == guess.carrier
        assert str(shipped.shipment.cost) == "6.20"
        assert shipped.shipment.paid_by is not Payer.UNKNOWN
        assert "RB123456785GB" in shipped.events[-1].text


async def test_the_stage_form_warns_about_a_wrong_check_digit_as_it_is_typed(
    app: ReturnsApp,
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = next(c for c in app.store.cases() if c.stage is Stage.RETURN_AGREED)
        dashboard(pilot).select_case(case.id)
        await _pick_stage(pilot, Stage.SHIPPED_BACK)
        await _retype(pilot, "tracking_number", "RB123456784GB")
        note = field_message(pilot.app.screen, "tracking_number")
        assert note == "GB post, UPU S10, check digit looks wrong; kept as typed"
        assert pilot.app.screen.query_one("#tracking_number").has_class("-warning")


async def test_an_event_is_corrected_and_the_correction_undone(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        latest = case.events[-1]
        await pilot.press("2", "enter")
        assert isinstance(pilot.app.screen, FormDialog)
        await _retype(pilot, "when", "2026-11-18 10:15")
        await pilot.press("ctrl+s")
        await pilot.pause()
        corrected = next(e for e in app.store.get(case.id).events if e.id == latest.id)
        assert corrected.at.strftime("%Y-%m-%d %H:%M") == "2026-11-18 10:15"
        await pilot.press("u")
        assert app.store.get(case.id) == case


async def test_deleting_the_latest_move_asks_and_puts_the_case_back(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        case = dashboard(pilot).selected_case
        assert case.stage is Stage.REFUND_PENDING
        move = next(e for e in reversed(case.events) if e.stage is Stage.REFUND_PENDING)
        await pilot.press("2")
        _highlight(pilot.app.screen.query_one("#events", OptionList), move.id)
        await pilot.press("x")
        assert isinstance(pilot.app.screen, QuestionDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.store.get(case.id).stage is Stage.SELLER_CONTACTED
        await pilot.press("u")
        assert app.store.get(case.id) == case


async def test_i_shows_where_a_deadlines_number_comes_from(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("4", "j")
        await pilot.press("i")
        assert isinstance(pilot.app.screen, QuestionDialog)
        text = str(pilot.app.screen.query_one("#text").render())
        assert "Source:" in text
        assert "Certainty:" in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, QuestionDialog)


async def test_a_refund_above_the_price_asks_before_it_is_recorded(app: ReturnsApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        board = dashboard(pilot)
        case = next(c for c in app.store.cases() if c.stage is Stage.REFUND_PENDING)
        board.select_case(case.id)
        await _pick_stage(pilot, Stage.REFUNDED)
        await _retype(pilot, "received", "999")
        assert "you will be asked to confirm" in field_message(pilot.app.screen, "received")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, QuestionDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.store.get(case.id).stage is Stage.REFUND_PENDING
        # Back in the form as typed, to correct the amount.
        assert isinstance(pilot.app.screen, FormDialog)
        assert pilot.app.screen.query_one("#received", Input).value == "999"
