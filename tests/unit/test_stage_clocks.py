"""Every open stage has a clock: hand-computed dates for the clocks after the seller agreed,
policy overrides of their numbers, and the follow-up in any open stage."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.builders import ALIEXPRESS_BOOK, a_case, moment
from tui.domain.actions import add_event, change_stage
from tui.domain.deadline_rules import deadlines_for
from tui.domain.model import Case, Category, DeadlineKind, EventKind, Reason, Stage
from tui.domain.policy import RuleBook, eligibility, return_postage
from tui.store.case_store import CaseStore
from tui.store.locations import bundled_demo_path

TODAY = date(2026, 11, 26)


def through(case: Case, *moves: tuple[Stage, date]) -> Case:
    for stage, day in moves:
        case = change_stage(case, stage, moment(day))
    return case


def dues(case: Case, book: RuleBook = ALIEXPRESS_BOOK) -> dict[DeadlineKind, date]:
    return {d.kind: d.due for d in deadlines_for(case, book, TODAY)}


SHIPPED = through(
    a_case(), (Stage.RETURN_AGREED, date(2026, 11, 12)), (Stage.SHIPPED_BACK, date(2026, 11, 14))
)


@pytest.mark.parametrize(
    ("case", "kind", "due"),
    [
        # Shipped back 11-14, no tracking update: chase from 11-14 + 7.
        (SHIPPED, DeadlineKind.TRACKING_STALLED, date(2026, 11, 21)),
        # The latest tracking update (11-18) restarts the quiet-parcel clock.
        (
            add_event(SHIPPED, EventKind.TRACKING_UPDATE, "in transit", moment(date(2026, 11, 18))),
            DeadlineKind.TRACKING_STALLED,
            date(2026, 11, 25),
        ),
        # Delivered 11-20: the seller should confirm receipt by 11-20 + 5.
        (
            add_event(SHIPPED, EventKind.RETURN_DELIVERED, "signed", moment(date(2026, 11, 20))),
            DeadlineKind.RECEIPT_CONFIRMATION,
            date(2026, 11, 25),
        ),
        # Inspecting from 11-21: chase the decision by 11-21 + 7.
        (
            through(SHIPPED, (Stage.SELLER_INSPECTING, date(2026, 11, 21))),
            DeadlineKind.SELLER_DECISION,
            date(2026, 11, 28),
        ),
        # A replacement sent 11-16 with a 20-day promise should arrive by 12-06.
        (
            through(
                a_case(promised_delivery_days=20), (Stage.REPLACEMENT_COMING, date(2026, 11, 16))
            ),
            DeadlineKind.REPLACEMENT_ARRIVES,
            date(2026, 12, 6),
        ),
        # Without a promise, the 60-day delivery limit: 11-16 + 60 = 2027-01-15.
        (
            through(a_case(), (Stage.REPLACEMENT_COMING, date(2026, 11, 16))),
            DeadlineKind.REPLACEMENT_ARRIVES,
            date(2027, 1, 15),
        ),
    ],
)
def test_each_stage_clock(case: Case, kind: DeadlineKind, due: date) -> None:
    assert dues(case)[kind] == due


def test_a_lost_parcel_stops_the_quiet_parcel_clock() -> None:
    lost = add_event(SHIPPED, EventKind.PARCEL_LOST, "claim 123", moment(date(2026, 11, 22)))
    assert DeadlineKind.TRACKING_STALLED not in dues(lost)


@pytest.mark.parametrize(
    "stage",
    [Stage.SHIPPED_BACK, Stage.SELLER_INSPECTING, Stage.REFUND_PENDING, Stage.REPLACEMENT_COMING],
)
def test_an_unanswered_message_earns_a_follow_up_in_every_open_stage(stage: Stage) -> None:
    case = through(a_case(), (stage, date(2026, 11, 15)))
    asked = add_event(case, EventKind.MESSAGE_SENT, "any news?", moment(date(2026, 11, 20)))
    assert dues(asked)[DeadlineKind.FOLLOW_UP] == date(2026, 11, 23)
    answered = add_event(asked, EventKind.SELLER_REPLY, "soon", moment(date(2026, 11, 21)))
    assert DeadlineKind.FOLLOW_UP not in dues(answered)


@pytest.mark.parametrize(
    ("rule", "days", "case", "kind", "due"),
    [
        ("stalled_tracking_days", 3, SHIPPED, DeadlineKind.TRACKING_STALLED, date(2026, 11, 17)),
        (
            "inspection_days",
            14,
            through(SHIPPED, (Stage.SELLER_INSPECTING, date(2026, 11, 21))),
            DeadlineKind.SELLER_DECISION,
            date(2026, 12, 5),
        ),
        (
            "return_receipt_days",
            2,
            add_event(SHIPPED, EventKind.RETURN_DELIVERED, "", moment(date(2026, 11, 20))),
            DeadlineKind.RECEIPT_CONFIRMATION,
            date(2026, 11, 22),
        ),
    ],
)
def test_each_new_number_is_policy_data(
    rule: str, days: int, case: Case, kind: DeadlineKind, due: date
) -> None:
    policy = replace(ALIEXPRESS_BOOK.policies["aliexpress"], **{rule: days})
    book = replace(ALIEXPRESS_BOOK, policies={"aliexpress": policy})
    assert dues(case, book)[kind] == due
    found = next(d for d in deadlines_for(case, book, TODAY) if d.kind is kind)
    assert found.rule == rule
    assert policy.sources[rule].certainty == "L"
    assert "returns-tui default" in policy.sources[rule].source


def test_every_open_stage_of_every_demo_case_has_a_clock_or_says_why_not() -> None:
    store = CaseStore.open(bundled_demo_path(), exclusive=False)
    try:
        for case in store.cases():
            if not case.is_closed:
                assert deadlines_for(case, ALIEXPRESS_BOOK, TODAY), case.item
    finally:
        store.close()


def test_a_not_received_item_is_claimable_whatever_its_category() -> None:
    policy = ALIEXPRESS_BOOK.policies["aliexpress"]
    lost = a_case(reason=Reason.NOT_RECEIVED, category=Category.HYGIENE)
    assert eligibility(lost, policy).ok
    assert not eligibility(
        a_case(reason=Reason.CHANGED_MIND, category=Category.INTIMATE), policy
    ).ok
    free = a_case(reason=Reason.CHANGED_MIND, free_return=True)
    assert return_postage(free, policy)[0].value == "seller"
    assert return_postage(a_case(reason=Reason.MISSING_PARTS), policy)[0].value == "seller"
    assert return_postage(a_case(reason=Reason.CHANGED_MIND), policy)[0].value == "buyer"
