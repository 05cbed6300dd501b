"""Converting cases to and from the JSON documents kept in the store.

The layout is the stored schema the README describes (`SCHEMA_VERSION` changes with it). A case
is read one of two ways, both following the dataclass given (a field added to `Case` needs no
change here): a row byte for byte what `encode` writes is decoded by msgspec straight into the
case (`cases_from_rows`); anything else is converted by msgspec, then held to the ranges in
`tui.domain.limits` (`case_from_document`): `ValueError` naming a bad field, never half a case.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Callable, Mapping
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
from tui.domain.model import Case
from tui.domain.settings import DEFAULT_LEAD_TIMES, Settings

C = TypeVar("C")

Document = dict[str, Any]
# A row of the cases table as held in memory: the case, or the document if it has fields this
# version does not know (see `with_unknown`).
Row = Case | Document


def _as_plain(value: Any) -> Any:
    """What msgspec cannot encode itself: a mapping other than a dict (settings may hold one)."""
    if isinstance(value, Mapping):
        return dict(value)
    raise NotImplementedError(f"{type(value).__name__} cannot be stored")


_ENCODER = msgspec.json.Encoder(enc_hook=_as_plain)
_DOCUMENT = msgspec.json.Decoder()


def encode(value: Any) -> bytes:
    """Compact JSON for a store file or journal (a case as its document: `Case`'s fields in
    order; enumerations by value; dates, times and money as text)."""
    return _ENCODER.encode(value)


def case_to_document(case: Any) -> Document:
    """The document of a case (or the settings): exactly what reading `encode(case)` gives."""
    return _DOCUMENT.decode(_ENCODER.encode(case))


def as_document(row: msgspec.Raw | Document) -> Any:
    """A row of the cases table as read (its JSON text, or a document) as a document."""
    return _DOCUMENT.decode(row) if isinstance(row, msgspec.Raw) else row


def with_unknown(encoded: Any, previous: Any) -> Any:
    """`encoded` (a document this version just wrote) with every field of `previous` (what the
    store held) it lacks, at any depth: those this version does not know, so an older returns-tui
    never destroys a newer one's data. List items are matched by `id` (events), else `key`
    (evidence), else by position when neither list changed length."""
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


# ----- reading cases ---------------------------------------------------------------------------


def cases_from_rows(
    rows: dict[str, msgspec.Raw | Document],
    where: Callable[[str], str],
    exact_except: frozenset[str] | None = None,
    kind: type[C] = Case,
) -> tuple[list[C], dict[str, C | Document], list[str]]:
    """The cases (of `kind`) the stored `rows` (number -> JSON text or document) describe, in
    order; each row as it is to be held (the case, or the document if it has fields this version
    does not know); and the numbers of the inexact rows (see `seal`). `where(number)` names a
    row in a `ValueError`; `exact_except`: the rows are known exact, but for those it names."""
    cases: list[C] = []
    held: dict[str, C | Document] = {}
    inexact: list[str] = []
    for number, row in rows.items():
        if isinstance(row, msgspec.Raw):
            known = exact_except is not None and number not in exact_except
            case = _exactly(row, kind, known)
            if case is not None:
                cases.append(case)
                held[number] = case
                continue
            row = _DOCUMENT.decode(row)
        case = case_from_document(row, where(number), kind)
        cases.append(case)
        encoded = case_to_document(case)
        held[number] = case if with_unknown(encoded, row) == encoded else row
        inexact.append(number)
    return cases, held, inexact


def _exactly(raw: msgspec.Raw, kind: type[C], known: bool) -> C | None:
    """The case `raw` is exactly the encoding of, within limits (`known`: it is), or None."""
    try:
        case = _decoder(kind).decode(raw)
    except msgspec.ValidationError:
        return None
    if known:
        return case
    # A row shorter than the text limit cannot hold a text over it.
    if len(raw) > TEXT_LIMIT or bytes(raw) != _ENCODER.encode(case):
        return None
    return case if _problem(_plan(kind, False), case, None) is None else None


@functools.cache
def _decoder(kind: type) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(kind)


def case_from_document(document: Any, where: str = "case", kind: type[C] = Case) -> C:
    """The case (of `kind`: `Case`, or a dataclass built like it) a document describes, held to
    the limits; `ValueError` naming the field (`where` names the document) if it is malformed."""
    try:
        value = msgspec.convert(document, kind, strict=True)
    except msgspec.ValidationError as error:
        raise ValueError(_named(error, document, kind, where)) from None
    # A document shorter than the text limit cannot hold a text over it: only a long one is
    # searched (0.3 s against 7.5 s for 105,000 cases).
    texts = len(_ENCODER.encode(document)) > TEXT_LIMIT
    if (problem := _problem(_plan(kind, texts), value, document)) is not None:
        raise ValueError(f"{where}{problem}")
    return value


# msgspec's words for a value it refuses, and where: "Expected `str`, got `int` - at `$.item`".
_REFUSAL = re.compile(r"(?P<problem>.*?)(?: - at `\$(?P<path>.*)`)?", re.DOTALL)
_MISSING = re.compile(r"Object missing required field `(?P<name>.*)`")
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _named(error: msgspec.ValidationError, document: Any, kind: Any, where: str) -> str:
    """msgspec's refusal of `document` as a `kind` in our words, naming `where.shipment.cost`."""
    refusal = _REFUSAL.fullmatch(str(error))
    assert refusal is not None  # the pattern matches any text
    problem, path = refusal["problem"], refusal["path"] or ""
    if missing := _MISSING.fullmatch(problem):
        return f"{where}{path}.{missing['name']} is missing"
    value = _value_at(document, path)
    if problem.startswith("Expected `"):
        return f"{where}{path} has the wrong type ({type(value).__name__})"
    if problem.startswith("Invalid enum value"):
        return f"{where}{path} has an unknown value {value!r}"
    if not path and isinstance(document, dict) and dataclasses.is_dataclass(kind):
        # Refused by the dataclass itself (`Case` sorts its events: a time without a time zone
        # cannot be compared), not by msgspec: find the field it tripped over.
        return _tripped_over(document, kind, where) or f"{where}: {problem}"
    return f"{where}{path} is not valid: {value!r}"


