"""Turning what a shopper typed into case fields, with a message naming each bad field.

Each field's parser (`FIELDS`) checks its text as it is typed in the case form (see
`tui.domain.case_form`); `parse_fields` checks everything an import brings (including rules
across fields) and either returns clean values or raises `InvalidFields` listing every problem.
Free text is kept as given: the case form trims what is typed, and the CSV reader trims every
cell except those its export marked to be kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tui.domain.form import FieldNote, FormErrors
from tui.domain.limits import amount_problem, day_problem, text_problem
from tui.domain.model import (
    Category,
    Labelled,
    Outcome,
    Payer,
    PaymentMethod,
    Reason,
    Stage,
)
from tui.domain.money import check_currency, decimals_problem, read_amount
from tui.domain.tracking import check_tracking

# The most decimals any everyday ISO 4217 currency has (KWD, BHD, OMR...); each currency's own
# number is checked in `parse_fields`.
_MAX_DECIMALS = 3
_TRACKING = re.compile(r"[A-Z0-9]{8,40}")
_MAX_WINDOW_DAYS = 365
_MAX_DELIVERY_DAYS = 180
_MAX_PATH_LENGTH = 4096
_MAX_ORDER_NUMBER_LENGTH = 64
_MAX_LEAD_TIMES = 5
_MAX_LEAD_DAYS = 60


class InvalidFields(FormErrors):
    """Some case fields could not be accepted; `errors` maps each field name to what is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors, {name: spec.label for name, spec in FIELDS.items()})


def _text(raw: str, _today: date) -> str:
    return raw


def _required(raw: str, _today: date) -> str:
    if not raw.strip():
        raise ValueError("is required")
    return raw


def _order_number(raw: str, _today: date) -> str:
    number = _required(raw, _today)
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in number):
        raise ValueError("contains control characters")
    if len(number) > _MAX_ORDER_NUMBER_LENGTH:
        raise ValueError(f"is longer than {_MAX_ORDER_NUMBER_LENGTH} characters")
    return number


def _amount(raw: str, _today: date) -> Decimal | None:
    """An amount with a decimal point (see `tui.domain.money` for the separator rule); the
    currency's own decimals are checked across fields, in `parse_fields`."""
    if not raw.strip():
        return None
    value = read_amount(raw)
    if problem := amount_problem(value):
        raise ValueError(problem)
    if value.as_tuple().exponent < -_MAX_DECIMALS:  # type: ignore[operator]
        raise ValueError(f"has more than {_MAX_DECIMALS} decimal places")
    return value


def _currency(raw: str, _today: date) -> str:
    return check_currency(raw)


def _past_date(raw: str, today: date) -> date | None:
    if not raw.strip():
        return None
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(f"'{raw.strip()}' is not a date: use YYYY-MM-DD") from None
    if problem := day_problem(day):
        raise ValueError(problem)
    if day > today:
        raise ValueError(f"{day} is in the future")
    return day


def _days_up_to(most: int) -> Callable[[str, date], int | None]:
    """A parser of an optional whole number of days from 1 to `most`."""

    def parse(raw: str, _today: date) -> int | None:
        if not raw.strip():
            return None
        if not raw.strip().isdigit():
            raise ValueError("must be a whole number of days")
        days = int(raw.strip())
        if not 1 <= days <= most:
            raise ValueError(f"must be between 1 and {most} days")
        return days

    return parse


_window_days = _days_up_to(_MAX_WINDOW_DAYS)


def _tracking(raw: str, _today: date) -> str:
    number = re.sub(r"[\s-]", "", raw).upper()
    if number and not _TRACKING.fullmatch(number):
        raise ValueError("must be 8-40 letters and digits")
    return number


class YesNo(Labelled):
    """A yes/no form field."""

    NO = "no"
    YES = "yes"


def _yes_no(raw: str, _today: date) -> bool:
    try:
        return YesNo(raw.strip().lower() or "no") is YesNo.YES
    except ValueError:
        raise ValueError("must be yes or no") from None


def _choice(enum: type[StrEnum]) -> Callable[[str, date], Any]:
    def parse(raw: str, _today: date) -> StrEnum:
        # "Not as described", "not-as-described" and "not_as_described" are the same choice.
        try:
            return enum(re.sub(r"[\s-]+", "_", raw.strip().lower()))
        except ValueError:
            choices = ", ".join(member.value for member in enum)
            raise ValueError(f"must be one of {choices}") from None

    return parse


def parse_amount(raw: str) -> Decimal | None:
    """An amount of money as typed; None when blank."""
    return _amount(raw, date.min)


