"""The form for a whole case, and the cases it makes: a new case, or an edit of one.

The form shows each of the case's fields (`tui.domain.fields.FIELDS`) as text and reads it back
with the same parsers an import uses, so a case typed in and a case imported obey one set of
rules. An edit writes an "edited" event naming each change from what to what.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from tui.domain.actions import add_event, new_id
from tui.domain.fields import (
    FIELDS,
    FieldSpec,
    InvalidFields,
    YesNo,
    errors_across_fields,
    tracking_note,
)
from tui.domain.form import Form, FormField
from tui.domain.model import Case, EventKind, Stage
from tui.domain.stage_form import restate_details
from tui.domain.tracking import with_guessed_carrier

# Fields holding a tracking number: their border says which carrier it looks like.
_TRACKING_NUMBERS = frozenset({"tracking_number", "replacement_tracking"})
# The details a stage asks for when a case moves there (see `tui.domain.stage_form`): the case
# form shows them only once the case has been there, or when they hold something.
_STAGE_DETAILS: dict[str, frozenset[Stage]] = {
    **dict.fromkeys(
        (
            "carrier",
            "tracking_number",
            "postage_cost",
            "postage_paid_by",
            "postage_you_paid",
            "prepaid_label",
        ),
        frozenset({Stage.SHIPPED_BACK}),
    ),
    "refund_expected": frozenset({Stage.REFUND_PENDING}),
    "refund_amount": frozenset({Stage.REFUNDED, Stage.PARTLY_REFUNDED}),
    **dict.fromkeys(
        ("dispute_claim", "dispute_claim_amount", "dispute_reason"),
        frozenset({Stage.DISPUTE_OPEN}),
    ),
    **dict.fromkeys(("return_address", "return_authorisation"), frozenset({Stage.RETURN_AGREED})),
    "close_reason": frozenset({Stage.REJECTED, Stage.CANCELLED}),
    "replacement_tracking": frozenset({Stage.REPLACEMENT_COMING, Stage.REPLACED}),
}


def new_case_form(defaults: Mapping[str, str], now: datetime) -> Form:
    """The form for a new case, filled with `defaults`; its answer is the new case.

    A new case has been through no stage yet, so no stage's details are asked."""
    names = [name for name in FIELDS if name not in _STAGE_DETAILS]
    return _case_form(
        "New case", names, defaults, now.date(), lambda values: create_case(values, now)
    )


def edit_case_form(case: Case, now: datetime) -> Form:
    """The form for editing `case`; its answer is the edited case (the same one if nothing
    changed). It asks for the details of the stages the case has been through, and any other
    detail that holds something."""
    values, blank = form_values(case), new_form_values(case.marketplace)
    visited = {event.stage for event in case.events if event.stage is not None}
    names = [
        name
        for name in FIELDS
        if name not in _STAGE_DETAILS
        or _STAGE_DETAILS[name] & visited
        or values[name] != blank[name]
    ]
    return _case_form(
        f"Edit {case.order_number}",
        names,
        values,
        now.date(),
        lambda edited: edit_case(case, edited, now),
    )


def _case_form(
    title: str,
    names: list[str],
    values: Mapping[str, str],
    today: date,
    make: Callable[[dict[str, Any]], Case],
) -> Form:
    def field(name: str, spec: FieldSpec) -> FormField:
        return FormField(
            name,
            spec.label,
            values.get(name, ""),
            parse=lambda raw: spec.parse(raw.strip(), today),
            placeholder=spec.placeholder,
            choices=tuple((member.value, member.label) for member in spec.choices or ()),
            note=tracking_note if name in _TRACKING_NUMBERS else None,
        )

    def finish(parsed: dict[str, Any]) -> Case:
        if errors := errors_across_fields(parsed):
            raise InvalidFields(errors)
        return make(parsed)

    fields = tuple(field(name, FIELDS[name]) for name in names)
    return Form(title, fields, finish=finish, columns=2)


def form_values(case: Case) -> dict[str, str]:
    """A case's fields as the text a form shows for editing."""

    def shown(value: object) -> str:
        if isinstance(value, bool):
            return (YesNo.YES if value else YesNo.NO).value
        return "" if value is None else str(value)

    return {name: shown(_stored(case, name, spec)) for name, spec in FIELDS.items()}


def _stored(case: Case, name: str, spec: FieldSpec) -> object:
    holder = getattr(case, spec.part) if spec.part else case
    return getattr(holder, spec.attribute or name)


def new_form_values(marketplace: str) -> dict[str, str]:
    """What the form shows for a new case: the model's defaults, on the given marketplace."""
    # created_at is not a form field; any value will do for the blank case.
    blank = Case(id="", order_number="", item="", created_at=datetime.min, marketplace=marketplace)
    return form_values(blank)


def _with_values(case: Case, values: Mapping[str, Any]) -> Case:
    """The case with each field's value put where the field lives."""
    changes: dict[str, dict[str, Any]] = {}
    for name, value in values.items():
        spec = FIELDS[name]
        changes.setdefault(spec.part, {})[spec.attribute or name] = value
    parts = {
        part: replace(getattr(case, part), **fields) for part, fields in changes.items() if part
    }
    changed = replace(case, **changes.get("", {}), **parts)
    return replace(changed, shipment=with_guessed_carrier(changed.shipment))


def create_case(values: Mapping[str, Any], at: datetime) -> Case:
    """A new case from parsed form values, its timeline starting with its creation."""
    blank = Case(id=new_id(), order_number="", item="", created_at=at)
    return add_event(_with_values(blank, values), EventKind.CREATED, "Case opened", at)


def edit_case(case: Case, values: Mapping[str, Any], at: datetime) -> Case:
    """The case with new field values; the timeline notes which fields changed, and each
    stage move names its stage's details as they are now."""
    edited = restate_details(case, _with_values(case, values))
    before, after = form_values(case), form_values(edited)
    changed = [
        f"{FIELDS[name].label} from {_quoted(before[name])} to {_quoted(after[name])}"
        for name in FIELDS
        if after[name] != before[name]
    ]
    if not changed:
        return case
    return add_event(edited, EventKind.EDITED, "Changed " + "; ".join(changed), at)


def _quoted(value: str) -> str:
    """A field's value in an "edited" event: blank says so, long text is cut."""
    if not value:
        return "(blank)"
    return f"'{value}'" if len(value) <= 40 else f"'{value[:39]}…'"
