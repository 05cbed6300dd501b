"""Converting cases to and from the JSON documents kept in the store.

The document layout is the stored schema described in the README; `SCHEMA_VERSION` changes
whenever it does. Decoding is strict: a document of the wrong shape raises `ValueError` naming
the field, rather than producing a half-read case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import msgspec

from tui.domain.limits import (
    EARLIEST_DAY,
    LATEST_DAY,
    MAX_DAYS,
    TEXT_LIMIT,
    amount_problem,
    day_problem,
    days_problem,
    text_problem,
)
from tui.domain.model import (
    Case,
    Category,
    DeadlineKind,
    Dispute,
    Event,
    EventKind,
    EvidenceEntry,
    Extension,
    Outcome,
    Payer,
    PaymentMethod,
    Reason,
    Refund,
    RejectionReason,
    Shipment,
    Stage,
)
from tui.domain.settings import DEFAULT_LEAD_TIMES, Settings
from tui.domain.templates import MessageTemplate

E = TypeVar("E")

Document = dict[str, Any]


def case_to_document(case: Case) -> Document:
    """The JSON-ready document for a case: exactly what reading `encode(case)` back gives."""
    return _DOCUMENT.decode(_ENCODER.encode(case))


def encode(value: Any) -> bytes:
    """Compact JSON for a store file or journal: a case encodes as its document (the field
    names and order of `Case`; enumerations by value; dates, times and money as text)."""
    return _ENCODER.encode(value)


_ENCODER = msgspec.json.Encoder()
_DOCUMENT = msgspec.json.Decoder()


def with_unknown(encoded: Any, previous: Any) -> Any:
    """`encoded` (a document this version just wrote) with every field of `previous` (what the
    store held, perhaps written by a newer version or by hand) that this version does not know,
    at any depth: an older returns-tui never destroys a newer one's data.

    A field this version knows is always in `encoded`, so any field only `previous` has is
    unknown (objects keyed by data, such as the store windows, are written whole). Lists of
    objects are matched item by item by their `id` (events), else their `key` (evidence), else
    by position when neither list changed length.
    """
    if isinstance(encoded, dict) and isinstance(previous, dict):
        merged = {
            name: with_unknown(value, previous[name])
            if name in previous and name not in _KEYED_BY_DATA
            else value
            for name, value in encoded.items()
        }
        for name, value in previous.items():
            if name not in encoded:
                merged[name] = value
        return merged
    if isinstance(encoded, list) and isinstance(previous, list):
        return _merge_items(encoded, previous)
    return encoded


# Objects whose keys are the shopper's data (store name -> days), not field names: written whole.
_KEYED_BY_DATA = frozenset({"store_windows"})


def _merge_items(encoded: list[Any], previous: list[Any]) -> list[Any]:
    for identity in ("id", "key"):
        if all(isinstance(item, dict) and identity in item for item in encoded + previous):
            earlier = {item[identity]: item for item in previous}
            return [with_unknown(item, earlier.get(item[identity])) for item in encoded]
    if len(encoded) == len(previous):
        return [with_unknown(new, old) for new, old in zip(encoded, previous, strict=True)]
    return encoded


class _Reader:
    """Reads typed values out of one document, naming the field when one is wrong."""

    def __init__(self, document: Any, where: str) -> None:
        if not isinstance(document, dict):
            raise ValueError(f"{where} is not an object")
        self.document = document
        self.where = where

    def _get(self, name: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = self.document.get(name, default)
        if value is not None and not isinstance(value, kind):
            raise ValueError(f"{self.where}.{name} has the wrong type ({type(value).__name__})")
        return value

    def text(self, name: str, default: str = "") -> str:
        return self._within_limit(name, self._get(name, str, default))

    def required_text(self, name: str) -> str:
        value = self._get(name, str, None)
        if value is None:
            raise ValueError(f"{self.where}.{name} is missing")
        return self._within_limit(name, value)

    def _within_limit(self, name: str, text: str) -> str:
        if text is not None and (problem := text_problem(text)):
            raise ValueError(f"{self.where}.{name} {problem}")
        return text

    def flag(self, name: str) -> bool:
        return bool(self._get(name, bool, False))

    def number(self, name: str) -> int | None:
        value = self._get(name, int, None)
        if isinstance(value, bool):
            raise ValueError(f"{self.where}.{name} has the wrong type (bool)")
        return value

    def days(self, name: str, *, signed: bool = False) -> int | None:
        value = self.number(name)
        if value is not None and (problem := days_problem(value, signed=signed)):
            raise ValueError(f"{self.where}.{name} {problem}")
        return value

    def _parsed(self, name: str, parse: Any) -> Any:
        raw = self._get(name, str, None)
        if raw is None:
            return None
        try:
            return parse(raw)
        except (ValueError, ArithmeticError):
            raise ValueError(f"{self.where}.{name} is not valid: {raw!r}") from None

    def _in_range(self, name: str, value: Any, problem: Callable[[Any], str | None]) -> Any:
        if value is not None and (wrong := problem(value)):
            raise ValueError(f"{self.where}.{name} {wrong}")
        return value

    def day(self, name: str) -> date | None:
        return self._in_range(name, self._parsed(name, date.fromisoformat), day_problem)

    def moment(self, name: str) -> datetime:
        value = self._parsed(name, datetime.fromisoformat)
        if value is None or value.tzinfo is None:
            raise ValueError(f"{self.where}.{name} must be a date and time with a time zone")
        return self._in_range(name, value, day_problem)

    def money(self, name: str) -> Decimal | None:
        return self._in_range(name, self._parsed(name, Decimal), amount_problem)

    def choice(self, name: str, enum: type[E], default: E) -> E:
        raw = self._get(name, str, None)
        if raw is None:
            return default
        try:
            return enum(raw)  # type: ignore[call-arg]
        except ValueError:
            raise ValueError(f"{self.where}.{name} has an unknown value {raw!r}") from None

    def nested(self, name: str) -> _Reader:
        return _Reader(self.document.get(name) or {}, f"{self.where}.{name}")

    def items(self, name: str) -> list[_Reader]:
        # null is no items, as for events and evidence (it used to crash with a TypeError).
        values = self._get(name, list, None) or []
        return [
            _Reader(value, f"{self.where}.{name}[{index}]") for index, value in enumerate(values)
        ]


def case_from_document(document: Any, where: str = "case") -> Case:
    """The case a stored document describes; `ValueError` naming the field if it is malformed."""
    doc = _Reader(document, where)
    shipment, refund, dispute = doc.nested("shipment"), doc.nested("refund"), doc.nested("dispute")
    return Case(
        id=doc.required_text("id"),
        order_number=doc.required_text("order_number"),
        item=doc.required_text("item"),
        created_at=doc.moment("created_at"),
        store=doc.text("store"),
        marketplace=doc.text("marketplace", "AliExpress"),
        amount=doc.money("amount"),
        currency=doc.text("currency", "USD"),
        payment_method=doc.choice("payment_method", PaymentMethod, PaymentMethod.CARD),
        ordered_on=doc.day("ordered_on"),
        shipped_on=doc.day("shipped_on"),
        received_on=doc.day("received_on"),
        reason=doc.choice("reason", Reason, Reason.DEFECTIVE),
        category=doc.choice("category", Category, Category.STANDARD),
        outcome=doc.choice("outcome", Outcome, Outcome.REFUND),
        stage=doc.choice("stage", Stage, Stage.DECIDING),
        return_window_days=doc.days("return_window_days"),
        free_return=doc.flag("free_return"),
        extensions=tuple(
            Extension(
                kind=extension.choice("kind", DeadlineKind, DeadlineKind.RETURN_WINDOW),
                days=extension.days("days", signed=True) or 0,
                reason=extension.text("reason"),
            )
            for extension in doc.items("extensions")
        ),
        shipment=Shipment(
            carrier=shipment.text("carrier"),
            tracking_number=shipment.text("tracking_number"),
            cost=shipment.money("cost"),
            paid_by=shipment.choice("paid_by", Payer, Payer.UNKNOWN),
            you_paid=shipment.flag("you_paid"),
            prepaid_label=shipment.flag("prepaid_label"),
        ),
        refund=Refund(expected=refund.money("expected"), received=refund.money("received")),
        dispute=Dispute(
            claim=dispute.choice("claim", Outcome, Outcome.REFUND),
            claim_amount=dispute.money("claim_amount"),
            reason=dispute.text("reason"),
        ),
        promised_delivery_days=doc.number("promised_delivery_days"),
        close_reason=doc.text("close_reason"),
        rejection=doc.choice("rejection", RejectionReason, None),
        return_address=doc.text("return_address"),
        return_authorisation=doc.text("return_authorisation"),
        replacement_tracking=doc.text("replacement_tracking"),
        notes=doc.text("notes"),
        archived=doc.flag("archived"),
        events=_many(doc, "events", _event_quickly, _event),
        evidence=_many(doc, "evidence", _entry_quickly, _entry),
    )


# A whole store is decoded by msgspec straight into the domain's dataclasses (about a quarter of
# the checking path's time). msgspec checks the types (strict: no number for a date, no bool for
# a number) but knows nothing of time zones or of the ranges in `tui.domain.limits`, and accepts
# numbers for money: `_within_limits` checks those on what it produced. Whatever msgspec refuses
# or `_within_limits` doubts is read again by `case_from_document`, which either reads it the
# same way or raises the error naming the field.
#
# A stored document that is byte for byte what `encode` writes for the case it decodes to says
# nothing more than the case (no unknown field, money stored as text): only the case is kept.
# Any other document is read as a document, and kept beside its case when it has fields this
# version does not know (see `with_unknown`), so that they are written back.

Row = Case | Document
_NO_DOCUMENT: dict[str, Any] = {}
_CASE = msgspec.json.Decoder(Case)


def cases_from_rows(
    rows: dict[str, msgspec.Raw | Document],
    where: Callable[[str], str],
    exact_except: frozenset[str] | None = None,
) -> tuple[list[Case], dict[str, Row], list[str]]:
    """The cases the stored `rows` (document number -> its JSON text or its document) describe,
    in order; each row as it is to be held: the case, or the document if it has fields this
    version does not know; and the numbers of the rows that are not exact (see `seal`).

    `where(number)` names a row in an error: `ValueError` naming the field if one is malformed
    (as `case_from_document`). `exact_except`: the rows are known to be exact, but for those
    it names."""
    cases: list[Case] = []
    held: dict[str, Row] = {}
    inexact: list[str] = []
    for number, row in rows.items():
        if isinstance(row, msgspec.Raw):
            case = _exactly(row, exact_except is not None and number not in exact_except)
            if case is not None:
                cases.append(case)
                held[number] = case
                continue
            row = _DOCUMENT.decode(row)
        case = _case_quickly(row, where(number))
        cases.append(case)
        encoded = case_to_document(case)
        held[number] = case if with_unknown(encoded, row) == encoded else row
        inexact.append(number)
    return cases, held, inexact


def as_document(row: msgspec.Raw | Document) -> Any:
    """A row of the cases table as read (its JSON text, or a document) as a document."""
    return _DOCUMENT.decode(row) if isinstance(row, msgspec.Raw) else row


def _exactly(raw: msgspec.Raw, known: bool) -> Case | None:
    """The case `raw` is exactly the encoding of, if it is one and within limits (`known`: it
    is known to be one)."""
    try:
        case = _CASE.decode(raw)
    except msgspec.ValidationError:
        return None
    if known:
        return case
    # A row shorter than the text limit cannot hold a text over it.
    if len(raw) > TEXT_LIMIT or bytes(raw) != _ENCODER.encode(case):
        return None
    return case if _within_limits(case, None) else None


def read_case(document: Any, where: str = "case") -> Case:
    """The case a document describes, as `case_from_document` reads it (and with its errors),
    read by msgspec unless msgspec or the limits doubt it: four times faster."""
    return _case_quickly(document, where)


def _case_quickly(document: Any, where: str) -> Case:
    try:
        case = msgspec.convert(document, Case, strict=True)
    except msgspec.ValidationError:
        return case_from_document(document, where)
    return case if _within_limits(case, document) else case_from_document(document, where)


def _texts(value: Any) -> Iterator[str]:
    """Every text a case holds, however deep (its events' details, its evidence's paths...)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))