def parse_past_date(raw: str, today: date) -> date:
    """A day in ISO form, not after `today`; `ValueError` if blank."""
    day = _past_date(raw, today)
    if day is None:
        raise ValueError("is required")
    return day


def parse_tracking(raw: str) -> str:
    """A tracking number as typed: spaces and hyphens dropped, upper case."""
    return _tracking(raw, date.min)


def tracking_note(raw: str) -> FieldNote | None:
    """The carrier a tracking number looks like; a wrong check digit is kept as typed, with a
    warning (the receipt says what it says)."""
    check = check_tracking(raw)
    if check is None:
        return None
    wrong = check.check_digit_ok is False
    return FieldNote(check.summary + ("; kept as typed" if wrong else ""), warning=wrong)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """How one form field is labelled and parsed, and where on the case its value lives."""

    label: str
    parse: Callable[[str, date], Any]
    # The part of the case holding the value ("" for the case itself) and its name there
    # ("" for the field's own name).
    part: str = ""
    attribute: str = ""
    # A pick list's choices; None for free text.
    choices: type[Labelled] | None = None
    placeholder: str = ""


FIELDS: dict[str, FieldSpec] = {
    "order_number": FieldSpec("Order number", _order_number, placeholder="e.g. 8194736512093847"),
    "item": FieldSpec("Item", _required),
    "store": FieldSpec("Store", _text),
    "marketplace": FieldSpec("Marketplace", _required),
    "amount": FieldSpec("Amount paid", _amount, placeholder="e.g. 23.48"),
    "currency": FieldSpec("Currency", _currency),
    "payment_method": FieldSpec("Payment method", _choice(PaymentMethod), choices=PaymentMethod),
    "ordered_on": FieldSpec("Ordered on", _past_date, placeholder="YYYY-MM-DD"),
    "shipped_on": FieldSpec("Seller shipped on", _past_date, placeholder="YYYY-MM-DD"),
    "received_on": FieldSpec("Received on", _past_date, placeholder="YYYY-MM-DD"),
    "reason": FieldSpec("Reason", _choice(Reason), choices=Reason),
    "category": FieldSpec("Category", _choice(Category), choices=Category),
    "outcome": FieldSpec("Wanted outcome", _choice(Outcome), choices=Outcome),
    "return_window_days": FieldSpec(
        "Seller's return window (days)", _window_days, placeholder="blank: marketplace default"
    ),
    "free_return": FieldSpec("Free Return offered", _yes_no, choices=YesNo),
    "promised_delivery_days": FieldSpec(
        "Promised delivery (days)", _days_up_to(_MAX_DELIVERY_DAYS)
    ),
    "carrier": FieldSpec("Return carrier", _text, "shipment"),
    "tracking_number": FieldSpec("Return tracking number", _tracking, "shipment"),
    "postage_cost": FieldSpec("Return postage paid", _amount, "shipment", "cost"),
    "postage_paid_by": FieldSpec(
        "Who should pay the return postage", _choice(Payer), "shipment", "paid_by", choices=Payer
    ),
    "postage_you_paid": FieldSpec(
        "You paid the postage", _yes_no, "shipment", "you_paid", choices=YesNo
    ),
    "prepaid_label": FieldSpec(
        "Seller's prepaid label", _yes_no, "shipment", "prepaid_label", choices=YesNo
    ),
    "refund_expected": FieldSpec("Refund to come", _amount, "refund", "expected"),
    "refund_amount": FieldSpec("Refund received", _amount, "refund", "received"),
    "dispute_claim": FieldSpec(
        "Dispute claim", _choice(Outcome), "dispute", "claim", choices=Outcome
    ),
    "dispute_claim_amount": FieldSpec("Amount claimed", _amount, "dispute", "claim_amount"),
    "dispute_reason": FieldSpec("Dispute reason", _text, "dispute", "reason"),
    "return_address": FieldSpec("Seller's return address", _text),
    "return_authorisation": FieldSpec("Return authorisation number", _text),
    "close_reason": FieldSpec("Why rejected or cancelled", _text),
    "replacement_tracking": FieldSpec("Replacement tracking number", _tracking),
    "notes": FieldSpec("Notes", _text),
}


# The fields holding an amount in the case's currency.
_AMOUNT_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.parse is _amount)


