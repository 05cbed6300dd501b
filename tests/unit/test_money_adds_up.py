"""Money that adds up: archived cases count nowhere, a dispute's claim is what is awaited, and an
imported refund smaller than the price is a partial one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.builders import a_case, moment
from tui.cli import main
from tui.domain.actions import change_stage
from tui.domain.model import Dispute, Outcome, Stage
from tui.domain.stage_form import stage_form
from tui.domain.statistics import RefundsAwaited, awaited_refund, compute
from tui.store.case_store import CaseStore

TODAY = date(2026, 11, 26)
PAID = a_case(amount=Decimal("20.00"))
PENDING = change_stage(PAID, Stage.REFUND_PENDING, moment(date(2026, 11, 12)))
REFUNDED = change_stage(
    replace(PENDING, refund=replace(PENDING.refund, received=Decimal("20.00"))),
    Stage.REFUNDED,
    moment(date(2026, 11, 20)),
)


def test_an_archived_case_counts_nowhere() -> None:
    archived = [replace(PENDING, id="a", archived=True), replace(REFUNDED, id="b", archived=True)]
    figures = compute(archived, TODAY)
    assert figures.awaiting == {}
    assert figures.refunded_this_month == figures.refunded_this_year == {}
    assert figures.stores == []
    assert sum(figures.monthly_refunds) == 0
    assert RefundsAwaited(archived).totals() == {}


def test_a_partial_refund_claimed_in_a_dispute_is_the_money_awaited() -> None:
    claimed = replace(
        PAID, dispute=Dispute(claim=Outcome.PARTIAL_REFUND, claim_amount=Decimal("7.50"))
    )
    assert awaited_refund(claimed) == Decimal("7.50")
    form = stage_form(claimed, Stage.REFUND_PENDING, moment(TODAY), claimed.shipment.paid_by)
    assert {f.name: f.value for f in form.fields}["expected"] == "7.50"


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str) -> tuple[int, str]:
    source, store = tmp_path / "mine.csv", tmp_path / "returns.json"
    source.write_text(
        "order_number,item,amount,received_on,stage,refund_received_on,refund_amount\n" + rows
    )
    status = main(["import", str(source), "--db", str(store)])
    return status, capsys.readouterr().err


def test_an_imported_refund_below_the_price_is_partial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = _import(tmp_path, capsys, "81,Lamp,20.00,2026-11-01,,2026-11-20,12.00\n")
    assert status == 0, err
    [case] = CaseStore.open(tmp_path / "returns.json", exclusive=False).cases()
    assert case.stage is Stage.PARTLY_REFUNDED


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("81,Lamp,20.00,2026-11-01,refunded,2026-11-20,", "row 2, refund_amount: is required"),
        ("81,Lamp,20.00,2026-11-01,,,5.00", "row 2, refund_received_on: is required"),
    ],
)
def test_an_imported_refund_needs_its_date_and_its_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, problem: str
) -> None:
    status, err = _import(tmp_path, capsys, row + "\n")
    assert status == 2
    assert problem in err


def test_an_imported_refund_above_the_price_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = _import(tmp_path, capsys, "81,Lamp,20.00,2026-11-01,,2026-11-20,25.00\n")
    assert status == 0, err
    assert "row 2, refund_amount: the refund USD 25.00 is more than the USD 20.00 paid" in err


def test_refunded_with_less_than_the_price_is_recorded_as_partly_refunded() -> None:
    form = stage_form(PENDING, Stage.REFUNDED, moment(TODAY), PENDING.shipment.paid_by)
    moved = form.parse({"when": "2026-11-20", "received": "12.00"})
    assert moved.stage is Stage.PARTLY_REFUNDED
    whole = form.parse({"when": "2026-11-20", "received": "20.00"})
    assert whole.stage is Stage.REFUNDED
