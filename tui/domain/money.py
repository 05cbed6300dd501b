"""Amounts of money as people type them, and ISO 4217 currencies with their own decimals.

The rule for separators (documented in the README, tested in tests/unit/test_money.py):

- By default `.` is the decimal point and `,` groups thousands: `12.50`, `1,234.50`, `1,234,567`.
- With `decimal_comma` (the import's `--decimal-comma`) it is the other way round: `12,50`,
  `1.234,50`.
- A grouping separator must group by three (`1,234`, never `12,50`); anything else is refused
  with a message giving both readings, so `12,50` never becomes 1250 in silence.
- One group of three and no decimals (`1,500`, or `1.500` with a decimal comma) could be either
  reading, and is refused the same way.

Currency codes are checked against ISO 4217 through Babel (CLDR data), which also knows each
currency's minor units: JPY has none, EUR two, KWD three.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import get_currency_precision, is_currency

_NOT_FINITE = {"nan", "snan", "inf", "infinity"}


def read_amount(raw: str, *, decimal_comma: bool = False) -> Decimal:
    """`raw` as a Decimal, by the rule above; `ValueError` saying what to write instead."""
    text = raw.strip()
    if text.lower().lstrip("+-") in _NOT_FINITE:
        return Decimal(text)  # the caller refuses it as not finite
    point, group = (",", ".") if decimal_comma else (".", ",")
    sign = "-" if text.startswith("-") else ""
    body = text.removeprefix("-").removeprefix("+").strip()
    whole = rf"(?:\d+|\d{{1,3}}(?:{re.escape(group)}\d{{3}})+)"
    match = re.fullmatch(rf"({whole})?(?:{re.escape(point)}(\d+))?", body)
    if body and match and (match[1] or match[2]):
        if match[2] is None and match[1] and match[1].count(group) == 1:
            raise ValueError(_ambiguous(text, body, point, group))
        digits = (match[1] or "0").replace(group, "")
        return Decimal(f"{sign}{digits}.{match[2]}" if match[2] else f"{sign}{digits}")
    other = group if point == "." else "."
    if re.fullmatch(r"\d[\d.,]*\d", body) and (other in body or group in body):
        raise ValueError(_two_readings(text, body, decimal_comma=decimal_comma))
    example = "12,50" if decimal_comma else "12.50"
    raise ValueError(f"'{text}' is not a number, e.g. {example}")


def _ambiguous(text: str, body: str, point: str, group: str) -> str:
    as_grouped = body.replace(group, "")
    as_decimal = str(Decimal(body.replace(group, ".")).normalize())
    return f"'{text}' could be {as_grouped} or {as_decimal}: write the one you mean"


def _two_readings(text: str, body: str, *, decimal_comma: bool) -> str:
    """A message for `12,50` or `1.234,50` typed with the other decimal separator."""
    last = max(body.rfind(","), body.rfind("."))
    as_decimal = f"{re.sub(r'[.,]', '', body[:last])}.{body[last + 1 :]}"
    as_digits = re.sub(r"[.,]", "", body)
    if decimal_comma:
        as_decimal = as_decimal.replace(".", ",")
    return f"'{text}' is unclear: write {as_decimal} or {as_digits}, whichever you mean"


def check_currency(raw: str) -> str:
    """An ISO 4217 currency code in upper case; `ValueError` for anything else."""
    code = raw.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError("must be a 3-letter code such as USD or EUR")
    if not is_currency(code):
        raise ValueError(f"'{code}' is not an ISO 4217 currency code, e.g. USD, EUR, GBP, JPY")
    return code


def currency_decimals(code: str) -> int:
    """How many decimal places amounts in `code` have (ISO 4217 minor units): JPY 0, KWD 3."""
    return get_currency_precision(code) if is_currency(code) else 2


def decimals_problem(amount: Decimal, code: str) -> str | None:
    """Why `amount` has too many decimal places for `code`, or None."""
    places = currency_decimals(code)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        if places == 0:
            return f"{code} amounts have no decimal places"
        return f"{code} amounts have at most {places} decimal place{'s' if places > 1 else ''}"
    return None


def format_money(amount: Decimal | None, code: str) -> str:
    """`amount` with thousands grouped and the currency's own decimals: 'JPY 1,500',
    'KWD 1.250', 'EUR 12.50'; '' when there is none."""
    if amount is None:
        return ""
    places = max(currency_decimals(code), _places(amount))
    return f"{code} {amount:,.{places}f}"


def _places(amount: Decimal) -> int:
    exponent = amount.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