def parse_fields(raw: Mapping[str, str], today: date) -> dict[str, Any]:
    """Every field parsed, or `InvalidFields` naming each bad field and what is wrong."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, spec in FIELDS.items():
        text = raw.get(name, "")
        try:
            if problem := text_problem(text):
                raise ValueError(problem)
            values[name] = spec.parse(text, today)
        except ValueError as error:
            errors[name] = str(error)
    errors = errors_across_fields(values) | errors
    if errors:
        raise InvalidFields(errors)
    return values


def errors_across_fields(values: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with fields that are right on their own but not together."""
    errors: dict[str, str] = {}
    ordered, shipped = values.get("ordered_on"), values.get("shipped_on")
    received = values.get("received_on")
    if ordered and received and received < ordered:
        errors["received_on"] = f"{received} is before the order date {ordered}"
    if shipped and ordered and shipped < ordered:
        errors["shipped_on"] = f"{shipped} is before the order date {ordered}"
    if shipped and received and received < shipped:
        errors["received_on"] = f"{received} is before the shipping date {shipped}"
    currency = values.get("currency")
    for name in _AMOUNT_FIELDS:
        amount = values.get(name)
        if currency and amount is not None and (problem := decimals_problem(amount, currency)):
            errors[name] = problem
    return errors


def parse_stage(raw: str) -> Stage:
    """A stage by its stored name, tolerating case, spaces and hyphens."""
    return _choice(Stage)(raw, date.min)


def read_moment(text: str, zone: tzinfo | None) -> datetime:
    """'YYYY-MM-DD HH:MM' (or a date alone, at midnight) in `zone` unless it names its own."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date and time: use YYYY-MM-DD HH:MM") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def is_date_alone(text: str) -> bool:
    return len(text) <= len("YYYY-MM-DD")


def noon_of(day: date, now: datetime) -> datetime:
    """The moment of a day written without a time, for every kind of entry (an event, a stage
    move, an imported date): noon that day in `now`'s offset, or `now` if that is earlier on
    the same day."""
    noon = datetime.combine(day, time(12), tzinfo=now.tzinfo)
    return min(noon, now) if day == now.date() else noon


def parse_moment(raw: str, now: datetime) -> datetime:
    """When an event happened: 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD' (see `noon_of`), blank for
    now; not future."""
    text = raw.strip()
    if not text:
        return now
    moment = read_moment(text, now.tzinfo)
    if is_date_alone(text):
        moment = noon_of(moment.date(), now)
    if problem := day_problem(moment):
        raise ValueError(problem)
    if moment > now:
        raise ValueError(f"{text} is in the future")
    return moment


def parse_extension_days(raw: str) -> int:
    """Days to move a deadline by: a whole number, negative to bring it forward, not zero."""
    text = raw.strip()
    try:
        days = int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number of days, e.g. 7 or -2") from None
    if days == 0 or abs(days) > _MAX_WINDOW_DAYS:
        raise ValueError(f"must be between -{_MAX_WINDOW_DAYS} and {_MAX_WINDOW_DAYS}, not 0")
    return days


def parse_store_window(raw: str) -> int | None:
    """A store's own return window in days; blank removes it."""
    return _window_days(raw, date.min)


def parse_file_path(raw: str) -> str:
    """A file path as typed: required, without control characters, of a sane length."""
    text = raw.strip()
    if not text:
        raise ValueError("is required")
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        raise ValueError("contains control characters")
    if len(text) > _MAX_PATH_LENGTH:
        raise ValueError(f"is longer than {_MAX_PATH_LENGTH} characters")
    return text


def parse_optional_file_path(raw: str) -> str:
    """A file path, or '' when left blank."""
    return parse_file_path(raw) if raw.strip() else ""


def parse_megabytes(raw: str) -> int:
    """A file size limit in whole megabytes, from 1 to 100,000."""
    text = raw.strip()
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise ValueError(f"'{text}' is not a whole number of megabytes from 1 to 100000")
    return int(text)


def parse_lead_times(raw: str) -> tuple[int, ...]:
    """Reminder lead times such as '3, 1': whole days from 0 to 60, at most five."""
    parts = [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise ValueError("must be whole numbers of days separated by commas, e.g. 3, 1")
    days = sorted({int(part) for part in parts}, reverse=True)
    if len(days) > _MAX_LEAD_TIMES or any(day > _MAX_LEAD_DAYS for day in days):
        raise ValueError(f"at most {_MAX_LEAD_TIMES} reminders, each at most {_MAX_LEAD_DAYS} days")
    return tuple(days)


def parse_country(raw: str, supported: Container[str]) -> str:
    """An ISO country code for public holidays; blank for weekends only."""
    code = raw.strip().upper()
    if code and code not in supported:
        raise ValueError(f"'{code}' is not a country code we know holidays for, e.g. DE, US, GB")
    return code
