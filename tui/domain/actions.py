"""Every change a shopper makes to a case, as a pure function from the old case to the new one.

Each action that matters later (a stage change, an edit) also appends a timeline event, so the
timeline is a complete record of the case for a dispute.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from tui.domain.history import is_stage_event, latest_stage_event, stage_after
from tui.domain.model import (
    AttachedFile,
    Case,
    DeadlineKind,
    Event,
    EventKind,
    EvidenceEntry,
    Extension,
    Stage,
)


def new_id() -> str:
    """A stable, unique identifier for a case, event or custom evidence item."""
    return uuid.uuid4().hex


def add_event(
    case: Case, kind: EventKind, text: str, at: datetime, amount: Decimal | None = None
) -> Case:
    """Append an event to the timeline, keeping the timeline in date order."""
    event = Event(id=new_id(), at=at, kind=kind, text=text, amount=amount)
    return _with_events(case, (*case.events, event))


def change_stage(case: Case, stage: Stage, at: datetime, details: str = "") -> Case:
    """Move the case to `stage` as of `at`, recording the move (and `details`) on the timeline.

    The timeline is the record of when each stage began: deadlines read their start dates from
    these events, so a move dated in the past counts from that date.
    """
    if stage is case.stage:
        return case
    latest = latest_stage_event(case.events)
    if latest is not None and at < latest.at:
        raise ValueError(f"is before the move to {case.stage.label} on {latest.at:%Y-%m-%d %H:%M}")
    text = f"{case.stage.label} → {stage.label}" + (f": {details}" if details else "")
    event = Event(id=new_id(), at=at, kind=EventKind.STAGE_CHANGE, text=text, stage=stage)
    return _with_events(case, (*case.events, event))


class EventNotEditable(ValueError):
    """An edit that would change what an event means (a stage move turned into a note...)."""


def edit_event(case: Case, event_id: str, at: datetime, kind: EventKind, text: str) -> Case:
    """The case with one timeline event corrected: its date and time, kind and text.

    Stage moves and the case's creation keep their kind: they are what the case's stage and
    deadlines are read from, not notes.
    """
    event = find_event(case, event_id)
    if kind is not event.kind and (kind in _FIXED_KINDS or event.kind in _FIXED_KINDS):
        raise EventNotEditable(f"a {event.kind.label.lower()} event cannot become another kind")
    edited = replace(event, at=at, kind=kind, text=text)
    return _with_events(case, tuple(edited if e.id == event_id else e for e in case.events))


def delete_event(case: Case, event_id: str) -> Case:
    """The case without one timeline event; removing a stage move puts the case back in the
    stage the timeline then ends in."""
    event = find_event(case, event_id)
    if event.kind is EventKind.CREATED:
        raise EventNotEditable("the event that opened the case cannot be deleted")
    return _with_events(case, tuple(e for e in case.events if e.id != event_id))


def find_event(case: Case, event_id: str) -> Event:
    """The case's event with `event_id`; `KeyError` if it has none."""
    for event in case.events:
        if event.id == event_id:
            return event
    raise KeyError(event_id)


_FIXED_KINDS = frozenset({EventKind.STAGE_CHANGE, EventKind.CREATED})


def _with_events(case: Case, events: tuple[Event, ...]) -> Case:
    """The case with `events` (in date order, as `Case` keeps them), in the stage its latest
    stage move went to."""
    updated = replace(case, events=events)
    if any(is_stage_event(event) for event in (*case.events, *events)):
        return replace(updated, stage=stage_after(updated.events))
    return updated


def extend_deadline(case: Case, kind: DeadlineKind, days: int, reason: str, at: datetime) -> Case:
    """Move one of the case's deadlines by `days` (agreed with the seller, a holiday, ...)."""
    extended = replace(case, extensions=(*case.extensions, Extension(kind, days, reason)))
    text = f"{kind.label}: {days:+d} days ({reason})"
    return add_event(extended, EventKind.NOTE, text, at)


def toggle_evidence(case: Case, key: str) -> Case:
    """Tick or untick checklist item `key`."""
    entry = case.evidence_entry(key)
    return _put_evidence(case, replace(entry, done=not entry.done))


def set_evidence_details(
    case: Case, key: str, path: str, note: str, file: AttachedFile | None = None
) -> Case:
    """Record item `key`'s file (where it was, and what it was when attached) and a note."""
    entry = replace(case.evidence_entry(key), path=path, note=note, file=file)
    return _put_evidence(case, entry)


def add_custom_evidence(case: Case, label: str) -> tuple[Case, str]:
    """Add a checklist item of the shopper's own; returns the new case and the item's key."""
    key = f"custom-{new_id()}"
    return _put_evidence(case, EvidenceEntry(key=key, label=label)), key


def rename_custom_evidence(case: Case, key: str, label: str) -> Case:
    """Give a checklist item of the shopper's own a new label."""
    return _put_evidence(case, replace(_custom(case, key), label=label))


def remove_custom_evidence(case: Case, key: str) -> Case:
    """Take a checklist item of the shopper's own off the checklist."""
    _custom(case, key)
    return replace(case, evidence=tuple(e for e in case.evidence if e.key != key))


def _custom(case: Case, key: str) -> EvidenceEntry:
    """The shopper's own item `key`; `ValueError` for an item that follows from the case."""
    entry = case.evidence_entry(key)
    if not entry.label:
        raise ValueError("only items of your own can be renamed or removed")
    return entry


def _put_evidence(case: Case, entry: EvidenceEntry) -> Case:
    if any(existing.key == entry.key for existing in case.evidence):
        updated = tuple(entry if old.key == entry.key else old for old in case.evidence)
        return replace(case, evidence=updated)
    return replace(case, evidence=(*case.evidence, entry))