def _within_limits(case: Case, document: dict[str, Any] | None) -> bool:
    """Whether what msgspec decoded from `document` is what the checking path accepts (None: a
    document `encode` wrote for this very case, which holds its money as text)."""
    moment = case.created_at
    if moment.tzinfo is None or not _EARLIEST <= moment.date() <= _LATEST:
        return False
    for day in (case.ordered_on, case.shipped_on, case.received_on):
        if day is not None and not _EARLIEST <= day <= _LATEST:
            return False
    shipment, refund, dispute = case.shipment, case.refund, case.dispute
    for value, outer, name in (
        (case.amount, None, "amount"),
        (shipment.cost, "shipment", "cost"),
        (refund.expected, "refund", "expected"),
        (refund.received, "refund", "received"),
        (dispute.claim_amount, "dispute", "claim_amount"),
    ):
        if value is None:
            continue
        if amount_problem(value) is not None:
            return False
        # msgspec takes a number for money too; the checking path wants text.
        if document is not None:
            holder = document if outer is None else document.get(outer) or _NO_DOCUMENT
            if type(holder.get(name)) is not str:
                return False
    window = case.return_window_days
    if window is not None and not 0 <= window <= MAX_DAYS:
        return False
    # A document shorter than the text limit cannot hold a text over it: only a long one is
    # searched (0.3 s against 7.5 s for 105,000 cases).
    long = document is not None and len(_ENCODER.encode(document)) > TEXT_LIMIT
    if long and any(text_problem(text) for text in _texts(case)):
        return False
    for extension in case.extensions:
        if not -MAX_DAYS <= extension.days <= MAX_DAYS:
            return False
    for event in case.events:
        moment = event.at
        if moment.tzinfo is None or not _EARLIEST <= moment.date() <= _LATEST:
            return False
        if event.amount is not None:
            return False  # rare: the checking path reads and checks it
    return True