def _tripped_over(document: Document, kind: Any, where: str) -> str | None:
    """The first field of `document` wrong on its own (converted alone, held to the limits),
    named; None if each is right on its own."""
    hints, checks = typing.get_type_hints(kind), dict(_plan(kind, True))
    for name in (field.name for field in dataclasses.fields(kind) if field.name in document):
        hint, raw = hints[name], document[name]
        try:
            value = msgspec.convert(raw, hint, strict=True)
        except msgspec.ValidationError as error:
            return _named(error, raw, hint, f"{where}.{name}")
        check = checks.get(name)
        if value is not None and check is not None and (problem := check(value, raw)):
            return f"{where}.{name}{problem}"
    return None


def _value_at(document: Any, path: str) -> Any:
    """The value at msgspec's `path` (".events[0].at") in `document`, None if there is none."""
    value = document
    for name, index in _STEP.findall(path):
        try:
            value = value[name] if name else value[int(index)]
        except (KeyError, IndexError, TypeError):
            return None
    return value


# ----- the limits, checked on what msgspec decoded --------------------------------------------
#
# msgspec checks the types (strictly) but not time zones, the ranges in `tui.domain.limits`, or
# money given as a number. What to check of each field follows its type, once per dataclass.

# (the value, its document's value or None) -> the problem after the field's path, or None
_Check = Callable[[Any, Any], str | None]
# What to check of a dataclass: (field name, its check) for each field that can be wrong.
_Plan = tuple[tuple[str, _Check], ...]

# The fields that count days, by name: whether they may be negative (an extension's shift).
_DAY_COUNTS = {"return_window_days": False, "default_window_days": False, "days": True}
_NO_DOCUMENT: Document = {}


def _problem(plan: _Plan, value: Any, document: Any) -> str | None:
    """What of the dataclass `value` (decoded from `document`, None when it is trusted to be
    its own encoding) is outside the limits, as '.field problem', or None."""
    raw = document.get if type(document) is dict else _NO_DOCUMENT.get
    for name, check in plan:
        field = getattr(value, name)
        if field is not None and (problem := check(field, raw(name))) is not None:
            return f".{name}{problem}"
    return None


