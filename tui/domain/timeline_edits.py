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

from tui.domain.actions import edit_event, find_event
from tui.domain.fields import read_moment
from tui.domain.form import FormField, required
from tui.domain.history import is_stage_event
from tui.domain.model import USER_EVENT_KINDS, Case, Event

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


def event_form(case: Case, event_id: str, now: datetime) -> list[FormField]:
    """The fields for correcting one event: when, what kind (hand-added events only), text."""
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
    return fields


def _any_text(raw: str) -> str:
    return raw.strip()


def apply_event_form(case: Case, event_id: str, values: Mapping[str, Any]) -> Case:
    """The case with the event corrected as the form says."""
    event = find_event(case, event_id)
    kind = type(event.kind)(values["kind"]) if "kind" in values else event.kind
    return edit_event(case, event_id, values["when"], kind, values["text"])