# Events and evidence entries are most of a store (thousands per thousand cases), so they are
# read by a quick path that only checks types; anything it cannot read is read again by the
# checking path, which names the field that is wrong.

T = TypeVar("T")
_EARLIEST, _LATEST = EARLIEST_DAY, LATEST_DAY
_EVENT_KINDS = {kind.value: kind for kind in EventKind}
_STAGES: dict[str | None, Stage | None] = {stage.value: stage for stage in Stage} | {None: None}


def _many(
    doc: _Reader,
    name: str,
    quickly: Callable[[dict[str, Any]], T],
    checked: Callable[[_Reader], T],
) -> tuple[T, ...]:
    try:
        return tuple(quickly(raw) for raw in doc.document.get(name) or ())
    except (KeyError, TypeError, ValueError, AttributeError):
        return tuple(checked(reader) for reader in doc.items(name))


def _event_quickly(raw: dict[str, Any]) -> Event:
    at = datetime.fromisoformat(raw["at"])
    identifier, text = raw["id"], raw.get("text", "")
    if at.tzinfo is None or type(identifier) is not str or type(text) is not str:
        raise TypeError
    if not _EARLIEST <= at.date() <= _LATEST or len(text) > TEXT_LIMIT:
        raise TypeError  # the checking path names the field
    if raw.get("amount") is not None:
        raise TypeError  # money is read by the checking path
    return Event(identifier, at, _EVENT_KINDS[raw["kind"]], text, _STAGES[raw.get("stage")])


