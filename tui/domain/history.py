"""What the timeline says happened when: the one record every stage date is read from.

A case keeps no second copy of the day its dispute was opened or its refund started; those are
the dates of the latest moves into the stages concerned, so correcting an event's date corrects
every deadline that counts from it, and a reopened dispute counts from its latest opening.

An event's day is the calendar day it was written on, in the UTC offset it was written with
(`written_day`): the day the shopper meant, wherever and whenever the store is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from tui.domain.model import Case, Event, EventKind, Stage

REFUNDED_STAGES = frozenset({Stage.REFUNDED, Stage.PARTLY_REFUNDED})


def is_stage_event(event: Event) -> bool:
    return event.kind is EventKind.STAGE_CHANGE and event.stage is not None


def latest_stage_event(events: Iterable[Event]) -> Event | None:
    """The last move between stages among `events` (in date order), if any."""
    return next((event for event in reversed(tuple(events)) if is_stage_event(event)), None)


def stage_after(events: Iterable[Event]) -> Stage:
    """The stage a timeline leaves the case in: where its latest move went, else Deciding."""
    latest = latest_stage_event(events)
    return latest.stage if latest is not None and latest.stage is not None else Stage.DECIDING


def entered_at(case: Case, *stages: Stage) -> datetime | None:
    """When the case last moved into one of `stages`, from its timeline."""
    # A plain loop: this runs for every open case on every start-up (a generator and a call
    # per event took twice as long).
    for event in reversed(case.events):
        if event.kind is EventKind.STAGE_CHANGE and event.stage in stages:
            return event.at
    return None


def written_day(event: Event) -> date:
    """The calendar day of `event` as it was written (its own UTC offset, not the reader's)."""
    return event.at.date()


def entered_on(case: Case, *stages: Stage) -> date | None:
    """The day the case last moved into one of `stages`."""
    moment = entered_at(case, *stages)
    return None if moment is None else moment.date()


def dispute_opened_on(case: Case) -> date | None:
    return entered_on(case, Stage.DISPUTE_OPEN)


def refund_started_on(case: Case) -> date | None:
    return entered_on(case, Stage.REFUND_PENDING)


def refund_received_on(case: Case) -> date | None:
    """The day the refund reached the shopper: the move into Refunded or Partly refunded."""
    return entered_on(case, *REFUNDED_STAGES)


def _wrote_to_seller(event: Event) -> bool:
    """A message to the seller, or the move to Seller contacted (contacting the seller)."""
    return event.kind is EventKind.MESSAGE_SENT or (
        event.kind is EventKind.STAGE_CHANGE and event.stage is Stage.SELLER_CONTACTED
    )


def last_written_on(case: Case) -> date | None:
    """The day the shopper last wrote to the seller."""
    return next((written_day(e) for e in reversed(case.events) if _wrote_to_seller(e)), None)


def last_unanswered_message_on(case: Case) -> date | None:
    """The day the shopper last wrote to the seller, if nothing answered it since: no reply,
    and no move to another stage (a dispute opened, a return agreed: their own clocks follow)."""
    for event in reversed(case.events):
        if _wrote_to_seller(event):
            return written_day(event)
        if event.kind in (EventKind.SELLER_REPLY, EventKind.STAGE_CHANGE):
            return None
    return None
