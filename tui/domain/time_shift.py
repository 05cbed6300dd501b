"""Moving a case through time, so the bundled demo always looks current.

The demo store is written as of one day; opening it later shifts every date by the same amount,
keeping its deadlines "in 3 days" and "2 days overdue" rather than all long past.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tui.domain.model import Case


def _day(value: date | None, delta: timedelta) -> date | None:
    return None if value is None else value + delta


def shift_case(case: Case, delta: timedelta) -> Case:
    """The case with every date and timestamp moved by `delta`."""
    return replace(
        case,
        created_at=case.created_at + delta,
        ordered_on=_day(case.ordered_on, delta),
        received_on=_day(case.received_on, delta),
        refund=replace(
            case.refund,
            initiated_on=_day(case.refund.initiated_on, delta),
            received_on=_day(case.refund.received_on, delta),
        ),
        dispute=replace(case.dispute, opened_on=_day(case.dispute.opened_on, delta)),
        events=tuple(replace(event, at=event.at + delta) for event in case.events),
    )
