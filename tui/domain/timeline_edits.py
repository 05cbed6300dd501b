"""Correcting the timeline: the form for one event, and the rules that keep it in order.

The timeline is the record every stage date is read from, so correcting an event's date
corrects the deadlines that count from it. A stage move stays between the moves before and
after it (the stage path keeps its order), and no event can be dated in the future or before
the order was placed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from tui.domain.actions import add_event, edit_event, find_event
from tui.domain.fields import parse_amount, parse_moment, read_moment
from tui.domain.form import Form, FormErrors, FormField, required
from tui.domain.history import is_stage_event
from tui.domain.model import USER_EVENT_KINDS, Case, Event, EventKind

MOMENT_FORMAT = "%Y-%m-%d %H:%M"


def parse_event_moment(raw: str, case: Case, event: Event, now: datetime) -> datetime:
    """A corrected date and time for `event`; a date alone keeps the event's time of day."""
    text = raw.strip()
    moment = read_moment(text, now.tzinfo)
    if len(text) <= len("YYYY-MM-DD"):
        kept = event.at.astimezone(moment.tzinfo).time()
        moment = datetime.combine(moment.date(), time(kept.hour, kept.minute), moment.tzinfo)
    if moment > now:
        raise ValueError(f"{moment:{MOMENT_FORMAT}} is in the future")
    if case.ordered_on is not None and moment.date() < case.ordered_on:
        raise ValueError(f"{moment.date()} is before the order date {case.ordered_on}")
    if is_stage_event(event):
        before, after = _neighbouring_moves(case, event)
        if before is not None and moment < before.at:
            raise ValueError(f"is before the previous move ({before.at:{MOMENT_FORMAT}})")
        if after is not None and moment > after.at:
            raise ValueError(f"is after the next move ({after.at:{MOMENT_FORMAT}})")
    return moment


def _neighbouring_moves(case: Case, event: Event) -> tuple[Event | None, Event | None]:
    moves = [e for e in case.events if is_stage_event(e)]
    index = next(i for i, move in enumerate(moves) if move.id == event.id)
    before = moves[index - 1] if index > 0 else None
    after = moves[index + 1] if index + 1 < len(moves) else None
    return before, after


def new_event_form(case: Case, now: datetime) -> Form:
    """The form for adding an event to `case`: what happened, when (now unless changed) and
    what was said; its answer is the case with the event added."""
    shown = now.strftime(MOMENT_FORMAT)

    def when(raw: str) -> datetime:
        # Left as shown, "when" means now, to the second, so it sorts after what came before.
        return now if raw.strip() == shown else parse_moment(raw, now)

    kinds = tuple((kind.value, kind.label) for kind in USER_EVENT_KINDS)
    fields = (
        FormField("kind", "What happened", EventKind.NOTE.value, choices=kinds),
        FormField("when", "When", shown, when, placeholder="YYYY-MM-DD HH:MM"),
        FormField("text", "Details", "", required, placeholder="What was said or done"),
        FormField(
            "amount",
            f"Amount ({case.currency}, postage reimbursed only; blank: in full)",
            parse=parse_amount,
        ),
    )

    def added(values: Mapping[str, Any]) -> Case:
        kind, amount = EventKind(values["kind"]), values["amount"]
        if amount is not None and kind is not EventKind.POSTAGE_REIMBURSED:
            problem = f"only {EventKind.POSTAGE_REIMBURSED.label} carries an amount"
            raise FormErrors({"amount": problem}, {"amount": "Amount"})
        return add_event(case, kind, values["text"], values["when"], amount)

    return Form("Add event", fields, finish=added, save_label="Add", focus="text")


def event_form(case: Case, event_id: str, now: datetime) -> Form:
    """The form for correcting one event: when, what kind (hand-added events only), text; its
    answer is the corrected case."""
    event = find_event(case, event_id)
    shown = event.at.astimezone(now.tzinfo).strftime(MOMENT_FORMAT)
    fields = [
        FormField(
            "when",
            "When",
            shown,
            lambda raw: parse_event_moment(raw, case, event, now),
            placeholder="YYYY-MM-DD HH:MM",
        )
    ]
    if event.kind in USER_EVENT_KINDS:
        choices = tuple((kind.value, kind.label) for kind in USER_EVENT_KINDS)
        fields.append(FormField("kind", "What happened", event.kind.value, choices=choices))
    parse = required if event.kind in USER_EVENT_KINDS else _any_text
    fields.append(FormField("text", "Details", event.text, parse))
    return Form(
        f"Correct: {event.kind.label}",
        tuple(fields),
        finish=lambda values: apply_event_form(case, event_id, values),
    )


def _any_text(raw: str) -> str:
    return raw.strip()


def apply_event_form(case: Case, event_id: str, values: Mapping[str, Any]) -> Case:
    """The case with the event corrected as the form says."""
    event = find_event(case, event_id)
    kind = type(event.kind)(values["kind"]) if "kind" in values else event.kind
    return edit_event(case, event_id, values["when"], kind, values["text"])