def _event(event: _Reader) -> Event:
    return Event(
        id=event.required_text("id"),
        at=event.moment("at"),
        kind=event.choice("kind", EventKind, EventKind.NOTE),
        text=event.text("text"),
        stage=event.choice("stage", Stage, None),
        amount=event.money("amount"),
    )


def _entry_quickly(raw: dict[str, Any]) -> EvidenceEntry:
    key, done = raw["key"], raw.get("done", False)
    path, note, label = raw.get("path", ""), raw.get("note", ""), raw.get("label", "")
    texts = (key, path, note, label)
    if type(done) is not bool or not all(type(text) is str for text in texts):
        raise TypeError
    if max(map(len, texts)) > TEXT_LIMIT:
        raise TypeError  # the checking path names the field
    return EvidenceEntry(key, done, path, note, label)


def _entry(entry: _Reader) -> EvidenceEntry:
    return EvidenceEntry(
        key=entry.required_text("key"),
        done=entry.flag("done"),
        path=entry.text("path"),
        note=entry.text("note"),
        label=entry.text("label"),
    )


def settings_to_document(settings: Settings) -> Document:
    return {
        "country": settings.country,
        "store_windows": dict(settings.store_windows),
        "default_window_days": settings.default_window_days,
        "lead_times": list(settings.lead_times),
        "currency": settings.currency,
        "name": settings.name,
        "theme": settings.theme,
        "templates": [{"name": t.name, "text": t.text} for t in settings.templates],
        "keymap": dict(settings.keymap),
    }


def settings_from_document(document: Any) -> Settings:
    """The shopper's settings from the store's metadata; `ValueError` naming a bad field."""
    doc = _Reader(document, "settings")
    windows = doc.document.get("store_windows") or {}
    if not isinstance(windows, dict) or not all(
        isinstance(store, str) and isinstance(days, int) and 0 < days <= MAX_DAYS
        for store, days in windows.items()
    ):
        raise ValueError(
            f"settings.store_windows must map store names to whole days (1 to {MAX_DAYS})"
        )
    lead_times = doc.document.get("lead_times", list(DEFAULT_LEAD_TIMES))
    if not isinstance(lead_times, list) or not all(
        isinstance(days, int) and 0 <= days <= MAX_DAYS for days in lead_times
    ):
        raise ValueError("settings.lead_times must be a list of whole days")
    keymap = doc.document.get("keymap") or {}
    if not isinstance(keymap, dict) or not all(
        isinstance(binding, str) and isinstance(keys, str) and keys.strip()
        for binding, keys in keymap.items()
    ):
        raise ValueError("settings.keymap must map binding ids to keys, e.g. 'N' or 'ctrl+n'")
    return Settings(
        keymap=keymap,
        country=doc.text("country"),
        store_windows=windows,
        default_window_days=doc.days("default_window_days"),
        lead_times=tuple(lead_times),
        currency=doc.text("currency", "USD"),
        name=doc.text("name"),
        theme=doc.text("theme"),
        templates=tuple(
            MessageTemplate(t.required_text("name"), t.required_text("text"))
            for t in doc.items("templates")
        ),
    )
