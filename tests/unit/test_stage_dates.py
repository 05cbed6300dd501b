"""Every stage date comes from the timeline: backdated moves, corrected events, reopened
disputes, restarted refunds, promised delivery and each country's working week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.builders import ALIEXPRESS_BOOK, a_case, moment, rule_book
from tui.domain.actions import (
    EventNotEditable,
    add_event,
    change_stage,
    delete_event,
    edit_event,
)
from tui.domain.deadline_rules import deadlines_for
from tui.domain.deadlines import Deadline
from tui.domain.fields import parse_moment
from tui.domain.model import Case, DeadlineKind, EventKind, Payer, PaymentMethod, Reason, Stage
from tui.domain.stage_form import parse_when, stage_form

TODAY = date(2026, 11, 26)
NOW = moment(TODAY, 15)


def moved(case: Case, *moves: tuple[Stage, date]) -> Case:
    for stage, day in moves:
        case = change_stage(case, stage, moment(day))
    return case


def deadline(case: Case, kind: DeadlineKind, book=ALIEXPRESS_BOOK) -> Deadline:
    return next(d for d in deadlines_for(case, book, TODAY) if d.kind is kind)


def stage_event(case: Case, stage: Stage) -> str:
    return next(e.id for e in reversed(case.events) if e.stage is stage)


def test_a_dispute_opened_ten_days_ago_is_five_days_overdue() -> None:
    case = moved(
        a_case(),
        (Stage.SELLER_CONTACTED, date(2026, 11, 12)),
        (Stage.DISPUTE_OPEN, date(2026, 11, 16)),
    )
    response = deadline(case, DeadlineKind.SELLER_RESPONSE)
    assert response.due == date(2026, 11, 21)
    assert response.days_left(TODAY) == -5
    assert "dispute opened 2026-11-16" in response.explanation


def test_correcting_the_events_date_moves_the_deadline() -> None:
    case = moved(a_case(), (Stage.DISPUTE_OPEN, date(2026, 11, 16)))
    event_id = stage_event(case, Stage.DISPUTE_OPEN)
    corrected = edit_event(case, event_id, moment(date(2026, 11, 19)), EventKind.STAGE_CHANGE, "x")
    assert deadline(corrected, DeadlineKind.SELLER_RESPONSE).due == date(2026, 11, 24)


def test_a_reopened_dispute_counts_from_its_latest_opening() -> None:
    case = moved(
        a_case(),
        (Stage.DISPUTE_OPEN, date(2026, 11, 12)),
        (Stage.REFUND_PENDING, date(2026, 11, 14)),
        (Stage.DISPUTE_OPEN, date(2026, 11, 20)),
    )
    assert deadline(case, DeadlineKind.SELLER_RESPONSE).due == date(2026, 11, 25)


def test_a_restarted_refund_counts_from_its_latest_start() -> None:
    case = moved(
        a_case(payment_method=PaymentMethod.E_WALLET),
        (Stage.REFUND_PENDING, date(2026, 11, 13)),
        (Stage.DISPUTE_OPEN, date(2026, 11, 16)),
        (Stage.REFUND_PENDING, date(2026, 11, 20)),  # a Friday
    )
    refund = deadline(case, DeadlineKind.REFUND_EXPECTED)
    assert (refund.earliest, refund.due) == (date(2026, 11, 23), date(2026, 11, 25))


@pytest.mark.parametrize(
    ("promised", "closes", "words"),
    [
        (20, date(2026, 12, 6), "20-day promised delivery"),  # 11-01 + 20 + 15
        (None, date(2027, 1, 15), "60-day delivery limit (no promised delivery recorded)"),
    ],
)
def test_an_item_that_never_came_counts_from_the_promised_delivery(
    promised: int | None, closes: date, words: str
) -> None:
    case = a_case(
        reason=Reason.NOT_RECEIVED,
        received_on=None,
        shipped_on=date(2026, 11, 1),
        promised_delivery_days=promised,
    )
    last_day = deadline(case, DeadlineKind.DISPUTE_CLOSES)
    assert last_day.due == closes
    assert words in last_day.explanation


def test_a_friday_saturday_weekend_counts_sunday_as_a_working_day() -> None:
    case = moved(
        a_case(payment_method=PaymentMethod.E_WALLET), (Stage.REFUND_PENDING, date(2026, 11, 26))
    )
    refund = deadline(case, DeadlineKind.REFUND_EXPECTED, rule_book(country="IL"))
    # Thursday + 1..3 working days in Israel: Sunday 29, Monday 30, Tuesday 1 December.
    assert (refund.earliest, refund.due) == (date(2026, 11, 29), date(2026, 12, 1))
    monday_to_friday = deadline(case, DeadlineKind.REFUND_EXPECTED)
    assert (monday_to_friday.earliest, monday_to_friday.due) == (
        date(2026, 11, 27),
        date(2026, 12, 1),
    )


def test_deleting_the_latest_move_puts_the_case_back() -> None:
    case = moved(
        a_case(),
        (Stage.SELLER_CONTACTED, date(2026, 11, 12)),
        (Stage.DISPUTE_OPEN, date(2026, 11, 16)),
    )
    back = delete_event(case, stage_event(case, Stage.DISPUTE_OPEN))
    assert back.stage is Stage.SELLER_CONTACTED
    assert all(
        d.kind is not DeadlineKind.SELLER_RESPONSE
        for d in deadlines_for(back, ALIEXPRESS_BOOK, TODAY)
    )
    assert delete_event(back, stage_event(back, Stage.SELLER_CONTACTED)).stage is Stage.DECIDING


def test_stage_moves_and_the_opening_keep_their_meaning() -> None:
    case = moved(a_case(), (Stage.DISPUTE_OPEN, date(2026, 11, 16)))
    with pytest.raises(EventNotEditable):
        edit_event(case, stage_event(case, Stage.DISPUTE_OPEN), NOW, EventKind.NOTE, "x")
    opened = add_event(case, EventKind.CREATED, "Case opened", moment(date(2026, 11, 10)))
    with pytest.raises(EventNotEditable):
        delete_event(opened, next(e.id for e in opened.events if e.kind is EventKind.CREATED))


def test_a_move_cannot_be_dated_before_the_previous_one() -> None:
    case = moved(a_case(), (Stage.SELLER_CONTACTED, date(2026, 11, 20)))
    with pytest.raises(ValueError, match="before the move to Seller contacted"):
        change_stage(case, Stage.DISPUTE_OPEN, moment(date(2026, 11, 18)))


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("2026-11-27", "in the future"),
        ("2026-10-30", "before the order date 2026-11-01"),
        ("2026-11-19 09:00", "before the move to Seller contacted"),
        ("yesterday", "is not a date and time"),
    ],
)
def test_the_stage_form_refuses_impossible_dates(typed: str, problem: str) -> None:
    case = moved(a_case(), (Stage.SELLER_CONTACTED, date(2026, 11, 20)))
    with pytest.raises(ValueError, match=problem):
        parse_when(typed, case, NOW)


def test_a_date_alone_means_that_day() -> None:
    case = moved(a_case(), (Stage.SELLER_CONTACTED, date(2026, 11, 20)))
    assert parse_when("2026-11-22", case, NOW) == datetime(2026, 11, 22, 12, tzinfo=UTC)
    # The day of the previous move, typed without a time: just after that move.
    assert parse_when("2026-11-20", case, NOW).date() == date(2026, 11, 20)
    assert parse_when("", case, NOW) == NOW


def test_shipping_back_records_the_parcel_on_the_case_and_the_timeline() -> None:
    case = moved(a_case(), (Stage.RETURN_AGREED, date(2026, 11, 20)))
    form = stage_form(case, Stage.SHIPPED_BACK, NOW, Payer.SELLER)
    defaults = {f.name: f.value for f in form.fields}
    assert (defaults["paid_by"], defaults["you_paid"]) == ("seller", "yes")
    raw = {
        "when": "2026-11-24 10:30",
        "tracking_number": "rb 123 456 785 gb",
        "carrier": "",
        "cost": "4.50",
        "paid_by": "buyer",
        "you_paid": "yes",
        "prepaid_label": "no",
    }
    shipped = form.parse(raw)
    assert shipped.stage is Stage.SHIPPED_BACK
    assert shipped.shipment.tracking_number == "RB123456785GB"
    assert shipped.shipment.carrier  # guessed from the number
    assert shipped.shipment.paid_by is Payer.BUYER
    assert shipped.events[-1].at == datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    assert "postage USD 4.50, you paid it, yours to bear" in shipped.events[-1].text


@given(st.integers(min_value=-4, max_value=9))
def test_moving_an_events_date_moves_its_deadlines_by_as_many_days(days: int) -> None:
    case = moved(a_case(), (Stage.DISPUTE_OPEN, date(2026, 11, 12)))
    event_id = stage_event(case, Stage.DISPUTE_OPEN)
    before = deadline(case, DeadlineKind.SELLER_RESPONSE).due
    later = moment(date(2026, 11, 12)) + timedelta(days=days)
    corrected = edit_event(case, event_id, later, EventKind.STAGE_CHANGE, "moved")
    assert deadline(corrected, DeadlineKind.SELLER_RESPONSE).due == before + timedelta(days=days)


def test_a_date_alone_is_the_same_moment_for_an_event_and_a_stage_move() -> None:
    case = moved(a_case(), (Stage.SELLER_CONTACTED, date(2026, 11, 12)))
    noon = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert parse_moment("2026-11-22", NOW) == parse_when("2026-11-22", case, NOW) == noon
