"""Every change a shopper makes to a case, as a pure function from the old case to the new one.

Each action that matters later (a stage change, an edit) also appends a timeline event, so the
timeline is a complete record of the case for a dispute.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from tui.domain.model import (
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


def add_event(case: Case, kind: EventKind, text: str, at: datetime) -> Case:
    """Append an event to the timeline, keeping the timeline in date order."""
    event = Event(id=new_id(), at=at, kind=kind, text=text)
    return replace(case, events=_in_date_order((*case.events, event)))


def change_stage(case: Case, stage: Stage, at: datetime, note: str = "") -> Case:
    """Move the case to `stage`, recording the move on the timeline.

    Entering a dispute or a refund stage also fills in the dates the deadlines count from, unless
    the shopper has already entered them.
    """
    if stage is case.stage:
        return case
    text = f"{case.stage.label} → {stage.label}" + (f": {note}" if note else "")
    event = Event(id=new_id(), at=at, kind=EventKind.STAGE_CHANGE, text=text, stage=stage)
    changed = replace(case, stage=stage, events=_in_date_order((*case.events, event)))
    day = at.date()
    if stage is Stage.DISPUTE_OPEN and changed.dispute.opened_on is None:
        changed = replace(changed, dispute=replace(changed.dispute, opened_on=day))
    if stage is Stage.REFUND_PENDING and changed.refund.initiated_on is None:
        changed = replace(changed, refund=replace(changed.refund, initiated_on=day))
    if stage in (Stage.REFUNDED, Stage.PARTLY_REFUNDED) and changed.refund.received_on is None:
        refund = changed.refund
        initiated_on = refund.initiated_on or day
        changed = replace(
            changed, refund=replace(refund, received_on=day, initiated_on=initiated_on)
        )
    return changed


def extend_deadline(case: Case, kind: DeadlineKind, days: int, reason: str, at: datetime) -> Case:
    """Move one of the case's deadlines by `days` (agreed with the seller, a holiday, ...)."""
    extended = replace(case, extensions=(*case.extensions, Extension(kind, days, reason)))
    text = f"{kind.label}: {days:+d} days ({reason})"
    return add_event(extended, EventKind.NOTE, text, at)


def toggle_evidence(case: Case, key: str) -> Case:
    """Tick or untick checklist item `key`."""
    entry = case.evidence_entry(key)
    return _put_evidence(case, replace(entry, done=not entry.done))


def set_evidence_details(case: Case, key: str, path: str, note: str) -> Case:
    """Record where the file for item `key` is and a note about it."""
    return _put_evidence(case, replace(case.evidence_entry(key), path=path, note=note))


def add_custom_evidence(case: Case, label: str) -> tuple[Case, str]:
    """Add a checklist item of the shopper's own; returns the new case and the item's key."""
    key = f"custom-{new_id()}"
    return _put_evidence(case, EvidenceEntry(key=key, label=label)), key


def _put_evidence(case: Case, entry: EvidenceEntry) -> Case:
    if any(existing.key == entry.key for existing in case.evidence):
        updated = tuple(entry if old.key == entry.key else old for old in case.evidence)
        return replace(case, evidence=updated)
    return replace(case, evidence=(*case.evidence, entry))


def _in_date_order(events: tuple[Event, ...]) -> tuple[Event, ...]:
    # sorted() is stable, so events at the same moment keep the order they were added in.
    return tuple(sorted(events, key=lambda event: event.at))
