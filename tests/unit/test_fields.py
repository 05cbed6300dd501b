"""Form fields: each bad value is named with what is wrong; good values become a case."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tests.builders import a_case, field_error
from tui.domain.case_form import create_case, edit_case, form_values, new_form_values
from tui.domain.fields import InvalidFields, parse_fields, parse_moment
from tui.domain.model import EventKind, Reason

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def valid(**changes: str) -> dict[str, str]:
    values = new_form_values("AliExpress") | {"order_number": "81234", "item": "Lamp"}
    return values | changes


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("order_number", "  ", "is required"),
        ("amount", "-1", "must not be negative"),
        ("amount", "12.3456", "has more than 3 decimal places"),
        ("amount", "12,50", "'12,50' is unclear: write 12.50 or 1250, whichever you mean"),
        ("currency", "ABC", "'ABC' is not an ISO 4217 currency code, e.g. USD, EUR, GBP, JPY"),
        ("amount", "abc", "'abc' is not a number, e.g. 12.50"),
        ("amount", "NaN", "must be a finite number"),
        ("currency", "dollars", "must be a 3-letter code such as USD or EUR"),
        ("received_on", "2026-13-01", "'2026-13-01' is not a date: use YYYY-MM-DD"),
        ("received_on", "2026-12-01", "2026-12-01 is in the future"),
        ("return_window_days", "0", "must be between 1 and 365 days"),
        ("return_window_days", "two", "must be a whole number of days"),
        ("tracking_number", "RB12?", "must be 8-40 letters and digits"),
        (
            "reason",
            "bored",
            "must be one of damaged, defective, not_as_described, wrong_item, "
            "missing_parts, wrong_size, changed_mind, not_received",
        ),
    ],
)
def test_each_bad_field_says_what_is_wrong(name: str, raw: str, message: str) -> None:
    assert (field_error(name, raw, TODAY) or "").startswith(message)
    with pytest.raises(InvalidFields) as raised:
        parse_fields(valid(**{name: raw}), TODAY)
    assert raised.value.errors.keys() == {name}
    assert raised.value.errors[name].startswith(message)


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(InvalidFields) as raised:
        parse_fields(valid(order_number="", item="", amount="-2"), TODAY)
    assert set(raised.value.errors) == {"order_number", "item", "amount"}
    assert "Order number: is required" in str(raised.value)


def test_received_before_ordered_is_refused() -> None:
    with pytest.raises(InvalidFields) as raised:
        parse_fields(valid(ordered_on="2026-11-10", received_on="2026-11-01"), TODAY)
    assert raised.value.errors == {"received_on": "2026-11-01 is before the order date 2026-11-10"}


def test_good_values_are_parsed_and_normalised() -> None:
    values = parse_fields(
        valid(
            amount="1,234.5", currency="eur", tracking_number="rb 1234-56785gb", reason="damaged"
        ),
        TODAY,
    )
    assert values["amount"] == Decimal("1234.5")
    assert values["currency"] == "EUR"
    assert values["tracking_number"] == "RB123456785GB"
    assert values["reason"] is Reason.DAMAGED


def test_a_new_case_starts_its_timeline() -> None:
    case = create_case(parse_fields(valid(), TODAY), NOW)
    assert case.order_number == "81234"
    assert [event.kind for event in case.events] == [EventKind.CREATED]


def test_editing_records_which_fields_changed() -> None:
    case = a_case()
    values = parse_fields(form_values(case) | {"store": "New store", "amount": "9.99"}, TODAY)
    edited = edit_case(case, values, NOW)
    assert edited.store == "New store"
    assert edited.events[-1].text == (
        "Changed Store from (blank) to 'New store'; Amount paid from (blank) to '9.99'"
    )
    unchanged = parse_fields(form_values(case), TODAY)
    assert edit_case(case, unchanged, NOW) is case


def test_event_times_default_to_now_and_refuse_the_future() -> None:
    assert parse_moment("", NOW) == NOW
    assert parse_moment("2026-11-20 08:30", NOW) == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="in the future"):
        parse_moment("2026-12-20", NOW)
    with pytest.raises(ValueError, match="is not a date and time"):
        parse_moment("yesterday", NOW)