@functools.cache
def _plan(kind: type, texts: bool) -> _Plan:
    hints = typing.get_type_hints(kind)
    found = []
    for field in dataclasses.fields(kind):
        check = _check_of(hints[field.name], _DAY_COUNTS.get(field.name), texts)
        if check is not None:
            found.append((field.name, check))
    return tuple(found)


def _check_of(hint: Any, signed_days: bool | None, texts: bool) -> _Check | None:
    """The check for a value of type `hint` (None: nothing about it can be out of range)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if len(options) != 1:
            return None
        hint = options[0]  # an optional value: None is never checked
    if hint in _CHECKS:
        return _CHECKS[hint] if texts or hint is not str else None
    if hint is int and signed_days is not None:
        return functools.partial(_days, signed_days)
    if dataclasses.is_dataclass(hint):
        plan = _plan(hint, texts)  # type: ignore[arg-type]
        return functools.partial(_problem, plan) if plan else None
    if typing.get_origin(hint) is tuple and typing.get_args(hint)[1:] == (Ellipsis,):
        item = _check_of(typing.get_args(hint)[0], None, texts)
        return None if item is None else functools.partial(_each, item)
    return None


def _text(value: str, raw: Any) -> str | None:
    return None if len(value) <= TEXT_LIMIT else f" {text_problem(value)}"


def _money(value: Decimal, raw: Any) -> str | None:
    # msgspec takes a number for money too; the store holds it as text.
    if raw is not None and type(raw) is not str:
        return f" has the wrong type ({type(raw).__name__})"
    problem = amount_problem(value)
    return None if problem is None else f" {problem}"


def _moment(value: datetime, raw: Any) -> str | None:
    if value.tzinfo is None:
        return " must be a date and time with a time zone"
    return None if EARLIEST_DAY <= value.date() <= LATEST_DAY else f" {day_problem(value)}"


def _day(value: date, raw: Any) -> str | None:
    return None if EARLIEST_DAY <= value <= LATEST_DAY else f" {day_problem(value)}"


def _days(signed: bool, value: int, raw: Any) -> str | None:
    problem = days_problem(value, signed=signed)
    return None if problem is None else f" {problem}"


_CHECKS: dict[Any, _Check] = {str: _text, Decimal: _money, datetime: _moment, date: _day}


def _each(check: _Check, values: tuple[Any, ...], raw: Any) -> str | None:
    items = raw if type(raw) is list and len(raw) == len(values) else [None] * len(values)
    for index, (value, item) in enumerate(zip(values, items, strict=True)):
        if (problem := check(value, item)) is not None:
            return f"[{index}]{problem}"
    return None


# ----- settings --------------------------------------------------------------------------------


def settings_from_document(document: Any) -> Settings:
    """The shopper's settings from the store's metadata; `ValueError` naming a bad field."""
    if not isinstance(document, dict):
        raise ValueError("settings is not an object")
    windows = document.get("store_windows") or {}
    if not isinstance(windows, dict) or not all(
        isinstance(store, str) and type(days) is int and 0 < days <= MAX_DAYS
        for store, days in windows.items()
    ):
        raise ValueError(
            f"settings.store_windows must map store names to whole days (1 to {MAX_DAYS})"
        )
    lead_times = document.get("lead_times", list(DEFAULT_LEAD_TIMES))
    if not isinstance(lead_times, list) or not all(
        type(days) is int and 0 <= days <= MAX_DAYS for days in lead_times
    ):
        raise ValueError("settings.lead_times must be a list of whole days")
    keymap = document.get("keymap") or {}
    if not isinstance(keymap, dict) or not all(
        isinstance(binding, str) and isinstance(keys, str) and keys.strip()
        for binding, keys in keymap.items()
    ):
        raise ValueError("settings.keymap must map binding ids to keys, e.g. 'N' or 'ctrl+n'")
    checked = {**document, "store_windows": windows, "lead_times": lead_times, "keymap": keymap}
    return case_from_document(checked, "settings", Settings)
