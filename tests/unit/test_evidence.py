"""The evidence checklist follows the reason and the stages the case has been through."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tests.builders import a_case, moment
from tui.domain.actions import (
    add_custom_evidence,
    add_event,
    change_stage,
    set_evidence_details,
    toggle_evidence,
)
from tui.domain.evidence import checklist, progress, taken_too_early
from tui.domain.model import AttachedFile, EventKind, Reason, Stage


def keys(case) -> list[str]:
    return [item.key for item in checklist(case)]


def test_every_return_needs_the_seeds_screenshots_and_photos() -> None:
    for reason in set(Reason) - {Reason.NOT_RECEIVED}:
        found = keys(a_case(reason=reason))
        for key in ("order_details", "product_page", "return_policy"):
            assert key in found, (reason, key)
        assert "item_photos" in found
        assert "packaging_photos" in found
    found = keys(a_case(reason=Reason.DEFECTIVE))
    assert "defect_photos" in found
    assert "defect_photos" not in keys(a_case(reason=Reason.CHANGED_MIND))


def test_checklist_by_stage_and_history() -> None:
    agreed = change_stage(a_case(), Stage.RETURN_AGREED, moment(date(2026, 11, 12)))
    assert "return_form" in keys(agreed)
    assert "return_form" not in keys(a_case())
    shipped = change_stage(agreed, Stage.SHIPPED_BACK, moment(date(2026, 11, 13)))
    disputed = change_stage(shipped, Stage.DISPUTE_OPEN, moment(date(2026, 11, 20)))
    assert "proof_of_delivery_dispute" in keys(disputed)
    assert "written_account" in keys(disputed)
    early_dispute = change_stage(a_case(), Stage.DISPUTE_OPEN, moment(date(2026, 11, 12)))
    assert "proof_of_delivery_dispute" not in keys(early_dispute)
    lost = add_event(shipped, EventKind.PARCEL_LOST, "claim", moment(date(2026, 11, 20)))
    assert "carrier_claim" in keys(lost)
    assert "carrier_claim" not in keys(shipped)


def test_not_as_described_needs_the_product_page() -> None:
    assert "product_page" in keys(a_case(reason=Reason.NOT_AS_DESCRIBED))


def test_a_parcel_never_received_needs_tracking_not_item_photos() -> None:
    found = keys(a_case(reason=Reason.NOT_RECEIVED))
    assert "delivery_tracking" in found
    assert "item_photos" not in found


def test_packing_items_appear_once_a_return_is_agreed_and_stay_afterwards() -> None:
    case = a_case()
    assert "packaging" not in keys(case)
    agreed = change_stage(case, Stage.RETURN_AGREED, moment(date(2026, 11, 12)))
    assert "packaging" in keys(agreed)
    refunded = change_stage(agreed, Stage.REFUNDED, moment(date(2026, 11, 20)))
    assert "packaging" in keys(refunded)
    assert "refund_confirmation" in keys(refunded)


def test_a_refund_without_a_return_needs_no_packing_proof() -> None:
    refunding = change_stage(a_case(), Stage.REFUND_PENDING, moment(date(2026, 11, 12)))
    found = keys(refunding)
    assert "packaging" not in found
    assert "refund_confirmation" in found


def test_ticking_updates_progress_and_keeps_details() -> None:
    case = set_evidence_details(a_case(), "order_details", "~/order.png", "from the app")
    case = toggle_evidence(case, "order_details")
    items = checklist(case)
    done, total = progress(items)
    assert (done, total) == (1, len(items))
    assert items[0].entry.path == "~/order.png"
    assert not checklist(toggle_evidence(case, "order_details"))[0].done


def test_custom_items_come_last_under_their_own_heading() -> None:
    case, key = add_custom_evidence(a_case(), "Customs receipt")
    last = checklist(case)[-1]
    assert (last.key, last.label, last.section) == (key, "Customs receipt", "Your items")


def test_a_photo_of_the_parcel_taken_before_it_arrived_is_flagged() -> None:
    received = a_case(reason=Reason.DEFECTIVE, received_on=date(2026, 11, 10))
    tokyo = timezone(timedelta(hours=9))

    def flag(key: str, taken: datetime | None) -> str:
        file = AttachedFile("0" * 64, 1, moment(date(2026, 11, 20)), taken)
        case = set_evidence_details(received, key, "/p.jpg", "", file)
        return taken_too_early(case, next(i for i in checklist(case) if i.key == key))

    # 23:30 on the 9th in Tokyo is the 9th there, whatever the UTC day.
    assert flag("defect_photos", datetime(2026, 11, 9, 23, 30, tzinfo=tokyo)) == (
        "taken before the parcel arrived (2026-11-10)"
    )
    assert flag("defect_photos", datetime(2026, 11, 10, 0, 30, tzinfo=tokyo)) == ""
    assert flag("defect_photos", None) == ""
    # A screenshot of the order is naturally older than the parcel.
    assert flag("order_details", datetime(2026, 11, 1, 12, tzinfo=tokyo)) == ""
