"""Deadlines: which apply in each stage, their dates, explanations, overrides and urgency."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tests.builders import ALIEXPRESS_BOOK, a_case, moment, rule_book
from tui.domain.actions import add_event, change_stage, extend_deadline
from tui.domain.deadline_index import DeadlineIndex
from tui.domain.deadline_rules import deadlines_for
from tui.domain.deadlines import Deadline, Urgency, describe_days_left, first_to_act
from tui.domain.model import Case, DeadlineKind, EventKind, PaymentMethod, Reason, Stage

TODAY = date(2026, 11, 12)


def found(case: Case, book=ALIEXPRESS_BOOK, today: date = TODAY) -> dict[DeadlineKind, Deadline]:
    return {deadline.kind: deadline for deadline in deadlines_for(case, book, today)}


def dues(case: Case, **kwargs) -> dict[DeadlineKind, date]:
    return {kind: deadline.due for kind, deadline in found(case, **kwargs).items()}


def test_a_case_being_decided_has_its_windows() -> None:
    case = a_case(shipped_on=date(2026, 11, 3))
    assert dues(case) == {
        DeadlineKind.RETURN_WINDOW: date(2026, 11, 25),
        DeadlineKind.DISPUTE_OPENS: date(2026, 11, 14),
        DeadlineKind.DISPUTE_CLOSES: date(2026, 11, 25),
        DeadlineKind.BUYER_PROTECTION: date(2026, 11, 25),
    }


def test_each_deadline_explains_itself_in_one_line() -> None:
    deadline = found(a_case())[DeadlineKind.RETURN_WINDOW]
    assert deadline.sentence == (
        "Return window closes 2026-11-25 (received 2026-11-10 + 15 days, the seller's window "
        "(the guide: 15 to 30 days; 15 assumed until you set it))"
    )
    assert deadline.start == date(2026, 11, 10)


def test_window_overrides_case_over_store_over_policy() -> None:
    book = rule_book(store_windows={"Gadget Store": 30})
    in_store = a_case(store="Gadget Store")
    assert found(in_store, book=book)[DeadlineKind.RETURN_WINDOW].explanation == (
        "received 2026-11-10 + 30 days, store policy"
    )
    own = replace(in_store, return_window_days=20)
    assert dues(own, book=book)[DeadlineKind.RETURN_WINDOW] == date(2026, 11, 30)
    assert "this case's window" in found(own, book=book)[DeadlineKind.RETURN_WINDOW].explanation


def test_an_extension_moves_the_deadline_and_says_why() -> None:
    case = extend_deadline(
        a_case(), DeadlineKind.RETURN_WINDOW, 7, "holiday extension", moment(TODAY)
    )
    deadline = found(case)[DeadlineKind.RETURN_WINDOW]
    assert deadline.due == date(2026, 12, 2)
    assert deadline.explanation.endswith("; +7 days, holiday extension")
    assert case.events[-1].text == "Return window closes: +7 days (holiday extension)"


def test_free_return_where_flagged() -> None:
    assert DeadlineKind.FREE_RETURN not in dues(a_case())
    assert dues(a_case(free_return=True))[DeadlineKind.FREE_RETURN] == date(2026, 11, 25)


def test_a_parcel_never_received_can_be_disputed_until_the_delivery_limit_runs_out() -> None:
    case = a_case(reason=Reason.NOT_RECEIVED, received_on=None, shipped_on=date(2026, 10, 1))
    deadline = found(case)[DeadlineKind.DISPUTE_CLOSES]
    assert deadline.due == date(2026, 10, 1) + timedelta(days=60 + 15)
    assert "60-day delivery limit" in deadline.explanation


def test_escalation_is_shown_only_while_ahead_a_dispute_until_its_last_day() -> None:
    case = a_case(shipped_on=date(2026, 11, 3))
    assert DeadlineKind.DISPUTE_OPENS in dues(case, today=date(2026, 11, 25))
    assert DeadlineKind.DISPUTE_OPENS not in dues(case, today=date(2026, 11, 26))
    disputed = change_stage(case, Stage.DISPUTE_OPEN, moment(date(2026, 11, 14)))
    assert DeadlineKind.ESCALATION in dues(disputed, today=date(2026, 11, 17))
    assert DeadlineKind.ESCALATION not in dues(disputed, today=date(2026, 11, 18))


def test_a_generic_store_has_no_dispute_deadlines() -> None:
    case = a_case(marketplace="Some Shop", shipped_on=date(2026, 11, 3))
    assert dues(case) == {DeadlineKind.RETURN_WINDOW: date(2026, 12, 10)}
    assert "30 assumed until you set it" in found(case)[DeadlineKind.RETURN_WINDOW].explanation


def test_follow_up_is_due_when_the_seller_has_not_answered() -> None:
    asked = add_event(
        change_stage(a_case(), Stage.SELLER_CONTACTED, moment(date(2026, 11, 12))),
        EventKind.MESSAGE_SENT,
        "Hello?",
        moment(date(2026, 11, 12)),
    )
    assert dues(asked)[DeadlineKind.FOLLOW_UP] == date(2026, 11, 15)
    answered = add_event(asked, EventKind.SELLER_REPLY, "Yes", moment(date(2026, 11, 13)))
    assert DeadlineKind.FOLLOW_UP not in dues(answered)


def test_an_open_dispute_has_a_seller_response_date_and_escalation() -> None:
    disputed = change_stage(a_case(), Stage.DISPUTE_OPEN, moment(date(2026, 11, 12)))
    assert dues(disputed) == {
        DeadlineKind.SELLER_RESPONSE: date(2026, 11, 17),
        DeadlineKind.ESCALATION: date(2026, 11, 15),
    }
    assert "automatic refund" in found(disputed)[DeadlineKind.SELLER_RESPONSE].explanation


def test_ship_back_counts_from_the_day_the_return_was_agreed() -> None:
    agreed = change_stage(a_case(), Stage.RETURN_AGREED, moment(date(2026, 11, 20)))
    # The last day to open a dispute (received 11-10 + 15) stays in view while it is ahead.
    assert dues(agreed) == {
        DeadlineKind.SHIP_BACK: date(2026, 11, 30),
        DeadlineKind.DISPUTE_CLOSES: date(2026, 11, 25),
    }
    assert DeadlineKind.DISPUTE_CLOSES not in dues(agreed, today=date(2026, 11, 26))


# 23:30 UTC on the 20th is already the 21st in Berlin, and 00:30 in Berlin on the 21st is
# still the 20th in UTC: each counts from the day its writer saw, whoever reads it.
@pytest.mark.parametrize(
    ("written", "ship_by"),
    [
        (datetime(2026, 11, 20, 23, 30, tzinfo=UTC), date(2026, 11, 30)),
        (datetime(2026, 11, 21, 0, 30, tzinfo=timezone(timedelta(hours=1))), date(2026, 12, 1)),
    ],
)
def test_a_day_is_the_day_it_was_written_on(written: datetime, ship_by: date) -> None:
    agreed = change_stage(a_case(), Stage.RETURN_AGREED, written)
    assert dues(agreed)[DeadlineKind.SHIP_BACK] == ship_by


@pytest.mark.parametrize(
    ("method", "earliest", "latest"),
    [
        (PaymentMethod.E_WALLET, date(2026, 11, 23), date(2026, 11, 25)),  # Fri + 1..3
        (PaymentMethod.CARD, date(2026, 11, 25), date(2026, 12, 11)),  # Fri + 3..15
        (PaymentMethod.BANK_TRANSFER, date(2026, 12, 1), date(2026, 12, 18)),  # Fri + 7..20
    ],
)
def test_refund_is_expected_between_two_business_days_for_the_method(
    method: PaymentMethod, earliest: date, latest: date
) -> None:
    case = change_stage(
        a_case(payment_method=method), Stage.REFUND_PENDING, moment(date(2026, 11, 20))
    )
    deadline = found(case)[DeadlineKind.REFUND_EXPECTED]
    assert (deadline.earliest, deadline.due) == (earliest, latest)


def test_public_holidays_are_not_business_days_when_a_country_is_set() -> None:
    case = change_stage(
        a_case(payment_method=PaymentMethod.E_WALLET),
        Stage.REFUND_PENDING,
        moment(date(2026, 12, 23)),
    )
    # Wed 23 Dec + 3 business days: Thu 24, (Fri 25 Christmas), Mon 28, Tue 29 in Germany,
    # where the 26th is a Saturday anyway; without a country: Thu 24, Fri 25, Mon 28.
    assert dues(case)[DeadlineKind.REFUND_EXPECTED] == date(2026, 12, 28)
    german = rule_book(country="DE")
    assert dues(case, book=german)[DeadlineKind.REFUND_EXPECTED] == date(2026, 12, 29)


def test_closed_and_archived_cases_have_no_deadlines() -> None:
    assert deadlines_for(a_case(stage=Stage.REFUNDED), ALIEXPRESS_BOOK, TODAY) == []
    assert deadlines_for(a_case(archived=True), ALIEXPRESS_BOOK, TODAY) == []


def test_the_index_merges_cases_in_date_order_and_redoes_only_changed_ones() -> None:
    early = a_case(id="early", received_on=date(2026, 11, 1))
    late = a_case(id="late", received_on=date(2026, 11, 20))
    index = DeadlineIndex()
    assert index.update([late, early], TODAY, ALIEXPRESS_BOOK)
    assert index.merged[0].case_id == "early"
    assert index.merged[-1].case_id == "late"
    assert not index.update([late, early], TODAY, ALIEXPRESS_BOOK)  # nothing changed
    moved = replace(early, received_on=date(2026, 11, 30))
    assert index.update([late, moved], TODAY, ALIEXPRESS_BOOK)
    assert index.merged[-1].case_id == "early"
    assert index.of("early")[0].due == date(2026, 12, 15)
    assert index.update([late], TODAY, ALIEXPRESS_BOOK)  # a case went away
    assert index.of("early") == []
    assert index.update([late], date(2026, 11, 13), ALIEXPRESS_BOOK)  # a new day


def test_first_to_act_skips_openings() -> None:
    case = a_case(shipped_on=date(2026, 11, 3))
    first = first_to_act(deadlines_for(case, ALIEXPRESS_BOOK, TODAY))
    assert first is not None
    assert first.kind is DeadlineKind.RETURN_WINDOW


@pytest.mark.parametrize(
    ("days", "urgency"),
    [
        (-1, Urgency.OVERDUE),
        (0, Urgency.SOON),
        (2, Urgency.SOON),
        (3, Urgency.THIS_WEEK),
        (7, Urgency.THIS_WEEK),
        (8, Urgency.LATER),
    ],
)
def test_urgency_levels(days: int, urgency: Urgency) -> None:
    deadline = found(a_case())[DeadlineKind.RETURN_WINDOW]
    today = deadline.due - timedelta(days=days)
    assert deadline.urgency(today) is urgency


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (3, "in 3 days"),
        (-1, "1 day overdue"),
        (-2, "2 days overdue"),
    ],
)
def test_days_left_in_words(days: int, words: str) -> None:
    assert describe_days_left(days) == words


@pytest.mark.parametrize(
    ("received", "window_end"),
    [
        (date(2026, 1, 31), date(2026, 2, 15)),  # across a month end
        (date(2028, 2, 14), date(2028, 2, 29)),  # onto a leap day
        (date(2026, 12, 20), date(2027, 1, 4)),  # across a year end
    ],
)
def test_calendar_edges(received: date, window_end: date) -> None:
    assert dues(a_case(received_on=received))[DeadlineKind.RETURN_WINDOW] == window_end


def test_the_index_counts_dates_to_act_by_and_orders_cases_by_urgency() -> None:
    soon = a_case(id="soon", received_on=date(2026, 10, 25), shipped_on=date(2026, 11, 3))
    later = a_case(id="later", received_on=date(2026, 11, 20))
    closed = a_case(id="closed", stage=Stage.REFUNDED)
    index = DeadlineIndex()
    index.update([later, closed, soon], TODAY, ALIEXPRESS_BOOK)
    assert [case.id for case in index.by_urgency] == ["soon", "later", "closed"]
    # "soon" is overdue (three dates on 9 Nov); its dispute opening on 14 Nov is not a date to
    # act by. "later" is next due on 5 Dec. The closed case is never counted.
    assert index.count_cases_due(date.min, TODAY) == 1
    assert index.count_cases_due(TODAY, date(2026, 11, 15)) == 0
    assert index.count_cases_due(TODAY, date.max) == 1
