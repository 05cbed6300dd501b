"""The shopper's common path, checked against dates worked out by hand: a seller contacted and
silent, a dispute that can be opened now, a lost return parcel, and a timeline read in date
order whatever order it was listed in."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.builders import ALIEXPRESS_BOOK, a_case, moment
from tui.domain.actions import add_event, change_stage
from tui.domain.deadline_rules import deadlines_for
from tui.domain.deadlines import Deadline, seller_silent
from tui.domain.model import Case, DeadlineKind, EventKind, Stage
from tui.domain.stages import suggested_stages
from tui.domain.templates import BUILT_IN, fill

# A defective scale shipped 11-05, received 11-24; the seller was contacted on 11-26 and has
# said nothing since. Disputes open from day 11 after shipping (11-16) until 15 days after
# receipt (12-09); the follow-up is due 3 days after the message (11-29).
SCALE = change_stage(
    a_case(item="Scale", shipped_on=date(2026, 11, 5), received_on=date(2026, 11, 24)),
    Stage.SELLER_CONTACTED,
    moment(date(2026, 11, 26)),
)
DEC_4 = date(2026, 12, 4)
# The seller agreed on 11-27; the parcel went back on 11-28.
SHIPPED_BACK = change_stage(
    change_stage(SCALE, Stage.RETURN_AGREED, moment(date(2026, 11, 27))),
    Stage.SHIPPED_BACK,
    moment(date(2026, 11, 28)),
)


def found(case: Case, today: date = DEC_4) -> dict[DeadlineKind, Deadline]:
    return {d.kind: d for d in deadlines_for(case, ALIEXPRESS_BOOK, today)}


def test_contacting_the_seller_starts_the_follow_up_clock() -> None:
    follow_up = found(SCALE)[DeadlineKind.FOLLOW_UP]
    assert (follow_up.start, follow_up.due) == (date(2026, 11, 26), date(2026, 11, 29))


def test_a_silent_seller_past_the_follow_up_means_open_a_dispute_now() -> None:
    follow_up = found(SCALE)[DeadlineKind.FOLLOW_UP]
    assert follow_up.explanation == (
        "Seller silent since 2026-11-26: open a dispute "
        "(possible since 2026-11-16, last day 2026-12-09)"
    )
    assert seller_silent(deadlines_for(SCALE, ALIEXPRESS_BOOK, DEC_4), DEC_4)
    assert suggested_stages(SCALE.stage, dispute_first=True)[0] is Stage.DISPUTE_OPEN


def test_a_seller_is_not_silent_before_the_follow_up_is_due_or_once_disputes_close() -> None:
    for today in (date(2026, 11, 29), date(2026, 12, 10)):
        assert not seller_silent(deadlines_for(SCALE, ALIEXPRESS_BOOK, today), today)
    assert suggested_stages(SCALE.stage)[0] is Stage.RETURN_AGREED


def test_a_reply_stops_the_clock_and_a_later_message_restarts_it() -> None:
    replied = add_event(SCALE, EventKind.SELLER_REPLY, "Send a photo", moment(date(2026, 11, 27)))
    assert DeadlineKind.FOLLOW_UP not in found(replied)
    again = add_event(replied, EventKind.MESSAGE_SENT, "Photo sent", moment(date(2026, 11, 28)))
    assert found(again)[DeadlineKind.FOLLOW_UP].due == date(2026, 12, 1)


def test_a_dispute_that_can_be_opened_is_open_now_until_its_last_day() -> None:
    opens = found(SCALE)[DeadlineKind.DISPUTE_OPENS]
    assert opens.due == date(2026, 11, 16)
    assert opens.is_open_now(DEC_4)
    assert opens.when(DEC_4) == "open now"
    assert DeadlineKind.DISPUTE_OPENS not in found(SCALE, today=date(2026, 12, 10))


def test_once_a_dispute_was_opened_its_last_day_is_not_shown_later() -> None:
    disputed = change_stage(SCALE, Stage.DISPUTE_OPEN, moment(date(2026, 11, 30)))
    agreed = change_stage(disputed, Stage.RETURN_AGREED, moment(date(2026, 12, 2)))
    assert DeadlineKind.DISPUTE_CLOSES not in found(agreed)


def test_a_lost_return_parcel_has_a_clock_until_the_claim_is_filed_or_it_is_found() -> None:
    lost = add_event(SHIPPED_BACK, EventKind.PARCEL_LOST, "", moment(date(2026, 12, 1)))
    claim = found(lost)[DeadlineKind.LOST_PARCEL]
    assert (claim.start, claim.due) == (date(2026, 12, 1), date(2026, 12, 3))
    filed = add_event(lost, EventKind.CARRIER_CLAIM, "", moment(date(2026, 12, 2)))
    assert DeadlineKind.LOST_PARCEL not in found(filed)
    back = add_event(lost, EventKind.RETURN_DELIVERED, "", moment(date(2026, 12, 3)))
    assert DeadlineKind.LOST_PARCEL not in found(back)
    assert DeadlineKind.RECEIPT_CONFIRMATION in found(back)


def test_a_delivered_return_stays_delivered_whatever_tracking_says_later() -> None:
    delivered = add_event(SHIPPED_BACK, EventKind.RETURN_DELIVERED, "", moment(date(2026, 11, 30)))
    later = add_event(delivered, EventKind.TRACKING_UPDATE, "scan", moment(date(2026, 12, 1)))
    deadlines = found(later)
    assert DeadlineKind.TRACKING_STALLED not in deadlines
    assert deadlines[DeadlineKind.RECEIPT_CONFIRMATION].start == date(2026, 11, 30)


def test_events_listed_out_of_order_are_read_in_date_order() -> None:
    early = add_event(SHIPPED_BACK, EventKind.TRACKING_UPDATE, "early", moment(date(2026, 11, 29)))
    both = add_event(early, EventKind.TRACKING_UPDATE, "late", moment(date(2026, 12, 2)))
    listed_backwards = replace(both, events=tuple(reversed(both.events)))
    assert listed_backwards.events == both.events
    assert found(listed_backwards)[DeadlineKind.TRACKING_STALLED].start == date(2026, 12, 2)


KINDS = st.sampled_from(
    [
        EventKind.MESSAGE_SENT,
        EventKind.SELLER_REPLY,
        EventKind.TRACKING_UPDATE,
        EventKind.RETURN_DELIVERED,
        EventKind.PARCEL_LOST,
        EventKind.CARRIER_CLAIM,
        EventKind.NOTE,
    ]
)
STAGES = st.sampled_from([Stage.SELLER_CONTACTED, Stage.SHIPPED_BACK, Stage.DISPUTE_OPEN])


@given(
    stage=STAGES,
    events=st.lists(st.tuples(KINDS, st.integers(1, 28)), max_size=8, unique_by=lambda e: e[1]),
    seed=st.integers(0, 2**32),
)
def test_shuffling_the_timeline_changes_no_deadline(
    stage: Stage, events: list[tuple[EventKind, int]], seed: int
) -> None:
    case = change_stage(SCALE, stage, moment(date(2026, 11, 27)))
    for kind, day in events:
        case = add_event(case, kind, "", moment(date(2026, 11, day), hour=13))
    shuffled = list(case.events)
    random.Random(seed).shuffle(shuffled)
    assert found(replace(case, events=tuple(shuffled))) == found(case)


SCALE_ROW = (
    "order_number,item,shipped_on,received_on,stage,contacted_on\n"
    "8100000000000777,Scale,2026-11-05,2026-11-24,seller_contacted,2026-11-26\n"
)


def _returns_tui(zone: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {"TZ": zone}
    return subprocess.run(
        [sys.executable, "-m", "tui", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def test_an_imported_silent_seller_is_overdue_in_due_wherever_the_store_is_read(
    tmp_path: Path,
) -> None:
    source, store = tmp_path / "mine.csv", tmp_path / "returns.json"
    source.write_text(SCALE_ROW)
    imported = _returns_tui("Pacific/Auckland", "import", str(source), "--db", str(store))
    assert imported.returncode == 0, imported.stderr
    reports = set()
    for zone in ("UTC", "America/Los_Angeles", "Asia/Tokyo"):
        due = _returns_tui(zone, "due", "--db", str(store), "--as-of", "2026-12-04", "--json")
        assert due.returncode == 1, due.stderr
        reports.add(due.stdout)
    (report,) = reports
    follow_up = next(item for item in json.loads(report) if item["kind"] == "follow_up")
    assert (follow_up["date"], follow_up["overdue"]) == ("2026-11-29", True)
    assert follow_up["explanation"].startswith("Seller silent since 2026-11-26: open a dispute")


def test_a_dispute_or_an_agreed_refund_stops_the_follow_up_clock() -> None:
    for stage in (Stage.DISPUTE_OPEN, Stage.REFUND_PENDING, Stage.RETURN_AGREED):
        moved = change_stage(SCALE, stage, moment(date(2026, 11, 30)))
        assert DeadlineKind.FOLLOW_UP not in found(moved), stage
    disputed = change_stage(SCALE, Stage.DISPUTE_OPEN, moment(date(2026, 11, 30)))
    chased = add_event(disputed, EventKind.MESSAGE_SENT, "Any news?", moment(date(2026, 12, 1)))
    assert found(chased)[DeadlineKind.FOLLOW_UP].start == date(2026, 12, 1)


def test_messages_date_the_last_time_you_wrote_from_the_move_to_seller_contacted() -> None:
    follow_up = next(t for t in BUILT_IN if "{last_message}" in t.text)
    assert "on 2026-11-26" in fill(follow_up.text, SCALE, DEC_4)


@pytest.mark.parametrize(
    ("shipped", "window"),
    [
        (date(2026, 11, 18), "possible since 2026-11-29"),  # opened after the follow-up was due
        (date(2026, 11, 25), "possible from 2026-12-06"),  # not open yet on 12-04
    ],
)
def test_the_silent_sellers_dispute_window_says_since_or_from_as_of_today(
    shipped: date, window: str
) -> None:
    received = shipped + timedelta(days=1)
    contacted = change_stage(
        a_case(shipped_on=shipped, received_on=received), Stage.SELLER_CONTACTED, moment(received)
    )
    assert window in found(contacted)[DeadlineKind.FOLLOW_UP].explanation
