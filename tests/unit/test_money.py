"""Money as typed: never multiplied in silence, ISO 4217 currencies with their own decimals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tui.domain.case_form import new_form_values
from tui.domain.fields import InvalidFields, parse_fields
from tui.domain.money import check_currency, format_money, read_amount

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.50", "12.50"),
        ("1,234.50", "1234.50"),
        ("1,234,567", "1234567"),
        ("1,234,567.5", "1234567.5"),
        (" 7 ", "7"),
        (".5", "0.5"),
    ],
)
def test_a_decimal_point_as_usual(raw: str, expected: str) -> None:
    assert read_amount(raw) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "readings"),
    [
        ("12,50", "write 12.50 or 1250"),
        ("1,5", "write 1.5 or 15"),
        ("1.234,50", "write 1234.50 or 123450"),
        ("1,500", "could be 1500 or 1.5"),
        ("1,2,3", "write 12.3 or 123"),
    ],
)
def test_a_decimal_comma_is_refused_with_both_readings_by_default(raw: str, readings: str) -> None:
    with pytest.raises(ValueError, match=readings) as raised:
        read_amount(raw)
    # The domain's message names no command-line flag (the form has none); import adds the hint.
    assert "--" not in str(raised.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12,50", "12.50"), ("1,5", "1.5"), ("1.234,50", "1234.50"), ("1.234.567,5", "1234567.5")],
)
def test_with_decimal_comma_a_comma_is_the_decimal_separator(raw: str, expected: str) -> None:
    assert read_amount(raw, decimal_comma=True) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "message"), [("12.50", "write 12,50 or 1250"), ("1.500", "could be 1500 or 1.5")]
)
def test_with_decimal_comma_a_point_is_refused_too(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_amount(raw, decimal_comma=True)


@pytest.mark.parametrize("raw", ["abc", "12.", "1.2.3", "12 50", "€12"])
def test_what_is_no_number_is_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        read_amount(raw)


@pytest.mark.parametrize("code", ["USD", "eur", "JPY", "KWD", "CHF", " gbp "])
def test_iso_currencies_are_accepted(code: str) -> None:
    assert check_currency(code) == code.strip().upper()


@pytest.mark.parametrize("code", ["ABC", "XXY", "EURO", "€"])
def test_other_currency_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError, match=r"ISO 4217|3-letter code"):
        check_currency(code)


def form(**changes: str) -> dict[str, str]:
    return new_form_values("AliExpress") | {"order_number": "81", "item": "Lamp"} | changes


@pytest.mark.parametrize(
    ("currency", "amount", "message"),
    [
        ("JPY", "1500.5", "JPY amounts have no decimal places"),
        ("EUR", "12.505", "EUR amounts have at most 2 decimal places"),
        ("KWD", "1.2505", "has more than 3 decimal places"),
    ],
)
def test_amounts_keep_to_their_currency_s_decimals(
    currency: str, amount: str, message: str
) -> None:
    with pytest.raises(InvalidFields) as raised:
        parse_fields(form(currency=currency, amount=amount), TODAY)
    assert raised.value.errors == {"amount": message}


@pytest.mark.parametrize(
    ("currency", "amount", "shown"),
    [
        ("JPY", "1500", "JPY 1,500"),
        ("KWD", "1.250", "KWD 1.250"),
        ("EUR", "1234.5", "EUR 1,234.50"),
    ],
)
def test_amounts_are_kept_and_shown_with_their_currency_s_decimals(
    currency: str, amount: str, shown: str
) -> None:
    values = parse_fields(form(currency=currency, amount=amount, refund_expected=amount), TODAY)
    assert values["amount"] == Decimal(amount)
    assert format_money(values["amount"], currency) == shown
