"""Deadlines: which apply in each stage, their dates, explanations and urgency."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import a_case, moment
from tui.domain.actions import add_event, change_stage
from tui.domain.business_days import add_business_days
from tui.domain.deadlines import (
    DeadlineKind,
    Urgency,
    all_deadlines,
    deadlines_for,
    describe_days_left,
    next_deadline,
)
from tui.domain.model import EventKind, PaymentMethod, Refund, Stage
from tui.domain.policy import ALIEXPRESS


def kinds(case) -> dict[DeadlineKind, date]:
    return {deadline.kind: deadline.due for deadline in deadlines_for(case, ALIEXPRESS)}


def test_return_window_counts_the_policy_default_from_receipt() -> None:
    [deadline] = deadlines_for(a_case(), ALIEXPRESS)
    assert deadline.kind is DeadlineKind.RETURN_WINDOW
    assert deadline.due == date(2026, 11, 25)
    assert deadline.explanation == "received 2026-11-10 + 15 days (AliExpress default)"


def test_a_sellers_own_window_overrides_the_default() -> None:
    deadline = next_deadline(a_case(return_window_days=30), ALIEXPRESS)
    assert deadline is not None
    assert deadline.due == date(2026, 12, 10)
    assert "seller's window" in deadline.explanation


def test_no_return_window_without_a_received_date() -> None:
    assert deadlines_for(a_case(received_on=None), ALIEXPRESS) == []


def test_follow_up_is_due_when_the_seller_has_not_answered() -> None:
    asked = add_event(
        change_stage(a_case(), Stage.SELLER_CONTACTED, moment(date(2026, 11, 12))),
        EventKind.MESSAGE_SENT,
        "Hello?",
        moment(date(2026, 11, 12)),
    )
    assert kinds(asked)[DeadlineKind.FOLLOW_UP] == date(2026, 11, 15)
    answered = add_event(asked, EventKind.SELLER_REPLY, "Yes", moment(date(2026, 11, 13)))
    assert DeadlineKind.FOLLOW_UP not in kinds(answered)


def test_ship_back_counts_from_the_day_the_return_was_agreed() -> None:
    agreed = change_stage(a_case(), Stage.RETURN_AGREED, moment(date(2026, 11, 20)))
    assert kinds(agreed) == {DeadlineKind.SHIP_BACK: date(2026, 11, 30)}


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (PaymentMethod.E_WALLET, date(2026, 11, 25)),  # Fri + 3 business days
        (PaymentMethod.CARD, date(2026, 12, 11)),  # Fri + 15 business days
        (PaymentMethod.BANK_TRANSFER, date(2026, 12, 18)),  # Fri + 20 business days
    ],
)
def test_refund_is_expected_after_the_slowest_business_days_for_the_method(
    method: PaymentMethod, expected: date
) -> None:
    case = a_case(
        stage=Stage.REFUND_PENDING,
        payment_method=method,
        refund=Refund(initiated_on=date(2026, 11, 20)),
    )
    assert kinds(case) == {DeadlineKind.REFUND_EXPECTED: expected}


def test_closed_and_archived_cases_have_no_deadlines() -> None:
    assert deadlines_for(a_case(stage=Stage.REFUNDED), ALIEXPRESS) == []
    assert deadlines_for(a_case(archived=True), ALIEXPRESS) == []


def test_all_deadlines_are_sorted_by_date_across_cases() -> None:
    early = a_case(id="early", received_on=date(2026, 11, 1))
    late = a_case(id="late", received_on=date(2026, 11, 20))
    ordered = all_deadlines([late, early], ALIEXPRESS)
    assert [deadline.case_id for deadline in ordered] == ["early", "late"]


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
    deadline = next_deadline(a_case(), ALIEXPRESS)
    assert deadline is not None
    today = date.fromordinal(deadline.due.toordinal() - days)
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
    ("start", "count", "expected"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday -> Monday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # Saturday -> Monday
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
        (date(2026, 12, 30), 3, date(2027, 1, 4)),  # across the new year
        (date(2028, 2, 28), 1, date(2028, 2, 29)),  # leap day is a Tuesday
    ],
)
def test_business_days_skip_weekends(start: date, count: int, expected: date) -> None:
    assert add_business_days(start, count) == expected
