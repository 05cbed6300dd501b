"""Older stores move their stage dates onto the timeline; the demo stays true at any age."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson

from tests.builders import rule_book
from tests.conftest import DEMO_DAY
from tui.domain.advice import postage_reimbursement
from tui.domain.case_form import form_values
from tui.domain.fields import parse_fields
from tui.domain.history import dispute_opened_on, refund_received_on, refund_started_on
from tui.domain.model import EventKind, Stage
from tui.store import backups
from tui.store.case_store import CaseStore
from tui.store.demo import demo_copy


def _v2_case(**changes: object) -> dict[str, object]:
    case = {
        "id": "c1",
        "order_number": "81",
        "item": "Lamp",
        "created_at": "2026-10-01T09:00:00+00:00",
        "stage": "dispute_open",
        "events": [{"id": "e1", "at": "2026-10-01T09:00:00+00:00", "kind": "created", "text": ""}],
        "refund": {"amount": "4.00", "initiated_on": None, "received_on": None},
        "dispute": {"opened_on": "2026-10-05", "outcome": ""},
    }
    return case | changes


def _store_of(tmp_path: Path, *cases: dict[str, object]) -> Path:
    path = tmp_path / "old.json"
    data = {
        "meta": {"1": {"schema_version": 2}},
        "cases": {str(number): case for number, case in enumerate(cases, start=1)},
    }
    path.write_bytes(orjson.dumps(data))
    return path


def test_a_date_kept_beside_the_timeline_becomes_a_dated_move(tmp_path: Path) -> None:
    path = _store_of(tmp_path, _v2_case())
    original = path.read_bytes()
    store = CaseStore.open(path)
    [case] = store.cases()
    store.close()
    assert case.stage is Stage.DISPUTE_OPEN
    assert dispute_opened_on(case) == date(2026, 10, 5)
    assert case.refund.expected is not None
    assert case.refund.received is None
    [kept] = backups.backups_of(path)
    assert kept.read_bytes() == original


def test_a_refunded_case_keeps_its_dates_and_amount(tmp_path: Path) -> None:
    refunded = _v2_case(
        stage="refunded",
        refund={"amount": "9.40", "initiated_on": "2026-10-03", "received_on": "2026-10-09"},
        dispute={"opened_on": None, "outcome": ""},
        events=[
            {"id": "e1", "at": "2026-10-01T09:00:00+00:00", "kind": "created", "text": ""},
            {
                "id": "e2",
                "at": "2026-10-03T10:00:00+00:00",
                "kind": "stage_change",
                "text": "Deciding → Refund pending",
                "stage": "refund_pending",
            },
        ],
    )
    store = CaseStore.open(_store_of(tmp_path, refunded))
    [case] = store.cases()
    store.close()
    assert case.stage is Stage.REFUNDED
    assert refund_started_on(case) == date(2026, 10, 3)
    assert refund_received_on(case) == date(2026, 10, 9)
    assert str(case.refund.received) == "9.40"


def test_a_lost_parcel_keeps_its_claim_and_postage_you_paid_stays_owed(tmp_path: Path) -> None:
    lost = _v2_case(
        stage="shipped_back",
        reason="defective",
        shipment={"cost": "4.20", "paid_by": "seller", "prepaid_label": False},
        events=[
            {"id": "e1", "at": "2026-10-01T09:00:00+00:00", "kind": "created", "text": ""},
            {"id": "e2", "at": "2026-10-09T10:00:00+00:00", "kind": "parcel_lost", "text": "x"},
        ],
    )
    store = CaseStore.open(_store_of(tmp_path, lost))
    [case] = store.cases()
    store.close()
    kinds = [event.kind for event in case.events]
    assert kinds.index(EventKind.CARRIER_CLAIM) > kinds.index(EventKind.PARCEL_LOST)
    assert case.shipment.you_paid
    assert postage_reimbursement(case, rule_book()) is not None


def test_the_demo_opened_400_days_later_is_consistent() -> None:
    later = DEMO_DAY + timedelta(days=400)
    store = CaseStore.open(demo_copy(later))
    try:
        cases = store.cases()
        for case in cases:
            # Every case passes the form's own checks unchanged.
            parse_fields(form_values(case), later)
            assert list(case.events) == sorted(case.events, key=lambda event: event.at)
            assert all(event.at.date() <= later for event in case.events), case.item
            if case.ordered_on and case.shipped_on:
                assert case.ordered_on <= case.shipped_on
            assert case.ordered_on is None or case.ordered_on > DEMO_DAY
    finally:
        store.close()
