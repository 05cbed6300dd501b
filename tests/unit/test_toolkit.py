"""Message templates, statistics and settings: the shopper's toolkit, without the screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import MappingProxyType

import pytest

from tests.builders import a_case, moment, rule_book
from tui.domain.actions import add_event, change_stage, set_evidence_details, toggle_evidence
from tui.domain.deadline_rules import deadlines_for
from tui.domain.fields import parse_lead_times
from tui.domain.model import Case, DeadlineKind, EventKind, Reason, Refund, Shipment, Stage
from tui.domain.settings import Settings
from tui.domain.statistics import compute
from tui.domain.templates import BUILT_IN, MessageTemplate, fill, offered, unknown_placeholders
from tui.store.codec import case_to_document, settings_from_document

TODAY = date(2026, 11, 26)


def test_a_template_is_filled_from_the_case() -> None:
    case = a_case(
        store="Zeb Store", shipment=Shipment(carrier="China Post", tracking_number="RB123456785GB")
    )
    shipping = next(t for t in BUILT_IN if t.name == "Shipping notice")
    text = fill(shipping.text, case, TODAY)
    assert text.startswith("Hello Zeb Store,")
    assert "Tracking number: RB123456785GB (https://t.17track.net/en#nums=RB123456785GB)" in text
    assert "back by China Post" in text


def test_unknown_placeholders_and_stray_braces_stay_as_written() -> None:
    template = MessageTemplate("Mine", "Order {order_number} {nonsense} {not closed")
    assert fill(template.text, a_case(), TODAY) == "Order 8100000000000001 {nonsense} {not closed\n"


def test_missing_details_show_as_a_question_mark() -> None:
    overdue = next(t for t in BUILT_IN if t.name == "Refund overdue")
    assert "was started on ? and" in fill(overdue.text, a_case(), TODAY)


def test_every_built_in_template_fills_without_leftover_placeholders() -> None:
    case = add_event(a_case(), EventKind.MESSAGE_SENT, "hi", moment(date(2026, 11, 20)))
    for template in BUILT_IN:
        assert "{" not in fill(template.text, case, TODAY), template.name


def test_statistics_of_money_stages_and_stores() -> None:
    refunded = change_stage(
        a_case(
            id="r",
            store="Zeb",
            amount=Decimal("12.00"),
            received_on=date(2026, 11, 1),
            refund=Refund(received=Decimal("10.00")),
        ),
        Stage.REFUNDED,
        moment(date(2026, 11, 11)),
    )
    waiting = a_case(
        id="w",
        stage=Stage.REFUND_PENDING,
        amount=Decimal("5.50"),
        refund=Refund(expected=Decimal("4.00")),
    )
    rejected = a_case(id="x", store="Zeb", stage=Stage.REJECTED)
    figures = compute([refunded, waiting, rejected, a_case(id="open")], TODAY)
    assert figures.awaiting == {"USD": Decimal("4.00")}
    assert figures.refunded_this_month == {"USD": Decimal("10.00")}
    assert figures.refunded_this_year == {"USD": Decimal("10.00")}
    assert figures.open_by_stage == [(Stage.DECIDING, 1), (Stage.REFUND_PENDING, 1)]
    [zeb] = figures.stores
    assert (zeb.finished, zeb.won, zeb.success_rate, zeb.median_days_to_refund) == (2, 1, 0.5, 10)
    assert figures.monthly_refunds[-1] == 1


@pytest.mark.parametrize(
    ("raw", "expected"), [("3, 1", (3, 1)), ("1;7", (7, 1)), ("", ()), ("0", (0,))]
)
def test_reminder_lead_times(raw: str, expected: tuple[int, ...]) -> None:
    assert parse_lead_times(raw) == expected


@pytest.mark.parametrize("raw", ["soon", "1, -2", "90", "1,2,3,4,5,6"])
def test_bad_reminder_lead_times(raw: str) -> None:
    with pytest.raises(ValueError, match="days"):
        parse_lead_times(raw)


def test_settings_survive_the_store_codec() -> None:
    settings = Settings(
        country="DE",
        store_windows={"Zeb": 30},
        default_window_days=20,
        lead_times=(7, 1),
        currency="EUR",
        name="Ada Lovelace",
        theme="nord",
        templates=(MessageTemplate("Mine", "Hello {store}"),),
    )
    assert settings_from_document(case_to_document(settings)) == settings
    assert settings_from_document({}) == Settings()


def test_settings_holding_any_mapping_are_stored_as_plain_objects() -> None:
    settings = Settings(store_windows=MappingProxyType({"Zeb": 30}), keymap=MappingProxyType({}))
    document = case_to_document(settings)
    assert document["store_windows"] == {"Zeb": 30}
    assert settings_from_document(document) == replace(settings, store_windows={"Zeb": 30})


def test_a_default_seller_window_applies_where_no_store_or_case_says_otherwise() -> None:
    book = rule_book(store_windows={"Zeb": 30}, default_window_days=20)

    def window(case: Case) -> str:
        found = {d.kind: d for d in deadlines_for(case, book, TODAY)}
        return found[DeadlineKind.RETURN_WINDOW].explanation

    assert window(a_case()).endswith("+ 20 days, your default")
    assert window(a_case(store="Zeb")).endswith("+ 30 days, store policy")
    assert window(a_case(store="Zeb", return_window_days=9)).endswith(
        "+ 9 days, this case's window"
    )


def test_a_message_claims_only_the_attachments_that_are_ticked() -> None:
    damaged = next(t for t in BUILT_IN if t.name == "Damaged item")
    nothing = fill(damaged.text, a_case(reason=Reason.DAMAGED), TODAY)
    assert "Attached" not in nothing
    assert "I can send photos and screenshots on request." in nothing
    ticked = toggle_evidence(a_case(reason=Reason.DAMAGED), "defect_photos")
    assert "Attached: photos of the defect or damage." in fill(damaged.text, ticked, TODAY)
    named = set_evidence_details(ticked, "defect_photos", "/home/me/Downloads/IMG_0001.jpg", "")
    assert "Attached: photos of the defect or damage (IMG_0001.jpg)." in fill(
        damaged.text, named, TODAY
    )


def test_refund_overdue_is_offered_only_once_the_refund_is_overdue() -> None:
    pending = change_stage(a_case(), Stage.REFUND_PENDING, moment(date(2026, 11, 20)))
    names = {
        t.name
        for t in offered(BUILT_IN, pending, deadlines_for(pending, rule_book(), TODAY), TODAY)
    }
    assert "Refund overdue" not in names
    late = date(2027, 1, 20)
    names = {
        t.name for t in offered(BUILT_IN, pending, deadlines_for(pending, rule_book(), late), late)
    }
    assert "Refund overdue" in names


def test_unknown_placeholders_are_named() -> None:
    assert unknown_placeholders("Hi {store}, order {ordr_number} {item}") == ["ordr_number"]
    assert unknown_placeholders(BUILT_IN[0].text) == []


@pytest.mark.parametrize("template", BUILT_IN, ids=lambda t: t.name)
def test_each_template_is_filled_from_a_shipped_back_case(template: MessageTemplate) -> None:
    case = a_case(
        store="Zeb Store",
        amount=Decimal("20.00"),
        shipment=Shipment(carrier="China Post", tracking_number="RB123456785GB", cost=Decimal("4")),
    )
    text = fill(template.text, case, TODAY)
    assert "{" not in text
    assert "8100000000000001" in text
